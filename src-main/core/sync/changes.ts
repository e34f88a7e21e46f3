/**
 * Engine-neutral shapes of what sync moves: cells with their hybrid-logical-clock stamps, per
 * table and row of one scope. Everything outside src-main/core/sync/engine speaks these, so the
 * engine behind them could be replaced.
 */

/** What a synced cell holds: SQLite's own values (booleans as 0/1; grouped columns as a JSON string). */
export type CellValue = string | number | null;

/** A cell's value with the stamp of the write that set it; value undefined: the cell was deleted. */
export interface Stamped {
  value: CellValue | undefined;
  hlc: string;
}

export type RowStamps = Record<string, Stamped>;
export type ScopeChanges = Record<string, Record<string, RowStamps>>;

/** A cell write for the local writer: a value, or undefined to delete the cell. */
export type CellWrite = Record<string, CellValue | undefined>;

export function forEachCell(changes: ScopeChanges, fn: (table: string, rowId: string, cell: string, stamped: Stamped) => void): void {
  for (const [table, rows] of Object.entries(changes)) {
    for (const [rowId, cells] of Object.entries(rows)) {
      for (const [cell, stamped] of Object.entries(cells)) fn(table, rowId, cell, stamped);
    }
  }
}

export function countCells(changes: ScopeChanges): number {
  let n = 0;
  forEachCell(changes, () => n++);
  return n;
}

/** The companion cell that carries the stamps a cell's value replaced, for conflict detection. */
export const historySuffix = '~p';
export const historyCellOf = (cell: string) => `${cell}${historySuffix}`;
export const isHistoryCell = (cell: string) => cell.endsWith(historySuffix);
