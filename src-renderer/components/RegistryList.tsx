import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useResolvedPath } from 'react-router-dom';
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
import { RowLink } from './RowLink';
import { StatusBadge } from './StatusBadge';
import { textLimits } from '@contract/limits';

export interface RegistryItem {
  id: string;
  name: string;
  active: boolean;
}

/** A city has thousands of staff: the list shows a page of them, found by name. */
const registryPageSize = 100;

/** Rows enough to fill a tall window, drawn before the rest of a page (see DataTable's firstRows). */
const firstRowsShown = 25;

/** What the list shows: a page of the entries whose name contains the search, archived ones if asked. */
export interface RegistryView {
  offset: number;
  limit: number;
  search: string;
  includeArchived: boolean;
}

/** What a register's list shows as it opens: the first page, everyone, archived ones as last chosen. */
export const openingView = (kind: RegistryKind): RegistryView => ({
  offset: 0,
  limit: registryPageSize,
  search: '',
  includeArchived: useRegistryUi.getState().showArchived[kind],
});

export interface RegistryPage<T> {
  rows: T[];
  total: number;
}

/**
 * Reads one page of a register, called as a hook on every render of the list: the server's own
 * page (staff) or a page cut from a whole list already read (programmes, units; see wholeList).
 */
export type UsePage<T> = (view: RegistryView) => QueryLike<RegistryPage<T>>;

/** Finds the entry an edit form is for (the route's :id); null when there is none. */
export type UseItem<T> = (id: string) => QueryLike<T | null>;

/**
 * A register read whole (programmes, units: a few hundred at most) as pages, filtered the same way
 * the server filters the staff register, and the entry for its edit form found in it.
 */
export function wholeList<T extends RegistryItem>(list: QueryLike<T[]>): { usePage: UsePage<T>; useItem: UseItem<T> } {
  return {
    usePage: (view) => {
      const term = view.search.toLocaleLowerCase('sv');
      const shown = list.data?.filter((i) => (view.includeArchived || i.active) && (!term || i.name.toLocaleLowerCase('sv').includes(term)));
      return { ...list, data: shown && { rows: shown.slice(view.offset, view.offset + view.limit), total: shown.length } };
    },
    useItem: (id) => ({ ...list, data: list.data && (list.data.find((i) => i.id === id) ?? null) }),
  };
}

interface RegistryListProps<T extends RegistryItem> {
  kind: RegistryKind;
  usePage: UsePage<T>;
  /** The columns between the name and the row's buttons. */
  columns: Column<T>[];
}

/**
 * The shared list for programmes, units and staff: archive instead of delete when an entry is in
 * use, with the server's explanation shown in the delete dialog when it refuses.
 */
export function RegistryList<T extends RegistryItem>({ kind, usePage, columns }: RegistryListProps<T>) {
  const { t } = useTranslation();
  const showArchived = useRegistryUi((s) => s.showArchived[kind]);
  const setShowArchived = useRegistryUi((s) => s.setShowArchived);
  // The three registers share the {id, active} and {id} inputs; only the name differs.
  const setActive = useApiMutation(`${kind}.setActive` as 'units.setActive');
  const remove = useApiMutation(`${kind}.delete` as 'units.delete');
  const [deleting, setDeleting] = useState<T | null>(null);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const term = search.trim();
  const page = usePage({ offset, limit: registryPageSize, search: term, includeArchived: showArchived });
  const total = page.data?.total ?? 0;
  // A write can shrink the list under the page being shown: go back to the first page.
  const stranded = page.data !== undefined && offset > 0 && offset >= total;
  useEffect(() => {
    if (stranded) setOffset(0);
  }, [stranded]);

  const toggleActive = async (item: T) => {
    try {
      await setActive.mutateAsync({ id: item.id, active: !item.active });
      showToast(t(item.active ? 'registry.archivedToast' : 'registry.restoredToast', { name: item.name }));
    } catch {
      // Shown in the alert above the table.
    }
  };

  // Each of a page's hundred rows names the same three actions twice (shown and in its label):
  // translated once per render, not six hundred times.
  const words = { edit: t('common.edit'), archive: t('registry.archive'), restore: t('registry.restore'), remove: t('common.delete') };

  // The rows' edit links, resolved as "new" is: the register's own address, once per render.
  const base = useResolvedPath('new').pathname.slice(0, -'new'.length);

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
      <QueryState query={page} error={setActive.error}>
        {({ rows }) => (
          <DataTable
            caption={t(`${kind}.title`)}
            rows={rows}
            rowClassName={(item) => (item.active ? undefined : 'is-archived')}
            pagination={{ offset, limit: registryPageSize, total, onChange: setOffset }}
            firstRows={firstRowsShown}
            empty={
              term ? (
                <EmptyState title={t('registry.noMatch', { search: term })} />
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
                    <RowLink to={`${base}${item.id}/edit`} className="button button--small button--secondary" aria-label={`${words.edit}, ${item.name}`}>
                      {words.edit}
                    </RowLink>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      disabled={setActive.isPending}
                      onClick={() => void toggleActive(item)}
                      aria-label={`${item.active ? words.archive : words.restore}, ${item.name}`}
                    >
                      {item.active ? words.archive : words.restore}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--link button--danger-text"
                      onClick={() => setDeleting(item)}
                      aria-label={`${words.remove}, ${item.name}`}
                    >
                      {words.remove}
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
