/**
 * The check that the linked tables, read together, give no hidden figure away. Each table's own
 * suppression only knows its own rows and columns; a reader adds up every published line of every
 * table at once, with figures that two tables share (a "started" column that is the other table's
 * row totals, grand totals shown twice) carrying a bound from one table into the other. Together
 * with "a hidden count is at least 1" that can close a hidden figure's range to one value even
 * though no single table does.
 *
 * The reader's reasoning is modelled as interval propagation over every line (total = sum of its
 * parts) to a fixed point. It only ever narrows, so the fixed point is the same whatever order the
 * lines are read in, and a reader using any subset of these lines learns no more than this does.
 */

export interface SumLine {
  total: number;
  parts: number[];
}

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Ranges of every figure (by index) from the published values and the lines. A hidden figure
 * starts at [1, ∞) when it is not zero: zeros are never hidden, so the reader knows it is at least
 * 1. Upper bounds may stay infinite; lower bounds are always finite, so no ∞ − ∞ arises.
 */
export function figureRanges(values: number[], hidden: boolean[], lines: SumLine[]): Interval[] {
  const range: Interval[] = values.map((v, k) => (hidden[k] ? { lo: Math.min(1, v), hi: Number.POSITIVE_INFINITY } : { lo: v, hi: v }));
  const narrow = (k: number, lo: number, hi: number): boolean => {
    const r = range[k]!;
    const nlo = Math.max(r.lo, Math.ceil(lo));
    const nhi = Math.min(r.hi, Math.floor(hi));
    if (nlo === r.lo && nhi === r.hi) return false;
    range[k] = { lo: nlo, hi: nhi };
    return true;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const lo = line.parts.reduce((a, p) => a + range[p]!.lo, 0);
      const hi = line.parts.reduce((a, p) => a + range[p]!.hi, 0);
      if (narrow(line.total, lo, hi)) changed = true;
      for (const p of line.parts) {
        // part = total − the other parts; summed afresh so an infinite bound is never subtracted.
        let othersLo = 0;
        let othersHi = 0;
        for (const o of line.parts) {
          if (o === p) continue;
          othersLo += range[o]!.lo;
          othersHi += range[o]!.hi;
        }
        const t = range[line.total]!;
        if (narrow(p, t.lo - othersHi, t.hi - othersLo)) changed = true;
      }
    }
  }
  return range;
}

/** Hidden figures whose range the published lines close to one value. */
export function disclosedFigures(values: number[], hidden: boolean[], lines: SumLine[]): number[] {
  const range = figureRanges(values, hidden, lines);
  return values.map((_, k) => k).filter((k) => hidden[k] && range[k]!.lo === range[k]!.hi);
}

/**
 * The published figure to hide next so that `target` is no longer disclosed: the smallest one that
 * frees it on its own, else the smallest one on a line with it (widening around it for the next
 * round), else the smallest anywhere. Smallest first because a small figure hidden costs the
 * reader the least. `eligible` excludes zeros and figures that cannot usefully be hidden.
 */
export function nextToHide(values: number[], hidden: boolean[], lines: SumLine[], target: number, eligible: (k: number) => boolean): number | undefined {
  const candidates = values
    .map((_, k) => k)
    .filter((k) => !hidden[k] && eligible(k))
    .sort((a, b) => values[a]! - values[b]! || a - b);
  const frees = candidates.find((k) => {
    const trial = hidden.map((h, i) => h || i === k);
    return !disclosedFigures(values, trial, lines).includes(target);
  });
  if (frees !== undefined) return frees;
  const neighbours = new Set(lines.filter((l) => l.total === target || l.parts.includes(target)).flatMap((l) => [l.total, ...l.parts]));
  return candidates.find((k) => neighbours.has(k)) ?? candidates[0];
}
