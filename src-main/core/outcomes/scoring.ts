import { isCompositeScale, type InstrumentDefinition, type ScoreBand } from '../../contract/schemas/instruments';
import { AppError, type FieldIssue } from '../errors';

/** One response: item code → the value written on the form; absent, null or undefined = missing. */
export type Answers = Readonly<Record<string, number | null | undefined>>;

export interface ScaleScore {
  scale: string;
  /** Full precision; null when the scale has too few answers (or, over scales, any part is null). Round only for display. */
  score: number | null;
  band: ScoreBand | null;
  /** Items counted, after any fill; null for a scale over scales. */
  answered: number | null;
  /** Missing items counted as their lowest value under the scale's fill rule. */
  filled: number;
}

export type Scorer = (answers: Answers) => ScaleScore[];

interface ItemPlan {
  kind: 'items';
  members: number[];
  method: 'sum' | 'mean';
  minAnswered: number;
  prorate: boolean;
  maxMissingFilled: number;
  multiplier: number;
}
interface CompositePlan {
  kind: 'scales';
  parts: number[];
}

/**
 * Prepares scoring for one validated definition (look-ups resolved once), so scoring many
 * responses costs only the arithmetic. Scoring, exactly:
 * - a reversed item's value is `min + max − answer`;
 * - over items, with `answered` of `n` answered: when `maxMissingFilled > 0` and
 *   `n − answered ≤ maxMissingFilled`, each missing item counts as its `min` (not reversed) and
 *   `answered` becomes `n`; fewer than `minAnswered` answered gives null; `sum` is Σ values, times
 *   `n / answered` when `prorate`; `mean` is Σ values / answered; then times `multiplier`;
 * - over scales, the sum of their scores, null if any is null;
 * - the band is the first whose `from ≤ score ≤ to`.
 */
export function createScorer(definition: InstrumentDefinition): Scorer {
  const { items, scales } = definition;
  const itemIndex = new Map(items.map((item, i) => [item.code, i]));
  const scaleIndex = new Map(scales.map((scale, i) => [scale.code, i]));
  const plans: (ItemPlan | CompositePlan)[] = scales.map((scale) =>
    isCompositeScale(scale)
      ? // Summed in the order of their codes: floating-point addition depends on order, and a
        // score must not change when a definition lists the same parts differently.
        { kind: 'scales', parts: [...scale.scales].sort().map((code) => scaleIndex.get(code)!) }
      : {
          kind: 'items',
          members: scale.items.map((code) => itemIndex.get(code)!),
          method: scale.method,
          minAnswered: scale.minAnswered,
          prorate: scale.prorate,
          maxMissingFilled: scale.maxMissingFilled,
          multiplier: scale.multiplier,
        },
  );
  const order = dependencyOrder(plans);
  const mins = items.map((i) => i.min);
  const maxes = items.map((i) => i.max);
  const reversed = items.map((i) => i.reverse);

  return (answers) => {
    const values = readValues(definition, itemIndex, answers, mins, maxes, reversed);
    const results: ScaleScore[] = new Array(scales.length);
    for (const s of order) {
      const plan = plans[s]!;
      const scale = scales[s]!;
      if (plan.kind === 'scales') {
        let score: number | null = 0;
        for (const p of plan.parts) {
          const part = results[p]!.score;
          if (part === null) {
            score = null;
            break;
          }
          score += part;
        }
        results[s] = { scale: scale.code, score, band: bandOf(scale.bands, score), answered: null, filled: 0 };
        continue;
      }
      const n = plan.members.length;
      let sum = 0;
      let answered = 0;
      for (const m of plan.members) {
        const v = values[m]!;
        if (v !== null) {
          sum += v;
          answered++;
        }
      }
      let filled = 0;
      if (plan.maxMissingFilled > 0 && answered > 0 && n - answered <= plan.maxMissingFilled) {
        for (const m of plan.members) if (values[m] === null) sum += mins[m]!;
        filled = n - answered;
        answered = n;
      }
      let score: number | null = null;
      if (answered > 0 && answered >= plan.minAnswered) {
        const raw = plan.method === 'mean' ? sum / answered : plan.prorate ? (sum * n) / answered : sum;
        score = raw * plan.multiplier;
      }
      results[s] = { scale: scale.code, score, band: bandOf(scale.bands, score), answered, filled };
    }
    return results;
  };
}

export const scoreResponse = (definition: InstrumentDefinition, answers: Answers): ScaleScore[] => createScorer(definition)(answers);

function bandOf(bands: readonly ScoreBand[], score: number | null): ScoreBand | null {
  if (score === null) return null;
  for (const band of bands) if (band.from <= score && score <= band.to) return band;
  return null;
}

/** Each item's scored value (reverse applied), or null when missing; refuses unknown items and values off the form. */
function readValues(
  definition: InstrumentDefinition,
  itemIndex: ReadonlyMap<string, number>,
  answers: Answers,
  mins: number[],
  maxes: number[],
  reversed: boolean[],
): (number | null)[] {
  const values: (number | null)[] = new Array(mins.length).fill(null);
  let issues: FieldIssue[] | undefined;
  for (const code of Object.keys(answers)) {
    const i = itemIndex.get(code);
    const answer = answers[code];
    if (i === undefined) {
      (issues ??= []).push(unknownItem(code, definition.code));
      continue;
    }
    if (answer === null || answer === undefined) continue;
    if (!Number.isInteger(answer) || answer < mins[i]! || answer > maxes[i]!) {
      (issues ??= []).push({
        path: `answers.${code}`,
        message: {
          sv: `Svaret ska vara ett heltal från ${mins[i]} till ${maxes[i]}.`,
          en: `The answer must be a whole number from ${mins[i]} to ${maxes[i]}.`,
        },
      });
      continue;
    }
    values[i] = reversed[i] ? mins[i]! + maxes[i]! - answer : answer;
  }
  if (issues)
    throw new AppError('validation', { sv: 'Svaren stämmer inte med instrumentet.', en: 'The answers do not match the instrument.' }, issues.slice(0, 50));
  return values;
}

function unknownItem(code: string, instrument: string): FieldIssue {
  const shown = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(code) ? code : '?';
  return {
    path: `answers.${shown}`,
    message: { sv: `${instrument} har ingen fråga med koden ${shown}.`, en: `${instrument} has no item with the code ${shown}.` },
  };
}

/** Scales over scales after their parts; the validator has refused cycles. */
function dependencyOrder(plans: readonly (ItemPlan | CompositePlan)[]): number[] {
  const order: number[] = [];
  const placed = new Set<number>();
  const place = (s: number) => {
    if (placed.has(s)) return;
    placed.add(s);
    const plan = plans[s]!;
    if (plan.kind === 'scales') plan.parts.forEach(place);
    order.push(s);
  };
  plans.forEach((_, s) => place(s));
  return order;
}
