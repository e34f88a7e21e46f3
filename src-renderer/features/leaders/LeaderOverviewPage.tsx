import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LeaderRow, PathwayStatus } from '@contract';
import { PATHWAY_STATUSES } from '@contract/enums';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';
import { FlagList, PathwayBadge, percent, shareAsPercent } from './common';
import { SortHeader, useSort } from './sorting';
import { useLeaderFilters, type OverviewSortKey } from './filters';

const statuses: readonly PathwayStatus[] = PATHWAY_STATUSES;

export function LeaderOverviewPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  const filters = useLeaderFilters();
  const { sort, toggle } = useSort<OverviewSortKey>({ key: 'attention', direction: 'descending' });
  const [search, setSearch] = useState(filters.search);
  const supervisors = useApiQuery('staff.list', { role: 'supervisor' });
  const programmes = useApiQuery('programmes.list', { includeArchived: false });

  useEffect(() => {
    const timer = window.setTimeout(() => useLeaderFilters.getState().set({ search }), 250);
    return () => window.clearTimeout(timer);
  }, [search]);

  // A remembered supervisor from another database (or since archived) is ignored, not an error.
  const mine = filters.scope === 'supervised' && (supervisors.data ?? []).some((s) => s.id === filters.supervisorId);
  const overview = useApiQuery(
    'leaders.overview',
    {
      scope: mine ? 'supervised' : 'all',
      supervisorId: mine ? filters.supervisorId : undefined,
      programmeId: filters.programmeId || undefined,
      status: filters.status || undefined,
      attentionOnly: filters.attentionOnly,
      search: filters.search.trim() || undefined,
      sort: sort.key,
      direction: sort.direction === 'ascending' ? 'asc' : 'desc',
    },
    { placeholderData: (previous) => previous },
  );
  const data = overview.data;
  const needing = data?.rows.filter((r) => r.attention.length > 0) ?? [];

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

      <form className="filters leader-filters" role="search" aria-label={t('leaders.filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="leader-search" className="field__label">
            {t('leaders.filters.search')}
          </label>
          <input id="leader-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="leader-supervisor" className="field__label">
            {t('leaders.filters.mine')}
          </label>
          <select
            id="leader-supervisor"
            value={mine ? filters.supervisorId : ''}
            onChange={(e) => filters.set({ supervisorId: e.target.value, scope: e.target.value ? 'supervised' : 'all' })}
          >
            <option value="">{t('leaders.filters.allLeaders')}</option>
            {(supervisors.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {t('leaders.filters.mineOf', { name: s.name })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="leader-programme" className="field__label">
            {t('leaders.filters.programme')}
          </label>
          <select id="leader-programme" value={filters.programmeId} onChange={(e) => filters.set({ programmeId: e.target.value })}>
            <option value="">{t('leaders.filters.allProgrammes')}</option>
            {(programmes.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="leader-status" className="field__label">
            {t('leaders.filters.status')}
          </label>
          <select id="leader-status" value={filters.status} onChange={(e) => filters.set({ status: e.target.value as PathwayStatus | '' })}>
            <option value="">{t('leaders.filters.allStatuses')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`leaders.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox filters__reset">
          <input type="checkbox" checked={filters.attentionOnly} onChange={(e) => filters.set({ attentionOnly: e.target.checked })} />
          <span>{t('leaders.filters.attentionOnly')}</span>
        </label>
      </form>

      {overview.isPending && <Loading />}
      <ErrorAlert error={overview.error} />
      {data && (
        <>
          <section className="panel" aria-labelledby="attention-title">
            <h2 id="attention-title" className="panel__title">
              {t('leaders.attention.title')}
              {needing.length > 0 && <span className="count-pill">{fmt.number(needing.length)}</span>}
            </h2>
            {needing.length === 0 ? (
              <EmptyState title={t('leaders.attention.empty')} />
            ) : (
              <ul className="attention-list">
                {needing.map((r) => (
                  <li key={r.leaderId} className="attention-list__item">
                    <Link to={`/leaders/${r.leaderId}`} className="attention-list__name">
                      {r.name}
                    </Link>
                    <FlagList flags={r.attention} />
                  </li>
                ))}
              </ul>
            )}
            <details className="trend__table">
              <summary>{t('leaders.attention.rulesTitle')}</summary>
              <dl className="details">
                {data.rules.map((rule) => (
                  <div key={rule.rule} className="details__row">
                    <dt>{pick(rule.title)}</dt>
                    <dd>{pick(rule.explanation)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </section>

          <p className="result-count" role="status">
            {t('leaders.count', { count: data.total })}
          </p>
          {data.rows.length === 0 ? (
            <EmptyState title={t('leaders.empty')}>{t('leaders.emptyText')}</EmptyState>
          ) : (
            <LeaderTable rows={data.rows} sort={sort} onSort={toggle} />
          )}
        </>
      )}
    </>
  );
}

function LeaderTable({ rows, sort, onSort }: { rows: LeaderRow[]; sort: ReturnType<typeof useSort<OverviewSortKey>>['sort']; onSort(k: OverviewSortKey): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const head = (key: OverviewSortKey, label: string, className?: string) => (
    <SortHeader column={key} sort={sort} onSort={onSort} className={className}>
      {label}
    </SortHeader>
  );
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('leaders.tableCaption')}</caption>
        <thead>
          <tr>
            {head('name', t('leaders.col.name'))}
            {head('status', t('leaders.col.status'))}
            {head('groups', t('leaders.col.groups'), 'num')}
            {head('attendance', t('leaders.col.attendance'), 'num')}
            {head('fidelity', t('leaders.col.fidelity'), 'num')}
            {head('lastSupervision', t('leaders.col.lastSupervision'))}
            {head('attention', t('leaders.col.attention'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.leaderId} className={r.active ? undefined : 'is-archived'}>
              <th scope="row">
                <Link to={`/leaders/${r.leaderId}`} className="table__primary-link">
                  {r.name}
                </Link>
                {r.unitName && <div className="muted small">{r.unitName}</div>}
              </th>
              <td>
                <PathwayBadge status={r.status} />
                {r.pathways.length > 1 && (
                  <div className="muted small">{r.pathways.map((p) => `${p.programmeCode}: ${t(`leaders.status.${p.status}`)}`).join(', ')}</div>
                )}
              </td>
              <td className="num">
                {fmt.number(r.groupsLed)}
                {r.runningGroups > 0 && <div className="muted small">{t('leaders.runningGroups', { count: r.runningGroups })}</div>}
              </td>
              <td className="num">{shareAsPercent(r.meanAttendance)}</td>
              <td className="num">{percent(r.meanFidelity)}</td>
              <td className="nowrap">{r.lastSupervisionDate ? fmt.shortDate(r.lastSupervisionDate) : t('leaders.never')}</td>
              <td>
                {r.attention.length === 0 ? (
                  <span className="muted">{t('leaders.attention.none')}</span>
                ) : (
                  r.attention.map((f, i) => (
                    <span key={`${f.rule}-${i}`} className="flag-pill">
                      {t(`leaders.rule.${f.rule}`)}
                    </span>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
