import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { Detail } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { PendingPage } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { percent, shareAsPercent } from '../../lib/percent';
import { Checklist } from './Checklist';
import { programmeLabel } from '../../lib/programme-label';

/**
 * The certificate summary as a page of its own, laid out for A4. "Skriv ut" uses the browser's
 * print; print.css hides the app around it, so Electron's printToPDF gives the same paper.
 */
export function CertificatePrintPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '', programmeId = '' } = useParams();
  const summary = useApiQuery('leaders.certificateSummary', { leaderId: id, programmeId });
  const s = summary.data;
  const back = (
    <Link to={`/leaders/${id}`} className="no-print">
      ← {t('leaders.print.back')}
    </Link>
  );
  if (!s) {
    return <PendingPage title={t('leaders.print.title')} back={back} query={summary} />;
  }
  const c = s.certification;
  return (
    <>
      <div className="no-print">
        <PageHeader
          title={t('leaders.print.heading', { name: s.leader.name })}
          back={back}
          actions={
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t('leaders.print.print')}
            </button>
          }
        />
      </div>
      <article className="panel certificate" aria-labelledby="certificate-title">
        <h2 id="certificate-title" className="certificate__title">
          {t('leaders.print.documentTitle', { programme: s.programme.name })}
        </h2>
        <p className="muted">{t('leaders.print.printedOn', { date: fmt.date(s.printedOn) })}</p>
        <dl className="details">
          <Detail label={t('leaders.print.leader')}>{s.leader.name}</Detail>
          <Detail label={t('leaders.print.unit')}>{s.leader.unitName ?? '–'}</Detail>
          <Detail label={t('leaders.print.programme')}>{programmeLabel(s.programme)}</Detail>
          <Detail label={t('leaders.col.status')}>{t(`leaders.status.${s.pathway.status}`)}</Detail>
          <Detail label={t('leaders.print.certifiedOn')}>{c ? fmt.date(c.date) : t('leaders.print.notCertified')}</Detail>
          <Detail label={t('leaders.print.certifiedBy')}>{c ? c.supervisorName : '–'}</Detail>
          {c && !c.requirementsMet && <Detail label={t('leaders.print.overrideReason')}>{c.overrideReason ?? '–'}</Detail>}
          {c?.note && <Detail label={t('leaders.certify.note')}>{c.note}</Detail>}
        </dl>

        <section aria-labelledby="cert-requirements">
          <h2 id="cert-requirements">{t('leaders.pathway.title')}</h2>
          <Checklist pathway={s.pathway} />
        </section>

        <section aria-labelledby="cert-courses">
          <h2 id="cert-courses">{t('leaders.courses.title')}</h2>
          {s.courses.length === 0 ? (
            <p className="muted">{t('leaders.courses.empty')}</p>
          ) : (
            <ul>
              {s.courses.map((course, i) => (
                <li key={i}>
                  {course.title} ({course.trainerName}): {course.daysAttended.map((d) => fmt.shortDate(d)).join(', ') || '–'}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="cert-groups">
          <h2 id="cert-groups">{t('leaders.groups.title')}</h2>
          <DataTable
            caption={t('leaders.groups.title')}
            wrap={false}
            rows={s.groups}
            rowKey={(g) => g.groupId}
            empty={<p className="muted">{t('leaders.groups.empty')}</p>}
            columns={[
              {
                key: 'group',
                header: t('leaders.groups.group'),
                rowHeader: true,
                cell: (g) => `${g.programmeCode} · ${g.unitName}, ${fmt.shortDate(g.startDate)}`,
              },
              {
                key: 'sessions',
                header: t('leaders.groups.sessions'),
                className: 'num',
                cell: (g) => t('groups.heldOf', { held: g.heldCount, total: g.sessionCount }),
              },
              { key: 'attendance', header: t('leaders.col.attendance'), className: 'num', cell: (g) => shareAsPercent(g.meanAttendance) },
              { key: 'fidelity', header: t('leaders.col.fidelity'), className: 'num', cell: (g) => percent(g.meanFidelity) },
              { key: 'supervisor', header: t('leaders.groups.supervisor'), cell: (g) => g.supervisorName ?? '–' },
            ]}
          />
        </section>

        <section aria-labelledby="cert-supervision">
          <h2 id="cert-supervision">{t('leaders.supervision.title')}</h2>
          <DataTable
            caption={t('leaders.supervision.title')}
            wrap={false}
            rows={s.supervision.map((x, i) => ({ ...x, index: i }))}
            rowKey={(x) => String(x.index)}
            empty={<p className="muted">{t('leaders.supervision.empty')}</p>}
            columns={[
              { key: 'date', header: t('supervision.date'), rowHeader: true, cellClassName: 'nowrap', cell: (x) => fmt.shortDate(x.date) },
              { key: 'supervisor', header: t('supervision.supervisor'), cell: (x) => x.supervisorName },
              { key: 'format', header: t('supervision.format'), cell: (x) => `${t(`supervision.formats.${x.format}`)}, ${t(`supervision.modes.${x.mode}`)}` },
              { key: 'rating', header: t('leaders.supervision.rating'), className: 'num', cell: (x) => x.rating ?? '–' },
            ]}
          />
        </section>

        <div className="certificate__signature" aria-hidden="true">
          <p className="certificate__line">{t('leaders.print.signature')}</p>
          <p className="certificate__line">{t('leaders.print.place')}</p>
        </div>
      </article>
    </>
  );
}
