import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { useBilingual } from '../../i18n/useBilingual';
import { useVault, type VaultStatus } from '../../stores/vault';
import { BackupTable, type BackupEntry } from '../backups/BackupTable';
import { RestoreDialog } from '../backups/RestoreDialog';

import { GateFrame } from './GateFrame';

/** The database cannot be opened at start: say why and offer the newest good backups. */
export function DamagedScreen({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const good = (status.backups ?? []).filter((b) => b.ok);

  const confirm = async (entry: BackupEntry) => {
    setBusy(true);
    setError(null);
    try {
      await call('backups.restore', { name: entry.name });
      setRestoring(null);
      await useVault.getState().refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <GateFrame title={t('vault.damaged.title')} wide>
      <div className="alert alert--error">
        <p className="alert__title">{status.problem ? pick(status.problem.message) : t('vault.damaged.problem')}</p>
      </div>
      <p className="gate__lead">{t('vault.damaged.intro')}</p>
      <h2 className="panel__title">{t('vault.damaged.backups')}</h2>
      {good.length === 0 ? (
        <EmptyState title={t('vault.damaged.none')}>{t('vault.damaged.noneText')}</EmptyState>
      ) : (
        <BackupTable
          caption={t('vault.damaged.backups')}
          entries={good.slice(0, 10)}
          disabled={busy}
          onRestore={(entry) => {
            setError(null);
            setRestoring(entry);
          }}
        />
      )}
      <RestoreDialog entry={restoring} busy={busy} error={error} damaged onConfirm={(e) => void confirm(e)} onClose={() => setRestoring(null)} />
    </GateFrame>
  );
}
