import type { HiddenReason, ParentCells, ParentRow, ReportCell } from '../../contract';
import type { CellStatus, SuppressionOptions } from '../export/disclosure/suppression';
import type { ParentCategory, ParentCountRow } from '../repos/activity-report';
import { suppressLinked, type LinkedCell, type LinkedResult, type LinkedTables } from './linked-suppression';

/**
 * The parents section: who was enrolled, started, completed and dropped out, by unit and by
 * programme, with every count of parents through small-cell suppression.
 *
 * Each dimension is published as two tables that add up: enrolled = not started + unrecorded +
 * started, and started = still in the group + completed + not completed + dropped out. The first
 * table's "started" column is the second's row totals, the grand totals are shared by the unit and
 * programme tables, and the dropouts by session add up to the dropped-out total: those shared
 * figures are linked so no table gives away what another hides.
 */

const FIRST: ParentCategory[] = ['notStarted', 'unrecorded'];
const SECOND: ParentCategory[] = ['ongoing', 'completed', 'notCompleted', 'droppedOut'];

export interface Label {
  key: string;
  label: string;
}

export interface ParentInput {
  rows: ParentCountRow[];
  units: Label[];
  programmes: Label[];
  familiesByUnit: Map<string, number>;
  familiesByProgramme: Map<string, number>;
  dropouts: { session: number; n: number }[];
}

export interface ParentSection {
  byUnit: ParentRow[];
  byProgramme: ParentRow[];
  total: ParentCells;
  dropoutBySession: { session: number; count: ReportCell }[];
}

const reasonOf = (s: CellStatus): HiddenReason | null => (s === 'primary' ? 'small_cell' : s === 'secondary' ? 'secondary' : null);
const cell = (value: number, status: CellStatus): ReportCell => (status === 'published' ? { value, hidden: null } : { value: null, hidden: reasonOf(status) });

// Rounded so the same data always gives the same figure whatever order SQLite sums in.
const ratio = (part: number, whole: number) => Math.round((part / whole) * 1e6) / 1e6;

/**
 * The linked suppression a report's period last made, by its counts, kept by the period that made
 * it (services/activity-report.ts). It is most of a report's making after a write, and a write to
 * a group (an attendance mark, a parent's details) seldom changes a count the tables publish: the
 * same counts give the same cells.
 */
export interface KeptSuppression {
  key: string | null;
  result: LinkedResult | null;
}
export const keptSuppression = (): KeptSuppression => ({ key: null, result: null });

function suppressedOnce(input: LinkedTables, options: SuppressionOptions, kept: KeptSuppression | undefined): LinkedResult {
  if (!kept) return suppressLinked(input, options);
  const key = JSON.stringify([input, options]);
  if (kept.key !== key || !kept.result) {
    kept.result = suppressLinked(input, options);
    kept.key = key;
  }
  return kept.result;
}

