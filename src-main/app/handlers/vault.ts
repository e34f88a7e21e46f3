import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../core/backup';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import { createAuditSink } from '../../core/repos/audit-repo';
import type { BackupEntry, ProcedureName, VaultStatusValue } from '../../contract';
import { writeAutoLockMinutes } from '../prefs';
import type { VaultHandlers } from '../router';
import type { VaultSession } from '../vault-session';

/** Backups offered on the damaged screen: the newest good ones. */
const offeredBackups = 10;

export const toBackupEntry = (b: BackupInfo): BackupEntry => ({
  name: b.name,
  date: b.date.toISOString(),
  size: b.size,
  counts: b.counts,
  ok: b.ok,
  ...(b.problem ? { problem: b.problem } : {}),
  beforeRestore: b.beforeRestore,
});

const backupMissing = () =>
  new AppError('not_found', { sv: 'Säkerhetskopian finns inte (längre).', en: 'The backup does not exist (any more).' });

/** The backups folder's file for a listed name; the name was checked against the pattern. */
function backupFileFor(backupsDir: string, name: string): string {
  const file = path.join(backupsDir, path.basename(name));
  if (!fs.existsSync(file)) throw backupMissing();
  return file;
}

export interface VaultHandlerDeps {
  session: VaultSession;
  dataDir: string;
  clock: Clock;
  autoLock: { get(): number; set(minutes: number): void };
}

/** The lock screen's and the backups' procedures: answered by the vault session, open or not. */
export function vaultHandlers({ session, dataDir, clock, autoLock }: VaultHandlerDeps): VaultHandlers {
  const now = () => new Date(Date.parse(clock.now()));

  /** A line in the audit log for what the session does outside any service. */
  function auditVault(procedure: ProcedureName, entityId: string, fields: string[] = []) {
    const s = session.status();
    if (s.state !== 'unlocked' || session.keyless) return;
    createAuditSink(session.app().db, () => ({ actor: s.userName, procedure }), clock).record({ action: 'update', entity: 'vault', entityId, fields });
  }

  function status(): VaultStatusValue {
    const s = session.status();
    if (session.keyless) return { state: 'unlocked', autoLockMinutes: 0 };
    const base = { autoLockMinutes: autoLock.get() };
    switch (s.state) {
      case 'new': {
        const earlier = session.earlierBackups().map((b) => ({ name: b.name, date: b.date.toISOString() }));
        return { state: 'new', ...base, ...(earlier.length ? { earlierBackups: earlier } : {}) };
      }
      case 'legacy':
        return { state: 'legacy', ...base };
      case 'unlocked':
        return { state: 'unlocked', userName: s.userName, ...base };
      case 'damaged': {
        const backups = session.listBackups().filter((b) => b.ok).slice(0, offeredBackups).map(toBackupEntry);
        return { state: 'damaged', userName: s.userName, problem: s.problem, backups, ...base };
      }
      case 'locked':
        // A missing or damaged key file: nothing can be opened or verified until it is back.
        if (s.problem) return { state: 'damaged', problem: s.problem, backups: [], ...base };
        return { state: 'locked', ...(s.userName ? { userName: s.userName } : {}), retryAfterMs: s.retryAfterMs, ...base };
    }
  }

  return {
    'vault.status': () => status(),
    'vault.setup': async ({ userName, passphrase }) => session.setup({ userName, passphrase }),
    'vault.unlock': async ({ passphrase }) => {
      await session.unlock(passphrase);
      return status();
    },
    'vault.unlockWithRecoveryKey': async ({ recoveryKey, newPassphrase }) => {
      await session.unlockWithRecoveryKey(recoveryKey, newPassphrase);
      auditVault('vault.unlockWithRecoveryKey', 'passphrase', ['passphrase']);
      return status();
    },
    'vault.lock': () => {
      session.requireEncrypted();
      session.lock('user');
      return status();
    },
    'vault.changePassphrase': async ({ current, next }) => {
      await session.changePassphrase(current, next);
      auditVault('vault.changePassphrase', 'passphrase', ['passphrase']);
      return status();
    },
    'vault.rekey': async ({ current, next }) => {
      const result = await session.rekey(current, next);
      auditVault('vault.rekey', 'dataKey', ['dataKey', 'recoveryKey', 'passphrase']);
      return result;
    },
    'vault.restoreFromBackup': async ({ name, secret }) => {
      await session.restoreFromBackup(name, secret);
      auditVault('vault.restoreFromBackup', name);
      return status();
    },
    'vault.setAutoLock': ({ minutes }) => {
      session.requireEncrypted();
      session.app();
      writeAutoLockMinutes(dataDir, minutes);
      autoLock.set(minutes);
      auditVault('vault.setAutoLock', 'autoLock', ['autoLockMinutes']);
      return status();
    },
    'backups.list': () => session.listBackups().map(toBackupEntry),
    'backups.create': () => {
      const info = session.backupNow('manual');
      session.pruneBackups(now());
      return toBackupEntry(info);
    },
    'backups.restore': ({ name }) => {
      const result = session.restore(backupFileFor(session.backupsDir, name));
      auditVault('backups.restore', name);
      return { restored: name, beforeRestore: result.beforeRestore?.name ?? null, counts: result.counts };
    },
  };
}
