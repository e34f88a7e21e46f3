import { ageBand, generalisePeriod } from '../generalise';
import type { ChildGender, Coarsening, IsoDate, PeriodGranularity, Relation } from '../model';

/**
 * k-anonymity of the row-level participant file over its quasi-identifiers: the attributes an
 * outsider could know about a parent (where, which programme, when, relation, child's age and
 * gender). The smallest group of rows sharing all of them is the re-identification risk.
 */

export interface QuasiIdentifiers {
  unit: string;
  programme: string;
  groupStart: IsoDate;
  relation: Relation;
  childAge: number | null;
  childGender: ChildGender | null;
}

export const DEFAULT_K = 5;

export interface CoarseningTrial {
  coarsening: Coarsening;
  /** Coarsening steps beyond the chosen settings. */
  changes: ('ageBands' | 'quarter' | 'dropUnit')[];
  smallestClass: number | null;
  classesBelowK: number;
  rowsBelowK: number;
  reachesK: boolean;
}

export interface KAnonymityResult {
  k: number;
  rows: number;
  current: CoarseningTrial;
  /** Stronger settings that reach k, fewest changes first; empty when current already does or none can. */
  alternatives: CoarseningTrial[];
  /** The least coarsening that reaches k, or null when no combination does. */
  suggestion: Coarsening | null;
}

export function quasiKey(q: QuasiIdentifiers, c: Coarsening, period: (date: IsoDate) => string = (d) => generalisePeriod(d, c.period)): string {
  const age = q.childAge === null ? '' : c.ageBands ? (ageBand(q.childAge) ?? '') : String(q.childAge);
  return `${c.dropUnit ? '' : q.unit}\u0000${q.programme}\u0000${period(q.groupStart)}\u0000${q.relation}\u0000${age}\u0000${q.childGender ?? ''}`;
}

function trial(records: readonly QuasiIdentifiers[], c: Coarsening, k: number, changes: CoarseningTrial['changes']): CoarseningTrial {
  // Eight trials over every row: the few thousand start dates are generalised once each.
  const periods = new Map<IsoDate, string>();
  const period = (date: IsoDate) => {
    let value = periods.get(date);
    if (value === undefined) periods.set(date, (value = generalisePeriod(date, c.period)));
    return value;
  };
  const classes = new Map<string, number>();
  for (const r of records) {
    const key = quasiKey(r, c, period);
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  let smallest: number | null = null;
  let classesBelowK = 0;
  let rowsBelowK = 0;
  for (const size of classes.values()) {
    smallest = smallest === null ? size : Math.min(smallest, size);
    if (size < k) {
      classesBelowK++;
      rowsBelowK += size;
    }
  }
  return { coarsening: c, changes, smallestClass: smallest, classesBelowK, rowsBelowK, reachesK: classesBelowK === 0 };
}

/** Tries every combination of the coarsening steps not already chosen; zero rows trivially pass. */
export function checkKAnonymity(records: readonly QuasiIdentifiers[], current: Coarsening, k: number = DEFAULT_K): KAnonymityResult {
  if (!Number.isInteger(k) || k < 1) throw new Error('k must be a positive integer');
  const base = trial(records, current, k, []);
  const steps: { name: CoarseningTrial['changes'][number]; applies: boolean; apply: (c: Coarsening) => Coarsening }[] = [
    { name: 'ageBands', applies: !current.ageBands, apply: (c) => ({ ...c, ageBands: true }) },
    { name: 'quarter', applies: current.period !== 'quarter', apply: (c) => ({ ...c, period: 'quarter' as PeriodGranularity }) },
    { name: 'dropUnit', applies: !current.dropUnit, apply: (c) => ({ ...c, dropUnit: true }) },
  ];
  const usable = steps.filter((s) => s.applies);
  const trials: CoarseningTrial[] = [];
  for (let mask = 1; mask < 1 << usable.length; mask++) {
    const chosen = usable.filter((_, i) => mask & (1 << i));
    const coarsening = chosen.reduce((c, s) => s.apply(c), current);
    trials.push(trial(records, coarsening, k, chosen.map((s) => s.name)));
  }
  trials.sort((a, b) => a.changes.length - b.changes.length || (b.smallestClass ?? 0) - (a.smallestClass ?? 0));
  const alternatives = base.reachesK ? [] : trials.filter((t) => t.reachesK);
  return {
    k,
    rows: records.length,
    current: base,
    alternatives,
    suggestion: base.reachesK ? current : (alternatives[0]?.coarsening ?? null),
  };
}
