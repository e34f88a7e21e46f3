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
  return { repos, clock, audit, tx: (fn) => db.sqlite.transaction(fn)() };
}
