import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefetchApiQuery, useApiQuery } from '../../api/queries';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FilterBar, SearchField } from '../../components/FilterBar';
import { InputField } from '../../components/InputField';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SelectField } from '../../components/SelectField';
import { textLimits } from '@contract/limits';
import { Link } from 'react-router-dom';
import { auditEntities, auditEntityRoute } from './audit-words';

const pageSize = 50;

interface Filters {
  since: string;
  entity: string;
  actor: string;
}

const empty: Filters = { since: '', entity: '', actor: '' };

const listInput = (filters: Filters, offset: number) => {
  const validSince = /^\d{4}-\d{2}-\d{2}$/.test(filters.since) ? filters.since : undefined;
  return { since: validSince, entity: filters.entity || undefined, actor: filters.actor.trim() || undefined, limit: pageSize, offset };
};

/** The log's newest page, unfiltered, as the page opens with it. */
export const prefetchAudit = () => void prefetchApiQuery('audit.list', listInput(empty, 0));

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enGB : sv;
  const [filters, setFilters] = useState<Filters>(empty);
  const [offset, setOffset] = useState(0);

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const input = listInput(filters, offset);
  const list = useApiQuery('audit.list', input, { placeholderData: (previous) => previous });
  const filtered = Boolean(input.since || input.entity || input.actor);
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
      <FilterBar
        label={t('audit.filters')}
        reset={
          filtered && {
            label: t('audit.clearFilters'),
            onReset: () => {
              setFilters(empty);
              setOffset(0);
            },
          }
        }
      >
        <InputField id="audit-since" label={t('audit.since')} type="date" value={filters.since} onChange={(e) => set({ since: e.target.value })} />
        <SelectField
          id="audit-entity"
          label={t('audit.entity')}
          value={filters.entity}
          onChange={(e) => set({ entity: e.target.value })}
          placeholder={t('audit.allEntities')}
          options={auditEntities.map((name) => ({ value: name, label: entity(name) }))}
        />
        <SearchField maxLength={textLimits.auditActor} id="audit-actor" label={t('audit.actor')} value={filters.actor} onSearch={(actor) => set({ actor })} />
      </FilterBar>

      <QueryState query={list}>
        {(page) => (
          <DataTable
            summary={t('audit.count', { count: page.total })}
            caption={t('audit.title')}
            rows={page.rows}
            empty={
              <EmptyState title={filtered ? t('audit.emptyFiltered') : t('audit.empty')}>
                {filtered ? t('audit.emptyFilteredText') : t('audit.emptyText')}
              </EmptyState>
            }
            pagination={{ offset, limit: pageSize, total: page.total, onChange: setOffset }}
            columns={[
              { key: 'at', header: t('audit.at'), cellClassName: 'nowrap', cell: (row) => when(row.at) },
              { key: 'actor', header: t('audit.actor'), cell: (row) => row.actor },
              {
                key: 'action',
                header: t('audit.action'),
                // In words only: the procedure's name ("units.create") is the program's, not the reader's.
                cell: (row) => t(`audit.actions.${row.action}`, { defaultValue: row.action }),
              },
              {
                key: 'entity',
                header: t('audit.entity'),
                cell: (row) => {
                  const route = auditEntityRoute(row.entity, row.entityId);
                  return (
                    <>
                      {route ? <Link to={route}>{entity(row.entity)}</Link> : entity(row.entity)}
                      <div className="muted small mono">{row.entityId}</div>
                    </>
                  );
                },
              },
              {
                key: 'fields',
                header: t('audit.fields'),
                cellClassName: 'small',
                cell: (row) => (row.fields.length ? row.fields.map((f) => t(`audit.fieldNames.${f}`, { defaultValue: f })).join(', ') : '–'),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
