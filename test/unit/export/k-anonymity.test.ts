import { describe, expect, it } from 'vitest';
import { checkKAnonymity, type QuasiIdentifiers } from '../../../src-main/core/export/disclosure/k-anonymity';
import { defaultCoarsening } from '../../../src-main/core/export/model';

const base: QuasiIdentifiers = { unit: 'Södermalm', programme: 'fKomet', groupStart: '2024-03-14', relation: 'mother', childAge: 7, childGender: 'girl' };
const copies = (n: number, over: Partial<QuasiIdentifiers> = {}) => Array.from({ length: n }, () => ({ ...base, ...over }));

describe('k-anonymity check', () => {
  it('passes at exactly k and fails at k − 1', () => {
    const atK = checkKAnonymity(copies(5), defaultCoarsening, 5);
    expect(atK.current.smallestClass).toBe(5);
    expect(atK.current.reachesK).toBe(true);
    expect(atK.suggestion).toEqual(defaultCoarsening);
    const below = checkKAnonymity(copies(4), defaultCoarsening, 5);
    expect(below.current.smallestClass).toBe(4);
    expect(below.current.reachesK).toBe(false);
    expect(below.current.classesBelowK).toBe(1);
    expect(below.current.rowsBelowK).toBe(4);
  });

  it('honours k as a setting', () => {
    expect(checkKAnonymity(copies(4), defaultCoarsening, 4).current.reachesK).toBe(true);
    expect(checkKAnonymity(copies(4), defaultCoarsening, 3).current.reachesK).toBe(true);
    expect(() => checkKAnonymity(copies(4), defaultCoarsening, 0)).toThrow();
  });

  it('finds that age bands alone reach k when ages differ within a band', () => {
    const records = [...copies(3, { childAge: 6 }), ...copies(2, { childAge: 8 })];
    const result = checkKAnonymity(records, defaultCoarsening, 5);
    expect(result.current.smallestClass).toBe(2);
    expect(result.suggestion).toEqual({ ...defaultCoarsening, ageBands: true });
    expect(result.alternatives[0]!.changes).toEqual(['ageBands']);
    expect(result.alternatives.every((a) => a.reachesK)).toBe(true);
  });

  it('finds quarter instead of month, and dropping the unit, by trying them', () => {
    const months = [...copies(3, { groupStart: '2024-01-10' }), ...copies(2, { groupStart: '2024-03-02' })];
    expect(checkKAnonymity(months, defaultCoarsening, 5).suggestion).toEqual({ ...defaultCoarsening, period: 'quarter' });
    const units = [...copies(3, { unit: 'Kista' }), ...copies(2, { unit: 'Skärholmen' })];
    const byUnit = checkKAnonymity(units, defaultCoarsening, 5);
    expect(byUnit.suggestion).toEqual({ ...defaultCoarsening, dropUnit: true });
    expect(byUnit.alternatives.map((a) => a.changes)).toEqual([['dropUnit'], ['ageBands', 'dropUnit'], ['quarter', 'dropUnit'], ['ageBands', 'quarter', 'dropUnit']]);
  });

  it('combines steps when one is not enough, and says so when nothing is', () => {
    const mixed = [...copies(3, { unit: 'Kista', childAge: 6 }), ...copies(2, { unit: 'Skärholmen', childAge: 7 })];
    const result = checkKAnonymity(mixed, defaultCoarsening, 5);
    expect(result.suggestion).toEqual({ ...defaultCoarsening, ageBands: true, dropUnit: true });
    const hopeless = [...copies(4), ...copies(1, { relation: 'father' })];
    const none = checkKAnonymity(hopeless, defaultCoarsening, 5);
    expect(none.suggestion).toBeNull();
    expect(none.alternatives).toEqual([]);
  });

  it('only coarsens further than the current settings', () => {
    const result = checkKAnonymity(copies(2), { period: 'quarter', ageBands: true, dropUnit: false }, 5);
    for (const a of result.alternatives) expect(a.changes).toEqual(['dropUnit']);
    expect(result.suggestion).toBeNull();
  });

  it('treats an empty file as trivially safe', () => {
    const result = checkKAnonymity([], defaultCoarsening, 5);
    expect(result.current.smallestClass).toBeNull();
    expect(result.current.reachesK).toBe(true);
  });
});
