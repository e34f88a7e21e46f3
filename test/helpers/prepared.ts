import type Database from 'better-sqlite3';

/** The statements `make` prepares on a connection, as it prepares them, in order (for plan tests). */
export function statementsPreparedBy(sqlite: Database.Database, make: (spy: Database.Database) => unknown): string[] {
  const sources: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  const spy = Object.assign(Object.create(sqlite) as Database.Database, {
    prepare: (source: string) => {
      sources.push(source);
      return prepare(source);
    },
  });
  make(spy);
  return sources;
}
