import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { entryRoute, useEntryAction, useTimepointLabel } from './labels';
import './outcomes.css';

/** On the group page: each participant's questionnaire state per scheduled instrument and time point. */
export function GroupOutcomesPanel({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const timepointLabel = useTimepointLabel();
  const fmt = useFormat();
  const entryAction = useEntryAction();
  const grid = useApiQuery('outcomes.group', { groupId });
  // A programme without a schedule asks for no questionnaires: the section would only say so. It
  // appears once that is known, so the page does not jump for groups that have none.
  if ((!grid.data && !grid.error) || grid.data?.points.length === 0) return null;
  return (
    <Panel id="group-outcomes" title={t('outcomes.group.title')}>
      <QueryState query={grid}>
        {(data) => (
          <DataTable
            caption={t('outcomes.group.caption')}
            rows={data.rows}
            rowKey={(r) => r.participantId}
            columns={[
              { key: 'name', header: t('outcomes.group.participant'), rowHeader: true, cell: (r) => r.name },
              ...data.points.map((p, i) => ({
                key: `${p.instrument}|${p.timepoint}`,
                header: `${p.instrument} ${timepointLabel(p.timepoint)}`,
                cell: (r: (typeof data.rows)[number]) => {
                  const state = r.states[i]!;
                  const word = t(`outcomes.state.${state}`);
                  const imported = r.imported[i];
                  if (imported) {
                    return (
                      <>
                        {word}
                        <span className="outcome-origin">{t('outcomes.group.imported', { date: fmt.date(imported) })}</span>
                      </>
                    );
                  }
                  return state === 'due' || state === 'overdue' || state === 'awaiting_second' || state === 'awaiting_reconciliation' ? (
                    <Link
                      to={entryRoute(r.participantId, p.instrument, p.timepoint)}
                      className={state.startsWith('awaiting') ? 'outcome-pending' : `outcome-state--${state}`}
                      aria-label={`${word}: ${entryAction(state === 'awaiting_second' || state === 'awaiting_reconciliation' ? state : null)} ${p.instrument} ${timepointLabel(p.timepoint)}, ${r.name}`}
                    >
                      {word}
                    </Link>
                  ) : (
                    word
                  );
                },
              })),
            ]}
          />
        )}
      </QueryState>
    </Panel>
  );
}
