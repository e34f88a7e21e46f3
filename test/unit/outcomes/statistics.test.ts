import { describe, expect, it } from 'vitest';
import { pairedEffectSizes, sampleSd, summarise, tCritical } from '../../../src-main/core/outcomes/statistics';

describe("Student's t critical values", () => {
  // Two-sided 95 % values, t(0.975, df), as printed in standard tables (e.g. the NIST/SEMATECH
  // e-Handbook's table of critical values, to three decimals).
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [5, 2.571],
    [10, 2.228],
    [29, 2.045],
    [100, 1.984],
  ])('df %i gives %f', (df, textbook) => {
    expect(tCritical(df)).toBeCloseTo(textbook, 3);
  });

  it('tends to the normal 1.960 as the degrees of freedom grow', () => {
    expect(tCritical(100_000)).toBeCloseTo(1.96, 3);
  });
});

describe('sample summaries', () => {
  it('gives the n − 1 standard deviation and the t interval of the mean', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, variance 32 / 7.
    const s = summarise([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    // t(0.975, 7) = 2.365 (table); half width 2.365 × √(32/7) / √8.
    expect(s.ciLow).toBeCloseTo(5 - (2.365 * Math.sqrt(32 / 7)) / Math.sqrt(8), 2);
    expect(s.ciHigh).toBeCloseTo(5 + (2.365 * Math.sqrt(32 / 7)) / Math.sqrt(8), 2);
  });

  it('has no spread or interval for one value, and nothing for none', () => {
    expect(summarise([3])).toEqual({ n: 1, mean: 3, sd: null, ciLow: null, ciHigh: null });
    expect(summarise([])).toEqual({ n: 0, mean: null, sd: null, ciLow: null, ciHigh: null });
  });

  it('keeps its precision for large values with a small spread', () => {
    expect(sampleSd([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 9);
  });
});

describe('paired effect sizes', () => {
  it('divides the mean change by the SD of the changes (dz) and by the mean of the two SDs (dav)', () => {
    // before 1, 2, 3; after 2, 4, 5: changes 1, 2, 2, mean 5/3, SD √((4/9 + 1/9 + 1/9) / 2) = √(1/3).
    // SD before 1; after: mean 11/3, deviations −5/3, 1/3, 4/3 → (25 + 1 + 16) / 9 / 2 = 7/3.
    const d = pairedEffectSizes([1, 2, 3], [2, 4, 5]);
    expect(d.dz).toBeCloseTo(5 / 3 / Math.sqrt(1 / 3), 12);
    expect(d.dav).toBeCloseTo(5 / 3 / ((1 + Math.sqrt(7 / 3)) / 2), 12);
  });

  it('has no standardised size for a change without spread', () => {
    expect(pairedEffectSizes([1, 2, 3], [2, 3, 4])).toEqual({ dz: null, dav: 1 });
    expect(pairedEffectSizes([2, 2], [3, 3])).toEqual({ dz: null, dav: null });
  });
});
