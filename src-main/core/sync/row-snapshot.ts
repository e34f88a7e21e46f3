import type { RowValues } from '../repos/sync/rows';
import type { CellValue, RowStamps } from './changes';
import { columnsOfCell } from './cell-codec';
import { keyOfRowId, syncedTableByName, syncedTables, type SyncedTable } from './tables';

/**
 * A row's cells as the editing machine held them when an edit met a deletion. Only that machine
 * still has them (a deletion carries no values), so the conflict record keeps them for whoever
 * chooses the edit, and choosing it writes the row back everywhere.
 */

/** Tables about a person (and what hangs off one): their deletion may be an erasure, which nothing may undo. */
const personal: ReadonlySet<string> = (() => {
  const out = new Set<string>(['participants', 'families']);
  for (const t of syncedTables) if (t.parts.some((p) => p.kind === 'people') || t.parents.some((p) => out.has(p.table))) out.add(t.name);
  return out;
})();

export const snapshotAllowed = (table: string): boolean => syncedTableByName.has(table) && !personal.has(table);

const mainCells = (t: SyncedTable) => t.parts[0]?.cells ?? [];

/** The snapshot of a row whose main cells all have values here; undefined when the row is not whole here. */
export function rowSnapshot(table: string, stamps: RowStamps | undefined): string | undefined {
  const t = syncedTableByName.get(table);
  if (!t || !stamps || !snapshotAllowed(table)) return undefined;
  const cells: Record<string, CellValue> = {};
  for (const cell of mainCells(t)) {
    const s = stamps[cell.id];
    if (!s || s.value === undefined) return undefined;
    cells[cell.id] = s.value;
  }
  return JSON.stringify(cells);
}

/**
 * The row's columns from a snapshot, with the chosen cell's value over it; null when the
 * snapshot is missing, not this table's, or not whole.
 */
export function rowFromSnapshot(table: string, rowId: string, snapshot: string | null, chosen: { cell: string; value: CellValue }): RowValues | null {
  const t = syncedTableByName.get(table);
  if (!t || !snapshot || !snapshotAllowed(table)) return null;
  let cells: unknown;
  try {
    cells = JSON.parse(snapshot);
  } catch {
    return null;
  }
  if (!cells || typeof cells !== 'object' || Array.isArray(cells)) return null;
  const values: RowValues = { ...keyOfRowId(t, rowId) };
  for (const cell of mainCells(t)) {
    const raw = cell.id === chosen.cell ? chosen.value : (cells as Record<string, unknown>)[cell.id];
    if (raw !== null && typeof raw !== 'string' && typeof raw !== 'number') return null;
    const decoded = columnsOfCell(cell, raw as CellValue);
    if (!decoded) return null;
    Object.assign(values, decoded);
  }
  return values;
}
