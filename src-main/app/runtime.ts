import path from 'node:path';
import { systemClock, type Clock } from '../core/clock';
import { AppError, type Result } from '../core/errors';
import type { ScryptParams } from '../core/vault';
import { runsWhileLocked, type ChangeEvent } from '../contract';
import { backupEntity, onlyBesideTheData } from '../contract/events';
import { commonErrors } from '../contract/errors';
import type { CallContext } from './call-context';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { defaultDatabasePath, defaultDataDir } from './data-dir';
import { claimDatabase } from './database-claim';
import { backupHandlers } from './handlers/backups';
import { vaultHandlers } from './handlers/vault';
import type { KometApp, StartOptions } from './komet-app';
import { readAutoLockMinutes } from './prefs';
import { createRouter, logInternalError, type AnyHandlers } from './router';
import { createVaultSession } from './vault-session';

export interface RuntimeOptions {
  dataDir?: string;
  databasePath?: string;
  shell: CallContext['shell'];
  clock?: Clock;
  /**
   * An unencrypted database (`komet init --unencrypted`: demos, benchmarks), opened at once and
   * never locked; `actor` names the audit log's writer.
   */
  keyless?: { actor: string };
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

/**
 * What every shell talks to: one object per process that answers every procedure of the
 * contract through one router, whether the database is open, locked, or unencrypted.
 */
export interface Runtime {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly encrypted: boolean;
  call(name: string, input: unknown, ctx?: Partial<CallContext>): Promise<Result<unknown>>;
  /** One event per committed write, per lock change and per batch sync applied; both shells pass them to their windows. */
  readonly events: ChangeFeed;
  /** Told when the lock state changes, with or without a call (idle lock, screen lock). */
  onLockChange(listener: (procedure: 'vault.status') => void): () => void;
  /** The open database, or null while locked. */
  app(): KometApp | null;
  /** Locks now (screen locked, laptop suspended). */
  lock(): void;
  /** Makes a 'quit' backup when open, then closes everything. Safe to call twice. */
  close(options?: { backup?: boolean }): void;
}

const hourMs = 60 * 60 * 1000;

/** The change event of a backup main made on its own; no data changed, so sync does not hear it. */
const backupMade = (): ChangeEvent => ({ source: 'local', procedure: 'backups.create', entities: [backupEntity] });

/** Automatic work (daily backup) must never take the app down; only the error's class is logged. */
function logBackgroundFailure(what: string, err: unknown): void {
  const code = err instanceof AppError ? err.code : err instanceof Error ? err.name : typeof err;
  console.error(`komet: ${what} failed: ${code}`);
  if (process.env.KOMET_DEBUG) console.error(err);
}

/**
 * The runtime: claims the database, runs the vault session, and routes every call through the
 * one router. Procedures the contract marks `whileLocked` are answered by the vault handlers at
 * any time; every other one needs the open database and counts as activity for the idle lock.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const dataDir = options.dataDir ?? (options.databasePath ? path.dirname(options.databasePath) : defaultDataDir());
  const databasePath = options.databasePath ?? defaultDatabasePath(dataDir);
  const release = claimDatabase(databasePath);
  const clock = options.clock ?? systemClock;
  let autoLockMinutes = readAutoLockMinutes(dataDir);
  const keyless = options.keyless;
  let session: ReturnType<typeof createVaultSession>;
  try {
    session = createVaultSession({
      dataDir,
      databasePath,
      shell: options.shell,
      idleLockMs: keyless ? 0 : autoLockMinutes * 60_000,
      ...(keyless ? { keyless } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.scrypt ? { scrypt: options.scrypt } : {}),
      ...(options.start ? { start: options.start } : {}),
      ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    });
  } catch (err) {
    release();
    throw err;
  }
  const events = createChangeFeed();
  const lockListeners = new Set<(procedure: 'vault.status') => void>();
  // The lock state moved (with or without a call: idle, screen lock): open windows re-read everything.
  const lockChanged = () => {
    for (const listener of lockListeners) listener('vault.status');
    events.emit({ source: 'local', procedure: 'vault.status', entities: 'all' });
  };
  let backupTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function stopBackupTimer() {
    if (backupTimer) clearTimeout(backupTimer);
    backupTimer = null;
  }

  const isOpen = () => session.status().state === 'unlocked';

  /** Today's backup if none exists yet; then again every hour while unlocked. */
  function scheduleBackups(delayMs: number) {
    stopBackupTimer();
    const every = options.backupCheckMs ?? hourMs;
    if (keyless || every <= 0 || !isOpen()) return;
    backupTimer = setTimeout(() => {
      backupTimer = null;
      if (!isOpen()) return;
      try {
        // Only the backups list changed: the lock listeners (the menu) and every other read stay as they were.
        if (session.backupIfDue(new Date(Date.parse(clock.now())))) events.emit(backupMade());
      } catch (err) {
        logBackgroundFailure('daily backup', err);
      }
      scheduleBackups(every);
    }, delayMs);
    backupTimer.unref?.();
  }

