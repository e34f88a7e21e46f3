import fs from 'node:fs';
import { integrityErrors, isKometDatabase, newestMigration, openConnection, tableRowCounts } from '../repos/backup-repo';
import { isPlaintextDatabase } from '../vault/encrypt-in-place';

/** 'other_key': a backup of another installation (its key copy names a key this vault never had). */
export type BackupProblem = 'missing' | 'unreadable' | 'not_komet' | 'damaged' | 'not_encrypted' | 'other_key';

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
 * How deep to look. 'full' (integrity_check) is for a file whose history is unknown and that is
 * about to be relied on: a backup about to be restored. 'listing' (quick_check) is for the list of
 * backups, which only offers them: it finds what a disk can do to a file (unreadable, torn or
 * lost pages) at a quarter of the time (2.1 s against 7.7 s per backup at --scale 100), and the
 * one chosen is checked in full before anything is touched. 'fresh-copy' (quick_check) is for a
 * file this process has just copied from a live database (page for page for a backup, VACUUM INTO
 * for a restore), and is sound for that case: either copy carries the source's table and index
 * entries as they are inside one transaction (an index missing rows in the source is missing them
 * in the copy too), so the copy cannot gain such a disagreement of its own. What writing can add
 * is lost, torn, stale or misplaced pages, and quick_check reads every page of every b-tree (each
 * one authenticated by the cipher's per-page MAC when it is decrypted), checks the tree structure,
 * that every page is used exactly once, NOT NULL and CHECK constraints and each index's entry
 * count. Row-by-row index matching is a property of the source's contents: the backup chosen for
 * a restore is checked in full before anything is touched, and `komet check` checks the live
 * database in full.
 */
export type VerifyDepth = 'full' | 'listing' | 'fresh-copy';

/**
 * Opens a database file read-only with the key and checks it the way a restore would need it:
 * readable with this key, a Komet database, and sound by SQLite's integrity_check (quick_check
 * for a fresh copy, see VerifyDepth). With a key, a plaintext file is a failure: backups must
 * stay encrypted.
 */
export function verifyDatabaseFile(file: string, key: Buffer | undefined, depth: VerifyDepth = 'full'): Verification {
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
    if (integrityErrors(sqlite, depth === 'full' ? 'full' : 'quick').length) return failed('damaged');
    const { __drizzle_migrations: _bookkeeping, ...counts } = tableRowCounts(sqlite);
    return { ok: true, encrypted, counts, migration: newestMigration(sqlite) };
  } catch {
    return failed('damaged');
  } finally {
    sqlite.close();
  }
}
