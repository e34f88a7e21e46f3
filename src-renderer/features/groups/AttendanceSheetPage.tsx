import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PendingPage } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { useFormat } from '../../lib/format';
import './attendance-sheet.css';

/** Who is expected at a session: not those who left the group, dropped out or never came. */
const EXPECTED = new Set(['active', 'completed', 'not_completed']);

/**
 * A session's attendance on paper, for a room without a laptop: the participants' names with empty
 * boxes to tick, filled in by hand and entered in Komet afterwards.
 */
export function AttendanceSheetPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { id = '', sessionId = '' } = useParams();
  const group = useApiQuery('groups.get', { id });
  const overview = useApiQuery('groups.overview', { id });
  const g = group.data;
  const o = overview.data;
  const back = (
    <Link to={`/groups/${id}`} className="no-print">
      ← {t('groups.sheet.back')}
    </Link>
  );
  const session = g?.sessions.find((s) => s.id === sessionId);
  if (!g || !o || !session) {
    return <PendingPage title={t('groups.sheet.link')} back={back} query={!g ? group : overview} />;
  }
  const participants = o.participants.filter((p) => EXPECTED.has(p.status));
  const groupName = `${g.programmeName} – ${g.unitName}`;
  const date = session.heldDate ?? session.plannedDate;
  const box = <span className="sheet__box" />;

  return (
    <>
      <PageHeader
        title={t('groups.sheet.title', { number: session.number })}
        back={back}
        subtitle={<span className="no-print">{t('groups.sheet.intro')}</span>}
        actions={
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t('groups.sheet.print')}
          </button>
        }
      />
      <div className="no-print sheet__choice">
        <SelectField
          id="sheet-session"
          label={t('groups.sheet.session')}
          value={session.id}
          onChange={(e) => void navigate(`/groups/${id}/sessions/${e.target.value}/sheet`)}
          options={g.sessions.map((s) => ({
            value: s.id,
            label: t('groups.sheet.sessionOption', { number: s.number, date: fmt.date(s.heldDate ?? s.plannedDate) }),
          }))}
        />
      </div>
      <article className="panel sheet" aria-labelledby="sheet-title">
        <h2 id="sheet-title">{groupName}</h2>
        <p>{t('groups.sheet.when', { number: session.number, date: fmt.date(date), time: g.startTime })}</p>
        {g.venue && <p>{t('groups.sheet.venue', { venue: g.venue })}</p>}
        <p>{t('groups.sheet.leaders', { names: g.leaders.map((l) => l.name).join(', ') || '–' })}</p>
        <DataTable
          caption={t('groups.sheet.caption')}
          className="sheet__table"
          rows={participants}
          rowKey={(p) => p.id}
          empty={<p className="muted">{t('groups.sheet.empty')}</p>}
          columns={[
            { key: 'name', header: t('groups.sheet.name'), rowHeader: true, cell: (p) => p.displayName },
            { key: 'present', header: t('groups.sheet.present'), cellClassName: 'sheet__tick', cell: () => box },
            { key: 'notice', header: t('groups.sheet.notice'), cellClassName: 'sheet__tick', cell: () => box },
            { key: 'note', header: t('groups.sheet.note'), cellClassName: 'sheet__note', cell: () => null },
          ]}
        />
        <p className="sheet__signature">{t('groups.sheet.signature')}</p>
      </article>
    </>
  );
}
