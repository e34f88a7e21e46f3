import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startKomet } from '../../src-main/app/komet-app';
import { defaultMigrationsFolder, readJournal } from '../../src-main/core/db/migrate';
import { openDatabase, openFailure } from '../../src-main/core/db/open';
import { AppError } from '../../src-main/core/errors';
import { createTestApp, makeTempDir } from '../helpers/db';

const dirs: string[] = [];
const tempDir = () => {
  const d = makeTempDir('komet-migrate-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const journal = readJournal(defaultMigrationsFolder());

function openError(file: string): AppError {
  try {
    startKomet({ databasePath: file, shell: 'test' }).close();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('opening should have failed');
}

/** Applies the first `count` migration files by hand, as an older Komet would have left the database. */
function migrateTo(file: string, count: number): void {
  const sqlite = new Database(file);
  sqlite.exec('create table "__drizzle_migrations" (id integer primary key autoincrement, hash text not null, created_at numeric)');
  for (const entry of journal.entries.slice(0, count)) {
    const text = fs.readFileSync(path.join(defaultMigrationsFolder(), `${entry.tag}.sql`), 'utf8');
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) sqlite.exec(statement);
    sqlite
      .prepare('insert into "__drizzle_migrations" (hash, created_at) values (?, ?)')
      .run(crypto.createHash('sha256').update(text).digest('hex'), entry.when);
  }
  sqlite.close();
}

describe('migrations', () => {
  it('creates every table on an empty database and records each migration once', () => {
    const t = createTestApp({ dir: tempDir() });
    const tables = t.app.db.sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['programmes', 'units', 'staff', 'groups', 'group_leaders', 'sessions', 'settings']));
    expect(t.rowCount('__drizzle_migrations')).toBe(journal.entries.length);
    t.app.close();
    // Opening again applies nothing new and keeps the data.
    const again = createTestApp({ dir: t.dir });
    expect(again.rowCount('__drizzle_migrations')).toBe(journal.entries.length);
    expect(again.rowCount('programmes')).toBe(7);
    again.close();
  });

  it('upgrades a database left by the previous version, keeping its rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'komet.db');
    migrateTo(file, journal.entries.length - 1);
    const old = new Database(file);
    old
      .prepare("insert into units (id, name, kind, active, created_at, updated_at) values (?, 'Gamla enheten', 'other', 1, 'x', 'x')")
      .run(crypto.randomUUID());
    old.close();

    const t = createTestApp({ dir });
    expect(t.rowCount('__drizzle_migrations')).toBe(journal.entries.length);
    const indexes = t.app.db.sqlite.prepare("select name from sqlite_master where type = 'index'").pluck().all();
    expect(indexes).toContain('sessions_status_date_cover_idx');
    expect(t.app.db.sqlite.prepare("select count(*) from units where name = 'Gamla enheten'").pluck().get()).toBe(1);
    t.close();
  });

  it('refuses a database written by a newer Komet without touching it', () => {
    const dir = tempDir();
    const t = createTestApp({ dir });
    const newest = Math.max(...journal.entries.map((e) => e.when));
    t.app.db.sqlite.prepare('insert into "__drizzle_migrations" (hash, created_at) values (?, ?)').run('from-the-future', newest + 1000);
    t.app.close();
    const file = path.join(dir, 'komet.db');
    const before = fs.readFileSync(file);

    const err = openError(file);
    expect(err.code).toBe('database_too_new');
    expect(err.messages.sv).toMatch(/nyare version/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a folder where the file should be as a file that cannot be opened, not as a damaged database', () => {
    const folder = path.join(tempDir(), 'komet.db');
    fs.mkdirSync(folder);
    let err: unknown;
    try {
      openDatabase(folder, { readOnly: true }).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('io');
    expect((err as AppError).messages.sv).toMatch(/kunde inte öppnas/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('reports a database another connection holds locked as in use, not as damaged', () => {
    const file = path.join(tempDir(), 'komet.db');
    const holder = new Database(file);
    holder.exec('create table t (a)');
    holder.exec('begin exclusive');
    holder.exec('insert into t values (1)');
    const reader = new Database(file);
    reader.pragma('busy_timeout = 0');
    let busy: unknown;
    try {
      reader.prepare('select count(*) from sqlite_master').get();
    } catch (e) {
      busy = e;
    } finally {
      reader.close();
      holder.exec('rollback');
      holder.close();
    }
    // The error SQLite gave, as openDatabase would meet it after its busy timeout.
    expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');
    const err = openFailure(busy);
    expect(err.code).toBe('in_use');
    expect(err.messages.en).toMatch(/in use by another program/);
  });

  it('reports a file that is not a database as unreadable and leaves it alone', () => {
    const file = path.join(tempDir(), 'komet.db');
    const bytes = crypto.randomBytes(8192);
    fs.writeFileSync(file, bytes);
    const err = openError(file);
    expect(err.code).toBe('database_unreadable');
    expect(err.messages.sv).toMatch(/ingen Komet-databas/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