  // The open database's own feed carries its writes, whichever router committed them, and what
  // sync applied there from other machines (sync hears the writes on it); the runtime passes
  // everything on it to the shells.
  let relayed: { app: KometApp; off: () => void } | null = null;
  const relayOpenApp = () => {
    const app = isOpen() ? session.app() : null;
    if (relayed?.app === app) return;
    relayed?.off();
    relayed = app ? { app, off: app.events.on((event) => events.emit(event)) } : null;
  };
  relayOpenApp();

  const unsubscribe = session.onChange((state) => {
    relayOpenApp();
    if (state.state === 'unlocked') scheduleBackups(options.firstBackupDelayMs ?? 2000);
    else stopBackupTimer();
    lockChanged();
  });

  const lockHandlers = {
    ...backupHandlers({ session, clock }),
    ...vaultHandlers({
      session,
      dataDir,
      clock,
      autoLock: {
        get: () => autoLockMinutes,
        set: (minutes) => {
          autoLockMinutes = minutes;
          session.setIdleLockMs(minutes * 60_000);
        },
      },
    }),
  };
  const router = createRouter({
    handlers: (): AnyHandlers => (isOpen() ? { ...lockHandlers, ...session.app().handlers } : lockHandlers),
    guard: (name) => {
      if (runsWhileLocked(name)) return null;
      if (!isOpen()) return commonErrors.locked;
      session.touch();
      return null;
    },
    onCommitted: (event) => {
      relayOpenApp();
      // The lock's and the backups' writes reach the shells directly: the database may be closed or
      // replaced, and a backup or a lock setting changed no row of the data, so sync (which hears the
      // database's feed) must not hear it.
      if (event.entities !== 'all' && !onlyBesideTheData(event.entities) && relayed) relayed.app.events.emit(event);
      else events.emit(event);
    },
    onInternalError: logInternalError,
  });
  const actorNow = () => {
    const s = session.status();
    return keyless?.actor ?? ('userName' in s && s.userName ? s.userName : 'local');
  };

  return {
    dataDir,
    databasePath,
    encrypted: !keyless,
    events,
    call: (name, input, ctx) => router.call(name, input, { actor: actorNow(), shell: options.shell, ...ctx }),
    onLockChange(listener) {
      lockListeners.add(listener);
      return () => lockListeners.delete(listener);
    },
    app: () => (isOpen() ? session.app() : null),
    lock: () => session.lock('user'),
    close(closeOptions = {}) {
      if (closed) return;
      closed = true;
      stopBackupTimer();
      if (closeOptions.backup && isOpen()) {
        try {
          session.backupNow('quit');
          session.pruneBackups(new Date(Date.parse(clock.now())));
        } catch (err) {
          logBackgroundFailure('backup on quit', err);
        }
      }
      unsubscribe();
      relayed?.off();
      relayed = null;
      session.dispose();
      lockListeners.clear();
      release();
    },
  };
}
