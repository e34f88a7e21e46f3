/**
 * Cell suppression for a two-way count table (rows × columns) published with its margins.
 *
 * Attacker model: the reader sees every published cell and total, knows each suppressed cell is
 * a whole number, and knows that zeros are never suppressed (so a suppressed cell is ≥ 1). A cell
 * is disclosed when only one value is consistent with all of that.
 *
 * Phase 1 is the usual line rule: a line (a row or column, its total included) with exactly one
 * suppressed cell gives that cell away by subtraction, so the smallest non-zero published cell of
 * the line is suppressed too, repeated to a fixed point. That rule alone is not enough: a
 * suppressed cell joining two otherwise separate blocks of suppressions is still determined, and
 * two suppressed 1s in a line are pinned by the "≥ 1" knowledge. Phase 2 therefore checks every
 * suppressed cell exactly (see isDetermined) and adds secondary suppressions until none is.
 *
 * The row-level files tell the reader more: a cell is at least what its visible rows count, and for
 * groups and sessions (listed in full) at most what they count. Those bounds join the attacker's
 * knowledge. A cell the files give exactly (lower = upper), or that the published cells and the
 * bounds give away whatever else is hidden, is published: a "suppressed" value anyone can work
 * out would only pretend to be hidden.
 */

export type CellStatus = 'published' | 'primary' | 'secondary';

export interface SuppressionOptions {
  /** Counts from min to max inclusive are suppressed; 0 is a fact, not a small count. */
  min: number;
  max: number;
}

export const defaultSuppression: SuppressionOptions = { min: 1, max: 4 };

/** A count too small to publish (or to publish anything computed from): the rule every cell is first held to. */
export const isSmallCount = (count: number, options: SuppressionOptions = defaultSuppression): boolean => count >= options.min && count <= options.max;

export interface SuppressedTable {
  /** (rows+1) × (cols+1): the last row holds column totals, the last column row totals. */
  values: number[][];
  status: CellStatus[][];
  /** What the reader knows of each cell besides the table, same shape; absent: [0, ∞). */
  bounds?: CellBounds;
}

export interface CellBounds {
  lower: number[][];
  /** Infinity when nothing caps the cell. */
  upper: number[][];
}

export function withMargins(interior: number[][], cols: number): number[][] {
  const out = interior.map((row) => {
    const r = Array.from({ length: cols }, (_, j) => row[j] ?? 0);
    return [...r, r.reduce((a, b) => a + b, 0)];
  });
  const totals = Array.from({ length: cols + 1 }, (_, j) => out.reduce((a, row) => a + (row[j] ?? 0), 0));
  return [...out, totals];
}

interface Cell {
  i: number;
  j: number;
}

class Grid {
  readonly m: number;
  readonly n: number;
  constructor(
    readonly values: number[][],
    readonly status: CellStatus[][],
    readonly bounds?: CellBounds,
  ) {
    this.m = values.length - 1;
    this.n = (values[0]?.length ?? 1) - 1;
  }
  v(i: number, j: number): number {
    return this.values[i]![j]!;
  }
  suppressed(i: number, j: number): boolean {
    return this.status[i]![j] !== 'published';
  }
  /** The reader's own count pins the cell: it is never suppressed. */
  revealed(i: number, j: number): boolean {
    return this.bounds !== undefined && this.bounds.lower[i]![j] === this.v(i, j) && this.bounds.upper[i]![j] === this.v(i, j);
  }
  canShrink(i: number, j: number): boolean {
    const value = this.v(i, j);
    return value > Math.max(Math.min(1, value), this.bounds?.lower[i]![j] ?? 0);
  }
  canGrow(i: number, j: number): boolean {
    return (this.bounds?.upper[i]![j] ?? Number.POSITIVE_INFINITY) > this.v(i, j);
  }
  lines(): Cell[][] {
    const lines: Cell[][] = [];
    for (let i = 0; i <= this.m; i++) lines.push(Array.from({ length: this.n + 1 }, (_, j) => ({ i, j })));
    for (let j = 0; j <= this.n; j++) lines.push(Array.from({ length: this.m + 1 }, (_, i) => ({ i, j })));
    return lines;
  }
  allCells(): Cell[] {
    const cells: Cell[] = [];
    for (let i = 0; i <= this.m; i++) for (let j = 0; j <= this.n; j++) cells.push({ i, j });
    return cells;
  }
}

/**
 * What may be suppressed besides the small counts: published, not given away by the row files, and
 * never a zero. The reader takes every suppressed cell to be at least 1; a hidden zero would make
 * that false, and the wrong premise, balanced by the totals, pins its neighbours to values that are
 * mostly right. Suppressing every non-zero cell and total of a cycle always frees a cell, so zeros
 * are never needed.
 */
const candidate = (grid: Grid, c: Cell) => !grid.suppressed(c.i, c.j) && !grid.revealed(c.i, c.j) && grid.v(c.i, c.j) > 0;

/** Smallest published candidate first; ties by position. */
function cheapest(grid: Grid, cells: Cell[]): Cell | undefined {
  return cells.filter((c) => candidate(grid, c)).sort((a, b) => grid.v(a.i, a.j) - grid.v(b.i, b.j) || a.i - b.i || a.j - b.j)[0];
}

