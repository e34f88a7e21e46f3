import type Database from 'better-sqlite3';

/**
 * How the services that keep computed rows between reads notice what another connection committed
 * (the CLI next to a running app). The number comes from SQLite itself, so no other process can
 * forget to report a write; writes on this connection are noted by temporary triggers instead
 * (`change-notes.ts`).
 */
export function otherConnectionsWrites(sqlite: Database.Database): number {
  return sqlite.pragma('data_version', { simple: true }) as number;
}

/**
 * A stamp that differs after any write: the rows this connection changed since it opened (those
 * triggers changed included, so derived tables too) and what other connections committed. A kept
 * result is good while the stamp it was made under is still the current one; a write rolled back
 * only makes it be made again.
 */
export function writeStamps(sqlite: Database.Database): () => string {
  const changes = sqlite.prepare<[], number>('select total_changes()').pluck();
  return () => `${changes.get()}:${otherConnectionsWrites(sqlite)}`;
}
