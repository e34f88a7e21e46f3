import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDetermined, suppress, withMargins, type CellBounds, type SuppressedTable } from '../../../src-main/core/export/disclosure/suppression';

/**
 * Brute force: every assignment of whole numbers ≥ 1 to the suppressed cells that agrees with the
 * published cells and totals. A cell is recovered when all such assignments give it one value.
 * Values are capped (sound for "not recoverable": a cap only removes solutions).
 */
function feasibleValues(table: SuppressedTable, cap: number): Map<string, Set<number>> {
  const m = table.values.length - 1;
  const n = table.values[0]!.length - 1;
  const hidden: [number, number][] = [];
  table.status.forEach((row, i) => row.forEach((s, j) => s !== 'published' && hidden.push([i, j])));
  const lines: [number, number, number][][] = [];
  for (let i = 0; i <= m; i++) lines.push([...Array.from({ length: n }, (_, j) => [i, j, 1] as [number, number, number]), [i, n, -1]]);
  for (let j = 0; j <= n; j++) lines.push([...Array.from({ length: m }, (_, i) => [i, j, 1] as [number, number, number]), [m, j, -1]]);
  const x: (number | null)[][] = table.values.map((row, i) => row.map((v, j) => (table.status[i]![j] === 'published' ? v : null)));
  const seen = new Map(hidden.map(([i, j]) => [`${i},${j}`, new Set<number>()]));
  // Interval pruning per line: the unassigned cells (each in [1, cap]) must be able to close it.
  const consistent = () =>
    lines.every((line) => {
      let sum = 0;
      let low = 0;
      let high = 0;
      for (const [i, j, c] of line) {
        const v = x[i]![j];
        const lo = Math.max(1, table.bounds?.lower[i]![j] ?? 0);
        const hi = Math.min(cap, table.bounds?.upper[i]![j] ?? cap);
        if (v !== null && v !== undefined) sum += c * v;
        else if (c > 0) {
          low += c * lo;
          high += c * hi;
        } else {
          low += c * hi;
          high += c * lo;
        }
      }
      return -sum >= low && -sum <= high;
    });
  const done = () => [...seen.values()].every((s) => s.size >= 2);
  const walk = (k: number): void => {
    if (done()) return;
    if (k === hidden.length) {
      hidden.forEach(([i, j]) => seen.get(`${i},${j}`)!.add(x[i]![j]!));
      return;
    }
    const [i, j] = hidden[k]!;
    const low = Math.max(1, table.bounds?.lower[i]![j] ?? 0);
    const high = Math.min(cap, table.bounds?.upper[i]![j] ?? cap);
    for (let v = low; v <= high; v++) {
      x[i]![j] = v;
      if (consistent()) walk(k + 1);
      if (done()) break;
    }
    x[i]![j] = null;
  };
  walk(0);
  return seen;
}

function expectNothingRecoverable(table: SuppressedTable): void {
  const grand = table.values.at(-1)!.at(-1)!;
  const seen = feasibleValues(table, grand + 3);
  for (const [cell, values] of seen) {
    expect(values.size, `cell ${cell} is recoverable: ${[...values].join(',')}`).toBeGreaterThanOrEqual(2);
  }
}

