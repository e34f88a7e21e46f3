import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../errors';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

/** Finds drizzle/ beside the source tree, the build output, or the packaged app's resources. */
export function defaultMigrationsFolder(): string {
  const fromEnv = process.env.KOMET_MIGRATIONS_DIR;
  if (fromEnv) return fromEnv;
  const starts = [import.meta.dirname, process.cwd()];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) starts.unshift(resourcesPath);
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const candidate = path.join(dir, 'drizzle');
      if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new AppError('internal', {
    sv: 'Programmets databasmigreringar saknas. Installera om Komet.',
    en: 'The application’s database migrations are missing. Reinstall Komet.',
  });
}

export function readJournal(folder: string): Journal {
  return JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** Newest migration timestamp recorded in a database, or null for a database never migrated. */
export function appliedMigrationMillis(sqlite: Database.Database): number | null {
  const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return null;
  const row = sqlite.prepare('select max(created_at) as newest from __drizzle_migrations').get() as {
    newest: number | null;
  };
  return row.newest ?? null;
}

/** True when the database lacks migrations this Komet knows (a never-migrated file included). */
export function hasPendingMigrations(sqlite: Database.Database, folder = defaultMigrationsFolder()): boolean {
  const newestKnown = Math.max(0, ...readJournal(folder).entries.map((e) => e.when));
  return (appliedMigrationMillis(sqlite) ?? 0) < newestKnown;
}

/**
 * Applies pending migrations. A database written by a newer Komet is refused before anything is
 * touched, because an older app cannot know what the newer schema means.
 */
export function migrateDatabase(sqlite: Database.Database, orm: BetterSQLite3Database<Record<string, unknown>>, folder = defaultMigrationsFolder()): void {
  const journal = readJournal(folder);
  const newestKnown = Math.max(0, ...journal.entries.map((e) => e.when));
  const applied = appliedMigrationMillis(sqlite);
  if (applied !== null && applied > newestKnown) {
    throw new AppError('database_too_new', {
      sv: 'Databasen har skapats av en nyare version av Komet. Uppdatera Komet för att öppna den.',
      en: 'The database was created by a newer version of Komet. Update Komet to open it.',
    });
  }
  migrate(orm, { migrationsFolder: folder });
}
