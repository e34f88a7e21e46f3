import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock';
import { backupNames, backupsDirOf, parseBackupFileName, restoreBackup, settleVaultFiles, type EncryptedFiles, type RestoreResult } from '../core/backup';
import { AppError, type ErrorShape } from '../core/errors';
import { commonErrors } from '../contract/errors';
import { createEmptyDatabase } from '../core/repos/backup-repo';
import {
  changePassphrase,
  cloneKeyring,
  copyOf,
  createVault,
  databaseMissing,
  forget,
  keyFileOf,
  keyFilePath,
  keyringOf,
  parseRecoveryKey,
  readKeyFileAt,
  rekeyVault,
  setupDatabasePath,
  unlockDelayMs,
  unlockKeyFile,
  unlockKeyring,
  vaultStatus,
  writeKeyFileAt,
  type Credential,
  type Keyring,
  type ScryptParams,
} from '../core/vault';
import { tooManyAttempts } from '../core/vault/errors';
import { defaultDatabasePath } from './data-dir';
import { keyOfBackup, vaultBackups } from './vault-backups';
import { startKomet, type KometApp, type StartOptions } from './komet-app';

/** In the lock-state words of contract/enums VAULT_STATES, from the core's files to the lock screen. */
export type VaultSessionState =
  | { state: 'new' }
  | { state: 'legacy' }
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
  /**
   * An unencrypted database (`komet init --unencrypted`: demos, benchmarks): opened at once with no
   * key, never locked, backups without a key; the secret-taking transitions say why they do not apply.
   */
  keyless?: { actor: string };
}

export const defaultIdleLockMs = 10 * 60 * 1000;

const lockedError = () => new AppError('locked', commonErrors.locked.message);
const notEncrypted = () =>
  new AppError('conflict', {
    sv: 'Den här databasen är okrypterad (demo eller mätning) och har ingen lösenfras. Skapa en krypterad med komet init.',
    en: 'This database is unencrypted (demo or benchmark) and has no passphrase. Create an encrypted one with komet init.',
  });
const busyError = () => new AppError('conflict', { sv: 'Upplåsning pågår redan.', en: 'Unlocking is already in progress.' });

/**
 * The lock state the shells show: no Electron here, so the browser shell, the CLI and the tests
 * drive the same machine. While unlocked it holds the open app and the data key (needed to
 * verify backups); locking closes the database and overwrites the key.
 */