describe('cell suppression', () => {
  it('suppresses 1–4 and leaves 0 and ≥ 5 alone when nothing can be derived', () => {
    const t = suppress(
      withMargins(
        [
          [0, 5],
          [7, 9],
        ],
        2,
      ),
    );
    expect(t.status.flat().every((s) => s === 'published')).toBe(true);
    const u = suppress(
      withMargins(
        [
          [0, 3, 6],
          [0, 4, 8],
          [0, 9, 10],
        ],
        3,
      ),
    );
    expect(u.status[0]![0]).toBe('published');
    expect(u.status[0]![1]).toBe('primary');
    expect(u.status[1]![1]).toBe('primary');
  });

  it('adds a secondary suppression when a line holds a single suppressed cell', () => {
    const t = suppress(
      withMargins(
        [
          [2, 7, 9],
          [6, 8, 11],
        ],
        3,
      ),
    );
    expect(t.status[0]![0]).toBe('primary');
    // Row 0 gets its smallest other non-zero cell (7), column 0 its smallest (6).
    expect(t.status[0]![1]).toBe('secondary');
    expect(t.status[1]![0]).toBe('secondary');
    expectNothingRecoverable(t);
  });

  it('does not suppress a zero that sits in a suppressed line', () => {
    const t = suppress(
      withMargins(
        [
          [0, 3, 12],
          [0, 8, 6],
        ],
        3,
      ),
    );
    expect(t.status[0]![0]).toBe('published');
    expect(t.status[1]![0]).toBe('published');
    expectNothingRecoverable(t);
  });

  it('catches what the line rule alone misses: two suppressed 1s in a line are pinned by "≥ 1"', () => {
    // Row: 1 + 1 + 8 = 10. Each line has two suppressed cells, yet 10 − 8 = 2 forces 1 and 1.
    const lineRuleOnly: SuppressedTable = {
      values: withMargins([[1, 1, 8]], 3),
      status: [
        ['primary', 'primary', 'published', 'published'],
        ['primary', 'primary', 'published', 'published'],
      ],
    };
    expect(isDetermined(lineRuleOnly, { i: 0, j: 0 })).toBe(true);
    expect(feasibleValues(lineRuleOnly, 20).get('0,0')!.size).toBe(1);
    const t = suppress(withMargins([[1, 1, 8]], 3));
    expectNothingRecoverable(t);
  });

  it('agrees with brute force on what is recoverable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.constantFrom(0, 1, 2, 3, 5, 6, 9), { minLength: 9, maxLength: 9 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        (rows, cols, flat, mask) => {
          const values = withMargins(
            Array.from({ length: rows }, (_, i) => flat.slice(i * cols, i * cols + cols)),
            cols,
          );
          const status = values.map((row, i) => row.map((v, j) => (v > 0 && mask[i * (cols + 1) + j] ? 'primary' : 'published') as 'primary' | 'published'));
          const table = { values, status };
          const brute = feasibleValues(table, values.at(-1)!.at(-1)! + 3);
          for (const [key, seen] of brute) {
            const [i, j] = key.split(',').map(Number) as [number, number];
            expect(isDetermined(table, { i, j })).toBe(seen.size === 1);
          }
        },
      ),
      { numRuns: 150, seed: 20240501 },
    );
  });

  it('never leaves a recoverable cell (brute force over random small tables)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.constantFrom(0, 0, 1, 2, 3, 4, 5, 6, 8, 12), { minLength: 9, maxLength: 9 }),
        (rows, cols, flat) => {
          const interior = Array.from({ length: rows }, (_, i) => flat.slice(i * cols, i * cols + cols));
          const t = suppress(withMargins(interior, cols));
          for (let i = 0; i < t.values.length; i++) {
            for (let j = 0; j < t.values[0]!.length; j++) {
              const v = t.values[i]![j]!;
              if (v >= 1 && v <= 4) expect(t.status[i]![j]).toBe('primary');
              if (t.status[i]![j] === 'primary') expect(v >= 1 && v <= 4).toBe(true);
            }
          }
          expectNothingRecoverable(t);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it('publishes what the row files already give exactly, and protects what they only bound', () => {
    // Row-level files list groups in full: a cell they count exactly hides nothing when suppressed.
    const values = withMargins(
      [
        [2, 7],
        [6, 3],
      ],
      2,
    );
    const exact: CellBounds = { lower: values.map((r) => [...r]), upper: values.map((r) => [...r]) };
    const t = suppress(values, undefined, exact);
    expect(t.status.flat().every((s) => s === 'published')).toBe(true);
    // Visible rows show at least 3 people in a cell of 3: it can no longer shrink, and a partner
    // that could only grow would not hide it.
    const people = withMargins(
      [
        [3, 8],
        [9, 10],
      ],
      2,
    );
    const floor: CellBounds = { lower: people.map((r) => r.map(() => 0)), upper: people.map((r) => r.map(() => Number.POSITIVE_INFINITY)) };
    floor.lower[0]![0] = 3;
    const p = suppress(people, undefined, floor);
    expect(p.status[0]![0]).toBe('primary');
    expectNothingRecoverable(p);
  });

  it('never leaves a recoverable cell when the reader also knows bounds from the rows (brute force)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 8), { minLength: 9, maxLength: 9 }),
        fc.array(fc.constantFrom('none', 'floor', 'exact', 'loose'), { minLength: 9, maxLength: 9 }),
        (rows, cols, flat, kinds) => {
          const interior = Array.from({ length: rows }, (_, i) => flat.slice(i * cols, i * cols + cols));
          const kind = (i: number, j: number) => kinds[i * cols + j]!;
          const lowerInterior = interior.map((r, i) =>
            r.map((v, j) => (kind(i, j) === 'floor' || kind(i, j) === 'exact' ? v : kind(i, j) === 'loose' ? Math.max(0, v - 1) : 0)),
          );
          const upperInterior = interior.map((r, i) =>
            r.map((v, j) => (kind(i, j) === 'exact' ? v : kind(i, j) === 'loose' ? v + 1 : Number.POSITIVE_INFINITY)),
          );
          const values = withMargins(interior, cols);
          const bounds: CellBounds = { lower: withMargins(lowerInterior, cols), upper: withMargins(upperInterior, cols) };
          const t = suppress(values, undefined, bounds);
          for (const [i, row] of t.status.entries()) row.forEach((s, j) => s !== 'published' && expect(t.values[i]![j]).toBeGreaterThan(0));
          for (let i = 0; i < t.values.length; i++) {
            for (let j = 0; j < t.values[0]!.length; j++) {
              const revealed = bounds.lower[i]![j] === t.values[i]![j] && bounds.upper[i]![j] === t.values[i]![j];
              if (revealed) expect(t.status[i]![j]).toBe('published');
            }
          }
          expectNothingRecoverable(t);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('is deterministic', () => {
    const interior = [
      [1, 6, 0, 7],
      [9, 2, 5, 5],
      [3, 3, 8, 0],
    ];
    const a = suppress(withMargins(interior, 4));
    const b = suppress(
      withMargins(
        interior.map((r) => [...r]),
        4,
      ),
    );
    expect(a).toEqual(b);
  });
});
