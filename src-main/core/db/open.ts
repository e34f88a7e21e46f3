import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../errors';
import { privateDirMode } from '../private-dir';
import * as schema from './schema';
import { migrateDatabase } from './migrate';
import { openSqliteFile } from './sqlite-file';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface KometDb {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  close(): void;
}

export interface OpenOptions {
  /** Raw 32-byte data key; omitted for an unencrypted database (demos, benchmarks). */
  key?: Buffer;
  /** Open without applying migrations (used by checks that must not write). */
  readOnly?: boolean;
  migrationsFolder?: string;
}

const unreadable = () =>
  new AppError('database_unreadable', {
    sv: 'Filen är ingen Komet-databas, är skadad eller kräver en annan nyckel.',
    en: 'The file is not a Komet database, is damaged, or needs a different key.',
  });

/**
 * Why a database could not be opened, in the user's words. Only a foreign, damaged or wrongly keyed
 * file is "not a Komet database": the desktop answers that one with "restore a backup", which is
 * wrong advice for a file another program holds or one this user may not open.
 */
export function openFailure(err: unknown): AppError {
  const code = (err as { code?: unknown } | null)?.code;
  const sqlite = typeof code === 'string' ? code : '';
  if (sqlite.startsWith('SQLITE_BUSY') || sqlite.startsWith('SQLITE_LOCKED')) {
    return new AppError('in_use', {
      sv: 'Databasen används av ett annat program just nu. Försök igen om en stund.',
      en: 'The database is in use by another program. Try again in a moment.',
    });
  }
  if (['SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_READONLY', 'SQLITE_AUTH'].some((c) => sqlite.startsWith(c))) return cannotOpen();
  if (sqlite.startsWith('SQLITE_IOERR') || sqlite.startsWith('SQLITE_FULL')) {
    return new AppError('io', {
      sv: 'Databasfilen kunde inte läsas eller skrivas (diskfel eller full disk). Inget har ändrats.',
      en: 'The database file could not be read or written (a disk error or a full disk). Nothing was changed.',
    });
  }
  return unreadable();
}

/** The file is missing, a folder, or out of this user's reach: not damaged, so no restore is offered. */
const cannotOpen = () =>
  new AppError('io', {
    sv: 'Databasfilen kunde inte öppnas: den finns inte, är en mapp, eller så saknar du behörighet att läsa eller skriva den.',
    en: 'The database file could not be opened: it does not exist, is a folder, or you may not read or write it.',
  });

/**
 * The connection's page cache, at most (it only grows as pages are read). SQLite's default of 2 MB
 * holds a small fraction of a city's database: the reports, the leaders overview and the outcomes
 * re-read the same index pages for every row they join, each read a system call (and, encrypted,
 * a decryption). A leader's laptop, holding one unit, never fills it.
 */
export const pageCacheKiB = 128 * 1024;

/**
 * The write-ahead log file is cut back to this once it has been copied into the database. SQLite
 * otherwise keeps it at the largest size one transaction made it (a demo or an import of 100,000
 * rows: as large as the database itself) until the last connection closes, all day in the app.
 */
export const walSizeLimitBytes = 64 * 1024 * 1024;

/**
 * Opens (creating if needed) a Komet database with the durability settings we rely on:
 * WAL, synchronous=FULL (better-sqlite3 defaults to NORMAL) and enforced foreign keys.
 */
export function openDatabase(file: string, options: OpenOptions = {}): KometDb {
  if (!options.readOnly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: privateDirMode });
  // SQLite opens a folder read-only and only then calls it "not a database".
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw cannotOpen();
  let sqlite: Database.Database;
  try {
    sqlite = openSqliteFile(file, {
      readonly: options.readOnly ?? false,
      fileMustExist: options.readOnly ?? false,
      ...(options.key ? { key: options.key } : {}),
    });
  } catch (err) {
    throw openFailure(err);
  }
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten, not merely unlinked: an erased participant's name must not
    // linger in a free page of the file.
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma(`cache_size = -${pageCacheKiB}`);
    if (!options.readOnly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
    }
    // Touch the schema so a wrong key or a foreign file fails here, not later.
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (err) {
    sqlite.close();
    throw openFailure(err);
  }
  const orm = drizzle(sqlite, { schema });
  if (!options.readOnly) {
    try {
      migrateDatabase(sqlite, orm, options.migrationsFolder);
    } catch (err) {
      sqlite.close();
      throw err;
    }
  }
  return { path: file, sqlite, orm, close: () => sqlite.close() };
}
