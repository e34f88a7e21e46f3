import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WorklistRow } from '@contract';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { useFormat } from '../../lib/format';
import { entryRoute, useEntryAction, useTimepointLabel } from './labels';

const groupLabel = (r: WorklistRow, date: string) => `${r.programmeName} – ${r.unitName}, ${date}`;

/** Questionnaires due and overdue, by group, each row opening its entry form. */
export function WorklistPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const timepointLabel = useTimepointLabel();
  const entryAction = useEntryAction();
  const worklist = useApiQuery('outcomes.worklist', {});
  const [groupId, setGroupId] = useState('');
  const [status, setStatus] = useState('');
  const rows = worklist.data ?? [];
  const groups = [...new Map(rows.map((r) => [r.groupId, groupLabel(r, fmt.date(r.groupStartDate))])).entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  const shown = rows
    .filter((r) => (!groupId || r.groupId === groupId) && (!status || r.status === status))
    .sort((a, b) => groupLabel(a, a.groupStartDate).localeCompare(groupLabel(b, b.groupStartDate), 'sv') || a.dueTo.localeCompare(b.dueTo));
  const overdue = rows.filter((r) => r.status === 'overdue').length;

  return (
    <Panel
      id="outcomes-worklist"
      title={t('outcomes.worklist.title')}
      count={overdue > 0 && t('outcomes.worklist.overdueCount', { count: overdue })}
      hint={t('outcomes.worklist.hint')}
    >
      <FilterBar
        label={t('outcomes.worklist.filters')}
        reset={(groupId !== '' || status !== '') && { label: t('outcomes.worklist.clear'), onReset: () => (setGroupId(''), setStatus('')) }}
      >
        <SelectField
          id="worklist-group"
          label={t('outcomes.worklist.group')}
          placeholder={t('outcomes.worklist.allGroups')}
          options={groups}
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
        />
        <SelectField
          id="worklist-status"
          label={t('outcomes.worklist.status')}
          placeholder={t('outcomes.worklist.allStatuses')}
          options={(['due', 'overdue'] as const).map((s) => ({ value: s, label: t(`outcomes.state.${s}`) }))}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        />
      </FilterBar>
      <QueryState query={worklist}>
        {() => (
          <DataTable
            caption={t('outcomes.worklist.caption')}
            rows={shown}
            rowKey={(r) => `${r.participantId}|${r.instrument}|${r.timepoint}`}
            summary={t('outcomes.worklist.count', { count: shown.length })}
            empty={<p className="empty-state">{t('outcomes.worklist.empty')}</p>}
            columns={[
              { key: 'participant', header: t('outcomes.worklist.participant'), rowHeader: true, cell: (r) => r.participantName },
              { key: 'group', header: t('outcomes.worklist.groupColumn'), cell: (r) => groupLabel(r, fmt.date(r.groupStartDate)) },
              { key: 'instrument', header: t('outcomes.worklist.instrument'), cell: (r) => r.instrument },
              { key: 'timepoint', header: t('outcomes.worklist.timepointColumn'), cell: (r) => timepointLabel(r.timepoint) },
              {
                key: 'window',
                header: t('outcomes.worklist.window'),
                className: 'nowrap',
                cell: (r) => t('outcomes.worklist.windowValue', { from: fmt.date(r.dueFrom), to: fmt.date(r.dueTo) }),
              },
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
        )}
      </QueryState>
    </Panel>
  );
}
