import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCompositeScale, type InstrumentDefinition } from '../../../src-main/contract/schemas/instruments';
import { scaleRanges, validateInstrumentDefinition } from '../../../src-main/core/outcomes/definition';
import { scoreResponse, type Answers } from '../../../src-main/core/outcomes/scoring';
import { shippedInstrument } from '../../../src-main/core/outcomes/shipped';

/** A random response to a definition: each item missing or any value on its form. */
const answersFor = (def: InstrumentDefinition) =>
  fc
    .tuple(...def.items.map((item) => fc.option(fc.integer({ min: item.min, max: item.max }), { nil: null })))
    .map((values) => Object.fromEntries(def.items.map((item, i) => [item.code, values[i]])) as Answers);

/** The same definition with every list it holds (items, scales, each scale's members) in another order. */
function reordered(def: InstrumentDefinition, order: number[]): InstrumentDefinition {
  const shuffle = <T>(list: readonly T[]) =>
    list
      .map((x, i) => ({ x, k: order[i % order.length]! * 1000 + i }))
      .sort((a, b) => a.k - b.k)
      .map((e) => e.x);
  return validateInstrumentDefinition({
    ...def,
    items: shuffle(def.items),
    scales: shuffle(def.scales).map((s) => (isCompositeScale(s) ? { ...s, scales: shuffle(s.scales) } : { ...s, items: shuffle(s.items) })),
  });
}
const byScale = (def: InstrumentDefinition, answers: Answers) => Object.fromEntries(scoreResponse(def, answers).map((s) => [s.scale, s.score]));

/** Theoretical ranges from the published scoring, written out by hand. */
const published: Record<string, Record<string, [number, number]>> = {
  'SDQ-P': {
    emotional: [0, 10],
    conduct: [0, 10],
    hyperactivity: [0, 10],
    peer: [0, 10],
    prosocial: [0, 10],
    total_difficulties: [0, 40],
    externalising: [0, 20],
    internalising: [0, 20],
  },
  ECBI: { intensity: [36, 252], problem: [0, 36] },
  'DASS-21': { depression: [0, 42], anxiety: [0, 42], stress: [0, 42] },
};

describe.each(Object.keys(published))('%s: properties', (code) => {
  const def = shippedInstrument(code);

  it('every score lies within the published range of its scale', () => {
    fc.assert(
      fc.property(answersFor(def), (answers) => {
        for (const s of scoreResponse(def, answers)) {
          if (s.score === null) continue;
          const [min, max] = published[code]![s.scale]!;
          expect(s.score).toBeGreaterThanOrEqual(min);
          expect(s.score).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scores do not depend on the order of items or scales', () => {
    fc.assert(
      fc.property(answersFor(def), fc.array(fc.nat(1000), { minLength: 1, maxLength: 80 }), (answers, order) => {
        expect(byScale(reordered(def, order), answers)).toEqual(byScale(def, answers));
      }),
      { numRuns: 200 },
    );
  });
});

/** Random definitions: one item scale under random rules, and a scale over it and itself doubled. */
const randomDefinition = fc
  .record({
    ranges: fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat(6), fc.boolean()), { minLength: 1, maxLength: 12 }),
    method: fc.constantFrom('sum' as const, 'mean' as const),
    prorate: fc.boolean(),
    minFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    fillFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    multiplier: fc.constantFrom(0.5, 1, 2, 3),
  })
  .map(({ ranges, method, prorate, minFraction, fillFraction, multiplier }) => {
    const n = ranges.length;
    return validateInstrumentDefinition({
      format: 'komet-instrument/1',
      code: 'RANDOM',
      version: '1',
      name: { sv: 'Slump', en: 'Random' },
      respondent: 'self',
      licence: { holder: 'Komet', terms: 'Test.', itemTextsIncluded: false },
      items: ranges.map(([min, width, reverse], i) => ({ code: `i${i}`, min, max: min + width, reverse })),
      scales: [
        {
          code: 's',
          items: ranges.map((_, i) => `i${i}`),
          method,
          prorate,
          multiplier,
          minAnswered: 1 + Math.floor(minFraction * (n - 1)),
          maxMissingFilled: Math.floor(fillFraction * (n - 1)),
        },
        { code: 'twice', scales: ['s', 's2'] },
        { code: 's2', items: ranges.map((_, i) => `i${i}`).reverse(), method, prorate, multiplier, minAnswered: 1 },
      ],
    });
  });

describe('random definitions: properties', () => {
  it('every score lies within the range the validator checks bands against', () => {
    fc.assert(
      fc.property(
        randomDefinition.chain((def) => fc.tuple(fc.constant(def), answersFor(def))),
        ([def, answers]) => {
          const ranges = scaleRanges(def.scales, new Map(def.items.map((i) => [i.code, i])));
          for (const s of scoreResponse(def, answers)) {
            if (s.score === null) continue;
            const range = ranges.get(s.scale)!;
            // Proration divides, so allow the last bit of a double.
            expect(s.score).toBeGreaterThanOrEqual(range.min - 1e-9);
            expect(s.score).toBeLessThanOrEqual(range.max + 1e-9);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a score is the same whatever the order of the items', () => {
    fc.assert(
      fc.property(
        randomDefinition.chain((def) => fc.tuple(fc.constant(def), answersFor(def), fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 }))),
        ([def, answers, order]) => {
          const a = byScale(def, answers);
          const b = byScale(reordered(def, order), answers);
          for (const code of Object.keys(a)) {
            if (a[code] === null) expect(b[code]).toBeNull();
            else expect(b[code]).toBeCloseTo(a[code]!, 9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
