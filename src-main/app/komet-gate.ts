import path from 'node:path';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { createAuditSink } from '../core/repos/audit-repo';
import type { ScryptParams } from '../core/vault';
import { isProcedureName, type ProcedureName, type VaultStatusValue } from '../ipc/contract';
import { createRouter, isGateProcedure, type CallContext, type GateHandlers } from '../ipc/router';
import { defaultDatabasePath, defaultDataDir } from './data-dir';
import {
  backupFileFor,
  claimDatabase,
  lockedShape,
  logBackgroundFailure,
  readAutoLockMinutes,
  toBackupEntry,
  writeAutoLockMinutes,
  type KometGate,
} from './gate-common';
import type { KometApp, StartOptions } from './komet-app';
import { onSyncChange } from './sync-events';
import { createVaultSession, type VaultSession } from './vault-session';

export type { KometGate } from './gate-common';

export interface GateOptions {
  dataDir?: string;
  databasePath?: string;
  shell: CallContext['shell'];
  clock?: Clock;
  /** Tests only: a cheaper scrypt cost for new vaults. */
  scrypt?: ScryptParams;
  /** Replaces the composition root (tests observe the key with it). */
  start?: (options: StartOptions) => KometApp;
  /** How often to check whether today's backup is made; default hourly, 0 turns it off. */
  backupCheckMs?: number;
  /** Delay of the first check after an unlock, so the unlock answers first; default 2 s. */
  firstBackupDelayMs?: number;
  /** Milliseconds clock for the unlock throttle (tests move it). */
  nowMs?: () => number;
}

const hourMs = 60 * 60 * 1000;
/** Backups offered on the damaged screen: the newest good ones. */
const offeredBackups = 10;

/**
 * The vault-aware gate: vault.* and backups.* go to the one vault session; every other procedure
 * goes to the open app (and counts as activity for the idle lock), or is answered 'locked'.
 */
export function createKometGate(options: GateOptions): KometGate {
  const dataDir = options.dataDir ?? (options.databasePath ? path.dirname(options.databasePath) : defaultDataDir());
  const databasePath = options.databasePath ?? defaultDatabasePath(dataDir);
  const release = claimDatabase(databasePath);
  const clock = options.clock ?? systemClock;
  let autoLockMinutes = readAutoLockMinutes(dataDir);
  const session: VaultSession = createVaultSession({
    dataDir,
    databasePath,
    shell: options.shell,
    idleLockMs: autoLockMinutes * 60_000,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
    ...(options.start ? { start: options.start } : {}),
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
  });
  const listeners = new Set<(procedure: ProcedureName) => void>();
  const notify = () => {
    for (const listener of listeners) listener('vault.status');
  };
  let backupTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function stopBackupTimer() {
    if (backupTimer) clearTimeout(backupTimer);
    backupTimer = null;
  }

  /** Today's backup if none exists yet; then again every hour while unlocked. */
  function scheduleBackups(delayMs: number) {
    stopBackupTimer();
    const every = options.backupCheckMs ?? hourMs;
    if (every <= 0 || session.status().state !== 'unlocked') return;
    backupTimer = setTimeout(() => {
      backupTimer = null;
      if (session.status().state !== 'unlocked') return;
      try {
        if (session.backupIfDue(new Date(Date.parse(clock.now())))) notify();
      } catch (err) {
        logBackgroundFailure('daily backup', err);
      }
      scheduleBackups(every);
    }, delayMs);
    backupTimer.unref?.();
  }

  const unsubscribe = session.onChange((state) => {
    if (state.state === 'unlocked') scheduleBackups(options.firstBackupDelayMs ?? 2000);
    else stopBackupTimer();
    notify();
  });

  /** A line in the audit log for what the session does outside any service. */
  function auditVault(procedure: ProcedureName, entityId: string, fields: string[] = []) {
    const app = session.status().state === 'unlocked' ? session.app() : null;
    const userName = userNameNow();
    if (!app) return;
    createAuditSink(app.db, () => ({ actor: userName ?? 'local', procedure }), clock).record({ action: 'update', entity: 'vault', entityId, fields });
  }

  function userNameNow(): string | undefined {
    const s = session.status();
    return 'userName' in s && s.userName ? s.userName : undefined;
  }

  function status(): VaultStatusValue {
    const s = session.status();
    const base = { autoLockMinutes };
    switch (s.state) {
      case 'uninitialised': {
        if (s.legacyDatabase) return { state: 'legacy', ...base };
        const earlier = session.earlierBackups().map((b) => ({ name: b.name, date: b.date.toISOString() }));
        return { state: 'new', ...base, ...(earlier.length ? { earlierBackups: earlier } : {}) };
      }
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

  const handlers: GateHandlers = {
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
      session.app();
      writeAutoLockMinutes(dataDir, minutes);
      autoLockMinutes = minutes;
      session.setIdleLockMs(minutes * 60_000);
      auditVault('vault.setAutoLock', 'autoLock', ['autoLockMinutes']);
      return status();
    },
    'backups.list': () => session.listBackups().map(toBackupEntry),
    'backups.create': () => {
      const info = session.backupNow('manual');
      session.pruneBackups(new Date(Date.parse(clock.now())));
      return toBackupEntry(info);
    },
    'backups.restore': ({ name }) => {
      const result = session.restore(backupFileFor(session.backupsDir, name));
      auditVault('backups.restore', name);
      return { restored: name, beforeRestore: result.beforeRestore?.name ?? null, counts: result.counts };
    },
  };
  const router = createRouter(handlers, {
    onInternalError: (err, name) => console.error(`komet: unexpected error in ${name}: ${err instanceof Error ? err.name : typeof err}`),
  });

  return {
    dataDir,
    databasePath,
    encrypted: true,
    async call(name, input, ctx) {
      const full: CallContext = { actor: userNameNow() ?? 'local', shell: options.shell, ...ctx };
      if (isGateProcedure(name) || !isProcedureName(name)) return router.call(name, input, full);
      if (session.status().state !== 'unlocked') return { ok: false, error: lockedShape() };
      session.touch();
      return session.app().call(name, input, ctx);
    },
    onChange(listener) {
      listeners.add(listener);
      const offSync = onSyncChange(() => listener('sync.status'));
      return () => {
        offSync();
        listeners.delete(listener);
      };
    },
    app: () => (session.status().state === 'unlocked' ? session.app() : null),
    lock: () => session.lock('user'),
    close(closeOptions = {}) {
      if (closed) return;
      closed = true;
      stopBackupTimer();
      if (closeOptions.backup && session.status().state === 'unlocked') {
        try {
          session.backupNow('quit');
          session.pruneBackups(new Date(Date.parse(clock.now())));
        } catch (err) {
          logBackgroundFailure('backup on quit', err);
        }
      }
      unsubscribe();
      session.dispose();
      listeners.clear();
      release();
    },
  };
}
