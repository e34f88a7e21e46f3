import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { appliedMigrationMillis } from '../db/migrate';
import { openSqliteFile } from '../db/sqlite-file';

/**
 * The SQL behind encryption, backups and restores: whole-file operations on raw connections,
 * below the ORM. Nothing here reads row contents; only counts and SQLite's own findings leave.
 */
export type Connection = Database.Database;

export function openConnection(file: string, options: { key?: Buffer; readonly?: boolean; cacheMiB?: number } = {}): Connection {
  const sqlite = openSqliteFile(file, { readonly: options.readonly ?? false, fileMustExist: true, ...(options.key ? { key: options.key } : {}) });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // integrity_check probes every index for every row: with encrypted pages, a cache that holds
    // the whole file halves its time by decrypting each page once (measured at --scale 100).
    if (options.cacheMiB) sqlite.pragma(`cache_size = ${-Math.round(options.cacheMiB * 1024)}`);
    sqlite.prepare('select count(*) from sqlite_master').get();
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/**
 * A consistent copy of the whole database, taken inside one read transaction, so writers may go
 * on meanwhile. The copy keeps the source's cipher and key (SQLite3MultipleCiphers).
 */
export function vacuumInto(sqlite: Connection, target: string): void {
  sqlite.prepare('vacuum into ?').run(target);
}

/**
 * A consistent copy of the whole database taken page for page, for backups: the file and its WAL
 * are copied while this connection holds the write lock, so no commit can land in between, and
 * the copy's WAL is then folded into it so the copy is one self-contained file. The pages stay
 * encrypted as they are on disk: nothing is decrypted and re-encrypted, which is what made
 * VACUUM INTO take seconds at city scale. Readers go on meanwhile; writers wait for the copy.
 * Checkpointers may still move WAL frames into the main file during the copy; every frame they
 * move is also in the copied WAL, which wins over the main file when the copy is opened.
 */
export function copySnapshot(sqlite: Connection, target: string, key: Buffer | undefined): void {
  if (sqlite.memory) {
    vacuumInto(sqlite, target);
    return;
  }
  // Passive: moves what it can without waiting for readers, so the WAL to copy stays short.
  sqlite.pragma('wal_checkpoint(PASSIVE)');
  sqlite
    .transaction(() => {
      fs.copyFileSync(sqlite.name, target);
      const wal = `${sqlite.name}-wal`;
      if (fs.existsSync(wal) && fs.statSync(wal).size > 0) fs.copyFileSync(wal, `${target}-wal`);
    })
    .immediate();
  const copy = openConnection(target, { key });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fs.rmSync(`${target}-shm`, { force: true });
}

/**
 * SQLite's findings; empty when the file is sound. 'quick' is PRAGMA quick_check: every page of
 * every b-tree read and its structure checked, but index entries not matched row by row to their
 * table rows, nor UNIQUE re-checked (under half the time at --scale 100).
 */
export function integrityErrors(sqlite: Connection, depth: 'full' | 'quick' = 'full'): string[] {
  const pragma = depth === 'quick' ? 'quick_check' : 'integrity_check';
  try {
    return (sqlite.pragma(pragma) as Record<string, string>[]).map((r) => String(r[pragma])).filter((t) => t !== 'ok');
  } catch (err) {
    return [err instanceof Error ? err.message : `${pragma} failed`];
  }
}

export function tableNames(sqlite: Connection): string[] {
  return (
    sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]
  ).map((r) => r.name);
}

export function tableRowCounts(sqlite: Connection): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of tableNames(sqlite)) {
    counts[name] = (sqlite.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
  }
  return counts;
}

const kometTables = ['__drizzle_migrations', 'programmes', 'units', 'staff'];
export const isKometDatabase = (sqlite: Connection) => {
  const names = new Set(tableNames(sqlite));
  return kometTables.every((t) => names.has(t));
};

export const newestMigration = (sqlite: Connection) => appliedMigrationMillis(sqlite);

/** Moves everything from the WAL into the main file, so the file alone is the whole database. */
export function checkpoint(sqlite: Connection): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Encrypts a plaintext database file in place with a raw key. SQLite3MultipleCiphers refuses to
 * rekey a plaintext database in WAL mode, so the file is switched to a rollback journal first;
 * callers only do this on a private copy.
 */
export function encryptPlainFile(file: string, key: Buffer): void {
  const sqlite = openSqliteFile(file, { fileMustExist: true });
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    sqlite.close();
  }
}

export function setWalMode(sqlite: Connection): void {
  sqlite.pragma('journal_mode = WAL');
}
