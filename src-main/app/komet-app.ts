import fs from 'node:fs';
import path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { ParsedInput } from '../contract';
import type { AuditEntry, AuditSink } from '../core/audit';
import { systemClock, type Clock } from '../core/clock';
import { hasPendingMigrations } from '../core/db/migrate';
import { openDatabase, type KometDb } from '../core/db/open';
import { AppError } from '../core/errors';
import { removeStaleStaging } from '../core/export/staging';
import { stagingRegistryOf } from '../core/services/export-files';
import { createAuditSink, listAudit } from '../core/repos/audit-repo';
import { createServices } from '../core/services';
import { createRepos } from '../core/repos';
import { entitiesOfTables } from '../core/sync/entities';
import { createLaptopSync, type LaptopSync } from '../core/sync/laptop';
import { databaseMissing, keyFileOf } from '../core/vault';
import { databaseFileExists } from '../core/vault/encrypt-in-place';
import { currentCall, noteWritten, outsideCall } from './call-context';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { createExportThreads, type ExportThreads } from './export-thread';
import type { ExportEnv } from '../core/services/export-files';
import { createHandlers } from './handlers';
import { noticingCalls, readAhead, screenReadsAhead } from './read-ahead';
import { createRouter, logInternalError, type CallContext, type Handlers, type Router } from './router';
import { defaultDatabasePath, defaultDataDir } from './data-dir';
import { appVersion } from './version';

export interface KometApp {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly db: KometDb;
  /** The procedures this open database answers; the runtime routes to them while unlocked. */
  readonly handlers: Handlers;
  /**
   * Calls a procedure through the router with this database's handlers alone: the CLI and tests,
   * which open one database directly. The shells call the runtime instead.
   */
  call(name: string, input: unknown, ctx?: Partial<CallContext>): ReturnType<Router['call']>;
  /**
   * This database's changes: one event per write committed through `call` or through the
   * runtime's router, and one per batch of changes sync applied from other machines.
   */
  readonly events: ChangeFeed;
  close(): void;
}

export interface StartOptions {
  dataDir?: string;
  databasePath?: string;
  shell: CallContext['shell'];
  key?: Buffer;
  clock?: Clock;
  /** Also told about every audited write (tests); the audit log in the database always is. */
  audit?: AuditSink;
  /** Who the audit log names for calls that do not say: the vault's user, or 'cli'. */
  actor?: string;
  /**
   * Read the database without migrating or seeding it (the CLI's reports, beside a running app
   * that holds the write lock). Writes through such an app fail; the caller only reads.
   */
  readOnly?: boolean;
  /**
   * Sync with the server the database joined: in the background (the app's shells, the
   * default for electron and browser), only on request (`manual`), or not at all (default
   * for the CLI and tests: their writes wait in the outbox for the next sync).
   */
  sync?: 'background' | 'manual';
  /**
   * Runs `export.run` in a worker thread (export-thread.ts), so the other calls are answered
   * meanwhile: the default for the app's shells (electron, browser). An object sets the thread's
   * resource limits or its program file (tests make it fail with them).
   */
  exportThread?: boolean | { resourceLimits?: ResourceLimits; workerFile?: string };
}

