import type Database from 'better-sqlite3';

/**
 * How the services that keep computed rows between reads notice writes. Both numbers come from
 * SQLite itself, so no write path (a procedure, a sync pull, a bulk import, the CLI beside a running
 * app) can forget to report one.
 */

/** A number that differs after another connection committed (the CLI next to a running app). */
export function otherConnectionsWrites(sqlite: Database.Database): number {
  return sqlite.pragma('data_version', { simple: true }) as number;
}

/**
 * What the database holds as this connection sees it, as one value that moves on every write:
 * rows written by this connection (`total_changes`, triggers' rows included), or committed by
 * another (`data_version`). Null inside a transaction, whose writes a rollback would take back
 * without moving the value.
 */
export function connectionWriteStamp(sqlite: Database.Database): () => string | null {
  const totalChanges = sqlite.prepare('select total_changes()').pluck();
  return () => (sqlite.inTransaction ? null : `${String(otherConnectionsWrites(sqlite))}|${String(totalChanges.get())}`);
}
