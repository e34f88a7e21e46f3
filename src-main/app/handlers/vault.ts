import type { Clock } from '../../core/clock';
import type { VaultStatusValue } from '../../contract';
import { writeAutoLockMinutes } from '../prefs';
import type { VaultHandlers } from '../router';
import type { VaultSession } from '../vault-session';
import { toBackupEntry } from './backups';
import { vaultAudit } from './vault-audit';

/** Backups offered on the damaged screen: the newest good ones. */
const offeredBackups = 10;

export interface VaultHandlerDeps {
  session: VaultSession;
  dataDir: string;
  clock: Clock;
  autoLock: { get(): number; set(minutes: number): void };
}

/** The lock screen's procedures: answered by the vault session, open or not. */
export function vaultHandlers({ session, dataDir, clock, autoLock }: VaultHandlerDeps): Pick<VaultHandlers, `vault.${string}` & keyof VaultHandlers> {
  const auditVault = vaultAudit(session, clock);

  function status(): VaultStatusValue {
    const s = session.status();
    if (session.keyless) return { state: 'unlocked', autoLockMinutes: 0, unencrypted: true };
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
        const backups = session
          .listBackups()
          .filter((b) => b.ok)
          .slice(0, offeredBackups)
          .map(toBackupEntry);
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
  };
}
