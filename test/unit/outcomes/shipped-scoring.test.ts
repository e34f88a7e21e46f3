import { describe, expect, it } from 'vitest';
import { checkInstrumentDefinition } from '../../../src-main/core/outcomes/definition';
import { scoreResponse, type Answers } from '../../../src-main/core/outcomes/scoring';
import { shippedInstrument, shippedInstrumentFiles, shippedInstruments } from '../../../src-main/core/outcomes/shipped';

/**
 * Every expected score here was worked out by hand from the published scoring rules (the sums are
 * written out beside each fixture), never by running the code under test.
 */

const scores = (code: string, answers: Answers) => Object.fromEntries(scoreResponse(shippedInstrument(code), answers).map((s) => [s.scale, s.score]));
const bands = (code: string, answers: Answers) =>
  Object.fromEntries(scoreResponse(shippedInstrument(code), answers).map((s) => [s.scale, s.band?.label.en ?? null]));
/** Item answers given as { itemNumber: value }, with the instrument's code prefix. */
const numbered = (prefix: string, values: Record<number, number | null>, suffix = ''): Answers =>
  Object.fromEntries(Object.entries(values).map(([n, v]) => [`${prefix}${String(n).padStart(2, '0')}${suffix}`, v]));
const all = (count: number, value: (i: number) => number | null) => Object.fromEntries(Array.from({ length: count }, (_, k) => [k + 1, value(k + 1)]));

describe('shipped definitions', () => {
  it('every shipped file passes the validator', () => {
    for (const file of shippedInstrumentFiles) expect(checkInstrumentDefinition(file)).toMatchObject({ ok: true });
    expect(shippedInstruments().map((d) => d.code)).toEqual(['ECBI', 'SDQ-P', 'DASS-21']);
  });

  it('ship without item texts, with a licence notice', () => {
    for (const def of shippedInstruments()) {
      expect(def.licence.itemTextsIncluded).toBe(false);
      expect(def.items.every((i) => i.text === undefined)).toBe(true);
      expect(def.licence.holder.length).toBeGreaterThan(0);
      expect(def.licence.terms.length).toBeGreaterThan(0);
    }
  });

  it('have the documented shape', () => {
    const sdq = shippedInstrument('SDQ-P');
    expect(sdq.items).toHaveLength(25);
    expect(sdq.items.filter((i) => i.reverse).map((i) => i.code)).toEqual(['sdq_07', 'sdq_11', 'sdq_14', 'sdq_21', 'sdq_25']);
    expect(shippedInstrument('ECBI').items).toHaveLength(72);
    expect(shippedInstrument('DASS-21').items).toHaveLength(21);
  });
});

describe('SDQ parent version (0–2; items 7, 11, 14, 21, 25 reversed; ≥ 3 of 5 answered, prorated)', () => {
  it('a complete form with reverse items', () => {
    const answers = numbered('sdq_', {
      1: 2,
      2: 1,
      3: 0,
      4: 2,
      5: 1,
      6: 0,
      7: 2,
      8: 1,
      9: 2,
      10: 2,
      11: 2,
      12: 0,
      13: 1,
      14: 1,
      15: 2,
      16: 0,
      17: 2,
      18: 0,
      19: 1,
      20: 1,
      21: 0,
      22: 0,
      23: 0,
      24: 2,
      25: 1,
    });
    expect(scores('SDQ-P', answers)).toEqual({
      emotional: 4, // 3:0 + 8:1 + 13:1 + 16:0 + 24:2
      conduct: 1, // 5:1 + 7:(2→0) + 12:0 + 18:0 + 22:0
      hyperactivity: 8, // 2:1 + 10:2 + 15:2 + 21:(0→2) + 25:(1→1)
      peer: 2, // 6:0 + 11:(2→0) + 14:(1→1) + 19:1 + 23:0
      prosocial: 9, // 1:2 + 4:2 + 9:2 + 17:2 + 20:1
      total_difficulties: 15, // 4 + 1 + 8 + 2
      externalising: 9, // 1 + 8
      internalising: 6, // 4 + 2
    });
  });

  it('all answers 0: only the reversed items count, at 2 each', () => {
    expect(
      scores(
        'SDQ-P',
        numbered(
          'sdq_',
          all(25, () => 0),
        ),
      ),
    ).toEqual({
      emotional: 0,
      conduct: 2,
      hyperactivity: 4,
      peer: 4,
      prosocial: 0,
      total_difficulties: 10,
      externalising: 6,
      internalising: 4,
    });
  });

  it('proration, null below 3 answered, and composites null when a part is null', () => {
    const s = scores(
      'SDQ-P',
      numbered('sdq_', {
        3: 2,
        8: 1,
        13: 2, // emotional: 3 of 5, sum 5 → 5 × 5/3 = 25/3
        5: 1,
        7: 0,
        12: 1,
        18: 0, // conduct: 4 of 5, 1 + (0→2) + 1 + 0 = 4 → 4 × 5/4 = 5
        2: 2,
        10: 1, // hyperactivity: 2 of 5 → null
        6: 1,
        11: 1,
        14: 2,
        19: 0,
        23: 2, // peer: 1 + (1→1) + (2→0) + 0 + 2 = 4
        // prosocial: nothing answered → null
      }),
    );
    expect(s.emotional).toBeCloseTo(25 / 3, 12);
    expect(s.conduct).toBe(5);
    expect(s.hyperactivity).toBeNull();
    expect(s.peer).toBe(4);
    expect(s.prosocial).toBeNull();
    expect(s.total_difficulties).toBeNull();
    expect(s.externalising).toBeNull();
    expect(s.internalising).toBeCloseTo(25 / 3 + 4, 12); // 37/3
  });
});

