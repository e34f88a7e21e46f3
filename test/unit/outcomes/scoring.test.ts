import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { validateInstrumentDefinition } from '../../../src-main/core/outcomes/definition';
import { scoreResponse, type Answers } from '../../../src-main/core/outcomes/scoring';

/** Three 1–5 items, the second reversed, under one scale whose rules each test sets. */
function defWith(scale: Record<string, unknown>, extraScales: Record<string, unknown>[] = []) {
  return validateInstrumentDefinition({
    format: 'komet-instrument/1',
    code: 'T',
    version: '1',
    name: { sv: 'T', en: 'T' },
    respondent: 'self',
    licence: { holder: 'Komet', terms: 'Fri.', itemTextsIncluded: false },
    items: [
      { code: 'a', min: 1, max: 5, reverse: false },
      { code: 'b', min: 1, max: 5, reverse: true },
      { code: 'c', min: 1, max: 5, reverse: false },
    ],
    scales: [{ code: 's', items: ['a', 'b', 'c'], ...scale }, ...extraScales],
  });
}
const score = (def: ReturnType<typeof defWith>, answers: Answers, code = 's') => scoreResponse(def, answers).find((s) => s.scale === code)!;

describe('scoring, exactly', () => {
  it('a reversed item counts min + max − answer', () => {
    // a 2, b 4 → 1 + 5 − 4 = 2, c 5 → 9
    expect(score(defWith({ method: 'sum', minAnswered: 3 }), { a: 2, b: 4, c: 5 }).score).toBe(9);
  });

  it('a filled missing item counts as min, not reversed', () => {
    // b missing and reversed: filled with 1 (not 1 + 5 − 1 = 5) → 2 + 1 + 4 = 7
    const s = score(defWith({ method: 'sum', minAnswered: 3, maxMissingFilled: 1 }), { a: 2, c: 4 });
    expect(s).toMatchObject({ score: 7, answered: 3, filled: 1 });
  });

  it('no fill when more are missing than the rule allows, then minAnswered decides', () => {
    expect(score(defWith({ method: 'sum', minAnswered: 3, maxMissingFilled: 1 }), { a: 2 }).score).toBeNull();
    // Without a fill rule the sum of the answered items stands when enough are answered: 2 + 4 = 6.
    expect(score(defWith({ method: 'sum', minAnswered: 2 }), { a: 2, c: 4 }).score).toBe(6);
  });

  it('a prorated sum is the sum times n / answered', () => {
    // a 2, c 3 → 5 × 3/2 = 7.5
    expect(score(defWith({ method: 'sum', minAnswered: 2, prorate: true }), { a: 2, c: 3 }).score).toBe(7.5);
    // a 1, c 1 → 2 × 3/2 = 3; one answered is below minAnswered → null
    expect(score(defWith({ method: 'sum', minAnswered: 2, prorate: true }), { a: 1, c: 1 }).score).toBe(3);
    expect(score(defWith({ method: 'sum', minAnswered: 2, prorate: true }), { a: 1 }).score).toBeNull();
  });

  it('a mean is the sum over the answered items, then the multiplier', () => {
    // a 2, b 5 → 1 → (2 + 1) / 2 = 1.5; × 3 = 4.5
    expect(score(defWith({ method: 'mean', minAnswered: 1 }), { a: 2, b: 5 }).score).toBe(1.5);
    expect(score(defWith({ method: 'mean', minAnswered: 1, multiplier: 3 }), { a: 2, b: 5 }).score).toBe(4.5);
  });

  it('keeps full precision (no rounding)', () => {
    // a 1 + (b 4 → 2) + c 1 = 4, mean over 3 = 4/3
    expect(score(defWith({ method: 'mean', minAnswered: 3 }), { a: 1, b: 4, c: 1 }).score).toBe(4 / 3);
    // a 1 + c 2 = 3 over 2 of 3 answered, prorated: 3 × 3/2 = 4.5, × 0.5 = 2.25
    expect(score(defWith({ method: 'sum', minAnswered: 2, prorate: true, multiplier: 0.5 }), { a: 1, c: 2 }).score).toBe(2.25);
  });

  it('a scale over scales is the sum of its parts, null if any part is null; bands match the final score', () => {
    // s: sum, at least 1 answered, no proration (1–15); half: a × 0.5 (0.5–2.5); both: 1.5–17.5.
    const def = defWith({ method: 'sum', minAnswered: 1 }, [
      { code: 'half', items: ['a'], method: 'sum', minAnswered: 1, multiplier: 0.5 },
      {
        code: 'both',
        scales: ['s', 'half'],
        bands: [
          { from: 1.5, to: 9, label: { sv: 'låg', en: 'low' } },
          { from: 10, to: 17.5, label: { sv: 'hög', en: 'high' } },
        ],
      },
    ]);
    // s = 5 + (b 1 → 5) + 5 = 15; half = 2.5; both = 17.5
    expect(score(def, { a: 5, b: 1, c: 5 }, 'both')).toMatchObject({ score: 17.5, band: { label: { en: 'high' } } });
    // s = 1 + (b 5 → 1) = 2 with c missing; half = 0.5; both = 2.5
    expect(score(def, { a: 1, b: 5 }, 'both')).toMatchObject({ score: 2.5, band: { label: { en: 'low' } } });
    // a missing: half is null, so both is null
    expect(score(def, { c: 4 }, 'both')).toMatchObject({ score: null, band: null });
    // s = 3 + (b 2 → 4) + 1 = 8; half = 1.5; both = 9.5, between the bands
    expect(score(def, { a: 3, b: 2, c: 1 }, 'both')).toMatchObject({ score: 9.5, band: null });
  });

  it('refuses answers off the form, non-integers and unknown items, each at its path', () => {
    const def = defWith({ method: 'sum', minAnswered: 1 });
    let caught: unknown;
    try {
      scoreResponse(def, { a: 0, b: 2.5, c: 6, zz: 1, __proto__x: 2 } as Answers);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).issues!.map((i) => i.path)).toEqual(['answers.a', 'answers.b', 'answers.c', 'answers.zz', 'answers.?']);
  });

  it('an answers object with a __proto__ key is refused, not followed', () => {
    const def = defWith({ method: 'sum', minAnswered: 1 });
    const answers = JSON.parse('{"a": 1, "__proto__": {"b": 5}}') as Answers;
    expect(() => scoreResponse(def, answers)).toThrow(AppError);
  });
});
