import { useTranslation } from 'react-i18next';
import type { ParticipationDashboard } from '@contract';
import { EmptyState } from '../../components/EmptyState';
import { MoreHint } from '../../components/MoreHint';
import { Panel } from '../../components/Panel';
import { useApiQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { RowLink } from '../../components/RowLink';
import { Stat, StatGrid } from '../../components/Stat';
import { useWordsOnce } from '../../i18n/useWordsOnce';
import { useFormat } from '../../lib/format';
import { shareAsPercent } from '../../lib/percent';
import { SessionList } from '../dashboard/SessionList';

type SessionRow = ParticipationDashboard['heldWithoutAttendance'][number];

/**
 * The dashboard's participation panels: who is at risk, what is missing, completion this year.
 * Read as the dashboard opens, beside its other panels; until they are there they say so in their
 * own place.
 */
export function ParticipationPanels() {
  const query = useApiQuery('dashboard.participation', {});
  return <QueryState query={query}>{(d) => <ParticipationFigures d={d} />}</QueryState>;
}

function ParticipationFigures({ d }: { d: ParticipationDashboard }) {
  const { t } = useTranslation();
  const words = useWordsOnce();
  const fmt = useFormat();
  return (
    <>
      <StatGrid id="participation-figures" title={t('participationDashboard.figures')}>
        <Stat label={t('participationDashboard.completionRate')} value={shareAsPercent(d.completionRateThisYear)} />
        <Stat label={t('participationDashboard.atRiskCount')} value={fmt.number(d.atRiskTotal)} />
      </StatGrid>
      <div className="dashboard-columns">
        <Panel id="at-risk" title={t('participationDashboard.atRisk')} count={d.atRiskTotal > 0 && fmt.number(d.atRiskTotal)}>
          {d.atRisk.length === 0 ? (
            <EmptyState title={t('participationDashboard.atRiskEmpty')} />
          ) : (
            <>
              <p className="panel__hint">{t('participationDashboard.atRiskHint')}</p>
              <ul className="session-list">
                {d.atRisk.map((p) => (
                  <li key={p.participantId} className="session-list__item">
                    <span className="session-list__date">{p.displayName}</span>
                    <RowLink to={`/groups/${p.groupId}`} className="session-list__link">
                      {words.fill('participationDashboard.groupLink', { programme: p.programmeCode, venue: p.groupVenue || '' }).trim()}
                    </RowLink>
                    <span className="muted session-list__venue">{words.word('participationDashboard.streak', p.absentStreak)}</span>
                  </li>
                ))}
              </ul>
              <MoreHint shown={d.atRisk.length} total={d.atRiskTotal} />
            </>
          )}
        </Panel>
        <MissingPanel
          id="without-attendance"
          title={t('participationDashboard.withoutAttendance')}
          empty={t('participationDashboard.withoutAttendanceEmpty')}
          rows={d.heldWithoutAttendance}
          total={d.heldWithoutAttendanceTotal}
        />
        <MissingPanel
          id="without-fidelity"
          title={t('participationDashboard.withoutFidelity')}
          empty={t('participationDashboard.withoutFidelityEmpty')}
          rows={d.heldWithoutFidelity}
          total={d.heldWithoutFidelityTotal}
        />
      </div>
    </>
  );
}

function MissingPanel({ id, title, empty, rows, total }: { id: string; title: string; empty: string; rows: SessionRow[]; total: number }) {
  const fmt = useFormat();
  return (
    <Panel id={id} title={title} count={total > 0 && fmt.number(total)}>
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <>
          <SessionList sessions={rows.map((s) => ({ ...s, key: s.sessionId }))} />
          <MoreHint shown={rows.length} total={total} />
        </>
      )}
    </Panel>
  );
}