function applyLineRule(grid: Grid): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const line of grid.lines()) {
      if (line.filter((c) => grid.suppressed(c.i, c.j)).length !== 1) continue;
      const pick = cheapest(grid, line);
      if (!pick) continue;
      grid.status[pick.i]![pick.j] = 'secondary';
      changed = true;
    }
  }
}

/**
 * Exact test. Writing margin cells with a minus sign turns every line into "sums to zero", so
 * the ways the suppressed cells can change together are circulations on the bipartite graph of
 * lines (row nodes, column nodes) whose edges are the suppressed cells. A cell can change iff it
 * lies on a directed cycle where each edge is walked in a direction the cell can move: any cell
 * may grow, only cells above their lower bound may shrink.
 */
export function isDetermined(grid: Grid | SuppressedTable, target: Cell): boolean {
  const g = grid instanceof Grid ? grid : new Grid(grid.values, grid.status, grid.bounds);
  const rowNode = (i: number) => i;
  const colNode = (j: number) => g.m + 1 + j;
  const adjacency: number[][] = Array.from({ length: g.m + g.n + 2 }, () => []);
  let targetEdges: [number, number][] = [];
  for (const { i, j } of g.allCells()) {
    if (!g.suppressed(i, j)) continue;
    const isMargin = (i === g.m) !== (j === g.n);
    const [growFrom, growTo] = isMargin ? [colNode(j), rowNode(i)] : [rowNode(i), colNode(j)];
    const edges: [number, number][] = [];
    if (g.canGrow(i, j)) edges.push([growFrom, growTo]);
    if (g.canShrink(i, j)) edges.push([growTo, growFrom]);
    if (i === target.i && j === target.j) {
      targetEdges = edges;
      continue;
    }
    for (const [a, b] of edges) adjacency[a]!.push(b);
  }
  for (const [from, to] of targetEdges) {
    if (reaches(adjacency, to, from)) return false;
  }
  return true;
}

function reaches(adjacency: number[][], start: number, goal: number): boolean {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === goal) return true;
    for (const next of adjacency[node]!) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** Whether hiding every candidate would free the target: if not, nothing will. */
function freeable(grid: Grid, target: Cell, candidates: Cell[]): boolean {
  for (const c of candidates) grid.status[c.i]![c.j] = 'secondary';
  const free = !isDetermined(grid, target);
  for (const c of candidates) grid.status[c.i]![c.j] = 'published';
  return free;
}

function firstDetermined(grid: Grid): Cell | undefined {
  return grid.allCells().find((c) => grid.suppressed(c.i, c.j) && isDetermined(grid, c));
}

/**
 * Suppresses a table given with its margins (see withMargins). Deterministic for equal input.
 * `alsoHidden` marks cells to hide from the start as secondary: figures another published table
 * hides, so this table does not give them away.
 */
export function suppress(
  valuesWithMargins: number[][],
  options: SuppressionOptions = defaultSuppression,
  bounds?: CellBounds,
  alsoHidden?: boolean[][],
): SuppressedTable {
  const values = valuesWithMargins.map((row) => [...row]);
  const status: CellStatus[][] = values.map((row) => row.map(() => 'published'));
  const grid = new Grid(values, status, bounds);
  for (const { i, j } of grid.allCells()) {
    const v = grid.v(i, j);
    if (isSmallCount(v, options) && !grid.revealed(i, j)) status[i]![j] = 'primary';
    else if (alsoHidden?.[i]?.[j] && v > 0) status[i]![j] = 'secondary';
  }
  const done = () => (bounds ? { values, status, bounds } : { values, status });
  if (grid.allCells().every((c) => !grid.suppressed(c.i, c.j))) return done();
  applyLineRule(grid);
  for (let target = firstDetermined(grid); target; target = firstDetermined(grid)) {
    const ordered = grid
      .allCells()
      .filter((c) => candidate(grid, c))
      .sort((a, b) => grid.v(a.i, a.j) - grid.v(b.i, b.j) || a.i - b.i || a.j - b.j);
    const fix = ordered.find((c) => {
      grid.status[c.i]![c.j] = 'secondary';
      const ok = !isDetermined(grid, target!);
      grid.status[c.i]![c.j] = 'published';
      return ok;
    });
    if (!fix && !freeable(grid, target, ordered)) {
      // The published cells and what the rows show give it away whatever else is hidden: hiding
      // it would only pretend to, so it is published (the rows already tell it).
      grid.status[target.i]![target.j] = 'published';
      continue;
    }
    // No single cell frees the target: widen its row and let the next round continue from there.
    const pick = fix ?? cheapest(grid, grid.lines()[target.i]!) ?? cheapest(grid, grid.allCells());
    if (!pick) break;
    grid.status[pick.i]![pick.j] = 'secondary';
    applyLineRule(grid);
  }
  return done();
}

export function countStatus(table: SuppressedTable): { primary: number; secondary: number } {
  let primary = 0;
  let secondary = 0;
  for (const row of table.status) {
    for (const s of row) {
      if (s === 'primary') primary++;
      else if (s === 'secondary') secondary++;
    }
  }
  return { primary, secondary };
}
