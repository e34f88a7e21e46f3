import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { showToast } from '../../stores/toasts';
import { BackupTable, type BackupEntry } from './BackupTable';
import { useBackupFormat } from './format';
import { RestoreDialog } from './RestoreDialog';
import '../vault/vault.css';

export function BackupsPage() {
  const { t } = useTranslation();
  const fmt = useBackupFormat();
  const list = useApiQuery('backups.list', {});
  const create = useApiMutation('backups.create');
  const restore = useApiMutation('backups.restore');
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);

  const backUp = async () => {
    try {
      const made = await create.mutateAsync({});
      showToast(t('backups.created', { date: fmt.dateTime(made.date) }));
    } catch {
      // Shown in the alert below the button.
    }
  };

  const confirmRestore = async (entry: BackupEntry) => {
    try {
      await restore.mutateAsync({ name: entry.name });
      setRestoring(null);
      showToast(t('backups.restored', { date: fmt.dateTime(entry.date) }));
    } catch {
      // The dialog stays open with the reason.
    }
  };

  return (
    <>
      <PageHeader
        title={t('backups.title')}
        subtitle={t('backups.intro')}
        actions={
          <button type="button" className="button button--primary" onClick={() => void backUp()} disabled={create.isPending} aria-describedby="backup-progress">
            {create.isPending ? t('backups.creating') : t('backups.create')}
          </button>
        }
      />
      <p id="backup-progress" role="status" className={create.isPending ? 'alert alert--info' : 'visually-hidden'}>
        {create.isPending ? t('backups.creatingText') : ''}
      </p>
      <ErrorAlert error={create.error} />
      <QueryState query={list} empty={<EmptyState title={t('backups.empty')}>{t('backups.emptyText')}</EmptyState>}>
        {(entries) => (
          <BackupTable
            caption={t('backups.title')}
            entries={entries}
            onRestore={(e) => {
              restore.reset();
              setRestoring(e);
            }}
            disabled={create.isPending || restore.isPending}
          />
        )}
      </QueryState>
      <RestoreDialog
        entry={restoring}
        busy={restore.isPending}
        error={restore.error}
        onConfirm={(e) => void confirmRestore(e)}
        onClose={() => setRestoring(null)}
      />
    </>
  );
}
