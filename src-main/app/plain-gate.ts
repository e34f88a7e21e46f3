import { backupNow, backupsDirOf, listBackups, pruneBackups, restoreBackup } from '../core/backup';
import { AppError } from '../core/errors';
import { isProcedureName } from '../ipc/contract';
import { createRouter, isGateProcedure, type CallContext, type GateHandlers } from '../ipc/router';
import { backupFileFor, claimDatabase, logBackgroundFailure, toBackupEntry, type KometGate } from './gate-common';
import { startKomet, type KometApp, type StartOptions } from './komet-app';
import { onSyncChange } from './sync-events';

const notEncrypted = () =>
  new AppError('conflict', {
    sv: 'Den här databasen är okrypterad (demo eller mätning) och har ingen lösenfras. Skapa en krypterad med komet init.',
    en: 'This database is unencrypted (demo or benchmark) and has no passphrase. Create an encrypted one with komet init.',
  });

/**
 * The gate for an unencrypted database (`komet init --unencrypted`: demos, benchmarks): always
 * open, no lock, backups without a key. The vault procedures say why they do not apply.
 */
export function createPlainGate(startOptions: Omit<StartOptions, 'key'> & { databasePath: string }): KometGate {
  const release = claimDatabase(startOptions.databasePath);
  let app: KometApp;
  try {
    app = startKomet(startOptions);
  } catch (err) {
    release();
    throw err;
  }
  const backupsDir = backupsDirOf(app.dataDir);
  let closed = false;
  const refuse = () => {
    throw notEncrypted();
  };

  const handlers: GateHandlers = {
    'vault.status': () => ({ state: 'unlocked', autoLockMinutes: 0 }),
    'vault.setup': refuse,
    'vault.unlock': refuse,
    'vault.unlockWithRecoveryKey': refuse,
    'vault.lock': refuse,
    'vault.changePassphrase': refuse,
    'vault.setAutoLock': refuse,
    'vault.rekey': refuse,
    'vault.restoreFromBackup': refuse,
    'backups.list': () => listBackups(backupsDir, undefined).map(toBackupEntry),
    'backups.create': () => {
      const info = backupNow(app.db, { dir: backupsDir, reason: 'manual' });
      pruneBackups(backupsDir, new Date(), { plain: true });
      return toBackupEntry(info);
    },
    'backups.restore': ({ name }) => {
      const from = backupFileFor(backupsDir, name);
      app.close();
      try {
        const result = restoreBackup(from, { dataDir: app.dataDir, databasePath: app.databasePath, key: undefined, backupsDir });
        return { restored: name, beforeRestore: result.beforeRestore?.name ?? null, counts: result.counts };
      } finally {
        app = startKomet(startOptions);
      }
    },
  };
  const router = createRouter(handlers);

  return {
    dataDir: app.dataDir,
    databasePath: app.databasePath,
    encrypted: false,
    call(name, input, ctx) {
      const full: CallContext = { actor: startOptions.actor ?? 'local', shell: startOptions.shell, ...ctx };
      if (isGateProcedure(name) || !isProcedureName(name)) return router.call(name, input, full);
      return app.call(name, input, ctx);
    },
    onChange: (listener) => onSyncChange(() => listener('sync.status')),
    app: () => app,
    lock: () => undefined,
    close(options = {}) {
      if (closed) return;
      closed = true;
      if (options.backup) {
        try {
          backupNow(app.db, { dir: backupsDir, reason: 'quit' });
        } catch (err) {
          logBackgroundFailure('backup on quit', err);
        }
      }
      app.close();
      release();
    },
  };
}
