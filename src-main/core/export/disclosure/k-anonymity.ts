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

/**
 * Sizes of the classes of rows sharing all quasi-identifiers under `c`. Each identifier is numbered
 * in order of appearance and a row's class is the mixed-radix number of its six codes: the same
 * classes as quasiKey's text, without a retained string per class in each of the eight trials.
 */
function classSizes(records: readonly QuasiIdentifiers[], c: Coarsening): Iterable<number> {
  const periods = new Map<IsoDate, string>();
  const period = (date: IsoDate) => {
    let value = periods.get(date);
    if (value === undefined) periods.set(date, (value = generalisePeriod(date, c.period)));
    return value;
  };
  const dictionaries = Array.from({ length: 6 }, () => new Map<string, number>());
  const codeOf = (part: number, value: string) => {
    const dictionary = dictionaries[part]!;
    let code = dictionary.get(value);
    if (code === undefined) dictionary.set(value, (code = dictionary.size));
    return code;
  };
  const codes = new Int32Array(records.length * 6);
  records.forEach((q, i) => {
    const age = q.childAge === null ? '' : c.ageBands ? (ageBand(q.childAge) ?? '') : String(q.childAge);
    codes[i * 6] = codeOf(0, c.dropUnit ? '' : q.unit);
    codes[i * 6 + 1] = codeOf(1, q.programme);
    codes[i * 6 + 2] = codeOf(2, period(q.groupStart));
    codes[i * 6 + 3] = codeOf(3, q.relation);
    codes[i * 6 + 4] = codeOf(4, age);
    codes[i * 6 + 5] = codeOf(5, q.childGender ?? '');
  });
  const radices = dictionaries.map((d) => Math.max(1, d.size));
  const classes = new Map<number | string, number>();
  const exact = radices.reduce((a, b) => a * b, 1) <= Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < records.length; i++) {
    let key: number | string;
    if (exact) {
      key = 0;
      for (let part = 0; part < 6; part++) key = key * radices[part]! + codes[i * 6 + part]!;
    } else {
      key = quasiKey(records[i]!, c, period);
    }
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  return classes.values();
}

function trial(records: readonly QuasiIdentifiers[], c: Coarsening, k: number, changes: CoarseningTrial['changes']): CoarseningTrial {
  let smallest: number | null = null;
  let classesBelowK = 0;
  let rowsBelowK = 0;
  for (const size of classSizes(records, c)) {
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
