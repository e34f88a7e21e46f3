import jStat from 'jstat';

/** The descriptive figures of one sample, full precision; null where the sample is too small to give them. */
export interface SampleSummary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (divisor n − 1); null below two values. */
  sd: number | null;
  /** 95 % confidence interval of the mean from Student's t with n − 1 degrees of freedom; null below two values. */
  ciLow: number | null;
  ciHigh: number | null;
}

export const CONFIDENCE = 0.95;

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation, two-pass so large scores with a small spread keep their precision. */
export function sampleSd(values: readonly number[]): number {
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** The two-sided critical value t(1 − α/2, df). */
export const tCritical = (df: number, confidence = CONFIDENCE): number => jStat.studentt.inv(1 - (1 - confidence) / 2, df);

export function summarise(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n === 0) return summariseMoments(0, 0, 0);
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return summariseMoments(n, m, squares);
}

/**
 * The same figures from a sample's count, mean and sum of squared deviations from that mean (as a
 * database sums them over rows it never hands out).
 */
export function summariseMoments(n: number, m: number, squares: number): SampleSummary {
  if (n === 0) return { n, mean: null, sd: null, ciLow: null, ciHigh: null };
  if (n < 2) return { n, mean: m, sd: null, ciLow: null, ciHigh: null };
  const sd = Math.sqrt(squares / (n - 1));
  const half = (tCritical(n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, ciLow: m - half, ciHigh: m + half };
}

/**
 * Standardised effect sizes of a paired change (Lakens 2013): `dz` = mean difference / SD of the
 * differences (Cohen's d for paired data, what a paired t test's power rests on), and `dav` = mean
 * difference / the average of the before and after SDs of the same people, which reads on the
 * scale of a between-group d and so compares with published trials. Null where an SD is zero or
 * undefined: a change with no spread has no standardised size.
 */
export function pairedEffectSizes(before: readonly number[], after: readonly number[]): { dz: number | null; dav: number | null } {
  const n = before.length;
  if (n < 2 || after.length !== n) return { dz: null, dav: null };
  const differences = after.map((v, i) => v - before[i]!);
  const meanDifference = mean(differences);
  return effectSizesOfSds(meanDifference, sampleSd(differences), sampleSd(before), sampleSd(after));
}

/** The same from the mean change and the SDs of the changes, of before and of after. */
export function effectSizesOfSds(meanDifference: number, sdDifference: number, sdBefore: number, sdAfter: number): { dz: number | null; dav: number | null } {
  const sdAverage = (sdBefore + sdAfter) / 2;
  return {
    dz: sdDifference > 0 ? meanDifference / sdDifference : null,
    dav: sdAverage > 0 ? meanDifference / sdAverage : null,
  };
}

/**
 * The sum of squared deviations from the mean, from a sample's count, sum and sum of squares (as
 * kept per group in the database). Written as (n·Σx² − (Σx)²) / n: for whole-number scores both
 * products are exact integers below 2^53 at any city's size, so only the one division rounds.
 * Never below zero, which rounding of fractional scores could otherwise give for equal values.
 */
export function deviationSquares(n: number, total: number, squares: number): number {
  if (n < 1) return 0;
  return Math.max(0, (n * squares - total * total) / n);
}
