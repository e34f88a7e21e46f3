import type { InstrumentItem, ItemScale } from '../../contract/schemas/instruments';

export interface ScoreRange {
  min: number;
  max: number;
}

/**
 * The lowest and highest score an item scale can reach under its own rules: every allowed number
 * of missing items (a fill makes a response count as complete; fewer than `minAnswered` or no
 * answer at all gives no score), with the lowest and highest item values. Bands are checked
 * against it, and the property tests hold every score inside it.
 */
export function itemScaleRange(scale: ItemScale, items: ReadonlyMap<string, InstrumentItem>): ScoreRange {
  const members = scale.items.map((code) => items.get(code)!);
  const n = members.length;
  const lows = members.map((i) => i.min).sort((a, b) => a - b);
  const highs = members.map((i) => i.max).sort((a, b) => b - a);
  let min = Infinity;
  let max = -Infinity;
  for (let answered = n; answered >= Math.max(scale.minAnswered, 1); answered--) {
    const missing = n - answered;
    // A fill turns this many missing items into a complete response, counted at answered = n.
    if (missing > 0 && scale.maxMissingFilled > 0 && missing <= scale.maxMissingFilled) continue;
    const low = sumFirst(lows, answered);
    const high = sumFirst(highs, answered);
    const [lo, hi] = scale.method === 'mean' ? [low / answered, high / answered] : scale.prorate ? [(low * n) / answered, (high * n) / answered] : [low, high];
    min = Math.min(min, lo * scale.multiplier);
    max = Math.max(max, hi * scale.multiplier);
  }
  return { min, max };
}

function sumFirst(sorted: readonly number[], count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i]!;
  return sum;
}
