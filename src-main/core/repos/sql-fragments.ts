import { placeholder, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * A named value of a prepared statement, converted as the column stores it (booleans as 0/1).
 * drizzle converts the placeholders of an insert's `values()` itself, but not those in `set()`, in a
 * comparison such as `eq()` or in a `sql` fragment: where the column needs converting, use this.
 */
export const bound = (name: string, column: SQLiteColumn): SQL => sql`${sql.param(placeholder(name), column)}`;

/** The value an upsert tried to insert into the column (SQLite's `excluded.column`). */
export const excluded = (column: SQLiteColumn): SQL => sql`excluded.${sql.identifier(column.name)}`;

/**
 * `column in` a list of ids passed as one JSON array: one bound value however long the list, so
 * the statement's text stays the same and no list outgrows SQLite's limit on bound values. A
 * prepared statement takes a placeholder here and the JSON text (`JSON.stringify(ids)`) when run.
 */
export const inJson = (column: SQLiteColumn, values: readonly string[] | Placeholder): SQL =>
  sql`${column} in (select value from json_each(${Array.isArray(values) ? JSON.stringify(values) : values}))`;
export const notInJson = (column: SQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} not in (select value from json_each(${JSON.stringify(values)}))`;
