import fs from 'node:fs';
import { integrityErrors, isKometDatabase, newestMigration, openConnection, tableRowCounts } from '../repos/backup-repo';
import { isPlaintextDatabase } from '../vault/encrypt-in-place';

export type BackupProblem = 'missing' | 'unreadable' | 'not_komet' | 'damaged' | 'not_encrypted';

export interface Verification {
  ok: boolean;
  problem?: BackupProblem;
  encrypted: boolean;
  /** Rows per table (migration bookkeeping left out); empty when the file cannot be read. */
  counts: Record<string, number>;
  /** Newest migration applied in the file, to refuse a backup written by a newer Komet. */
  migration: number | null;
}

/**
 * Opens a database file read-only with the key and checks it the way a restore would need it:
 * readable with this key, a Komet database, and sound by SQLite's integrity_check. With a key,
 * a plaintext file is a failure: backups must stay encrypted.
 */
export function verifyDatabaseFile(file: string, key: Buffer | undefined): Verification {
  const encrypted = !isPlaintextDatabase(file);
  const failed = (problem: BackupProblem): Verification => ({ ok: false, problem, encrypted, counts: {}, migration: null });
  if (!fs.existsSync(file)) return failed('missing');
  if (key && !encrypted) return failed('not_encrypted');
  let sqlite;
  try {
    const cacheMiB = Math.min(512, fs.statSync(file).size / 2 ** 20 + 16);
    sqlite = openConnection(file, { key, readonly: true, cacheMiB });
  } catch {
    return failed('unreadable');
  }
  try {
    if (!isKometDatabase(sqlite)) return failed('not_komet');
    if (integrityErrors(sqlite).length) return failed('damaged');
    const { __drizzle_migrations: _bookkeeping, ...counts } = tableRowCounts(sqlite);
    return { ok: true, encrypted, counts, migration: newestMigration(sqlite) };
  } catch {
    return failed('damaged');
  } finally {
    sqlite.close();
  }
}
