import { AGE_DETAILS, PERIOD_GRANULARITIES, UNIT_DETAILS, type Generalisation } from '../model';
import { ClassCounter } from './class-counter';
import { countHidden, releasedKeys, suppressLocally, type LocalSuppression } from './local-suppression';
import { classKey, classStats, codesAt, encodeRecords, type ClassStats, type EncodedRecords, type NodeCodes, type QuasiIdentifiers } from './quasi-identifiers';

/**
 * k-anonymity of the row-level participant file, enforced: every row shares its quasi-identifiers
 * with at least k − 1 others.
 *
 * Three ladders generalise the whole export (groups.csv, sessions.csv and the aggregates too):
 * period week → month → quarter → half-year → year; child age exact → bands → left out; unit →
 * area → left out. Every combination at or above the requested detail is tried, each followed by
 * local suppression (see local-suppression.ts), and the one that loses the least detail wins:
 * a step up a ladder costs a fraction of a value in every row, a "*" one value, a row left out
 * WITHHELD_ROW_COST. Ties go to fewer steps, then to keeping the finer unit, then the finer age:
 * the result is deterministic for equal input.
 */

export const DEFAULT_K = 5;

const PERIOD_COST: Record<Generalisation['period'], number> = { week: 0, month: 0.2, quarter: 0.4, half: 0.6, year: 0.8 };
const AGE_COST: Record<Generalisation['childAge'], number> = { exact: 0, band: 0.5, dropped: 1 };
const UNIT_COST: Record<Generalisation['unit'], number> = { unit: 0, area: 0.5, dropped: 1 };
/** A row left out loses its six quasi-identifiers and its outcome and attendance as well. */
const WITHHELD_ROW_COST = 10;

export interface HiddenValues {
  relation: number;
  childAge: number;
  childGender: number;
}

export interface KAnonymityResult {
  k: number;
  /** Consenting enrolments in scope: the rows participants.csv would hold without protection. */
  rows: number;
  /** False when the user exported below k with a written reason: nothing was generalised or hidden. */
  enforced: boolean;
  requested: Generalisation;
  /** The detail the files are written at. */
  generalisation: Generalisation;
  /** The requested detail with nothing hidden. */
  before: ClassStats;
  /** participants.csv as written. */
  after: ClassStats;
  /** The k participants.csv reaches: its smallest class, null without rows. */
  reached: number | null;
  /** Values replaced by "*" in participants.csv. */
  hidden: HiddenValues;
  rowsWithHiddenValues: number;
  /** Rows left out because their group cell (unit, programme, period) has fewer than k rows. */
  rowsWithheld: number;
}

/** What the tables need to write each row as decided. */
export interface KAnonymityPlan {
  result: KAnonymityResult;
  codes: EncodedRecords;
  suppression: LocalSuppression;
}

const ladder = <T extends string>(values: readonly T[], from: T) => values.slice(values.indexOf(from));

function candidates(requested: Generalisation): Generalisation[] {
  const out: Generalisation[] = [];
  for (const period of ladder(PERIOD_GRANULARITIES, requested.period)) {
    for (const childAge of ladder(AGE_DETAILS, requested.childAge)) {
      for (const unit of ladder(UNIT_DETAILS, requested.unit)) out.push({ period, childAge, unit });
    }
  }
  return out;
}

const steps = (g: Generalisation, from: Generalisation) =>
  PERIOD_GRANULARITIES.indexOf(g.period) -
  PERIOD_GRANULARITIES.indexOf(from.period) +
  AGE_DETAILS.indexOf(g.childAge) -
  AGE_DETAILS.indexOf(from.childAge) +
  UNIT_DETAILS.indexOf(g.unit) -
  UNIT_DETAILS.indexOf(from.unit);

const rowCost = (g: Generalisation) => PERIOD_COST[g.period] + AGE_COST[g.childAge] + UNIT_COST[g.unit];

function plainKeys(e: EncodedRecords, c: NodeCodes, into: Float64Array): Float64Array {
  for (let i = 0; i < e.n; i++) into[i] = classKey(e, c, i, 0, 0);
  return into;
}

interface Candidate {
  g: Generalisation;
  steps: number;
  /** Finer unit first, then finer age, then finer period. */
  preference: number;
  /** A floor on the cost known without counting: the steps, and the rows below k at the coarsest combination. */
  floor: number;
}