export function createVaultSession(options: VaultSessionOptions) {
  const dataDir = options.dataDir;
  const databasePath = options.databasePath ?? defaultDatabasePath(dataDir);
  const backupsDir = backupsDirOf(path.dirname(databasePath));
  const keyFile = keyFilePath(dataDir);
  const keyless = options.keyless;
  const start = options.start ?? startKomet;
  const nowMs = options.nowMs ?? Date.now;
  let idleLockMs = options.idleLockMs ?? defaultIdleLockMs;
  // The ring is null only in keyless mode.
  let current: { app: KometApp; ring: Keyring | null; userName: string } | null = null;
  // The keys are kept while damaged, so backups can be verified and one restored.
  let broken: { ring: Keyring; userName: string; problem: ErrorShape } | null = null;
  let failures = 0;
  let lastFailureAt = 0;
  let busy = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<(state: VaultSessionState, reason?: LockReason) => void>();

  if (keyless) openKeyless(keyless.actor);
  const retryAfterMs = () => Math.max(0, lastFailureAt + unlockDelayMs(failures) - nowMs());

  function status(): VaultSessionState {
    if (current) return { state: 'unlocked', userName: current.userName };
    if (broken) return { state: 'damaged', userName: broken.userName, problem: broken.problem };
    const s = vaultStatus(dataDir, databasePath);
    if (s.state === 'new' || s.state === 'legacy') return { state: s.state };
    if (s.state === 'damaged') return { state: 'locked', userName: null, retryAfterMs: 0, problem: s.error.toShape() };
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
   * Opens the database with the keyring; first finishes what a killed setup or rekey left and
   * encrypts what is still plaintext. A database that cannot be read with a key that is known to
   * be right, or is missing beside its key file, is damaged: the session keeps the keys and
   * offers the backups instead of failing, and never creates a new database there.
   */
  function open(ring: Keyring, userName: string): EncryptedFiles | null {
    broken = null;
    let settled: EncryptedFiles | null = null;
    const missing = databaseMissing();
    try {
      const s = vaultStatus(dataDir, databasePath);
      if (s.state === 'locked' && s.databaseMissing) throw missing;
      settled = settleVaultFiles(databasePath, backupsDir, ring.key, keyFile);
      const app = start({ dataDir, databasePath, shell: options.shell, key: ring.key, actor: userName, ...(options.clock ? { clock: options.clock } : {}) });
      current = { app, ring, userName };
    } catch (err) {
      if (!isDamage(err)) {
        forget(ring);
        throw err;
      }
      broken = { ring, userName, problem: (err === missing ? missing : damagedDatabase()).toShape() };
    }
    failures = 0;
    armIdleTimer();
    emit();
    return settled;
  }

  async function withCredential(credential: Credential, file = keyFile): Promise<Keyring> {
    if (current?.ring) return cloneKeyring(current.ring);
    if (broken) return cloneKeyring(broken.ring);
    return throttled(async () => (await unlockKeyring(file, credential)).ring);
  }

  /** Wrong secrets count towards the unlock delay, wherever they were typed. */
  async function throttled<T>(run: () => Promise<T>): Promise<T> {
    const wait = retryAfterMs();
    if (wait > 0) throw tooManyAttempts(wait);
    try {
      return await run();
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
    if (keyless && reason !== 'dispose') return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (broken) {
      forget(broken.ring);
      broken = null;
      emit(reason);
    }
    if (!current) return;
    const { app, ring } = current;
    current = null;
    try {
      app.close();
    } finally {
      if (ring) forget(ring);
    }
    emit(reason);
  }

  const requireUnlocked = () => {
    if (!current) throw lockedError();
    return current;
  };
  /** The keys while unlocked or damaged: enough to read and restore backups. */
  const requireKeys = () => {
    const held = current ?? broken;
    if (!held?.ring) throw lockedError();
    return { ...held, ring: held.ring };
  };
  /** The secret-taking transitions: refused for an unencrypted database. */
  const requireEncrypted = () => {
    if (keyless) throw notEncrypted();
  };

  const backups = vaultBackups({
    backupsDir,
    keyFile,
    keyless: Boolean(keyless),
    unlocked: () => {
      const { app, ring } = requireUnlocked();
      return { db: app.db, key: ring?.key };
    },
    ring: () => requireKeys().ring,
  });

  /** Closes the database and runs `work` with the keys, then reopens with what `work` returns. */
  function withClosedDatabase<T>(work: (ring: Keyring) => { result: T; ring: Keyring }): T {
    const held = requireKeys();
    const { userName } = held;
    const keep = cloneKeyring(held.ring);
    if (current) current.app.close();
    forget(held.ring);
    current = null;
    broken = null;
    let reopenWith = keep;
    try {
      const { result, ring } = work(keep);
      if (ring !== keep) forget(keep);
      reopenWith = ring;
      return result;
    } finally {
      open(reopenWith, userName);
    }
  }

  return {
    status,
    /** First start: creates the key file (encrypting a legacy database and its backups) and unlocks. */
    setup: (input: { userName: string; passphrase: string }) =>
      exclusive(async () => {
        requireEncrypted();
        const s = vaultStatus(dataDir, databasePath);
        if (s.state !== 'new' && s.state !== 'legacy') {
          throw new AppError('conflict', { sv: 'Komet är redan konfigurerat.', en: 'Komet is already set up.' });
        }
        const setupFile = setupDatabasePath(databasePath);
        const { recoveryKey, dataKey } = await createVault({
          dataDir,
          userName: input.userName,
          passphrase: input.passphrase,
          ...(options.scrypt ? { scrypt: options.scrypt } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
          // The database exists before its key file, so no start ever finds a key file alone.
          ...(s.state === 'new' ? { beforeKeyFile: (key: Buffer) => createEmptyDatabase(setupFile, key) } : {}),
        });
        if (s.state === 'new') vaultStatus(dataDir, databasePath);
        const userName = input.userName.trim();
        const settled = open(keyringOf(readKeyFileAt(keyFile), dataKey), userName);
        return { recoveryKey, backupsEncrypted: settled?.backupsEncrypted ?? 0, backupsRemoved: settled?.backupsRemoved ?? 0 };
      }),
    /** Backups a new setup finds in the folder: offered for restore, never pruned. */
    earlierBackups: () => backupNames(backupsDir).map((b) => ({ name: b.name, date: b.date })),
    /**
     * Instead of a new setup: a backup restored into an empty data folder with the passphrase or
     * recovery key that was current when it was made; its key copy becomes the key file.
     */
    restoreFromBackup: (name: string, secret: string) =>
      exclusive(async () => {
        requireEncrypted();
        if (vaultStatus(dataDir, databasePath).state !== 'new') {
          throw new AppError('conflict', { sv: 'Komet är redan konfigurerat.', en: 'Komet is already set up.' });
        }
        const file = backupFile(name);
        const copyFile = keyFileOf(backupsDir, file);
        const credential: Credential = parseRecoveryKey(secret) ? { recoveryKey: secret } : { passphrase: secret };
        const { ring, file: keys } = await throttled(() => unlockKeyring(copyFile, credential));
        try {
          writeKeyFileAt(keyFile, copyOf(keys));
          restoreBackup(file, { dataDir, databasePath, key: ring.key, backupsDir, keyFile });
        } catch (err) {
          forget(ring);
          throw err;
        }
        open(ring, keys.userName);
      }),
    unlock: (passphrase: string) =>
      exclusive(async () => {
        requireEncrypted();
        await unlockAs({ passphrase });
      }),
    /** Whether this session holds an unencrypted database (no key, no lock). */
    keyless: Boolean(keyless),
    /** A forgotten passphrase: the recovery key unlocks and, if given, sets a new passphrase. */
    unlockWithRecoveryKey: (recoveryKey: string, newPassphrase?: string) =>
      exclusive(async () => {
        requireEncrypted();
        if (newPassphrase !== undefined) {
          await changePassphrase({ dataDir, current: { recoveryKey }, next: newPassphrase, backupsDir, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
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
    /** Throws `conflict` for an unencrypted database, which has no passphrase and no lock. */
    requireEncrypted,
    setIdleLockMs: (ms: number) => {
      idleLockMs = Math.max(0, ms);
      armIdleTimer();
    },
    changePassphrase: (currentPassphrase: string, next: string) =>
      exclusive(async () => {
        requireEncrypted();
        requireUnlocked();
        // The current passphrase is asked for even while unlocked: an open laptop is not consent.
        await throttled(() =>
          changePassphrase({ dataDir, current: { passphrase: currentPassphrase }, next, backupsDir, ...(options.scrypt ? { scrypt: options.scrypt } : {}) }),
        );
      }),
    /**
     * New data key, recovery key and key id under a new passphrase (see rekeyVault); the
     * database is closed meanwhile and reopened under the new key. Returns the new recovery key.
     */
    rekey: (currentPassphrase: string, next: string) =>
      exclusive(async () => {
        requireEncrypted();
        requireUnlocked();
        const wait = retryAfterMs();
        if (wait > 0) throw tooManyAttempts(wait);
        // The passphrase is checked before the database closes, so a typo costs nothing.
        await throttled(() => unlockKeyFile(readKeyFileAt(keyFile), { passphrase: currentPassphrase })).then((k) => k.fill(0));
        const held = requireUnlocked();
        const { userName } = held;
        const { ring: heldRing } = requireKeys();
        const keep = cloneKeyring(heldRing);
        held.app.close();
        forget(heldRing);
        current = null;
        let reopenWith = keep;
        try {
          const { recoveryKey, ring } = await rekeyVault({
            dataDir,
            databasePath,
            backupsDir,
            current: { passphrase: currentPassphrase },
            next,
            isBackupName: (n) => parseBackupFileName(n) !== null,
            ...(options.scrypt ? { scrypt: options.scrypt } : {}),
            ...(options.clock ? { clock: options.clock } : {}),
          });
          reopenWith = ring;
          forget(keep);
          backups.forgetVerified();
          return { recoveryKey };
        } finally {
          open(reopenWith, userName);
        }
      }),
    // Making, listing and thinning backups needs the keys this session holds (see vault-backups).
    ...backups,
    backupsDir,
    /** Closes the database, restores, and reopens; on a refused source nothing changes. */
    restore: (from: string): RestoreResult =>
      keyless
        ? restoreKeyless(from)
        : withClosedDatabase((ring) => {
            const sourceKey = keyOfBackup(ring, from);
            if (!sourceKey) throw otherKey();
            return { result: restoreBackup(from, { dataDir, databasePath, key: ring.key, sourceKey, backupsDir, keyFile }), ring };
          }),
    onChange(listener: (state: VaultSessionState, reason?: LockReason) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => lock('dispose'),
  };

  function restoreKeyless(from: string): RestoreResult {
    const { app, userName } = requireUnlocked();
    app.close();
    current = null;
    try {
      return restoreBackup(from, { dataDir, databasePath, key: undefined, backupsDir });
    } finally {
      openKeyless(userName);
    }
  }

  function openKeyless(userName: string) {
    const app = start({ dataDir, databasePath, shell: options.shell, actor: userName, ...(options.clock ? { clock: options.clock } : {}) });
    current = { app, ring: null, userName };
  }

  function backupFile(name: string): string {
    const parsed = parseBackupFileName(path.basename(name));
    const file = parsed ? path.join(backupsDir, parsed.name) : '';
    if (!parsed || !fs.existsSync(file))
      throw new AppError('not_found', { sv: 'Säkerhetskopian finns inte (längre).', en: 'The backup does not exist (any more).' });
    return file;
  }

  async function unlockAs(credential: Credential) {
    if (current || broken) return;
    const s = vaultStatus(dataDir, databasePath);
    if (s.state === 'damaged') throw s.error;
    if (s.state !== 'locked') {
      throw new AppError('locked', { sv: 'Komet är inte konfigurerat ännu.', en: 'Komet is not set up yet.' });
    }
    const ring = await withCredential(credential);
    open(ring, s.userName);
  }
}

const damagedDatabase = () =>
  new AppError('database_unreadable', {
    sv: 'Databasfilen är skadad och kan inte öppnas. Återställ den senaste fungerande säkerhetskopian.',
    en: 'The database file is damaged and cannot be opened. Restore the newest working backup.',
  });

const otherKey = () =>
  new AppError('database_unreadable', {
    sv: 'Säkerhetskopian hör till en annan nyckel än den här installationens. Återställ den med den lösenfras som gällde när den gjordes.',
    en: 'The backup belongs to another key than this installation’s. Restore it with the passphrase that was current when it was made.',
  });

/** Errors that mean the file is broken (the key itself was authenticated by the key file). */
function isDamage(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'database_unreadable';
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}

export type VaultSession = ReturnType<typeof createVaultSession>;
