import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type KometDb } from '../../src-main/core/db/open';

/** A fresh data folder per test; removed by the returned cleanup. */
export function tempDataDir(prefix = 'komet-vault-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Cheap scrypt for tests; production cost is measured separately. */
export const testScrypt = { N: 2 ** 12, r: 8, p: 1 };

/** Raw bytes of the database and its WAL, as an attacker with the disk would see them. */
export function rawDatabaseBytes(file: string): Buffer {
  return Buffer.concat(['', '-wal'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)));
}

export const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Writes a recognisable personal-looking value through SQL, for checking it never shows in clear. */
export function writeMarker(db: KometDb, value: string): void {
  db.sqlite
    .prepare("insert into settings (key, value, updated_at) values (?, ?, '2025-01-01T00:00:00Z') on conflict(key) do update set value = excluded.value")
    .run(`marker-${value.length}`, value);
}

export function readMarker(db: KometDb, value: string): string | undefined {
  return (db.sqlite.prepare('select value from settings where key = ?').get(`marker-${value.length}`) as { value: string } | undefined)?.value;
}

export function openEncrypted(file: string, key: Buffer): KometDb {
  return openDatabase(file, { key });
}
