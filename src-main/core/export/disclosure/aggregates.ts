import { yearOf, yearsOfPeriod } from '../generalise';
import type { ExportSource, Generalisation, SourceGroup } from '../model';
import { defaultSuppression, suppress, withMargins, type CellBounds, type SuppressionOptions } from './suppression';

/**
 * Counts by programme × unit × year for committees and funders, with disclosure control.
 * Every enrolment counts here, whether or not the participant consented to evaluation.
 *
 * The unit dimension is written at the row-level files' detail (unit, area, or left out): counts
 * per unit beside rows that only name the area would tell which unit each group of an area is in.
 * Each cell's suppression also takes in what the row files already tell about it (see bounds).
 */

export const MEASURES = ['groups', 'sessions_held', 'participants', 'families', 'completed', 'dropped_out'] as const;
export type Measure = (typeof MEASURES)[number];

/** Marks a total over that dimension in the programme or unit column. */
export const ALL = '*';

export interface AggregateRow {
  year: number;
  programme: string;
  unit: string;
  measure: Measure;
  /** null when suppressed. */
  value: number | null;
  suppressed: boolean;
}

export interface AggregatesResult {
  rows: AggregateRow[];
  primarySuppressed: number;
  secondarySuppressed: number;
  /** Cells of 1–4 published because the row-level files already give them exactly. */
  publishedAsInRows: number;
}

/** What the row-level files show, by the reader's own count: groups and sessions in full, participants as far as visible. */
export interface RowFileView {
  generalisation: Generalisation;
  /** The unit column's value for a group: its name, its area, or ALL when units are left out. */
  unitLabel(group: SourceGroup): string;
  /** Whether participants.csv holds this enrolment (by its index in source.participants). */
  visible(index: number): boolean;
}

interface Cell {
  /** Its place among the cells: the members met in it are kept as pairs of it and their number. */
  index: number;
  value: number;
  lower: number;
  upper: number;
}

type Cells = Map<string, Cell>;

const cellKey = (year: number, programme: string, unit: string, measure: Measure) => `${year}\u0000${programme}\u0000${unit}\u0000${measure}`;

const sizeOf = (x: number | undefined): number => x ?? 0;

/**
 * The members met in each cell (a group, a person, a family: each by its number) as one number per
 * meeting, cell × span + member, counted once each when the counting ends: a set per cell held
 * some 400,000 entries at city scale, and the sets' growth left their old tables as garbage.
 */
class Meetings {
  private keys = new Float64Array(1024);
  private n = 0;
  constructor(private readonly span: number) {}

  add(cell: Cell, member: number): void {
    if (this.n === this.keys.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.n++] = cell.index * this.span + member;
  }

  /** The distinct members of each cell, by its index. */
  distinctPerCell(cells: number): Int32Array {
    const counts = new Int32Array(cells);
    const keys = this.keys.subarray(0, this.n).sort();
    for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) counts[Math.floor(keys[i]! / this.span)]!++;
    this.keys = new Float64Array(0);
    return counts;
  }
}

