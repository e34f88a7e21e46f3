import type { AuditSink } from '../audit';
import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import type { Repos } from '../repos';

/** What every service needs: repositories, time, the audit trail and a transaction runner. */
export interface ServiceContext {
  repos: Repos;
  clock: Clock;
  audit: AuditSink;
  /** Runs fn in one synchronous transaction; fn must not await (the commit would not wait). */
  tx<T>(fn: () => T): T;
}

export function createContext(db: KometDb, repos: Repos, clock: Clock, audit: AuditSink): ServiceContext {
  // One wrapper for every call: better-sqlite3 builds a wrapper with five variants per
  // transaction(), which an import's savepoint per row paid ten thousand times. The wrapper
  // picks BEGIN or SAVEPOINT on each call, so nesting works as before.
  const run = db.sqlite.transaction((fn: () => unknown) => fn());
  return { repos, clock, audit, tx: <T>(fn: () => T) => run(fn) as T };
}
