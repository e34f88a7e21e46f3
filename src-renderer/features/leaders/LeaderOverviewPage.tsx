import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LeaderRow, PathwayStatus } from '@contract';
import { PATHWAY_STATUSES } from '@contract/enums';
import { prefetchApiQuery, queryClient, useApiQuery } from '../../api/queries';
import { Checkbox } from '../../components/Checkbox';
import { DataTable } from '../../components/DataTable';
import { Detail } from '../../components/Detail';
import { EmptyState } from '../../components/EmptyState';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { usePaintedOnce } from '../../components/deferred';
import { PageHeader } from '../../components/PageHeader';
import type { PaginationProps } from '../../components/Pagination';
import { Panel } from '../../components/Panel';
import { RowLink } from '../../components/RowLink';
import { QueryState } from '../../components/QueryState';
import { namedChoices, SelectField } from '../../components/SelectField';
import { useSort, type SortState } from '../../components/sorting';
import { StatusBadge } from '../../components/StatusBadge';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';
import { percent, shareAsPercent } from '../../lib/percent';
import { FlagList } from './FlagList';
import { useLeaderFilters, type LeaderFilterValues, type OverviewSortKey } from './filters';
import { textLimits } from '@contract/limits';

const statuses: readonly PathwayStatus[] = PATHWAY_STATUSES;
/** A city has thousands of leaders: the table shows a page, the attention panel its first few. */
const leaderPageSize = 100;
const attentionShown = 10;
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
 * first, so it does not wait behind the thousand supervisors' names, which only the closed filter
 * list needs (unless a supervisor is remembered, when the page waits for both anyway).
 */
export function prefetchLeaderOverview(): void {
  const filters = useLeaderFilters.getState();
  // As the page does: a remembered supervisor is taken at her word until the names are read.
  const names = queryClient.getQueryData<{ id: string }[]>(['staff.names', supervisorsInput]);
  const mine = filters.scope === 'supervised' && (names === undefined || names.some((s) => s.id === filters.supervisorId));
  void prefetchApiQuery('leaders.overview', overviewInput(filters, openingSort, mine));
  void prefetchApiQuery('programmes.list', programmesInput);
  void prefetchApiQuery('staff.names', supervisorsInput);
}

export function LeaderOverviewPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  const filters = useLeaderFilters();
  const { sort, toggle } = useSort<OverviewSortKey>(openingSort);
  const sortBy = (key: OverviewSortKey) => {
    toggle(key);
    filters.setOffset(0);
  };
  const supervisors = useApiQuery('staff.names', supervisorsInput);
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
  const remembered = filters.scope === 'supervised';
  const namesPending = remembered && supervisors.data === undefined && supervisors.isPending;
  const mine = remembered && (namesPending || (supervisors.data ?? []).some((s) => s.id === filters.supervisorId));
  const asked = useApiQuery('leaders.overview', overviewInput(filters, sort, mine), { placeholderData: (previous) => previous });
  const overview = namesPending ? { ...asked, data: undefined, isPending: true } : asked;
  // A thousand supervisors' choices would double what the first frame with the table draws.
  const listed = usePaintedOnce(overview.data !== undefined);

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
          deferOptions={!listed}
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
            <Panel id="attention-title" title={t('leaders.attention.title')} count={data.attention.total > 0 && fmt.number(data.attention.total)}>
              {data.attention.total === 0 ? (
                <EmptyState title={t('leaders.attention.empty')} />
              ) : (
                <ul className="attention-list">
                  {data.attention.rows.map((r) => (
                    <li key={r.leaderId} className="attention-list__item">
                      <Link to={`/leaders/${r.leaderId}`} className="attention-list__name">
                        {r.name}
                      </Link>
                      <FlagList flags={r.attention} leaderId={r.leaderId} />
                    </li>
                  ))}
                </ul>
              )}
              {data.attention.total > data.attention.rows.length && (
                <p className="attention-list__more">
                  {t('leaders.attention.more', { shown: fmt.number(data.attention.rows.length), count: data.attention.total })}{' '}
                  {!filters.attentionOnly && (
                    <button type="button" className="button button--link" onClick={() => filters.set({ attentionOnly: true })}>
                      {t('leaders.attention.showAll', { count: data.attention.total })}
                    </button>
                  )}
                </p>
              )}
              <details className="trend__table">
                <summary>{t('leaders.attention.rulesTitle')}</summary>
                <dl className="details">
                  {data.rules.map((rule) => (
                    <Detail key={rule.rule} label={pick(rule.title)}>
                      {pick(rule.explanation)}
                    </Detail>
                  ))}
                </dl>
              </details>
            </Panel>

            <LeaderTable
              rows={data.rows}
              total={data.total}
              sort={sort}
              onSort={sortBy}
              pagination={{ offset: filters.offset, limit: leaderPageSize, total: data.total, onChange: filters.setOffset }}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

interface LeaderTableProps {
  rows: LeaderRow[];
  total: number;
  sort: SortState<OverviewSortKey>;
  onSort(k: OverviewSortKey): void;
  pagination: PaginationProps;
}

function LeaderTable({ rows, total, sort, onSort, pagination }: LeaderTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // A page of a hundred leaders repeats the same few words hundreds of times: each is translated
  // once per language, not once per cell.
  const word = useMemo(() => {
    const words = new Map<string, string>();
    return (key: string, count?: number) => {
      const id = count === undefined ? key : `${key}#${count}`;
      let text = words.get(id);
      if (text === undefined) {
        text = count === undefined ? t(key) : t(key, { count });
        words.set(id, text);
      }
      return text;
    };
  }, [t]);
  return (
    <DataTable
      summary={t('leaders.count', { count: total })}
      caption={t('leaders.tableCaption')}
      rows={rows}
      rowKey={(r) => r.leaderId}
      rowClassName={(r) => (r.active ? undefined : 'is-archived')}
      empty={<EmptyState title={t('leaders.empty')}>{t('leaders.emptyText')}</EmptyState>}
      sort={{ state: sort, onSort }}
      pagination={pagination}
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
          cell: (r) => (
            <>
              <StatusBadge kind="pathway" status={r.status} />
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
}
