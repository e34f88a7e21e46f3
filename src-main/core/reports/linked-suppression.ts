import { isSmallCount, suppress, withMargins, type CellStatus, type SuppressionOptions } from '../export/disclosure/suppression';
import { disclosedFigures, nextToHide, type SumLine } from './linked-audit';

/**
 * Small-cell suppression for several published tables that share figures (a total in two tables,
 * a column of one that is the row totals of another). Each table goes through the FoU export's
 * suppression with its margins; a shared figure hidden in one table is hidden in every table that
 * shows it, and that table's own secondary suppression then protects it there too. Repeated until
 * no table changes: hidden figures only ever grow, so it ends.
 *
 * Tables checked one by one can still give a figure away together (a bound carried through a
 * shared figure into the other table), so the settled result is audited over all tables at once
 * (see linked-audit.ts); a figure that audit finds disclosed gets one more figure hidden next to it
 * and the tables are settled again, until the audit finds nothing. Each round hides one more
 * figure that was published, so that ends too.
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
  const figures = figuresOf(values, input.links);
  // Cells the audit hides, by figure: every copy of the figure is hidden.
  const forced = new Set<number>();
  const hidden = (c: LinkedCell) => (status[c.table]?.[c.i]?.[c.j] ?? 'published') !== 'published';
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const [name, table] of Object.entries(values)) {
        const alsoHidden = table.map((row, i) =>
          row.map((_, j) => (status[name]?.[i]?.[j] !== undefined && status[name]![i]![j] !== 'published') || forced.has(figures.of(name, i, j))),
        );
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
    // A figure is published when any table shows it.
    const figureHidden = figures.value.map(() => true);
    for (const [name, table] of Object.entries(status))
      table.forEach((row, i) =>
        row.forEach((s, j) => {
          if (s === 'published') figureHidden[figures.of(name, i, j)] = false;
        }),
      );
    const target = disclosedFigures(figures.value, figureHidden, figures.lines)[0];
    if (target === undefined) break;
    // Published small counts are there because the rows give them away already; hiding zeros
    // would make the reader's "at least 1" false. Neither is a candidate.
    const pick = nextToHide(
      figures.value,
      figureHidden,
      figures.lines,
      target,
      (k) => figures.value[k]! > 0 && !isSmallCount(figures.value[k]!, options) && !forced.has(k),
    );
    if (pick === undefined) break;
    forced.add(pick);
  }
  return { values, status };
}

/** Every cell of every table as a figure (linked cells are one figure), with every table's lines. */
function figuresOf(
  values: Record<string, number[][]>,
  links: LinkedCell[][],
): { value: number[]; of: (table: string, i: number, j: number) => number; lines: SumLine[] } {
  const index = new Map<string, number>();
  const value: number[] = [];
  const key = (table: string, i: number, j: number) => `${table}\u0000${i}\u0000${j}`;
  for (const [name, table] of Object.entries(values))
    table.forEach((row, i) =>
      row.forEach((v, j) => {
        index.set(key(name, i, j), value.length);
        value.push(v);
      }),
    );
  // Linked cells share the index of the group's first cell.
  for (const group of links) {
    const first = index.get(key(group[0]!.table, group[0]!.i, group[0]!.j))!;
    for (const c of group.slice(1)) {
      const own = index.get(key(c.table, c.i, c.j))!;
      for (const [k, v] of index) if (v === own) index.set(k, first);
    }
  }
  const of = (table: string, i: number, j: number) => index.get(key(table, i, j))!;
  const lines: SumLine[] = [];
  for (const [name, table] of Object.entries(values)) {
    const m = table.length - 1;
    const n = (table[0]?.length ?? 1) - 1;
    for (let i = 0; i < m; i++) lines.push({ total: of(name, i, n), parts: Array.from({ length: n }, (_, j) => of(name, i, j)) });
    for (let j = 0; j <= n; j++) lines.push({ total: of(name, m, j), parts: Array.from({ length: m }, (_, i) => of(name, i, j)) });
  }
  return { value, of, lines };
}
