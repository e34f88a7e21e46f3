import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { groupPageSize, useGroupFilters, type GroupStatusFilter } from '../../stores/groupFilters';
import { groupStatuses, useGroupOptions, yearChoices } from './options';

export function GroupListPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const filters = useGroupFilters();
  const options = useGroupOptions();
  const [search, setSearch] = useState(filters.search);

  // Typing should not fire one query per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (search !== useGroupFilters.getState().search) useGroupFilters.getState().set({ search });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search]);

  const list = useApiQuery(
    'groups.list',
    {
      programmeId: filters.programmeId || undefined,
      unitId: filters.unitId || undefined,
      status: filters.status || undefined,
      year: filters.year ? Number(filters.year) : undefined,
      search: filters.search.trim() || undefined,
      limit: groupPageSize,
      offset: filters.offset,
    },
    { placeholderData: (previous) => previous },
  );
  const filtered = Boolean(filters.programmeId || filters.unitId || filters.status || filters.year || filters.search);

  return (
    <>
      <PageHeader
        title={t('groups.title')}
        actions={
          <Link to="/groups/new" className="button button--primary">
            {t('groups.create')}
          </Link>
        }
      />
      <form className="filters" role="search" aria-label={t('groups.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-search" className="field__label">
            {t('groups.search')}
          </label>
          <input id="filter-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="filter-programme" className="field__label">
            {t('groups.programme')}
          </label>
          <select id="filter-programme" value={filters.programmeId} onChange={(e) => filters.set({ programmeId: e.target.value })}>
            <option value="">{t('groups.allProgrammes')}</option>
            {options.programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-unit" className="field__label">
            {t('groups.unit')}
          </label>
          <select id="filter-unit" value={filters.unitId} onChange={(e) => filters.set({ unitId: e.target.value })}>
            <option value="">{t('groups.allUnits')}</option>
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status" className="field__label">
            {t('groups.status')}
          </label>
          <select id="filter-status" value={filters.status} onChange={(e) => filters.set({ status: e.target.value as GroupStatusFilter })}>
            <option value="">{t('groups.allStatuses')}</option>
            {groupStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.group.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-year" className="field__label">
            {t('groups.year')}
          </label>
          <select id="filter-year" value={filters.year} onChange={(e) => filters.set({ year: e.target.value })}>
            <option value="">{t('groups.allYears')}</option>
            {yearChoices().map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button
            type="button"
            className="button button--link filters__reset"
            onClick={() => {
              setSearch('');
              filters.reset();
            }}
          >
            {t('groups.clearFilters')}
          </button>
        )}
      </form>

      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <p className="result-count" role="status">
            {t('groups.count', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? (
            filtered ? (
              <EmptyState title={t('groups.emptyFiltered')}>{t('groups.emptyFilteredText')}</EmptyState>
            ) : (
              <EmptyState
                title={t('groups.empty')}
                action={
                  <Link to="/groups/new" className="button button--primary">
                    {t('groups.create')}
                  </Link>
                }
              >
                {t('groups.emptyText')}
              </EmptyState>
            )
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('groups.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('groups.group')}</th>
                    <th scope="col">{t('groups.start')}</th>
                    <th scope="col">{t('groups.leaders')}</th>
                    <th scope="col">{t('groups.sessions')}</th>
                    <th scope="col">{t('groups.nextSession')}</th>
                    <th scope="col">{t('groups.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((g) => (
                    <tr key={g.id}>
                      <td>
                        <Link to={`/groups/${g.id}`} className="table__primary-link">
                          {g.programmeCode} · {g.unitName}
                          <span className="visually-hidden">, {fmt.date(g.startDate)}</span>
                        </Link>
                        <div className="muted small">{[g.programmeName, g.venue].filter(Boolean).join(' · ')}</div>
                      </td>
                      <td className="nowrap">
                        {fmt.shortDate(g.startDate)}
                        <div className="muted small">
                          {fmt.weekday(g.weekday)} {g.startTime}
                        </div>
                      </td>
                      <td>{g.leaders.map((l) => l.name).join(', ')}</td>
                      <td className="nowrap">{t('groups.heldOf', { held: g.heldCount, total: g.sessionCount })}</td>
                      <td className="nowrap">{fmt.shortDate(g.nextSessionDate)}</td>
                      <td>
                        <StatusBadge kind="group" status={g.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination offset={filters.offset} limit={groupPageSize} total={list.data.total} onChange={filters.setOffset} />
        </>
      )}
    </>
  );
}
