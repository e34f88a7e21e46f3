import type Database from 'better-sqlite3';

/**
 * How the services that keep computed rows between reads notice what another connection committed
 * (the CLI next to a running app). The number comes from SQLite itself, so no other process can
 * forget to report a write; writes on this connection are noted by temporary triggers instead
 * (`leaders-changes.ts`, `worklist-changes.ts`).
 */
export function otherConnectionsWrites(sqlite: Database.Database): number {
  return sqlite.pragma('data_version', { simple: true }) as number;
}
