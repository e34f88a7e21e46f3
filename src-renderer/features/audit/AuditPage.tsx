import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';

const pageSize = 50;

/** The entities services record; the filter offers these, the table falls back to the raw name. */
export const auditEntities = [
  'group',
  'session',
  'participant',
  'attendance',
  'fidelity',
  'sessionPlan',
  'programme',
  'programmeRules',
  'unit',
  'staff',
  'dropoutReason',
  'settings',
  'vault',
] as const;

interface Filters {
  since: string;
  entity: string;
  actor: string;
}

const empty: Filters = { since: '', entity: '', actor: '' };

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enGB : sv;
  const [filters, setFilters] = useState<Filters>(empty);
  const [actor, setActor] = useState('');
  const [offset, setOffset] = useState(0);

  // Typing a name should not fire one query per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setFilters((f) => (f.actor === actor ? f : { ...f, actor }));
      setOffset(0);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [actor]);

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const validSince = /^\d{4}-\d{2}-\d{2}$/.test(filters.since) ? filters.since : undefined;
  const list = useApiQuery(
    'audit.list',
    {
      since: validSince,
      entity: filters.entity || undefined,
      actor: filters.actor.trim() || undefined,
      limit: pageSize,
      offset,
    },
    { placeholderData: (previous) => previous },
  );
  const filtered = Boolean(validSince || filters.entity || filters.actor.trim());
  const when = (iso: string) => {
    try {
      return format(parseISO(iso), 'd MMM yyyy HH:mm:ss', { locale });
    } catch {
      return iso;
    }
  };
  const entity = (name: string) => t(`audit.entities.${name}`, { defaultValue: name });

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')} />
      <form className="filters" role="search" aria-label={t('audit.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-since" className="field__label">
            {t('audit.since')}
          </label>
          <input id="audit-since" type="date" value={filters.since} onChange={(e) => set({ since: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-entity" className="field__label">
            {t('audit.entity')}
          </label>
          <select id="audit-entity" value={filters.entity} onChange={(e) => set({ entity: e.target.value })}>
            <option value="">{t('audit.allEntities')}</option>
            {auditEntities.map((name) => (
              <option key={name} value={name}>
                {entity(name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor" className="field__label">
            {t('audit.actor')}
          </label>
          <input id="audit-actor" type="search" value={actor} onChange={(e) => setActor(e.target.value)} />
        </div>
        {filtered && (
          <button
            type="button"
            className="button button--link filters__reset"
            onClick={() => {
              setActor('');
              setFilters(empty);
              setOffset(0);
            }}
          >
            {t('audit.clearFilters')}
          </button>
        )}
      </form>

      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <p className="result-count" role="status">
            {t('audit.count', { count: list.data.total })}
          </p>
          {list.data.rows.length === 0 ? (
            <EmptyState title={filtered ? t('audit.emptyFiltered') : t('audit.empty')}>
              {filtered ? t('audit.emptyFilteredText') : t('audit.emptyText')}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('audit.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.entity')}</th>
                    <th scope="col">{t('audit.fields')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.rows.map((row) => (
                    <tr key={row.id}>
                      <td className="nowrap">{when(row.at)}</td>
                      <td>{row.actor}</td>
                      <td>
                        {t(`audit.actions.${row.action}`, { defaultValue: row.action })}
                        <div className="muted small mono">{row.procedure}</div>
                      </td>
                      <td>
                        {entity(row.entity)}
                        <div className="muted small mono">{row.entityId}</div>
                      </td>
                      <td className="small mono">{row.fields.length ? row.fields.join(', ') : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination offset={offset} limit={pageSize} total={list.data.total} onChange={setOffset} />
        </>
      )}
    </>
  );
}
