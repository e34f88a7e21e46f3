import { suppress, withMargins, type CellStatus, type SuppressionOptions } from '../export/disclosure/suppression';

/**
 * Small-cell suppression for several published tables that share figures (a total in two tables,
 * a column of one that is the row totals of another). Each table goes through the FoU export's
 * suppression with its margins; a shared figure hidden in one table is hidden in every table that
 * shows it, and that table's own secondary suppression then protects it there too. Repeated until
 * no table changes: hidden figures only ever grow, so it ends.
 */

export interface LinkedCell {
  table: string;
  /** Row and column in the table with margins (the last row and column are the totals). */
  i: number;
  j: number;
}

export interface LinkedTables {
  /** Interior counts, rows × columns, without margins; cols is given so a table without rows keeps its shape. */
  tables: Record<string, { interior: number[][]; cols: number }>;
  /** Groups of cells that are the same figure. */
  links: LinkedCell[][];
}

export interface LinkedResult {
  values: Record<string, number[][]>;
  status: Record<string, CellStatus[][]>;
}

export function suppressLinked(input: LinkedTables, options: SuppressionOptions): LinkedResult {
  const values: Record<string, number[][]> = {};
  for (const [name, t] of Object.entries(input.tables)) values[name] = withMargins(t.interior, t.cols);
  for (const group of input.links) {
    const seen = new Set(group.map((c) => values[c.table]![c.i]![c.j]!));
    if (seen.size > 1) throw new Error(`linked cells differ: ${JSON.stringify(group)}`);
  }
  const status: Record<string, CellStatus[][]> = {};
  const hidden = (c: LinkedCell) => (status[c.table]?.[c.i]?.[c.j] ?? 'published') !== 'published';
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, table] of Object.entries(values)) {
      const alsoHidden = table.map((row, i) => row.map((_, j) => status[name]?.[i]?.[j] !== undefined && status[name]![i]![j] !== 'published'));
      for (const group of input.links) {
        if (!group.some(hidden)) continue;
        for (const c of group) if (c.table === name) alsoHidden[c.i]![c.j] = true;
      }
      const next = suppress(table, options, undefined, alsoHidden).status;
      if (JSON.stringify(next) !== JSON.stringify(status[name])) {
        status[name] = next;
        changed = true;
      }
    }
  }
  return { values, status };
}
