import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { appliedMigrationMillis } from '../db/migrate';
import { openSqliteFile } from '../db/sqlite-file';
import { privateDirMode, privateFileMode } from '../private-dir';

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
    fs.chmodSync(target, privateFileMode);
    return;
  }
  // Passive: moves what it can without waiting for readers, so the WAL to copy stays short.
  sqlite.pragma('wal_checkpoint(PASSIVE)');
  sqlite
    .transaction(() => {
      // A copy takes its source's mode, which SQLite made readable by all (0644); a backup may go
      // anywhere (komet backup --out) and, unencrypted, holds every name in plain text.
      fs.copyFileSync(sqlite.name, target);
      fs.chmodSync(target, privateFileMode);
      const wal = `${sqlite.name}-wal`;
      if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
        fs.copyFileSync(wal, `${target}-wal`);
        fs.chmodSync(`${target}-wal`, privateFileMode);
      }
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
  return (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map(
    (r) => r.name,
  );
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

const rawKey = (key: Buffer) => `x'${key.toString('hex')}'`;

/**
 * Copies a database (WAL included) into a new file encrypted with `targetKey`, in one pass and
 * without an intermediate file: a connection keyed with the target key attaches the source with
 * its own key (none for a plaintext source) and vacuums it into the target, which
 * SQLite3MultipleCiphers encrypts with the connection's key. Nothing of the source is ever written
 * in clear, and no rollback journal of it is made. The connection's own file stays empty.
 */
export function copyEncryptedWith(source: string, sourceKey: Buffer | undefined, target: string, targetKey: Buffer): void {
  const hostFile = `${target}.host`;
  fs.rmSync(hostFile, { force: true });
  const host = openSqliteFile(hostFile, { key: targetKey });
  try {
    host.prepare('attach database ? as source key ?').run(source, sourceKey ? rawKey(sourceKey) : '');
    host.prepare('vacuum source into ?').run(target);
  } finally {
    host.close();
    fs.rmSync(hostFile, { force: true });
  }
}

/** An encrypted database with nothing in it yet: it exists, so no later start mistakes it for lost. */
export function createEmptyDatabase(file: string, key: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: privateDirMode });
  const sqlite = openSqliteFile(file, { key });
  try {
    sqlite.exec('create table komet_setup (x); drop table komet_setup;');
  } finally {
    sqlite.close();
  }
}

/** Folds a WAL into its database without truncating it, so its own bytes can still be overwritten. */
export function checkpointKeepingWal(sqlite: Connection): boolean {
  const [row] = sqlite.pragma('wal_checkpoint(FULL)') as { busy: number; log: number; checkpointed: number }[];
  return !!row && row.busy === 0 && row.log === row.checkpointed;
}

export function setWalMode(sqlite: Connection): void {
  sqlite.pragma('journal_mode = WAL');
}
