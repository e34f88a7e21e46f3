import type Database from 'better-sqlite3';

export interface ConflictRow {
  id: string;
  tbl: string;
  rowId: string;
  cell: string;
  valueA: string | null;
  hlcA: string;
  atA: string;
  whoA: string;
  valueB: string | null;
  hlcB: string;
  atB: string;
  whoB: string;
  detectedAt: string;
  snapshot: string | null;
  renamedTo: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

const columns = `id, tbl, row_id as rowId, cell, value_a as valueA, hlc_a as hlcA, at_a as atA, who_a as whoA,
  value_b as valueB, hlc_b as hlcB, at_b as atB, who_b as whoB, detected_at as detectedAt, snapshot, renamed_to as renamedTo, resolved_at as resolvedAt, resolved_by as resolvedBy`;

/** The conflict list as this installation holds it (a synced table; the bridge keeps it current). */
export function syncConflictRepo(sqlite: Database.Database) {
  const resolved = sqlite.prepare<[string, string, string], { a: string; b: string }>(
    'select hlc_a as a, hlc_b as b from sync_conflicts where tbl = ? and row_id = ? and cell = ? and resolved_at is not null',
  );
  const list = sqlite.prepare<[number], ConflictRow>(
    `select ${columns} from sync_conflicts where (? = 1 or resolved_at is null) order by detected_at desc, id`,
  );
  const get = sqlite.prepare<[string], ConflictRow>(`select ${columns} from sync_conflicts where id = ?`);
  const resolve = sqlite.prepare('update sync_conflicts set resolved_at = ?, resolved_by = ?, updated_at = ? where id = ? and resolved_at is null');
  const openCount = sqlite.prepare<[], number>('select count(*) from sync_conflicts where resolved_at is null').pluck();
  const forRow = sqlite.prepare('delete from sync_conflicts where tbl = ? and row_id = ?');

  return {
    /** Stamps a choice in the conflict list has already weighed, so the chosen write carries them. */
    resolvedStamps: (tbl: string, rowId: string, cell: string): string[] => resolved.all(tbl, rowId, cell).flatMap((r) => [r.a, r.b]),
    list: (includeResolved: boolean): ConflictRow[] => list.all(includeResolved ? 1 : 0),
    get: (id: string): ConflictRow | undefined => get.get(id),
    markResolved: (id: string, at: string, by: string): boolean => resolve.run(at, by, at, id).changes > 0,
    openCount: (): number => openCount.get()!,
    /** Erasing a row takes the conflicts about it along: they may hold its values. */
    deleteForRow: (tbl: string, rowId: string) => forRow.run(tbl, rowId),
  };
}
export type SyncConflictRepo = ReturnType<typeof syncConflictRepo>;
