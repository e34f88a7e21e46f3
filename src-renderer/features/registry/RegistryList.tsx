import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useRegistryUi, type RegistryKind } from '../../stores/registry';
import { showToast } from '../../stores/toasts';

export interface RegistryItem {
  id: string;
  name: string;
  active: boolean;
}

export interface Column<T> {
  header: string;
  cell(item: T): ReactNode;
  className?: string;
}

interface RegistryListProps<T extends RegistryItem> {
  kind: RegistryKind;
  items: T[] | undefined;
  isPending: boolean;
  error: unknown;
  columns: Column<T>[];
}

/**
 * The shared list for programmes, units and staff: archive instead of delete when an entry is in
 * use, with the server's explanation shown in the delete dialog when it refuses.
 */
export function RegistryList<T extends RegistryItem>({ kind, items, isPending, error, columns }: RegistryListProps<T>) {
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

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync({ id: deleting.id });
      showToast(t('registry.deletedToast', { name: deleting.name }));
      setDeleting(null);
    } catch {
      // The dialog stays open with the server's reason (e.g. in use: archive instead).
    }
  };

  const visible = items?.filter((i) => showArchived || i.active) ?? [];

  return (
    <>
      <PageHeader
        title={t(`${kind}.title`)}
        subtitle={t(`${kind}.intro`)}
        actions={
          <Link to="new" className="button button--primary">
            {t(`${kind}.create`)}
          </Link>
        }
      />
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(kind, e.target.checked)} />
          <span>{t('registry.showArchived')}</span>
        </label>
      </div>
      {isPending && <Loading />}
      <ErrorAlert error={error ?? setActive.error} />
      {items &&
        (visible.length === 0 ? (
          <EmptyState
            title={t(`${kind}.empty`)}
            action={
              <Link to="new" className="button button--primary">
                {t(`${kind}.create`)}
              </Link>
            }
          >
            {t(`${kind}.emptyText`)}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t(`${kind}.title`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registry.name')}</th>
                  {columns.map((c) => (
                    <th key={c.header} scope="col" className={c.className}>
                      {c.header}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">{t('registry.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((item) => (
                  <tr key={item.id} className={item.active ? undefined : 'is-archived'}>
                    <th scope="row">
                      {item.name} {!item.active && <StatusBadge kind="archived" />}
                    </th>
                    {columns.map((c) => (
                      <td key={c.header} className={c.className}>
                        {c.cell(item)}
                      </td>
                    ))}
                    <td className="actions-cell">
                      <div className="row-actions">
                        <Link to={`${item.id}/edit`} className="button button--small button--secondary" aria-label={`${t('common.edit')}, ${item.name}`}>
                          {t('common.edit')}
                        </Link>
                        <button type="button" className="button button--small button--secondary" disabled={setActive.isPending}
                          onClick={() => void toggleActive(item)} aria-label={`${item.active ? t('registry.archive') : t('registry.restore')}, ${item.name}`}>
                          {item.active ? t('registry.archive') : t('registry.restore')}
                        </button>
                        <button type="button" className="button button--small button--link button--danger-text" onClick={() => setDeleting(item)}
                          aria-label={`${t('common.delete')}, ${item.name}`}>
                          {t('common.delete')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <ConfirmDialog
        open={deleting !== null}
        title={t('registry.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        destructive
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        {t('registry.deleteText')}
      </ConfirmDialog>
    </>
  );
}
