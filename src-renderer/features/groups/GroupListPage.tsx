import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { prefetchTogether, queryPart, useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { RowLink } from '../../components/RowLink';
import { namedChoices, SelectField } from '../../components/SelectField';
import { StatusBadge } from '../../components/StatusBadge';
import { useWordsOnce } from '../../i18n/useWordsOnce';
import { useFormat } from '../../lib/format';
import { groupPageSize, useGroupFilters, type GroupFilters, type GroupStatusFilter } from '../../stores/groupFilters';
import { groupFilterOptionInputs, groupStatuses, useGroupFilterOptions, yearChoices } from './options';
import { textLimits } from '@contract/limits';

/** The page of groups the filters ask for. */
const groupListInput = (filters: GroupFilters) => ({
  programmeId: filters.programmeId || undefined,
  unitId: filters.unitId || undefined,
  status: filters.status || undefined,
  year: filters.year ? Number(filters.year) : undefined,
  search: filters.search.trim() || undefined,
  limit: groupPageSize,
  offset: filters.offset,
});

/** What the list reads as it opens, in one call: the page of groups and the filters' choices. */
export function prefetchGroupList(): void {
  const list = groupListInput(useGroupFilters.getState());
  const { programmes, units } = groupFilterOptionInputs;
  prefetchTogether('groups.listScreen', { list, programmes, units }, [
    queryPart('groups.list', list, (screen) => screen.list),
    queryPart('groups.years', {}, (screen) => screen.years),
    queryPart('programmes.list', programmes, (screen) => screen.programmes),
    queryPart('units.list', units, (screen) => screen.units),
  ]);
}

export function GroupListPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { once } = useWordsOnce();
  const filters = useGroupFilters();
  const options = useGroupFilterOptions();
  const years = useApiQuery('groups.years', {});
  const list = useApiQuery('groups.list', groupListInput(filters), { placeholderData: (previous) => previous });
  const filtered = Boolean(filters.programmeId || filters.unitId || filters.status || filters.year || filters.search);

  const create = (
    <Link to="/groups/new" className="button button--primary">
      {t('groups.create')}
    </Link>
  );

  return (
    <>
      <PageHeader title={t('groups.title')} actions={create} />
      <FilterBar label={t('groups.filters')} reset={filtered && { label: t('groups.clearFilters'), onReset: filters.reset }}>
        <SearchField
          maxLength={textLimits.search}
          id="filter-search"
          label={t('groups.search')}
          value={filters.search}
          onSearch={(search) => filters.set({ search })}
        />
        <SelectField
          id="filter-programme"
          label={t('groups.programme')}
          value={filters.programmeId}
          onChange={(e) => filters.set({ programmeId: e.target.value })}
          placeholder={t('groups.allProgrammes')}
          options={namedChoices(options.programmes)}
        />
        <SelectField
          id="filter-unit"
          label={t('groups.unit')}
          value={filters.unitId}
          onChange={(e) => filters.set({ unitId: e.target.value })}
          placeholder={t('groups.allUnits')}
          options={namedChoices(options.units)}
        />
        <SelectField
          id="filter-status"
          label={t('groups.status')}
          value={filters.status}
          onChange={(e) => filters.set({ status: e.target.value as GroupStatusFilter })}
          placeholder={t('groups.allStatuses')}
          options={groupStatuses.map((s) => ({ value: s, label: t(`status.group.${s}`) }))}
        />
        <SelectField
          id="filter-year"
          label={t('groups.year')}
          value={filters.year}
          onChange={(e) => filters.set({ year: e.target.value })}
          placeholder={t('groups.allYears')}
          options={yearChoices(years.data ?? [], filters.year).map((y) => ({ value: String(y), label: String(y) }))}
        />
      </FilterBar>

      <QueryState query={list}>
        {(page) => (
          <DataTable
            summary={t('groups.count', { count: page.total })}
            caption={t('groups.title')}
            rows={page.items}
            empty={
              filtered ? (
                <EmptyState title={t('groups.emptyFiltered')}>{t('groups.emptyFilteredText')}</EmptyState>
              ) : (
                <EmptyState title={t('groups.empty')} action={create}>
                  {t('groups.emptyText')}
                </EmptyState>
              )
            }
            pagination={{ offset: filters.offset, limit: groupPageSize, total: page.total, onChange: filters.setOffset }}
            columns={[
              {
                key: 'group',
                header: t('groups.group'),
                cell: (g) => (
                  <>
                    <RowLink to={`/groups/${g.id}`} className="table__primary-link" aria-label={`${g.programmeCode} · ${g.unitName}, ${fmt.date(g.startDate)}`}>
                      {g.programmeCode} · {g.unitName}
                    </RowLink>
                    <div className="muted small">{[g.programmeName, g.venue].filter(Boolean).join(' · ')}</div>
                  </>
                ),
              },
              {
                key: 'start',
                header: t('groups.start'),
                cellClassName: 'nowrap',
                cell: (g) => (
                  <>
                    {fmt.shortDate(g.startDate)}
                    <div className="muted small">
                      {fmt.weekday(g.weekday)} {g.startTime}
                    </div>
                  </>
                ),
              },
              { key: 'leaders', header: t('groups.leaders'), cell: (g) => g.leaders.map((l) => l.name).join(', ') },
              {
                key: 'sessions',
                header: t('groups.sessions'),
                cellClassName: 'nowrap',
                cell: (g) => once(`heldOf|${g.heldCount}|${g.sessionCount}`, () => t('groups.heldOf', { held: g.heldCount, total: g.sessionCount })),
              },
              { key: 'next', header: t('groups.nextSession'), cellClassName: 'nowrap', cell: (g) => fmt.shortDate(g.nextSessionDate) },
              { key: 'status', header: t('groups.status'), cell: (g) => <StatusBadge kind="group" status={g.status} /> },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
