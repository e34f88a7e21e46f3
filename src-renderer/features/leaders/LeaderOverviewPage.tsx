import { memo, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AttentionRuleInfo, LeaderRow, LeadersOverview, PathwayStatus } from '@contract';
import { PATHWAY_STATUSES } from '@contract/enums';
import { prefetchApiQuery, queryClient, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { DataTable } from '../../components/DataTable';
import { Detail } from '../../components/Detail';
import { EmptyState } from '../../components/EmptyState';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { useLatchOncePainted, usePaintedLatch } from '../../components/deferred';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { RowLink } from '../../components/RowLink';
import { QueryState } from '../../components/QueryState';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useSort, type SortState } from '../../components/sorting';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';
import { percent, shareAsPercent } from '../../lib/percent';
import { FlagList } from './FlagList';
import { useLeaderFilters, type LeaderFilterValues, type OverviewSortKey } from './filters';
import { textLimits } from '@contract/limits';
import { useWordsOnce } from '../../i18n/useWordsOnce';

const statuses: readonly PathwayStatus[] = PATHWAY_STATUSES;
/** A city has thousands of leaders: the table shows a page, the attention panel its first few. */
const leaderPageSize = 100;
const attentionShown = 10;
/**
 * The rows drawn in the overview's first frame: more than a tall window shows above the fold (with
 * the attention panel above it, the table opens below it). The rest of the page follows in the
 * next frame, as the supervisors' choices do: a hundred rows were half of what that frame cost.
 */
const firstFrameRows = 25;
/**
 * With a full attention panel above it (ten leaders, each with a line or more of flags: over a
 * thousand pixels), the table opens below the fold: its first frame draws only a few rows, which
 * nobody sees yet, and the rest follow in the next. At city scale its 25 rows were more than half
 * the boxes that frame laid out (1,128 → 539).
 */
const firstFrameRowsBelowAttention = 5;
/** Those needing attention first, as the overview opens. */
const openingSort: SortState<OverviewSortKey> = { key: 'attention', direction: 'descending' };
const supervisorsInput = { role: 'supervisor' } as const;
const programmesInput = { includeArchived: false } as const;

/** The overview's page for the filters and the sort; `mine` when it is one supervisor's leaders. */
const overviewInput = (filters: LeaderFilterValues, sort: SortState<OverviewSortKey>, mine: boolean) => ({
  scope: mine ? ('supervised' as const) : ('all' as const),
  supervisorId: mine ? filters.supervisorId : undefined,
  programmeId: filters.programmeId || undefined,
  status: filters.status || undefined,
  attentionOnly: filters.attentionOnly,
  search: filters.search.trim() || undefined,
  sort: sort.key,
  direction: sort.direction === 'ascending' ? ('asc' as const) : ('desc' as const),
  offset: filters.offset,
  limit: leaderPageSize,
  attentionLimit: attentionShown,
});

/**
 * What the overview reads as it opens. Main answers one call after another: the table is asked for
 * first. The thousand supervisors' names, which only the closed filter list needs, are asked for
 * once the table is painted, so neither their answer nor its reading holds up that frame; unless a
 * supervisor is remembered, when the page waits for both anyway and they are asked for at once.
 */
export function prefetchLeaderOverview(): void {
  const filters = useLeaderFilters.getState();
  // As the page does: a remembered supervisor is taken at her word until the names are read.
  const names = queryClient.getQueryData<{ id: string }[]>(['staff.names', supervisorsInput]);
  const remembered = filters.scope === 'supervised';
  const mine = remembered && (names === undefined || names.some((s) => s.id === filters.supervisorId));
  void prefetchApiQuery('leaders.overview', overviewInput(filters, openingSort, mine));
  void prefetchApiQuery('programmes.list', programmesInput);
  if (remembered) void prefetchApiQuery('staff.names', supervisorsInput);
}

