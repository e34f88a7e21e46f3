/**
 * An evaluator trying to recompute the suppressed cells of aggregates.csv from everything else in
 * the package: the published cells and totals, and what the row-level files count. Written from
 * the codebook's description of the files, not from the export's code.
 *
 * What the rows tell about a cell (programme × unit × year, or a total):
 * - groups: groups.csv lists every group, so it gives the count exactly;
 * - sessions_held: sessions.csv lists every session with its status and period, so exactly too;
 * - participants, families, completed, dropped_out: participants.csv holds only consenting people,
 *   so it gives a floor (distinct participant_id / family_id with that status).
 * A suppressed cell is at least 1 (zeros are published). Each row and column adds up to its total.
 * Interval propagation over those lines runs to a fixed point; a suppressed cell whose interval
 * closes to one value is recovered.
 */

export type Row = Record<string, string>;

const ALL = '*';
const EXACT = new Set(['groups', 'sessions_held']);

interface Interval {
  lo: number;
  hi: number;
}

export interface AttackResult {
  suppressed: number;
  /** Suppressed cells on which the row files put a floor or a ceiling of their own. */
  boundedByRows: number;
  recovered: { year: string; programme: string; unit: string; measure: string; value: number }[];
}

const yearOf = (period: string): string | null => (/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/.test(period) ? period.slice(0, 4) : null);

export function attackAggregates(files: { participants: Row[]; groups: Row[]; sessions: Row[]; aggregates: Row[] }): AttackResult {
  const unitColumn = ['unit', 'area'].find((c) => files.groups[0] && c in files.groups[0]) ?? null;
  const groups = new Map(files.groups.map((g) => [g.group_id!, g]));
  const cellOf = (group: Row | undefined, period: string) => {
    const year = group ? yearOf(period) : null;
    if (!group || year === null) return null;
    return { year, programme: group.programme!, unit: unitColumn ? group[unitColumn]! : ALL };
  };
  const key = (year: string, programme: string, unit: string, measure: string) => `${year}|${programme}|${unit}|${measure}`;

  // What the row files count per interior cell (a single column of totals when units are left out).
  const floors = new Map<string, number>();
  const exact = new Map<string, number>();
  const distinct = new Map<string, Set<string>>();
  const count = (map: Map<string, number>, k: string, n = 1) => map.set(k, (map.get(k) ?? 0) + n);
  for (const g of files.groups) {
    const c = cellOf(g, g.start_period!);
    if (c) count(exact, key(c.year, c.programme, c.unit, 'groups'));
  }
  for (const s of files.sessions) {
    const c = cellOf(groups.get(s.group_id!), s.period!);
    if (c && s.status === 'held') count(exact, key(c.year, c.programme, c.unit, 'sessions_held'));
  }
  for (const p of files.participants) {
    const c = cellOf(groups.get(p.group_id!), p.start_period!);
    if (!c || p.status === 'never_started') continue;
    const add = (measure: string, member: string) => {
      const k = key(c.year, c.programme, c.unit, measure);
      distinct.set(k, (distinct.get(k) ?? new Set()).add(member));
    };
    add('participants', p.participant_id!);
    add('families', p.family_id!);
    if (p.status === 'completed') add('completed', p.participant_id!);
    if (p.status === 'dropped_out') add('dropped_out', p.participant_id!);
  }
  for (const [k, members] of distinct) floors.set(k, members.size);

  // One table per year and measure; the lines are its rows and columns with their totals.
  const tables = new Map<string, Row[]>();
  for (const r of files.aggregates) tables.set(`${r.year}|${r.measure}`, [...(tables.get(`${r.year}|${r.measure}`) ?? []), r]);
  const result: AttackResult = { suppressed: 0, boundedByRows: 0, recovered: [] };
  for (const rows of tables.values()) {
    const { year, measure } = rows[0]!;
    const programmes = [...new Set(rows.map((r) => r.programme!).filter((p) => p !== ALL))];
    const units = [...new Set(rows.map((r) => r.unit!).filter((u) => u !== ALL))];
    const cell = new Map<string, Interval>();
    const at = (p: string, u: string) => cell.get(`${p}|${u}`)!;
    const rowsKnown = (p: string[], u: string[]) => {
      let lo = 0;
      let hi = 0;
      for (const pi of p) {
        for (const ui of u) {
          const k = key(year!, pi, ui, measure!);
          if (EXACT.has(measure!)) {
            lo += exact.get(k) ?? 0;
            hi += exact.get(k) ?? 0;
          } else {
            lo += floors.get(k) ?? 0;
            hi = Number.POSITIVE_INFINITY;
          }
        }
      }
      return { lo, hi };
    };
    const interiorUnits = units.length ? units : [ALL];
    for (const r of rows) {
      const p = r.programme === ALL ? programmes : [r.programme!];
      const u = r.unit === ALL ? interiorUnits : [r.unit!];
      if (r.suppressed === '0') {
        cell.set(`${r.programme}|${r.unit}`, { lo: Number(r.value), hi: Number(r.value) });
        continue;
      }
      result.suppressed++;
      const known = rowsKnown(p, u);
      if (known.lo > 1 || Number.isFinite(known.hi)) result.boundedByRows++;
      cell.set(`${r.programme}|${r.unit}`, { lo: Math.max(1, known.lo), hi: known.hi });
    }
    const lines: { parts: string[]; total: string }[] = [];
    if (units.length) for (const p of [...programmes, ALL]) lines.push({ parts: units.map((u) => `${p}|${u}`), total: `${p}|${ALL}` });
    for (const u of units.length ? [...units, ALL] : [ALL]) lines.push({ parts: programmes.map((p) => `${p}|${u}`), total: `${ALL}|${u}` });
    for (let changed = true, rounds = 0; changed && rounds < 10_000; rounds++) {
      changed = false;
      const tighten = (name: string, lo: number, hi: number) => {
        const c = cell.get(name)!;
        if (lo > c.lo) {
          c.lo = lo;
          changed = true;
        }
        if (hi < c.hi) {
          c.hi = hi;
          changed = true;
        }
      };
      for (const line of lines) {
        const parts = line.parts.map((n) => cell.get(n)!);
        const total = cell.get(line.total)!;
        const sum = (from: Interval[], side: 'lo' | 'hi') => from.reduce((a, c) => a + c[side], 0);
        tighten(line.total, sum(parts, 'lo'), sum(parts, 'hi'));
        line.parts.forEach((name, i) => {
          const others = parts.filter((_, j) => j !== i);
          tighten(name, total.lo - sum(others, 'hi'), total.hi - sum(others, 'lo'));
        });
      }
    }
    for (const r of rows) {
      if (r.suppressed !== '1') continue;
      const c = at(r.programme!, r.unit!);
      if (c.lo === c.hi) result.recovered.push({ year: year!, programme: r.programme!, unit: r.unit!, measure: measure!, value: c.lo });
    }
  }
  return result;
}
