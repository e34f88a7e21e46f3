import type Database from 'better-sqlite3';

interface ForeignKeyRow {
  table: string;
  from: string;
  to: string | null;
}

/**
 * Gives rows that every installation seeds the ids and timestamps every installation now agrees
 * on. Runs inside the seeding transaction; foreign keys are checked at its commit, so a parent's
 * id and its children's references change together.
 */
export function seedIdRepo(sqlite: Database.Database) {
  const tables = sqlite.prepare<[], string>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck();
  const referencing = (parent: string): { table: string; column: string }[] =>
    tables
      .all()
      .flatMap((table) =>
        (sqlite.pragma(`foreign_key_list("${table}")`) as ForeignKeyRow[])
          .filter((fk) => fk.table === parent && (fk.to === 'id' || fk.to === null))
          .map((fk) => ({ table, column: fk.from })),
      );

  return {
    /** Moves a row to a new id and repoints every foreign key that names it. */
    renameId(table: 'programmes' | 'units' | 'dropout_reasons' | 'session_plans', from: string, to: string): void {
      if (from === to) return;
      sqlite.pragma('defer_foreign_keys = ON');
      sqlite.prepare(`update "${table}" set id = ? where id = ?`).run(to, from);
      for (const ref of referencing(table)) sqlite.prepare(`update "${ref.table}" set "${ref.column}" = ? where "${ref.column}" = ?`).run(to, from);
    },
    /** Rows never edited since they were seeded take the seeds' common timestamp. */
    resetUntouched(table: 'programmes' | 'units' | 'dropout_reasons' | 'session_plans', id: string, at: string): void {
      sqlite.prepare(`update "${table}" set created_at = ?, updated_at = ? where id = ? and created_at = updated_at`).run(at, at, id);
    },
    planIds: (): { id: string; programmeId: string; number: number }[] =>
      sqlite.prepare<[], { id: string; programmeId: string; number: number }>('select id, programme_id as programmeId, number from session_plans').all(),
  };
}
export type SeedIdRepo = ReturnType<typeof seedIdRepo>;