export function LeaderOverviewPage() {
  const { t } = useTranslation();
  const filters = useLeaderFilters();
  const { sort, toggle } = useSort<OverviewSortKey>(openingSort);
  const { setOffset, set: setFilters } = filters;
  // Stable, so the table and the attention panel (memo) are not drawn again when the supervisors'
  // names, the programmes or the choices held back until the first frame come in.
  const sortBy = useCallback(
    (key: OverviewSortKey) => {
      toggle(key);
      setOffset(0);
    },
    [toggle, setOffset],
  );
  const showAllNeedingAttention = useCallback(() => setFilters({ attentionOnly: true }), [setFilters]);
  const remembered = filters.scope === 'supervised';
  // Set in the task after the first frame with the table (below); the names wait for it unless a
  // supervisor is remembered.
  const listed = usePaintedLatch();
  const supervisors = useApiQuery('staff.names', supervisorsInput, { enabled: remembered || listed.painted });
  const programmes = useApiQuery('programmes.list', programmesInput);
  // A city has a thousand-odd supervisors: each choice's words come from one translation made per
  // list and language, not from the translator once a name on every render of the page.
  const supervisorChoices = useMemo(() => {
    const [before = '', after = ''] = t('leaders.filters.mineOf', { name: '\u0000' }).split('\u0000');
    return (supervisors.data ?? []).map((s) => ({ value: s.id, label: `${before}${s.name}${after}` }));
  }, [supervisors.data, t]);

  // A remembered supervisor from another database (or since archived) is ignored, not an error.
  // Until the names are read she is taken at her word, so the overview is asked for at once rather
  // than after them (and not first for everyone, then again for hers); what it shows waits for
  // the names, so an unknown one never shows an empty list before everyone's.
  const namesPending = remembered && supervisors.data === undefined && supervisors.isPending;
  const mine = remembered && (namesPending || (supervisors.data ?? []).some((s) => s.id === filters.supervisorId));
  const asked = useApiQuery('leaders.overview', overviewInput(filters, sort, mine), { placeholderData: (previous) => previous });
  const overview = namesPending ? { ...asked, data: undefined, isPending: true } : asked;
  // A thousand supervisors' choices would double what the first frame with the table draws; the
  // table's last rows wait for it too.
  useLatchOncePainted(listed, overview.data !== undefined);

  // A write or a filter elsewhere can shrink the list under the page being shown.
  const total = overview.data?.total;
  useEffect(() => {
    if (total !== undefined && filters.offset > 0 && filters.offset >= total) filters.setOffset(0);
  }, [total, filters]);

  return (
    <>
      <PageHeader
        title={t('leaders.title')}
        subtitle={t('leaders.intro')}
        actions={
          <>
            <Link to="/supervision/new" className="button button--primary">
              {t('supervision.record')}
            </Link>
            <Link to="/courses" className="button button--secondary">
              {t('courses.title')}
            </Link>
          </>
        }
      />

      <FilterBar label={t('leaders.filters.label')} className="leader-filters">
        <SearchField
          maxLength={textLimits.search}
          id="leader-search"
          label={t('leaders.filters.search')}
          value={filters.search}
          onSearch={(search) => filters.set({ search })}
        />
        <SelectField
          id="leader-supervisor"
          label={t('leaders.filters.mine')}
          value={mine ? filters.supervisorId : ''}
          onChange={(e) => filters.set({ supervisorId: e.target.value, scope: e.target.value ? 'supervised' : 'all' })}
          placeholder={t('leaders.filters.allLeaders')}
          options={supervisorChoices}
          deferOptions={!listed.painted}
        />
        <SelectField
          id="leader-programme"
          label={t('leaders.filters.programme')}
          value={filters.programmeId}
          onChange={(e) => filters.set({ programmeId: e.target.value })}
          placeholder={t('leaders.filters.allProgrammes')}
          options={namedChoices(programmes.data ?? [])}
        />
        <SelectField
          id="leader-status"
          label={t('leaders.filters.status')}
          value={filters.status}
          onChange={(e) => filters.set({ status: e.target.value as PathwayStatus | '' })}
          placeholder={t('leaders.filters.allStatuses')}
          options={statuses.map((s) => ({ value: s, label: t(`leaders.status.${s}`) }))}
        />
        <Checkbox
          className="filters__reset"
          label={t('leaders.filters.attentionOnly')}
          checked={filters.attentionOnly}
          onChange={(e) => filters.set({ attentionOnly: e.target.checked })}
        />
      </FilterBar>

      <QueryState query={overview}>
        {(data) => (
          <>
            <AttentionPanel attention={data.attention} rules={data.rules} attentionOnly={filters.attentionOnly} onShowAll={showAllNeedingAttention} />

            <LeaderTable
              rows={data.rows}
              total={data.total}
              firstRows={data.attention.rows.length >= attentionShown ? firstFrameRowsBelowAttention : firstFrameRows}
              sort={sort}
              onSort={sortBy}
              offset={filters.offset}
              onPage={setOffset}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

interface AttentionPanelProps {
  attention: LeadersOverview['attention'];
  rules: AttentionRuleInfo[];
  attentionOnly: boolean;
  onShowAll(): void;
}

/** The first leaders needing attention, each flag in words, and what the rules mean. */
const AttentionPanel = memo(function AttentionPanel({ attention, rules, attentionOnly, onShowAll }: AttentionPanelProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  return (
    <Panel id="attention-title" title={t('leaders.attention.title')} count={attention.total > 0 && fmt.number(attention.total)}>
      {attention.total === 0 ? (
        <EmptyState title={t('leaders.attention.empty')} />
      ) : (
        <ul className="attention-list">
          {attention.rows.map((r) => (
            <li key={r.leaderId} className="attention-list__item">
              <Link to={`/leaders/${r.leaderId}`} className="attention-list__name">
                {r.name}
              </Link>
              <FlagList flags={r.attention} leaderId={r.leaderId} />
            </li>
          ))}
        </ul>
      )}
      {attention.total > attention.rows.length && (
        <p className="attention-list__more">
          {t('leaders.attention.more', { shown: fmt.number(attention.rows.length), count: attention.total })}{' '}
          {!attentionOnly && (
            <button type="button" className="button button--link" onClick={onShowAll}>
              {t('leaders.attention.showAll', { count: attention.total })}
            </button>
          )}
        </p>
      )}
      <details className="trend__table">
        <summary>{t('leaders.attention.rulesTitle')}</summary>
        <dl className="details">
          {rules.map((rule) => (
            <Detail key={rule.rule} label={pick(rule.title)}>
              {pick(rule.explanation)}
            </Detail>
          ))}
        </dl>
      </details>
    </Panel>
  );
});

interface LeaderTableProps {
  rows: LeaderRow[];
  /** Leaders over all pages. */
  total: number;
  /** The rows drawn in the first frame with data; the rest follow in the next. */
  firstRows: number;
  sort: SortState<OverviewSortKey>;
  onSort(k: OverviewSortKey): void;
  offset: number;
  onPage(offset: number): void;
}

/**
 * A page of a hundred leaders: seven hundred cells, drawn again only when its own props change,
 * not when the filter bar's lists (a thousand supervisors) come in around it.
 */
const LeaderTable = memo(function LeaderTable({ rows, total, firstRows, sort, onSort, offset, onPage }: LeaderTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { word } = useWordsOnce();
  return (
    <DataTable
      summary={t('leaders.count', { count: total })}
      caption={t('leaders.tableCaption')}
      rows={rows}
      firstRows={firstRows}
      rowKey={(r) => r.leaderId}
      rowClassName={(r) => (r.active ? undefined : 'is-archived')}
      empty={<EmptyState title={t('leaders.empty')}>{t('leaders.emptyText')}</EmptyState>}
      sort={{ state: sort, onSort }}
      pagination={{ offset, limit: leaderPageSize, total, onChange: onPage }}
      columns={[
        {
          key: 'name',
          header: t('leaders.col.name'),
          sortKey: 'name',
          rowHeader: true,
          cell: (r) => (
            <>
              <RowLink to={`/leaders/${r.leaderId}`} className="table__primary-link">
                {r.name}
              </RowLink>
              {r.unitName && <div className="muted small">{r.unitName}</div>}
            </>
          ),
        },
        {
          key: 'status',
          header: t('leaders.col.status'),
          sortKey: 'status',
          // StatusBadge's markup, worded from the table's words: a hundred badges, one translation.
          cell: (r) => (
            <>
              <span className={`badge badge--pathway-${r.status}`}>{word(`leaders.status.${r.status}`)}</span>
              {r.pathways.length > 1 && (
                <div className="muted small">{r.pathways.map((p) => `${p.programmeCode}: ${word(`leaders.status.${p.status}`)}`).join(', ')}</div>
              )}
            </>
          ),
        },
        {
          key: 'groups',
          header: t('leaders.col.groups'),
          sortKey: 'groups',
          className: 'num',
          cell: (r) => (
            <>
              {fmt.number(r.groupsLed)}
              {r.runningGroups > 0 && <div className="muted small">{word('leaders.runningGroups', r.runningGroups)}</div>}
            </>
          ),
        },
        { key: 'attendance', header: t('leaders.col.attendance'), sortKey: 'attendance', className: 'num', cell: (r) => shareAsPercent(r.meanAttendance) },
        { key: 'fidelity', header: t('leaders.col.fidelity'), sortKey: 'fidelity', className: 'num', cell: (r) => percent(r.meanFidelity) },
        {
          key: 'lastSupervision',
          header: t('leaders.col.lastSupervision'),
          sortKey: 'lastSupervision',
          cellClassName: 'nowrap',
          cell: (r) => (r.lastSupervisionDate ? fmt.shortDate(r.lastSupervisionDate) : word('leaders.never')),
        },
        {
          key: 'attention',
          header: t('leaders.col.attention'),
          sortKey: 'attention',
          cell: (r) =>
            r.attention.length === 0 ? (
              <span className="muted">{word('leaders.attention.none')}</span>
            ) : (
              r.attention.map((f, i) => (
                <span key={`${f.rule}-${i}`} className="flag-pill">
                  {word(`leaders.rule.${f.rule}`)}
                </span>
              ))
            ),
        },
      ]}
    />
  );
});
