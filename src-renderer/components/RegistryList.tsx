import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation } from '../api/queries';
import { useRegistryUi, type RegistryKind } from '../stores/registry';
import { showToast } from '../stores/toasts';
import { Checkbox } from './Checkbox';
import { ConfirmWrite } from './ConfirmDialog';
import { DataTable, type Column } from './DataTable';
import { EmptyState } from './EmptyState';
import { FilterBar, SearchField } from './FilterBar';
import { PageHeader } from './PageHeader';
import { QueryState, type QueryLike } from './QueryState';
import { StatusBadge } from './StatusBadge';
import { textLimits } from '@contract/limits';

export interface RegistryItem {
  id: string;
  name: string;
  active: boolean;
}

/** A city has thousands of staff: the list shows a page of them, found by name. */
const registryPageSize = 100;

interface RegistryListProps<T extends RegistryItem> {
  kind: RegistryKind;
  list: QueryLike<T[]>;
  /** The columns between the name and the row's buttons. */
  columns: Column<T>[];
}

/**
 * The shared list for programmes, units and staff: archive instead of delete when an entry is in
 * use, with the server's explanation shown in the delete dialog when it refuses.
 */
export function RegistryList<T extends RegistryItem>({ kind, list, columns }: RegistryListProps<T>) {
  const { t } = useTranslation();
  const showArchived = useRegistryUi((s) => s.showArchived[kind]);
  const setShowArchived = useRegistryUi((s) => s.setShowArchived);
  // The three registers share the {id, active} and {id} inputs; only the name differs.
  const setActive = useApiMutation(`${kind}.setActive` as 'units.setActive');
  const remove = useApiMutation(`${kind}.delete` as 'units.delete');
  const [deleting, setDeleting] = useState<T | null>(null);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const term = search.trim().toLocaleLowerCase('sv');
  const shown = useMemo(
    () => (list.data ?? []).filter((i) => (showArchived || i.active) && (!term || i.name.toLocaleLowerCase('sv').includes(term))),
    [list.data, showArchived, term],
  );
  // A write or a filter can shrink the list under the page being shown.
  const start = offset < shown.length ? offset : 0;

  const toggleActive = async (item: T) => {
    try {
      await setActive.mutateAsync({ id: item.id, active: !item.active });
      showToast(t(item.active ? 'registry.archivedToast' : 'registry.restoredToast', { name: item.name }));
    } catch {
      // Shown in the alert above the table.
    }
  };

  const create = (
    <Link to="new" className="button button--primary">
      {t(`${kind}.create`)}
    </Link>
  );

  return (
    <>
      <PageHeader title={t(`${kind}.title`)} subtitle={t(`${kind}.intro`)} actions={create} />
      <FilterBar label={t('registry.filters')} className="registry-filters">
        <SearchField
          id={`${kind}-search`}
          label={t('registry.search')}
          maxLength={textLimits.search}
          value={search}
          onSearch={(value) => {
            setSearch(value);
            setOffset(0);
          }}
        />
        <Checkbox
          className="filters__reset"
          label={t('registry.showArchived')}
          checked={showArchived}
          onChange={(e) => {
            setShowArchived(kind, e.target.checked);
            setOffset(0);
          }}
        />
      </FilterBar>
      <QueryState query={list} error={setActive.error}>
        {() => (
          <DataTable
            caption={t(`${kind}.title`)}
            rows={shown.slice(start, start + registryPageSize)}
            rowClassName={(item) => (item.active ? undefined : 'is-archived')}
            pagination={{ offset: start, limit: registryPageSize, total: shown.length, onChange: setOffset }}
            empty={
              term ? (
                <EmptyState title={t('registry.noMatch', { search: search.trim() })} />
              ) : (
                <EmptyState title={t(`${kind}.empty`)} action={create}>
                  {t(`${kind}.emptyText`)}
                </EmptyState>
              )
            }
            columns={[
              {
                key: 'name',
                header: t('registry.name'),
                rowHeader: true,
                cell: (item) => (
                  <>
                    {item.name} {!item.active && <StatusBadge kind="archived" />}
                  </>
                ),
              },
              ...columns,
              {
                key: 'actions',
                header: t('registry.actions'),
                hiddenHeader: true,
                cellClassName: 'actions-cell',
                cell: (item) => (
                  <div className="row-actions">
                    <Link to={`${item.id}/edit`} className="button button--small button--secondary" aria-label={`${t('common.edit')}, ${item.name}`}>
                      {t('common.edit')}
                    </Link>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      disabled={setActive.isPending}
                      onClick={() => void toggleActive(item)}
                      aria-label={`${item.active ? t('registry.archive') : t('registry.restore')}, ${item.name}`}
                    >
                      {item.active ? t('registry.archive') : t('registry.restore')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--link button--danger-text"
                      onClick={() => setDeleting(item)}
                      aria-label={`${t('common.delete')}, ${item.name}`}
                    >
                      {t('common.delete')}
                    </button>
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {/* A refusal (in use: archive instead) stays in the dialog. */}
      <ConfirmWrite
        open={deleting !== null}
        title={t('registry.deleteTitle', { name: deleting?.name ?? '' })}
        mutation={remove}
        onConfirm={async () => {
          if (!deleting) return;
          await remove.mutateAsync({ id: deleting.id });
          showToast(t('registry.deletedToast', { name: deleting.name }));
        }}
        onClose={() => setDeleting(null)}
      >
        {t('registry.deleteText')}
      </ConfirmWrite>
    </>
  );
}
