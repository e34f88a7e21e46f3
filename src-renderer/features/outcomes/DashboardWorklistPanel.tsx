import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { entryRoute, useEntryAction, useTimepointLabel } from './labels';

/** The few the panel lists. */
export const worklistSummaryInput = { limit: 5 } as const;

/** The dashboard's glance at the worklist: counts, the few that close first, and a way to the rest. */
export function DashboardWorklistPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const timepointLabel = useTimepointLabel();
  const entryAction = useEntryAction();
  const summary = useApiQuery('outcomes.worklistSummary', worklistSummaryInput);
  const d = summary.data;
  return (
    <Panel
      id="dashboard-outcomes"
      title={t('outcomes.dashboard.title')}
      count={d && d.overdue > 0 && t('outcomes.worklist.overdueCount', { count: d.overdue })}
    >
      <QueryState query={summary}>
        {(s) =>
          s.due + s.overdue === 0 ? (
            <EmptyState title={t('outcomes.dashboard.empty')} />
          ) : (
            <>
              <p className="panel__hint">{t('outcomes.dashboard.counts', { due: fmt.number(s.due), overdue: fmt.number(s.overdue) })}</p>
              <DataTable
                caption={t('outcomes.dashboard.caption')}
                rows={s.first}
                rowKey={(r) => `${r.participantId}|${r.instrument}|${r.timepoint}`}
                columns={[
                  { key: 'participant', header: t('outcomes.worklist.participant'), rowHeader: true, cell: (r) => r.participantName },
                  { key: 'instrument', header: t('outcomes.worklist.instrument'), cell: (r) => `${r.instrument} ${timepointLabel(r.timepoint)}` },
                  { key: 'closes', header: t('outcomes.dashboard.closes'), className: 'nowrap', cell: (r) => fmt.date(r.dueTo) },
                  {
                    key: 'status',
                    header: t('outcomes.worklist.statusColumn'),
                    cell: (r) => (
                      <>
                        <span className={`outcome-state--${r.status}`}>{t(`outcomes.state.${r.status}`)}</span>
                        {r.pending && <span className="outcome-pending">{t(`outcomes.state.${r.pending}`)}</span>}
                      </>
                    ),
                  },
                  {
                    key: 'enter',
                    header: t('outcomes.worklist.enter'),
                    hiddenHeader: true,
                    cell: (r) => (
                      <Link
                        to={entryRoute(r.participantId, r.instrument, r.timepoint)}
                        className="button button--small button--secondary"
                        aria-label={`${entryAction(r.pending)}, ${r.participantName}, ${r.instrument} ${timepointLabel(r.timepoint)}`}
                      >
                        {t('outcomes.worklist.enter')}
                      </Link>
                    ),
                  },
                ]}
              />
              <p>
                <Link to="/outcomes">{t('outcomes.dashboard.all', { count: s.due + s.overdue })}</Link>
              </p>
            </>
          )
        }
      </QueryState>
    </Panel>
  );
}
