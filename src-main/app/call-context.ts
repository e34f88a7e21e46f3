import { AsyncLocalStorage } from 'node:async_hooks';
import type { ProcedureName } from '../contract';
import type { Shell } from '../contract/enums';

/** Who is calling, for the audit trail and for procedures that behave per shell. */
export interface CallContext {
  actor: string;
  shell: Shell;
}

/** The call a handler is running for; the audit trail reads it at each write. */
export interface CurrentCall {
  actor: string;
  procedure: ProcedureName;
  /** Audit entities written so far in this call: the change event names them. */
  readonly written: Set<string>;
}

/**
 * Carried through each handler's async context by the router, so the audit trail and the change
 * event know the call without anyone passing it along or holding it in a shared variable.
 */
const storage = new AsyncLocalStorage<CurrentCall>();

export const runInCall = <T>(call: CurrentCall, run: () => T): T => storage.run(call, run);

/** The call whose handler is running here; null outside any call (startup, background work). */
export const currentCall = (): CurrentCall | null => storage.getStore() ?? null;

/** Runs outside any call: what a start does (seeding a new database) is the start's, not the call's. */
export const outsideCall = <T>(run: () => T): T => storage.exit(run);

/** Notes a written entity on the running call, if any. */
export function noteWritten(entity: string): void {
  storage.getStore()?.written.add(entity);
}
