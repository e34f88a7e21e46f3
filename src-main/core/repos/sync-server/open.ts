import type Database from 'better-sqlite3';
import { walSizeLimitBytes } from '../../db/open';
import { openSqliteFile } from '../../db/sqlite-file';
import { createServerSchema } from './storage';

/**
 * Opens (creating if needed) a sync server's database, encrypted with its key, with the same
 * durability settings as Komet's own databases. Several `komet server` commands may open it at
 * once (enrolling while the server runs): SQLite's own locking and a busy timeout order them.
 */
export function openServerDatabase(file: string, key: Buffer | undefined, options: { create: boolean }): Database.Database {
  const sqlite = openSqliteFile(file, { ...(key ? { key } : {}), fileMustExist: !options.create });
  try {
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    // Each peer's batch is saved in one transaction: the log is not kept at the largest batch's size until the server stops.
    sqlite.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
    sqlite.prepare('select count(*) from sqlite_master').get();
    createServerSchema(sqlite);
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
