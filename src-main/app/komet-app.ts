import fs from 'node:fs';
import path from 'node:path';
import type { AuditSink } from '../core/audit';
import { systemClock, type Clock } from '../core/clock';
import { hasPendingMigrations } from '../core/db/migrate';
import { openDatabase, type KometDb } from '../core/db/open';
import { AppError } from '../core/errors';
import { removeStaleStaging } from '../core/export/staging';
import { stagingRegistryOf } from '../core/services/export-files';
import { createAuditSink, listAudit } from '../core/repos/audit-repo';
import { createServices } from '../core/services';
import { createRepos } from '../core/repos';
import { createLaptopSync } from '../core/sync/laptop';
import { emitSyncChange } from './sync-events';
import { databaseMissing, keyFileOf } from '../core/vault';
import { databaseFileExists } from '../core/vault/encrypt-in-place';
import { createHandlers } from '../ipc/handlers';
import { createRouter, type CallContext, type Router } from '../ipc/router';
import { defaultDatabasePath, defaultDataDir } from './data-dir';
import { appVersion } from './version';

export interface KometApp {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly db: KometDb;
  readonly router: Router;
  /** Calls a procedure as the given shell; the same path every shell takes. */
  call(name: string, input: unknown, ctx?: Partial<CallContext>): ReturnType<Router['call']>;
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
}

/** The composition root: opens the database, seeds it on first start and wires the router. */
export function startKomet(options: StartOptions): KometApp {
  const dataDir = options.dataDir ?? (options.databasePath ? path.dirname(options.databasePath) : defaultDataDir());
  const databasePath = options.databasePath ?? defaultDatabasePath(dataDir);
  // Decrypted files an opening killed half-way left behind go at the next start.
  removeStaleStaging(stagingRegistryOf(dataDir));
  // A key file means a database existed here: a new one would hide its loss (restore instead).
  if (!databaseFileExists(databasePath) && fs.existsSync(keyFileOf(dataDir, databasePath))) throw databaseMissing();
  const db = openDatabase(databasePath, { ...(options.key ? { key: options.key } : {}), ...(options.readOnly ? { readOnly: true } : {}) });
  try {
    if (options.readOnly && hasPendingMigrations(db.sqlite)) throw new NeedsMigration();
    const clock = options.clock ?? systemClock;
    const actor = options.actor ?? 'local';
    // The router is made below; the sink asks it at each write which call is running.
    const made: { router?: Router } = {};
    const logged = createAuditSink(db, () => made.router?.currentCall() ?? { actor, procedure: 'startup' }, clock);
    const extra = options.audit;
    const audit: AuditSink = extra ? { record: (e) => (logged.record(e), extra.record(e)) } : logged;
    const services = createServices(db, { clock, audit });
    if (!options.readOnly) services.seed.ensureSeeded();
    const syncMode = options.sync ?? (options.shell === 'electron' || options.shell === 'browser' ? 'background' : undefined);
    const sync = syncMode && !options.readOnly ? createLaptopSync({ db, repos: createRepos(db, clock), clock }) : null;
    sync?.onChange(() => emitSyncChange());
    const handlers = createHandlers(services, {
      info: () => ({ version: appVersion(), dataDir, databasePath, encrypted: Boolean(options.key), shell: options.shell }),
      auditList: (input) => listAudit(db, input),
      sync,
    });
    const router = createRouter(handlers, {
      onInternalError: (err, name) => {
        // Only the procedure name and error class: messages may quote personal data.
        console.error(`komet: unexpected error in ${name}: ${err instanceof Error ? err.name : typeof err}`);
        if (process.env.KOMET_DEBUG) console.error(err);
      },
      // Until the runtime's change event carries committed writes, sync hears of them here.
      afterWrite: () => sync?.afterWrite(),
    });
    if (syncMode === 'background' && sync?.status().joined) sync.startBackground();
    made.router = router;
    const baseCtx: CallContext = { actor, shell: options.shell };
    return {
      dataDir,
      databasePath,
      db,
      router,
      call: (name, input, ctx) => router.call(name, input, { ...baseCtx, ...ctx }),
      close: () => {
        void sync?.close();
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
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
