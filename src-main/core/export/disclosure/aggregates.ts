import { yearOf } from '../generalise';
import type { ExportSource } from '../model';
import { countStatus, defaultSuppression, suppress, withMargins, type SuppressionOptions } from './suppression';

/**
 * Counts by programme × unit × year for committees and funders, with disclosure control.
 * Every enrolment counts here, whether or not the participant consented to evaluation.
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
}

/** Distinct members per cell; a cell of things known to be distinct holds only its count. */
type Cells = Map<string, Set<string> | number>;

function add(cells: Cells, key: string, member: string | null): void {
  const cell = cells.get(key);
  if (member === null) cells.set(key, (typeof cell === 'number' ? cell : 0) + 1);
  else if (cell instanceof Set) cell.add(member);
  else cells.set(key, new Set([member]));
}

const sizeOf = (cell: Set<string> | number | undefined): number => (cell === undefined ? 0 : typeof cell === 'number' ? cell : cell.size);

const cellKey = (year: number, programme: string, unit: string, measure: Measure) => `${year}\u0000${programme}\u0000${unit}\u0000${measure}`;

function countCells(source: ExportSource): { cells: Cells; years: Map<number, { programmes: Set<string>; units: Set<string> }> } {
  const programmeCode = new Map(source.programmes.map((p) => [p.id, p.code]));
  const unitName = new Map(source.units.map((u) => [u.id, u.name]));
  const groupById = new Map(source.groups.map((g) => [g.id, g]));
  const cells: Cells = new Map();
  const years = new Map<number, { programmes: Set<string>; units: Set<string> }>();
  // Per group and year, the cell key's prefix; the dimensions are recorded when it is first made.
  // Hundreds of thousands of rows share a few thousand groups and dates, so both are looked up.
  const prefixes = new Map<string, Map<number, string>>();
  const place = (groupId: string, year: number, measure: Measure, member: string | null) => {
    let byYear = prefixes.get(groupId);
    let prefix = byYear?.get(year);
    if (prefix === undefined) {
      const group = groupById.get(groupId);
      if (!group) return;
      const programme = programmeCode.get(group.programmeId) ?? '?';
      const unit = unitName.get(group.unitId) ?? '?';
      let dims = years.get(year);
      if (!dims) years.set(year, (dims = { programmes: new Set(), units: new Set() }));
      dims.programmes.add(programme);
      dims.units.add(unit);
      prefix = cellKey(year, programme, unit, '' as Measure);
      if (!byYear) prefixes.set(groupId, (byYear = new Map()));
      byYear.set(year, prefix);
    }
    add(cells, prefix + measure, member);
  };
  const yearsOf = new Map<string, number>();
  const yearOfDate = (date: string) => {
    let year = yearsOf.get(date);
    if (year === undefined) yearsOf.set(date, (year = yearOf(date)));
    return year;
  };
  for (const group of source.groups) place(group.id, yearOfDate(group.startDate), 'groups', group.id);
  // A session is one (group, number) pair, so held sessions are counted rather than collected.
  for (const session of source.sessions()) {
    if (session.status !== 'held') continue;
    place(session.groupId, yearOfDate(session.heldDate ?? session.plannedDate), 'sessions_held', null);
  }
  for (const p of source.participants) {
    const group = groupById.get(p.groupId);
    if (!group || p.status === 'never_started') continue;
    const year = yearOfDate(group.startDate);
    place(p.groupId, year, 'participants', p.id);
    place(p.groupId, year, 'families', p.familyId === null ? `solo:${p.id}` : `family:${p.familyId}`);
    if (p.status === 'completed') place(p.groupId, year, 'completed', p.id);
    if (p.status === 'dropped_out') place(p.groupId, year, 'dropped_out', p.id);
  }
  return { cells, years };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Totals are sums of the cells (a family met in two units counts in both), so the table adds up. */
export function buildAggregates(source: ExportSource, options: SuppressionOptions = defaultSuppression): AggregatesResult {
  const { cells, years } = countCells(source);
  const rows: AggregateRow[] = [];
  let primarySuppressed = 0;
  let secondarySuppressed = 0;
  for (const year of [...years.keys()].sort((a, b) => a - b)) {
    const dims = years.get(year)!;
    const programmes = [...dims.programmes].sort(byText);
    const units = [...dims.units].sort(byText);
    for (const measure of MEASURES) {
      const interior = programmes.map((p) => units.map((u) => sizeOf(cells.get(cellKey(year, p, u, measure)))));
      const table = suppress(withMargins(interior, units.length), options);
      const counts = countStatus(table);
      primarySuppressed += counts.primary;
      secondarySuppressed += counts.secondary;
      const rowLabels = [...programmes, ALL];
      const colLabels = [...units, ALL];
      rowLabels.forEach((programme, i) =>
        colLabels.forEach((unit, j) => {
          const hidden = table.status[i]![j] !== 'published';
          rows.push({ year, programme, unit, measure, value: hidden ? null : table.values[i]![j]!, suppressed: hidden });
        }),
      );
    }
  }
  return { rows, primarySuppressed, secondarySuppressed };
}
