import type { RowValues } from '../repos/sync/rows';
import type { CellValue } from './changes';
import type { CellDef } from './tables';

/** A cell's value from a row: the column itself, or the columns that travel together as a JSON array. */
export function cellValueOf(cell: CellDef, row: RowValues): CellValue {
  if (cell.columns.length === 1) return row[cell.columns[0]!] ?? null;
  return JSON.stringify(cell.columns.map((c) => row[c] ?? null));
}

const isColumnValue = (v: unknown): v is string | number | null => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** The columns a cell's value stands for; null when the value is not what such a cell holds. */
export function columnsOfCell(cell: CellDef, value: CellValue): RowValues | null {
  if (cell.columns.length === 1) return { [cell.columns[0]!]: value };
  if (typeof value !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== cell.columns.length || !parsed.every(isColumnValue)) return null;
  return Object.fromEntries(cell.columns.map((c, i) => [c, parsed[i] as string | number | null]));
}