export function buildParentSection(input: ParentInput, options: SuppressionOptions, kept?: KeptSuppression): ParentSection {
  type Sums = Record<ParentCategory, number> & { present: number; marked: number };
  const empty = (): Sums => ({ notStarted: 0, unrecorded: 0, ongoing: 0, completed: 0, notCompleted: 0, droppedOut: 0, present: 0, marked: 0 });
  const byUnit = new Map(input.units.map((u) => [u.key, empty()]));
  const byProgramme = new Map(input.programmes.map((p) => [p.key, empty()]));
  for (const r of input.rows) {
    for (const [map, key] of [
      [byUnit, r.unitId],
      [byProgramme, r.programmeId],
    ] as const) {
      const sums = map.get(key);
      if (!sums) continue;
      sums[r.category] += r.n;
      sums.present += r.present;
      sums.marked += r.marked;
    }
  }
  const started = (s: Sums) => SECOND.reduce((a, c) => a + s[c], 0);
  const first = (labels: Label[], sums: Map<string, Sums>) => labels.map((l) => [...FIRST.map((c) => sums.get(l.key)![c]), started(sums.get(l.key)!)]);
  const second = (labels: Label[], sums: Map<string, Sums>) => labels.map((l) => SECOND.map((c) => sums.get(l.key)![c]));
  const families = (labels: Label[], counts: Map<string, number>) => labels.map((l) => [counts.get(l.key) ?? 0]);
  const nu = input.units.length;
  const np = input.programmes.length;
  const nd = input.dropouts.length;

  const links: LinkedCell[][] = [];
  // "started" in the first table is the row total of the second, total row included.
  for (const [a, b, n] of [
    ['unitFirst', 'unitSecond', nu],
    ['programmeFirst', 'programmeSecond', np],
  ] as const) {
    for (let i = 0; i <= n; i++)
      links.push([
        { table: a, i, j: 2 },
        { table: b, i, j: 4 },
      ]);
  }
  for (let j = 0; j <= 3; j++)
    links.push([
      { table: 'unitFirst', i: nu, j },
      { table: 'programmeFirst', i: np, j },
    ]);
  for (let j = 0; j <= 4; j++)
    links.push([
      { table: 'unitSecond', i: nu, j },
      { table: 'programmeSecond', i: np, j },
    ]);
  links.push([
    { table: 'unitSecond', i: nu, j: 3 },
    { table: 'programmeSecond', i: np, j: 3 },
    { table: 'dropouts', i: nd, j: 0 },
    { table: 'dropouts', i: nd, j: 1 },
  ]);

  const { values, status } = suppressedOnce(
    {
      tables: {
        unitFirst: { interior: first(input.units, byUnit), cols: 3 },
        unitSecond: { interior: second(input.units, byUnit), cols: 4 },
        programmeFirst: { interior: first(input.programmes, byProgramme), cols: 3 },
        programmeSecond: { interior: second(input.programmes, byProgramme), cols: 4 },
        unitFamilies: { interior: families(input.units, input.familiesByUnit), cols: 1 },
        programmeFamilies: { interior: families(input.programmes, input.familiesByProgramme), cols: 1 },
        dropouts: { interior: input.dropouts.map((d) => [d.n]), cols: 1 },
      },
      links,
    },
    options,
    kept,
  );
  const at = (table: string, i: number, j: number) => cell(values[table]![i]![j]!, status[table]![i]![j]!);
  // A one-column table's row total repeats its cell: hidden when either copy is.
  const single = (table: string, i: number): ReportCell => {
    const a = at(table, i, 0);
    return a.hidden === null ? at(table, i, 1) : a;
  };

  const rowCells = (dim: 'unit' | 'programme', i: number, sums: Sums | null): ParentCells => {
    const f = `${dim}First`;
    const s = `${dim}Second`;
    const startedCell = at(f, i, 2);
    // A rate over fewer than the smallest published count of parents describes individuals.
    const rateShown = startedCell.value !== null && startedCell.value > options.max;
    const present = sums ? sums.present : 0;
    const marked = sums ? sums.marked : 0;
    const attendanceRate: ReportCell =
      startedCell.value === 0 || marked === 0
        ? { value: null, hidden: null }
        : rateShown
          ? { value: ratio(present, marked), hidden: null }
          : { value: null, hidden: 'few_parents' };
    return {
      enrolled: at(f, i, 3),
      notStarted: at(f, i, 0),
      unrecorded: at(f, i, 1),
      started: startedCell,
      ongoing: at(s, i, 0),
      completed: at(s, i, 1),
      notCompleted: at(s, i, 2),
      droppedOut: at(s, i, 3),
      families: single(`${dim}Families`, i),
      attendanceRate,
    };
  };
  const totalSums = empty();
  for (const s of byUnit.values()) {
    totalSums.present += s.present;
    totalSums.marked += s.marked;
  }
  return {
    byUnit: input.units.map((u, i) => ({ key: u.key, label: u.label, ...rowCells('unit', i, byUnit.get(u.key)!) })),
    byProgramme: input.programmes.map((p, i) => ({ key: p.key, label: p.label, ...rowCells('programme', i, byProgramme.get(p.key)!) })),
    total: rowCells('unit', nu, totalSums),
    dropoutBySession: input.dropouts.map((d, i) => ({ session: d.session, count: single('dropouts', i) })),
  };
}
