import { is, type DriverValueDecoder, type SQL } from 'drizzle-orm';
import { SQLiteColumn } from 'drizzle-orm/sqlite-core';

type Field = SQLiteColumn | SQL;
/** Values of a statement's placeholders, by name. */
type Values = object;
interface PreparableSelect<TFields> {
  readonly _: { readonly selection: TFields; readonly result: unknown[] };
  prepare(): { values(placeholders?: Record<string, unknown>): unknown };
}

/**
 * Prepares a drizzle select over a flat list of fields and builds its rows with a loop made for
 * that list. drizzle's own row mapping is general (nested selections, nullable joins) and, on the
 * reads an attendance save and a group page make, costs as much as the queries themselves; the
 * statement is still drizzle's, so its columns stay typed. `fields` is the object the query selects.
 */
export function preparedRows<TFields extends Record<string, Field>, TQuery extends PreparableSelect<TFields>>(query: TQuery, fields: TFields) {
  type Row = TQuery['_']['result'][number];
  const keys = Object.keys(fields);
  // A column converts what SQLite stores (booleans are 0/1); a sql`` field converts only if given mapWith().
  const decoders = keys.map((k): DriverValueDecoder<unknown, unknown> | undefined => {
    const field = fields[k]!;
    return is(field, SQLiteColumn) ? field : (field as unknown as { decoder?: DriverValueDecoder<unknown, unknown> }).decoder;
  });
  const statement = query.prepare();
  const build = (values: unknown[]): Row => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = values[i];
      const decoder = decoders[i];
      row[keys[i]!] = value === null || decoder === undefined ? value : decoder.mapFromDriverValue(value);
    }
    return row as Row;
  };
  const rows = (placeholders?: Values) => statement.values(placeholders as Record<string, unknown> | undefined) as unknown[][];
  return {
    all: (placeholders?: Values): Row[] => rows(placeholders).map(build),
    /** The first row; meant for lookups by a unique key, as it reads every row that matches. */
    get(placeholders?: Values): Row | undefined {
      const [first] = rows(placeholders);
      return first && build(first);
    },
  };
}

/**
 * For a list whose filters are optional: one prepared statement per combination of filters given,
 * made on first use. A filter not given is left out of the statement, so SQLite picks the index
 * of those that are, and no call pays for building a statement. A filter counts as given unless
 * it is null or undefined; the filter object then fills the statement's placeholders by name.
 */
export type Given<TFilter> = (name: keyof TFilter & string) => boolean;
export function preparedPerShape<TFilter extends object, T>(prepare: (given: Given<TFilter>) => T): (filter: TFilter) => T {
  const statements = new Map<string, T>();
  return (filter) => {
    const given = new Set(
      Object.entries(filter)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k]) => k),
    );
    const shape = [...given].sort().join(',');
    let statement = statements.get(shape);
    if (!statement) statements.set(shape, (statement = prepare((name) => given.has(name))));
    return statement;
  };
}
