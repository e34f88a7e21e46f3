import type { ParentCells, ReportSections } from '../../../src-main/contract';

/**
 * A reader trying to work out the hidden counts of the report's parents section from what it
 * publishes, written from the report's description rather than its code: in every row enrolled =
 * not started + unrecorded + started and started = in the group + completed + not completed +
 * dropped out; every column of the unit table and of the programme table adds up to the total
 * row; the families by unit add up to the total; the dropouts by session add up to the dropped-out
 * total. A hidden count is at least 1. Interval propagation over those lines to a fixed point; a
 * hidden count whose interval closes to one value is recovered.
 *
 * A reader may also know from outside the report that a unit runs one programme only and that the
 * programme runs nowhere else (a district's own local adaptation): the unit's row and the
 * programme's row then describe the same parents, and every count in one equals the other's.
 * `sameParents` gives those pairs as [unit row, programme row].
 */

const FIRST = ['notStarted', 'unrecorded', 'started'] as const;
const SECOND = ['ongoing', 'completed', 'notCompleted', 'droppedOut'] as const;
const COUNTS = [...FIRST, ...SECOND, 'enrolled', 'families'] as const;

interface Interval {
  lo: number;
  hi: number;
}
const BIG = 1e9;

export function attackParents(parents: ReportSections['parents'], sameParents: [number, number][] = []): { hidden: number; recovered: string[] } {
  const vars = new Map<string, Interval>();
  const hidden = new Set<string>();
  const put = (name: string, value: number | null) => {
    if (value === null) {
      hidden.add(name);
      vars.set(name, { lo: 1, hi: BIG });
    } else vars.set(name, { lo: value, hi: value });
  };
  const rows = (prefix: string, list: ParentCells[]) => list.map((r, i) => ({ name: `${prefix}${i}`, cells: r }));
  const units = rows('unit', parents.byUnit);
  const programmes = rows('programme', parents.byProgramme);
  const total = { name: 'total', cells: parents.total };
  for (const r of [...units, ...programmes, total]) for (const c of COUNTS) put(`${r.name}.${c}`, r.cells[c].value);
  parents.dropoutBySession.forEach((d, i) => put(`dropout${i}`, d.count.value));

  // Each equation: the sum of `plus` equals the sum of `minus`.
  const equations: { plus: string[]; minus: string[] }[] = [];
  for (const r of [...units, ...programmes, total]) {
    equations.push({ plus: [`${r.name}.enrolled`], minus: FIRST.map((c) => `${r.name}.${c}`) });
    equations.push({ plus: [`${r.name}.started`], minus: SECOND.map((c) => `${r.name}.${c}`) });
  }
  for (const table of [units, programmes]) {
    if (table.length === 0) continue;
    for (const c of [...FIRST, ...SECOND, 'enrolled'] as const) equations.push({ plus: [`total.${c}`], minus: table.map((r) => `${r.name}.${c}`) });
  }
  if (units.length) equations.push({ plus: ['total.families'], minus: units.map((r) => `${r.name}.families`) });
  for (const [u, p] of sameParents) for (const c of COUNTS) equations.push({ plus: [`unit${u}.${c}`], minus: [`programme${p}.${c}`] });
  if (parents.dropoutBySession.length) equations.push({ plus: ['total.droppedOut'], minus: parents.dropoutBySession.map((_, i) => `dropout${i}`) });

  for (let changed = true; changed;) {
    changed = false;
    for (const eq of equations) {
      const terms = [...eq.plus.map((n) => ({ n, s: 1 })), ...eq.minus.map((n) => ({ n, s: -1 }))];
      for (const t of terms) {
        // s·x = −Σ others (s'·y): bound x from the others' intervals.
        let lo = 0;
        let hi = 0;
        for (const o of terms) {
          if (o === t) continue;
          const v = vars.get(o.n)!;
          const k = -o.s * t.s;
          lo += k > 0 ? k * v.lo : k * v.hi;
          hi += k > 0 ? k * v.hi : k * v.lo;
        }
        const x = vars.get(t.n)!;
        const nlo = Math.max(x.lo, lo);
        const nhi = Math.min(x.hi, hi);
        if (nlo > x.lo || nhi < x.hi) {
          vars.set(t.n, { lo: nlo, hi: nhi });
          changed = true;
        }
      }
    }
  }
  const recovered = [...hidden].filter((n) => vars.get(n)!.lo === vars.get(n)!.hi);
  return { hidden: hidden.size, recovered };
}