export function enforceKAnonymity(
  records: readonly QuasiIdentifiers[] | EncodedRecords,
  requested: Generalisation,
  k: number = DEFAULT_K,
  enforce = true,
): KAnonymityPlan {
  if (!Number.isInteger(k) || k < 1) throw new Error('k must be a positive integer');
  const e = 'n' in records ? records : encodeRecords(records);
  const counter = new ClassCounter(e.n);
  const keys = new Float64Array(e.n);
  const requestedCodes = codesAt(e, requested);
  const before = classStats(plainKeys(e, requestedCodes, keys), k, counter);
  const nothingHidden = (): LocalSuppression => ({
    withheld: new Uint8Array(e.n),
    familyMask: new Uint8Array(e.families),
    personMask: new Uint8Array(e.persons),
  });
  const result = (g: Generalisation, c: NodeCodes, s: LocalSuppression, enforced: boolean): KAnonymityPlan => {
    const hidden = countHidden(e, c, s);
    const after = classStats(releasedKeys(e, c, s), k, counter);
    return {
      codes: e,
      suppression: s,
      result: {
        k,
        rows: e.n,
        enforced,
        requested,
        generalisation: g,
        before,
        after,
        reached: after.smallestClass,
        hidden: { relation: hidden.relation, childAge: hidden.childAge, childGender: hidden.childGender },
        rowsWithHiddenValues: hidden.rows,
        rowsWithheld: hidden.withheld,
      },
    };
  };
  if (!enforce || before.reachesK) return result(requested, requestedCodes, nothingHidden(), enforce);

  // Coarsening merges classes (ISO weeks aside, which straddle months and years), so no combination
  // has fewer rows below k than the coarsest: with the steps' own cost that bounds every combination
  // before it is counted, and most are never counted.
  const all = candidates(requested);
  const coarsest = all[all.length - 1]!;
  const coarsestCodes = codesAt(e, coarsest);
  const fewestBelow = classStats(plainKeys(e, coarsestCodes, keys), k, counter).rowsBelowK;
  // The codes of a candidate let go lend their arrays to the next one (codesAt says why).
  let spare: NodeCodes | null = coarsestCodes;
  const letGo = (c: NodeCodes) => {
    if (c !== requestedCodes) spare = c;
  };
  const list: Candidate[] = all.map((g) => ({
    g,
    steps: steps(g, requested),
    preference:
      (UNIT_DETAILS.indexOf(g.unit) * AGE_DETAILS.length + AGE_DETAILS.indexOf(g.childAge)) * PERIOD_GRANULARITIES.length +
      PERIOD_GRANULARITIES.indexOf(g.period),
    floor: rowCost(g) * e.n + fewestBelow,
  }));
  const order = (a: Candidate, b: Candidate) => a.steps - b.steps || a.preference - b.preference;
  list.sort((a, b) => a.floor - b.floor || order(a, b));
  let best: { cost: number; candidate: Candidate; c: NodeCodes; s: LocalSuppression } | null = null;
  for (const candidate of list) {
    if (best && candidate.floor >= best.cost) break;
    let c = requestedCodes;
    if (candidate.g !== requested) {
      c = codesAt(e, candidate.g, spare);
      spare = null;
    }
    // Each row below k needs at least one "*", a row in a cell below k is left out.
    const below = classStats(plainKeys(e, c, keys), k, counter).rowsBelowK;
    const lost = classStats(c.cell, k, counter).rowsBelowK;
    const bound = rowCost(candidate.g) * (e.n - lost) + lost * WITHHELD_ROW_COST + (below - lost);
    if (best && (bound > best.cost || (bound === best.cost && order(candidate, best.candidate) >= 0))) {
      letGo(c);
      continue;
    }
    const s = suppressLocally(e, c, k, counter, keys);
    const hidden = countHidden(e, c, s);
    const cost = rowCost(candidate.g) * (e.n - hidden.withheld) + hidden.withheld * WITHHELD_ROW_COST + hidden.relation + hidden.childAge + hidden.childGender;
    if (!best || cost < best.cost || (cost === best.cost && order(candidate, best.candidate) < 0)) {
      if (best) letGo(best.c);
      best = { cost, candidate, c, s };
    } else letGo(c);
  }
  return result(best!.candidate.g, best!.c, best!.s, true);
}
