import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { TestApp } from './db';

/**
 * Checks shared by the tests of tables kept by triggers: each such table is read as it is stored
 * and as a plain query over the raw rows computes it, and the two must agree after every write.
 */

/** Per kept table: the query of its stored rows and the query that computes them from the raw rows. */
export type KeptTables<K extends string> = Record<K, { stored: string; expected: string }>;

export const rowsOf = (t: TestApp, sql: string): unknown[] => t.app.db.sqlite.prepare(sql).raw().all();

/** The kept tables whose stored rows differ from the computed ones. */
export function disagreeing<K extends string>(t: TestApp, tables: KeptTables<K>): K[] {
  return (Object.keys(tables) as K[]).filter((k) => JSON.stringify(rowsOf(t, tables[k].stored)) !== JSON.stringify(rowsOf(t, tables[k].expected)));
}

/** Every trigger's name and text, to see that a bulk write put back exactly what it set aside. */
export const allTriggers = (t: TestApp): unknown[] => t.app.db.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();

export const triggerNames = (t: TestApp, prefix: string): string[] =>
  t.app.db.sqlite
    .prepare("select name from sqlite_master where type = 'trigger' and substr(name, 1, length(?)) = ? order by name")
    .pluck()
    .all(prefix, prefix) as string[];

/**
 * Drops each of the triggers named with `prefix` in turn, on a fresh database, and expects the
 * writes to leave some kept table wrong: a trigger that no write needs is one no test covers.
 */
export async function expectEachTriggerNeeded<K extends string>(options: {
  open: () => TestApp;
  prefix: string;
  count: number;
  tables: KeptTables<K>;
  everyWrite: (t: TestApp, check: () => void) => Promise<void>;
}): Promise<void> {
  const names = triggerNames(options.open(), options.prefix);
  expect(names).toHaveLength(options.count);
  for (const name of names) {
    const t = options.open();
    t.app.db.sqlite.exec(`drop trigger "${name}"`);
    let wrong = false;
    await options.everyWrite(t, () => {
      wrong ||= disagreeing(t, options.tables).length > 0;
    });
    expect(wrong, name).toBe(true);
  }
}

/** The statements of a migration that fill its kept tables from the rows already stored. */
export function migrationFills(migration: string, insertInto: string): string[] {
  const file = fs.readFileSync(path.join(import.meta.dirname, '../../drizzle', migration), 'utf8');
  return file.split('--> statement-breakpoint').filter((x) => new RegExp(`^INSERT INTO ${insertInto}`, 'm').test(x) && !/CREATE TRIGGER/.test(x));
}
