import type Database from 'better-sqlite3';
import type { ScopeChanges } from '../../sync/changes';

/** The engine's cells as persisted: written in the same transaction as what they describe. */
export function syncCellsRepo(sqlite: Database.Database) {
  const upsert = sqlite.prepare(
    `insert into sync_cells (scope, tbl, row_id, cell, value, hlc) values (?, ?, ?, ?, ?, ?)
     on conflict (scope, tbl, row_id, cell) do update set value = excluded.value, hlc = excluded.hlc`,
  );
  const ofScope = sqlite.prepare<[string], { tbl: string; rowId: string; cell: string; value: string | null; hlc: string }>(
    'select tbl, row_id as rowId, cell, value, hlc from sync_cells where scope = ?',
  );
  const scopes = sqlite.prepare<[], string>('select distinct scope from sync_cells').pluck();
  const removeScope = sqlite.prepare('delete from sync_cells where scope = ?');
  const count = sqlite.prepare<[], number>('select count(*) from sync_cells').pluck();

  return {
    save(scope: string, changes: ScopeChanges): void {
      for (const [tbl, rows] of Object.entries(changes)) {
        for (const [rowId, cells] of Object.entries(rows)) {
          for (const [cell, s] of Object.entries(cells)) upsert.run(scope, tbl, rowId, cell, s.value === undefined ? null : JSON.stringify(s.value), s.hlc);
        }
      }
    },
    load(scope: string): ScopeChanges {
      const out: ScopeChanges = {};
      for (const r of ofScope.iterate(scope)) {
        ((out[r.tbl] ??= {})[r.rowId] ??= {})[r.cell] = { value: r.value === null ? undefined : (JSON.parse(r.value) as string | number | null), hlc: r.hlc };
      }
      return out;
    },
    scopes: (): string[] => scopes.all(),
    removeScope: (scope: string) => removeScope.run(scope),
    count: (): number => count.get()!,
  };
}
export type SyncCellsRepo = ReturnType<typeof syncCellsRepo>;
