import { describe, expect, it } from 'vitest';
import { ageBand, childAgeAtStart, generalisePeriod, PERIOD_PATTERNS, safeCode } from '../../../src-main/core/export/generalise';

describe('generalisation', () => {
  it('turns dates into year-month, quarter or ISO week', () => {
    expect(generalisePeriod('2024-03-14', 'month')).toBe('2024-03');
    expect(generalisePeriod('2024-03-31', 'quarter')).toBe('2024-Q1');
    expect(generalisePeriod('2024-04-01', 'quarter')).toBe('2024-Q2');
    expect(generalisePeriod('2024-12-31', 'quarter')).toBe('2024-Q4');
    expect(generalisePeriod('2024-03-14', 'week')).toBe('2024-W11');
  });

  it('uses the ISO week-year at year boundaries', () => {
    expect(generalisePeriod('2021-01-03', 'week')).toBe('2020-W53');
    expect(generalisePeriod('2021-01-04', 'week')).toBe('2021-W01');
    expect(generalisePeriod('2024-12-30', 'week')).toBe('2025-W01');
    expect(generalisePeriod('2026-12-31', 'week')).toBe('2026-W53');
  });

  it('matches its own published patterns', () => {
    for (const date of ['2021-01-03', '2024-02-29', '2024-12-30', '2025-07-15']) {
      for (const g of ['month', 'week', 'quarter'] as const) {
        expect(generalisePeriod(date, g)).toMatch(new RegExp(PERIOD_PATTERNS[g]));
      }
    }
  });

  it('rejects what is not a calendar date', () => {
    expect(() => generalisePeriod('2024-02-30', 'month')).toThrow();
    expect(() => generalisePeriod('14/03/2024', 'month')).toThrow();
    expect(() => generalisePeriod('2024-3-1', 'month')).toThrow();
  });

  it('derives age at group start from the birth year and drops implausible ages', () => {
    expect(childAgeAtStart(2016, '2024-01-10')).toBe(8);
    expect(childAgeAtStart(2024, '2024-12-31')).toBe(0);
    expect(childAgeAtStart(2006, '2024-05-01')).toBe(18);
    expect(childAgeAtStart(2005, '2024-05-01')).toBeNull();
    expect(childAgeAtStart(2025, '2024-05-01')).toBeNull();
    expect(childAgeAtStart(null, '2024-05-01')).toBeNull();
  });

  it('bands ages at their edges', () => {
    const cases: [number, string][] = [
      [0, '0-2'],
      [2, '0-2'],
      [3, '3-5'],
      [5, '3-5'],
      [6, '6-8'],
      [8, '6-8'],
      [9, '9-11'],
      [11, '9-11'],
      [12, '12-14'],
      [14, '12-14'],
      [15, '15-18'],
      [18, '15-18'],
    ];
    for (const [age, band] of cases) expect(ageBand(age)).toBe(band);
    expect(ageBand(19)).toBeNull();
    expect(ageBand(-1)).toBeNull();
    expect(ageBand(null)).toBeNull();
  });

  it('exports codes only, never free text typed into a code field', () => {
    expect(safeCode('moved')).toBe('moved');
    expect(safeCode('Flyttade till Göteborg')).toBe('other');
    expect(safeCode('')).toBeNull();
    expect(safeCode(null)).toBeNull();
  });
});
