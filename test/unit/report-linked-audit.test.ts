import { describe, expect, it } from 'vitest';
import { disclosedFigures, figureRanges, nextToHide } from '../../src-main/core/reports/linked-audit';

// Figures: 0 enrolled, 1 not started, 2 started, 3 completed, 4 not completed, 5 dropped out.
const lines = [
  { total: 0, parts: [1, 2] },
  { total: 2, parts: [3, 4, 5] },
];
const values = [14, 1, 13, 6, 6, 1];

describe('audit of linked report tables', () => {
  it('finds two hidden counts of at least 1 that the shared figure pins to 1 each', () => {
    const hidden = [false, true, true, false, false, true];
    expect(disclosedFigures(values, hidden, lines)).toEqual([1, 2, 5]);
  });

  it('finds nothing once a published figure on the chain is hidden too', () => {
    const hidden = [false, true, true, false, true, true];
    expect(figureRanges(values, hidden, lines)[5]).toEqual({ lo: 1, hi: 6 });
    expect(disclosedFigures(values, hidden, lines)).toEqual([]);
  });

  it('hides the smallest published figure that frees the disclosed one', () => {
    const hidden = [false, true, true, false, false, true];
    // 6 completed and 6 not completed both free it: the first of the equal smallest is taken.
    expect(nextToHide(values, hidden, lines, 5, (k) => values[k]! > 4)).toBe(3);
  });

  it('keeps a hidden zero at 0 or more rather than pretending it is at least 1', () => {
    expect(figureRanges([3, 0, 3], [false, true, true], [{ total: 0, parts: [1, 2] }])[1]).toEqual({ lo: 0, hi: 2 });
  });
});
