import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistRow } from '@contract';
import type { DueState } from '@contract/enums';
import { useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { RowLink } from '../../components/RowLink';
import { FilterBar } from '../../components/FilterBar';
import { Panel } from '../../components/Panel';
import { usePaintedOnce } from '../../components/deferred';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { useFormat } from '../../lib/format';
import { entryRoute, useEntryAction, useTimepointLabel } from './labels';
import { useWordsOnce } from '../../i18n/useWordsOnce';

const groupLabel = (r: { programmeName: string; unitName: string }, date: string) => `${r.programmeName} – ${r.unitName}, ${date}`;
/** A city has thousands of points due: the table shows a page of them. */
const worklistPageSize = 100;
/** Rows enough to fill a tall window, drawn before the rest of the page (see DataTable's firstRows). */
const firstFrameRows = 25;

const worklistInput = (groupId: string, status: DueState | '', offset: number) => ({
  ...(groupId ? { groupId } : {}),
  ...(status ? { status } : {}),
  offset,
  limit: worklistPageSize,
});

const groupsInput = {};

/** The worklist's first page, unfiltered, as the panel opens with it. */
export const openingWorklistInput = worklistInput('', '', 0);

/** Questionnaires due and overdue, by group, each row opening its entry form. */
export function WorklistPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const timepointLabel = useTimepointLabel();
  const entryAction = useEntryAction();
  const { word, once } = useWordsOnce();
  const words = useMemo(() => {
    const [before = '', between = '', after = ''] = t('outcomes.worklist.windowValue', { from: '\u0000', to: '\u0000' }).split('\u0000');
    return {
      word,
      timepoint: (timepoint: string) => once(`timepoint|${timepoint}`, () => timepointLabel(timepoint)),
      action: (pending: WorklistRow['pending']) => once(`action|${pending}`, () => entryAction(pending)),
      window: (from: string, to: string) => `${before}${from}${between}${to}${after}`,
    };
    // The label helpers are made anew on each render from the same translator.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, word, once]);
  const [groupId, setGroupId] = useState('');
  const [status, setStatus] = useState<DueState | ''>('');
  const [offset, setOffset] = useState(0);
  const worklist = useApiQuery('outcomes.worklistPage', worklistInput(groupId, status, offset), { placeholderData: (previous) => previous });
  // A city has thousands of groups on the list: the filter's choices are asked for once the first
  // page is painted, so neither their reading nor their thousands of choices hold up its rows, and
  // kept (a page's turn does not change them).
  const painted = usePaintedOnce(worklist.data !== undefined);
  const groupChoices = useApiQuery('outcomes.worklistGroups', groupsInput, { enabled: painted });
  const groups = (groupChoices.data ?? []).map((g) => ({ value: g.groupId, label: groupLabel(g, fmt.date(g.groupStartDate)) }));
  const overdue = worklist.data?.overdue ?? 0;
  // A write can shrink the list under the page being shown.
  const total = worklist.data?.total;
  useEffect(() => {
    if (total !== undefined && offset > 0 && offset >= total) setOffset(0);
  }, [total, offset]);

  return (
    <Panel
      id="outcomes-worklist"
      title={t('outcomes.worklist.title')}
      count={overdue > 0 && t('outcomes.worklist.overdueCount', { count: overdue })}
      hint={t('outcomes.worklist.hint')}
    >
      <FilterBar
        label={t('outcomes.worklist.filters')}
        reset={(groupId !== '' || status !== '') && { label: t('outcomes.worklist.clear'), onReset: () => (setGroupId(''), setStatus(''), setOffset(0)) }}
      >
        <SelectField
          id="worklist-group"
          label={t('outcomes.worklist.group')}
          placeholder={t('outcomes.worklist.allGroups')}
          options={groups}
          value={groupId}
          onChange={(e) => (setGroupId(e.target.value), setOffset(0))}
        />
        <SelectField
          id="worklist-status"
          label={t('outcomes.worklist.status')}
          placeholder={t('outcomes.worklist.allStatuses')}
          options={(['due', 'overdue'] as const).map((s) => ({ value: s, label: t(`outcomes.state.${s}`) }))}
          value={status}
          onChange={(e) => (setStatus(e.target.value as DueState | ''), setOffset(0))}
        />
      </FilterBar>
      <QueryState query={worklist}>
        {(page) => (
          <DataTable
            caption={t('outcomes.worklist.caption')}
            rows={page.rows}
            rowKey={(r) => `${r.participantId}|${r.instrument}|${r.timepoint}`}
            summary={t('outcomes.worklist.count', { count: page.total })}
            pagination={{ offset, limit: worklistPageSize, total: page.total, onChange: setOffset }}
            firstRows={firstFrameRows}
            empty={<p className="empty-state">{t('outcomes.worklist.empty')}</p>}
            columns={[
              { key: 'participant', header: t('outcomes.worklist.participant'), rowHeader: true, cell: (r) => r.participantName },
              { key: 'group', header: t('outcomes.worklist.groupColumn'), cell: (r) => groupLabel(r, fmt.date(r.groupStartDate)) },
              { key: 'instrument', header: t('outcomes.worklist.instrument'), cell: (r) => r.instrument },
              { key: 'timepoint', header: t('outcomes.worklist.timepointColumn'), cell: (r) => words.timepoint(r.timepoint) },
              {
                key: 'window',
                header: t('outcomes.worklist.window'),
                className: 'nowrap',
                cell: (r) => words.window(fmt.date(r.dueFrom), fmt.date(r.dueTo)),
              },
              {
                key: 'status',
                header: t('outcomes.worklist.statusColumn'),
                cell: (r) => (
                  <>
                    <span className={`outcome-state--${r.status}`}>{words.word(`outcomes.state.${r.status}`)}</span>
                    {r.pending && <span className="outcome-pending">{words.word(`outcomes.state.${r.pending}`)}</span>}
                  </>
                ),
              },
              {
                key: 'enter',
                header: t('outcomes.worklist.enter'),
                hiddenHeader: true,
                cell: (r) => (
                  <RowLink
                    to={entryRoute(r.participantId, r.instrument, r.timepoint)}
                    className="button button--small button--secondary"
                    aria-label={`${words.action(r.pending)}, ${r.participantName}, ${r.instrument} ${words.timepoint(r.timepoint)}`}
                  >
                    {words.word('outcomes.worklist.enter')}
                  </RowLink>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Panel>
  );
}