/** Opens one database: migrates and seeds it on first start, and binds the services to their procedures. */
export function startKomet(options: StartOptions): KometApp {
  const dataDir = options.dataDir ?? (options.databasePath ? path.dirname(options.databasePath) : defaultDataDir());
  const databasePath = options.databasePath ?? defaultDatabasePath(dataDir);
  // Decrypted files an opening killed half-way left behind go at the next start.
  removeStaleStaging(stagingRegistryOf(dataDir));
  // A key file means a database existed here: a new one would hide its loss (restore instead).
  if (!databaseFileExists(databasePath) && fs.existsSync(keyFileOf(dataDir, databasePath))) throw databaseMissing();
  let threads: ExportThreads | null = null;
  const db = openDatabase(databasePath, { ...(options.key ? { key: options.key } : {}), ...(options.readOnly ? { readOnly: true } : {}) });
  try {
    if (options.readOnly && hasPendingMigrations(db.sqlite)) throw new NeedsMigration();
    const clock = options.clock ?? systemClock;
    const actor = options.actor ?? 'local';
    // The router carries the running call in its async context; writes outside any call
    // (seeding at first start) are logged as 'startup'.
    const logged = createAuditSink(db, () => currentCall() ?? { actor, procedure: 'startup' }, clock);
    const extra = options.audit;
    const audit: AuditSink = {
      record: (e) => {
        logged.record(e);
        noteWritten(e.entity);
        extra?.record(e);
      },
    };
    // The export's second reader opens the same file with the same key (read-only).
    const services = createServices(db, { clock, audit, secondReader: { databasePath, key: options.key ?? null } });
    // Seeding at first start may happen inside the call that unlocks: it is still the start's.
    if (!options.readOnly) outsideCall(() => services.seed.ensureSeeded());
    const syncMode = options.sync ?? (options.shell === 'electron' || options.shell === 'browser' ? 'background' : undefined);
    const sync = syncMode && !options.readOnly ? createLaptopSync({ db, repos: createRepos(db, clock), clock }) : null;
    const threadOption = options.exportThread ?? (options.shell === 'electron' || options.shell === 'browser');
    const inThread =
      threadOption && !options.readOnly
        ? createExportThreads({
            databasePath,
            key: options.key,
            markFailed: (exportId) => services.exporter.markInterrupted(exportId),
            ...(typeof threadOption === 'object' ? threadOption : {}),
          })
        : null;
    threads = inThread;
    // What the thread audited reaches this call's change event and the extra sink, as a write on this thread would.
    const heard = (entry: AuditEntry) => {
      noteWritten(entry.entity);
      extra?.record(entry);
    };
    const runExport = inThread
      ? async (input: ParsedInput<'export.run'>, env: ExportEnv) => {
          const outcome = await inThread.run(input, env, options.clock ? clock.now() : null);
          for (const entry of outcome.audited) heard(entry);
          if ('error' in outcome) throw outcome.error;
          return outcome.result;
        }
      : null;
    const answering = createHandlers(services, {
      runExport,
      info: () => ({ version: appVersion(), dataDir, databasePath, encrypted: Boolean(options.key), shell: options.shell }),
      auditList: (input) => listAudit(db, input),
      sync,
    });
    // The app's shells open a database to show it: what the heavier screens read first is made
    // while the one shown is looked at (the CLI and tests open one to ask one thing).
    const readsAhead = (options.shell === 'electron' || options.shell === 'browser') && !options.readOnly;
    let ahead: ReturnType<typeof readAhead> | null = null;
    const handlers = readsAhead ? noticingCalls(answering, () => ahead?.noteCall()) : answering;
    const events = createChangeFeed();
    const router = createRouter({ handlers: () => handlers, onCommitted: (e) => events.emit(e), onInternalError: logInternalError });
    if (sync) connectSync(sync, events);
    if (syncMode === 'background' && sync?.status().joined) sync.startBackground();
    const baseCtx: CallContext = { actor, shell: options.shell };
    if (readsAhead) ahead = readAhead(screenReadsAhead(services, clock));
    return {
      dataDir,
      databasePath,
      db,
      handlers,
      events,
      call: (name, input, ctx) => router.call(name, input, { ...baseCtx, ...ctx }),
      close: () => {
        ahead?.stop();
        // Before the connection closes: the stopped exports' log rows are marked failed with it.
        threads?.stopAll();
        void sync?.close();
        db.close();
      },
    };
  } catch (err) {
    threads?.stopAll();
    db.close();
    throw err;
  }
}

/**
 * Sync hears of every committed local write on the change feed (the capture triggers have put it
 * in the outbox; this hands it on), and announces what it applied from other machines on the same
 * feed, naming the kinds of rows it touched as local writes do. A status move alone (connected,
 * offline) names none.
 */
function connectSync(sync: LaptopSync, events: ChangeFeed): void {
  events.on((event) => {
    if (event.source !== 'local' || event.entities === 'all') return;
    try {
      sync.afterWrite();
    } catch (err) {
      // The write itself is committed; what follows it must not turn it into a failure.
      logInternalError(err, `${event.procedure ?? 'write'} (sync after write)`);
    }
  });
  sync.onChange((tables) => events.emit({ source: 'sync', entities: entitiesOfTables(tables) }));
}

/** Raised by a read-only start on a database an older Komet wrote: it must be migrated first. */
export class NeedsMigration extends AppError {
  constructor() {
    super('conflict', {
      sv: 'Databasen behöver uppdateras till den här versionen av Komet innan den kan läsas.',
      en: 'The database must be updated to this version of Komet before it can be read.',
    });
    this.name = 'NeedsMigration';
  }
}