describe('ECBI (intensity 1–7 and problem yes/no; up to 3 missing count as Never/No, 4 or more give no score)', () => {
  const ecbi = (intensity: Record<number, number | null>, problem: Record<number, number | null>): Answers => ({
    ...numbered('ecbi_', intensity, '_i'),
    ...numbered('ecbi_', problem, '_p'),
  });

  it('a complete form, both scores at or above their cut-offs', () => {
    // Intensity 36 × 4 = 144 (≥ 131); problem: items 21–36 yes = 16 (≥ 15).
    const answers = ecbi(
      all(36, () => 4),
      all(36, (i) => (i <= 20 ? 0 : 1)),
    );
    expect(scores('ECBI', answers)).toEqual({ intensity: 144, problem: 16 });
    expect(bands('ECBI', answers)).toEqual({ intensity: 'At or above the cut-off of 131', problem: 'At or above the cut-off of 15' });
  });

  it('the intensity cut-off at 130 and 131', () => {
    // 22 items at 4 (88) + 14 at 3 (42) = 130; one more 4 instead of a 3 = 131.
    const at130 = ecbi(
      all(36, (i) => (i <= 22 ? 4 : 3)),
      all(36, () => 0),
    );
    const at131 = ecbi(
      all(36, (i) => (i <= 23 ? 4 : 3)),
      all(36, () => 0),
    );
    expect(scores('ECBI', at130).intensity).toBe(130);
    expect(bands('ECBI', at130).intensity).toBe('Below the cut-off');
    expect(scores('ECBI', at131).intensity).toBe(131);
    expect(bands('ECBI', at131).intensity).toBe('At or above the cut-off of 131');
  });

  it('three missing items are filled with Never (1) and No (0); four missing give no score', () => {
    // Intensity: items 1–33 at 2, 34–36 missing → 33 × 2 + 3 × 1 = 69.
    // Problem: items 1–10 yes, 11–32 no, 33–36 missing (4) → null.
    const answers = ecbi(
      { ...all(33, () => 2), 34: null, 35: null, 36: null },
      all(32, (i) => (i <= 10 ? 1 : 0)),
    );
    expect(scores('ECBI', answers)).toEqual({ intensity: 69, problem: null });
    const intensity = scoreResponse(shippedInstrument('ECBI'), answers)[0]!;
    expect(intensity).toMatchObject({ answered: 36, filled: 3 });
  });

  it('one missing item at the top of the scale: 35 × 7 + 1 = 246; problem 3 missing: 33 yes + 3 × 0 = 33', () => {
    const answers = ecbi(
      all(35, () => 7),
      all(33, () => 1),
    );
    expect(scores('ECBI', answers)).toEqual({ intensity: 246, problem: 33 });
  });
});

describe('DASS-21 (0–3, three 7-item scales, sum doubled)', () => {
  it('a complete form: each scale is twice its sum', () => {
    // Item i answered i mod 4.
    const answers = numbered(
      'dass_',
      all(21, (i) => i % 4),
    );
    expect(scores('DASS-21', answers)).toEqual({
      depression: 18, // 3:3 + 5:1 + 10:2 + 13:1 + 16:0 + 17:1 + 21:1 = 9, × 2
      anxiety: 24, // 2:2 + 4:0 + 7:3 + 9:1 + 15:3 + 19:3 + 20:0 = 12, × 2
      stress: 20, // 1:1 + 6:2 + 8:0 + 11:3 + 12:0 + 14:2 + 18:2 = 10, × 2
    });
  });

  it('a missing item leaves its scale without a score; the others reach 42', () => {
    const answers = numbered(
      'dass_',
      all(21, (i) => (i === 21 ? null : 3)),
    );
    expect(scores('DASS-21', answers)).toEqual({ depression: null, anxiety: 42, stress: 42 });
  });
});
