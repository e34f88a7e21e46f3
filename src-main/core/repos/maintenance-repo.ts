import type { KometDb } from '../db/open';

export interface IntegrityReport {
  /** False when the file is a SQLite database but lacks Komet's tables. */
  kometSchema: boolean;
  /** integrity_check's findings; empty when the file is sound. */
  integrity: string[];
  /** One entry per row whose reference points at nothing. */
  foreignKeys: { table: string; rowid: number | null; parent: string }[];
}

const kometTables = ['__drizzle_migrations', 'programmes', 'units', 'staff', 'groups', 'sessions'];

/**
 * Reads SQLite's own checks. The findings name tables, indexes and row numbers only, never row
 * contents, so they are safe to print.
 */
export function checkIntegrity(db: KometDb): IntegrityReport {
  const names = new Set((db.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
  let integrity: string[];
  try {
    integrity = (db.sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((text) => text !== 'ok');
  } catch (err) {
    // A badly damaged file can fail the check itself rather than report rows.
    integrity = [err instanceof Error ? err.message : 'integrity_check failed'];
  }
  let foreignKeys: IntegrityReport['foreignKeys'] = [];
  try {
    foreignKeys = (db.sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map(({ table, rowid, parent }) => ({
      table,
      rowid,
      parent,
    }));
  } catch (err) {
    integrity.push(err instanceof Error ? err.message : 'foreign_key_check failed');
  }
  return { kometSchema: kometTables.every((t) => names.has(t)), integrity, foreignKeys };
}
