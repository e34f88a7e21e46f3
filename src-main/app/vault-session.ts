import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock';
import {
  backupIfDue,
  backupNames,
  backupNow,
  backupsDirOf,
  describeBackup,
  restoreBackup,
  type BackupInfo,
  type BackupReason,
  type RestoreResult,
} from '../core/backup';
import { AppError, type ErrorShape } from '../core/errors';
import {
  changePassphrase,
  createVault,
  encryptDatabaseInPlace,
  keyFilePath,
  unlockDelayMs,
  unlockWith,
  vaultStatus,
  type Credential,
  type ScryptParams,
} from '../core/vault';
import { tooManyAttempts } from '../core/vault/errors';
import { defaultDatabasePath } from './data-dir';
import { startKomet, type KometApp, type StartOptions } from './komet-app';

export type VaultSessionState =
  | { state: 'uninitialised'; legacyDatabase: boolean }
  | { state: 'locked'; userName: string | null; retryAfterMs: number; problem?: ErrorShape }
  | { state: 'unlocked'; userName: string }
  /** Unlocked with a right secret, but the database itself cannot be opened: restore a backup. */
  | { state: 'damaged'; userName: string; problem: ErrorShape };

export type LockReason = 'idle' | 'user' | 'restore' | 'dispose';

export interface VaultSessionOptions {
  dataDir: string;
  databasePath?: string;
  shell: StartOptions['shell'];
  /** Idle time before locking itself; default 10 minutes, 0 turns it off. */
  idleLockMs?: number;
  clock?: Clock;
  /** Tests only: a cheaper scrypt cost for new vaults. */
  scrypt?: ScryptParams;
  /** The composition root; replaceable so a shell can add its own wiring. */
  start?: (options: StartOptions) => KometApp;
  /** Milliseconds clock for throttling (tests move it). */
  nowMs?: () => number;
}

export const defaultIdleLockMs = 10 * 60 * 1000;

const lockedError = () =>
  new AppError('locked', { sv: 'Komet är låst. Lås upp med din lösenfras.', en: 'Komet is locked. Unlock it with your passphrase.' });
const busyError = () =>
  new AppError('conflict', { sv: 'Upplåsning pågår redan.', en: 'Unlocking is already in progress.' });

/**
 * The lock state the shells show: no Electron here, so the browser shell, the CLI and the tests
 * drive the same machine. While unlocked it holds the open app and the data key (needed to
 * verify backups); locking closes the database and overwrites the key.
 */