function countCells(source: ExportSource, view: RowFileView, sessionsHeld?: Map<string, number>) {
  const programmeCode = new Map(source.programmes.map((p) => [p.id, p.code]));
  const groupById = new Map(source.groups.map((g) => [g.id, g]));
  const groupNumber = new Map(source.groups.map((g, i) => [g.id, i]));
  const people = source.participants;
  const span = Math.max(source.groups.length, people.familyCount + people.personCount) + 1;
  const values = new Meetings(span);
  const lowers = new Meetings(span);
  const cellList: Cell[] = [];
  const period = view.generalisation.period;
  const cells: Cells = new Map();
  const years = new Map<number, { programmes: Set<string>; units: Set<string> }>();
  // Per group, its programme and unit labels: hundreds of thousands of rows share a few thousand groups.
  const labels = new Map<string, { programme: string; unit: string }>();
  const labelsOf = (groupId: string) => {
    let known = labels.get(groupId);
    if (!known) {
      const group = groupById.get(groupId);
      if (!group) return undefined;
      labels.set(groupId, (known = { programme: programmeCode.get(group.programmeId) ?? '?', unit: view.unitLabel(group) }));
    }
    return known;
  };
  const cellAt = (year: number, groupId: string, measure: Measure): Cell | undefined => {
    const l = labelsOf(groupId);
    if (!l) return undefined;
    let dims = years.get(year);
    if (!dims) years.set(year, (dims = { programmes: new Set(), units: new Set() }));
    dims.programmes.add(l.programme);
    dims.units.add(l.unit);
    const key = cellKey(year, l.programme, l.unit, measure);
    let cell = cells.get(key);
    if (!cell) {
      cells.set(key, (cell = { index: cellList.length, value: 0, lower: 0, upper: 0 }));
      cellList.push(cell);
    }
    return cell;
  };
  const yearsOf = new Map<string, number[]>();
  const publishedYears = (date: string) => {
    let ys = yearsOf.get(date);
    if (ys === undefined) yearsOf.set(date, (ys = yearsOfPeriod(date, period)));
    return ys;
  };
  const trueYears = new Map<string, number>();
  const yearOfDate = (date: string) => {
    let y = trueYears.get(date);
    if (y === undefined) trueYears.set(date, (y = yearOf(date)));
    return y;
  };
  /** Counts a listed thing (a group, a held session) into its cell; the reader sees it in every year its period may lie in. */
  const listed = (groupId: string, date: string, measure: Measure, member: number | null) => {
    const year = yearOfDate(date);
    const cell = cellAt(year, groupId, measure);
    if (!cell) return;
    const seen = publishedYears(date);
    if (member === null) {
      cell.value++;
      if (seen.length === 1) cell.lower++;
    } else {
      values.add(cell, member);
      if (seen.length === 1) lowers.add(cell, member);
    }
    for (const y of seen) {
      const shown = y === year ? cell : cellAt(y, groupId, measure);
      if (shown) shown.upper++;
    }
  };

  for (const group of source.groups) {
    listed(group.id, group.startDate, 'groups', groupNumber.get(group.id)!);
    // Keyed by the group's own id string: a session row's is a copy of its own, and the plan keeps
    // the map until groups.csv is written (some 15,000 strings at city scale).
    sessionsHeld?.set(group.id, 0);
  }
  for (const session of source.sessions()) {
    if (session.status !== 'held') continue;
    sessionsHeld?.set(session.groupId, (sessionsHeld.get(session.groupId) ?? 0) + 1);
    // A session is one (group, number) pair, so held sessions are counted rather than collected.
    listed(session.groupId, session.heldDate ?? session.plannedDate, 'sessions_held', null);
  }

  // Participants: a reader counts the rows of participants.csv, a floor (the rest did not consent).
  for (let index = 0; index < people.length; index++) {
    const groupId = people.groupId(index);
    const status = people.status(index);
    const group = groupById.get(groupId);
    if (!group || status === 'never_started') continue;
    const year = yearOfDate(group.startDate);
    const seen = view.visible(index) && publishedYears(group.startDate).length === 1;
    // People and families by number: sets of id strings held every enrolment's ids twice over
    // until the counting ends. A family of one is its person, numbered after the shared families.
    const id = people.personCode(index);
    const familyCode = people.familyCode(index);
    const family = familyCode < 0 ? people.familyCount + id : familyCode;
    const count = (measure: Measure, member: number) => {
      const cell = cellAt(year, groupId, measure)!;
      values.add(cell, member);
      if (seen) lowers.add(cell, member);
      cell.upper = Number.POSITIVE_INFINITY;
    };
    count('participants', id);
    count('families', family);
    if (status === 'completed') count('completed', id);
    if (status === 'dropped_out') count('dropped_out', id);
  }
  const distinct = values.distinctPerCell(cellList.length);
  const distinctLower = lowers.distinctPerCell(cellList.length);
  for (const cell of cellList) {
    cell.value += distinct[cell.index]!;
    cell.lower += distinctLower[cell.index]!;
  }
  return { cells, years };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Totals are sums of the cells (a family met in two units counts in both), so the table adds up.
 * `sessionsHeld`, when given, is filled with the held sessions of each group id as they are
 * counted, so that groups.csv needs no pass of its own over the sessions.
 */
export function buildAggregates(
  source: ExportSource,
  view: RowFileView,
  options: SuppressionOptions = defaultSuppression,
  sessionsHeld?: Map<string, number>,
): AggregatesResult {
  const { cells, years } = countCells(source, view, sessionsHeld);
  const unitsDropped = view.generalisation.unit === 'dropped';
  const rows: AggregateRow[] = [];
  let primarySuppressed = 0;
  let secondarySuppressed = 0;
  let publishedAsInRows = 0;
  for (const year of [...years.keys()].sort((a, b) => a - b)) {
    const dims = years.get(year)!;
    const programmes = [...dims.programmes].sort(byText);
    const units = [...dims.units].sort(byText);
    for (const measure of MEASURES) {
      const grid = (f: (cell: Cell | undefined) => number) => programmes.map((p) => units.map((u) => f(cells.get(cellKey(year, p, u, measure)))));
      const values = withMargins(
        grid((c) => sizeOf(c?.value)),
        units.length,
      );
      // Margins of the bounds are sums too: programme and unit are always known, only a week's year may not be.
      const people = measure !== 'groups' && measure !== 'sessions_held';
      const bounds: CellBounds = {
        lower: withMargins(
          grid((c) => sizeOf(c?.lower)),
          units.length,
        ),
        upper: withMargins(
          grid((c) => (people ? Number.POSITIVE_INFINITY : (c?.upper ?? 0))),
          units.length,
        ),
      };
      const table = suppress(values, options, bounds);
      const rowLabels = [...programmes, ALL];
      // Without units the single column is the total itself: written once, as "*".
      const colLabels = unitsDropped ? [ALL] : [...units, ALL];
      rowLabels.forEach((programme, i) =>
        colLabels.forEach((unit, j) => {
          const v = values[i]![j]!;
          const status = table.status[i]![j]!;
          if (status === 'primary') primarySuppressed++;
          else if (status === 'secondary') secondarySuppressed++;
          else if (v >= options.min && v <= options.max) publishedAsInRows++;
          const hidden = status !== 'published';
          rows.push({ year, programme, unit, measure, value: hidden ? null : v, suppressed: hidden });
        }),
      );
    }
  }
  return { rows, primarySuppressed, secondarySuppressed, publishedAsInRows };
}
