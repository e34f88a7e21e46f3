import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { BackupEntry } from './BackupTable';
import { orderedCounts, useBackupFormat } from './format';

interface RestoreDialogProps {
  entry: BackupEntry | null;
  busy: boolean;
  error: unknown;
  /** The damaged-database screen has no current database worth saving; the text says so. */
  damaged?: boolean;
  onConfirm(entry: BackupEntry): void;
  onClose(): void;
}

/** What the backup holds, and that the current database is saved before it is replaced. */
export function RestoreDialog({ entry, busy, error, damaged, onConfirm, onClose }: RestoreDialogProps) {
  const { t } = useTranslation();
  const fmt = useBackupFormat();
  const when = entry ? fmt.dateTime(entry.date) : '';
  return (
    <ConfirmDialog
      open={entry !== null}
      title={t('backups.confirmTitle', { date: when })}
      confirmLabel={t('backups.confirm')}
      busy={busy}
      error={error}
      onConfirm={() => entry && onConfirm(entry)}
      onClose={onClose}
    >
      <p>{t(damaged ? 'backups.confirmTextDamaged' : 'backups.confirmText')}</p>
      <p className="dialog__subtitle">{t('backups.preview')}</p>
      {entry && (
        <dl className="backup-preview">
          {orderedCounts(entry.counts).map(([name, n]) => (
            <div key={name} className="backup-preview__row">
              <dt>{fmt.table(name)}</dt>
              <dd>{fmt.number(n)}</dd>
            </div>
          ))}
        </dl>
      )}
    </ConfirmDialog>
  );
}
