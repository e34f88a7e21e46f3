import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation } from '../api/queries';
import { useRegistryUi, type RegistryKind } from '../stores/registry';
import { showToast } from '../stores/toasts';
import { Checkbox } from './Checkbox';
import { ConfirmWrite } from './ConfirmDialog';
import { DataTable, type Column } from './DataTable';
import { EmptyState } from './EmptyState';
import { PageHeader } from './PageHeader';
import { QueryState, type QueryLike } from './QueryState';
import { StatusBadge } from './StatusBadge';

export interface RegistryItem {
  id: string;
  name: string;
  active: boolean;
}

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
      <div className="toolbar">
        <Checkbox label={t('registry.showArchived')} checked={showArchived} onChange={(e) => setShowArchived(kind, e.target.checked)} />
      </div>
      <QueryState query={list} error={setActive.error}>
        {(items) => (
          <DataTable
            caption={t(`${kind}.title`)}
            rows={items.filter((i) => showArchived || i.active)}
            rowClassName={(item) => (item.active ? undefined : 'is-archived')}
            empty={
              <EmptyState title={t(`${kind}.empty`)} action={create}>
                {t(`${kind}.emptyText`)}
              </EmptyState>
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