export function createVaultSession(options: VaultSessionOptions) {
  const dataDir = options.dataDir;
  const databasePath = options.databasePath ?? defaultDatabasePath(dataDir);
  const backupsDir = backupsDirOf(path.dirname(databasePath));
  const start = options.start ?? startKomet;
  const nowMs = options.nowMs ?? Date.now;
  let idleLockMs = options.idleLockMs ?? defaultIdleLockMs;
  let current: { app: KometApp; key: Buffer; userName: string } | null = null;
  // The key is kept while damaged, so backups can be verified and one restored.
  let broken: { key: Buffer; userName: string; problem: ErrorShape } | null = null;
  const verified = new Map<string, { stamp: string; info: BackupInfo }>();
  let failures = 0;
  let lastFailureAt = 0;
  let busy = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<(state: VaultSessionState, reason?: LockReason) => void>();

  const retryAfterMs = () => Math.max(0, lastFailureAt + unlockDelayMs(failures) - nowMs());

  function status(): VaultSessionState {
    if (current) return { state: 'unlocked', userName: current.userName };
    if (broken) return { state: 'damaged', userName: broken.userName, problem: broken.problem };
    const s = vaultStatus(dataDir, databasePath);
    if (s.kind === 'new' || s.kind === 'legacy') return { state: 'uninitialised', legacyDatabase: s.kind === 'legacy' };
    if (s.kind === 'damaged') return { state: 'locked', userName: null, retryAfterMs: 0, problem: s.error.toShape() };
    return { state: 'locked', userName: s.userName, retryAfterMs: retryAfterMs() };
  }

  const emit = (reason?: LockReason) => {
    const state = status();
    for (const listener of listeners) listener(state, reason);
  };

  function armIdleTimer() {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!current || idleLockMs <= 0) return;
    idleTimer = setTimeout(() => lock('idle'), idleLockMs);
    idleTimer.unref?.();
  }

  /**
   * Opens the database with the key; finishes an interrupted setup by encrypting it first. A
   * database that cannot be read with a key that is known to be right is damaged: the session
   * keeps the key and offers the backups instead of failing.
   */
  function open(key: Buffer, userName: string) {
    broken = null;
    try {
      const s = vaultStatus(dataDir, databasePath);
      if (s.kind === 'ready' && s.plaintextDatabase) encryptDatabaseInPlace(databasePath, key);
      const app = start({ dataDir, databasePath, shell: options.shell, key, actor: userName, ...(options.clock ? { clock: options.clock } : {}) });
      current = { app, key, userName };
    } catch (err) {
      if (!isDamage(err)) {
        key.fill(0);
        throw err;
      }
      broken = { key, userName, problem: damagedDatabase().toShape() };
    }
    failures = 0;
    armIdleTimer();
    emit();
  }

  async function withCredential(credential: Credential): Promise<Buffer> {
    if (current) return Buffer.from(current.key);
    if (broken) return Buffer.from(broken.key);
    const wait = retryAfterMs();
    if (wait > 0) throw tooManyAttempts(wait);
    try {
      return await unlockWith(dataDir, credential);
    } catch (err) {
      if (err instanceof AppError && err.code === 'wrong_passphrase') {
        failures += 1;
        lastFailureAt = nowMs();
      }
      throw err;
    }
  }

  async function exclusive<T>(run: () => Promise<T>): Promise<T> {
    if (busy) throw busyError();
    busy = true;
    try {
      return await run();
    } finally {
      busy = false;
    }
  }

  function lock(reason: LockReason = 'user') {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (broken) {
      broken.key.fill(0);
      broken = null;
      emit(reason);
    }
    if (!current) return;
    const { app, key } = current;
    current = null;
    try {
      app.close();
    } finally {
      key.fill(0);
    }
    emit(reason);
  }

  const requireUnlocked = () => {
    if (!current) throw lockedError();
    return current;
  };
  /** The key while unlocked or damaged: enough to read and restore backups. */
  const requireKey = () => {
    const held = current ?? broken;
    if (!held) throw lockedError();
    return held;
  };

  return {
    status,
    /** First start: creates the key file (encrypting a legacy database) and unlocks. */
    setup: (input: { userName: string; passphrase: string }) =>
      exclusive(async () => {
        const s = vaultStatus(dataDir, databasePath);
        if (s.kind !== 'new' && s.kind !== 'legacy') {
          throw new AppError('conflict', { sv: 'Komet är redan konfigurerat.', en: 'Komet is already set up.' });
        }
        const { recoveryKey, dataKey } = await createVault({
          dataDir,
          userName: input.userName,
          passphrase: input.passphrase,
          ...(options.scrypt ? { scrypt: options.scrypt } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
        });
        const userName = input.userName.trim();
        open(dataKey, userName);
        return { recoveryKey };
      }),
    unlock: (passphrase: string) => exclusive(async () => unlockAs({ passphrase })),
    /** A forgotten passphrase: the recovery key unlocks and, if given, sets a new passphrase. */
    unlockWithRecoveryKey: (recoveryKey: string, newPassphrase?: string) =>
      exclusive(async () => {
        if (newPassphrase !== undefined) {
          await changePassphrase({ dataDir, current: { recoveryKey }, next: newPassphrase, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
        }
        await unlockAs({ recoveryKey });
      }),
    lock,
    /** The running app; throws `locked` when locked. */
    app: () => requireUnlocked().app,
    /** Call on every user action: restarts the idle timer. */
    touch: () => {
      if (current) armIdleTimer();
    },
    setIdleLockMs: (ms: number) => {
      idleLockMs = Math.max(0, ms);
      armIdleTimer();
    },
    changePassphrase: (currentPassphrase: string, next: string) =>
      exclusive(async () => {
        requireUnlocked();
        // The current passphrase is asked for even while unlocked: an open laptop is not consent.
        const before = retryAfterMs();
        if (before > 0) throw tooManyAttempts(before);
        try {
          await changePassphrase({ dataDir, current: { passphrase: currentPassphrase }, next, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
        } catch (err) {
          if (err instanceof AppError && err.code === 'wrong_passphrase') {
            failures += 1;
            lastFailureAt = nowMs();
          }
          throw err;
        }
      }),
    backupNow: (reason: BackupReason = 'manual'): BackupInfo => {
      const { app, key } = requireUnlocked();
      const info = backupNow(app.db, { dir: backupsDir, reason, key, keyFile: keyFilePath(dataDir) });
      // Just verified while written: the list need not reopen it (at scale that costs seconds per file).
      const st = fs.statSync(info.file);
      verified.set(info.name, { stamp: `${st.size}:${st.mtimeMs}`, info });
      return info;
    },
    backupIfDue: (now = new Date()): BackupInfo | null => {
      const { app, key } = requireUnlocked();
      return backupIfDue(app.db, { dir: backupsDir, key, keyFile: keyFilePath(dataDir), now });
    },
    /** Newest first; each file is verified once and remembered until it changes. */
    listBackups: (): BackupInfo[] => {
      const { key } = requireKey();
      return backupNames(backupsDir).map((b) => {
        const file = path.join(backupsDir, b.name);
        let stamp = '';
        try {
          const st = fs.statSync(file);
          stamp = `${st.size}:${st.mtimeMs}`;
        } catch {
          // Vanished meanwhile; verification reports it missing.
        }
        const hit = verified.get(b.name);
        if (hit && hit.stamp === stamp) return hit.info;
        const info = describeBackup(backupsDir, b, key);
        verified.set(b.name, { stamp, info });
        return info;
      });
    },
    backupsDir,
    /** Closes the database, restores, and reopens; on a refused source nothing changes. */
    restore: (from: string): RestoreResult => {
      const held = requireKey();
      const { key, userName } = held;
      const keep = Buffer.from(key);
      if (current) current.app.close();
      current = null;
      broken = null;
      key.fill(0);
      let result: RestoreResult;
      try {
        result = restoreBackup(from, { dataDir, databasePath, key: keep, backupsDir });
      } finally {
        open(keep, userName);
      }
      return result;
    },
    onChange(listener: (state: VaultSessionState, reason?: LockReason) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => lock('dispose'),
  };

  async function unlockAs(credential: Credential) {
    if (current || broken) return;
    const s = vaultStatus(dataDir, databasePath);
    if (s.kind === 'damaged') throw s.error;
    if (s.kind !== 'ready') {
      throw new AppError('locked', { sv: 'Komet är inte konfigurerat ännu.', en: 'Komet is not set up yet.' });
    }
    const key = await withCredential(credential);
    open(key, s.userName);
  }
}

const damagedDatabase = () =>
  new AppError('database_unreadable', {
    sv: 'Databasfilen är skadad och kan inte öppnas. Återställ den senaste fungerande säkerhetskopian.',
    en: 'The database file is damaged and cannot be opened. Restore the newest working backup.',
  });

/** Errors that mean the file is broken (the key itself was authenticated by the key file). */
function isDamage(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'database_unreadable';
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}

export type VaultSession = ReturnType<typeof createVaultSession>;
