import { describe, expect, it } from 'vitest';
import { checkInstrumentDefinition, MAX_DEFINITION_CHARS, parseInstrumentJson, validateInstrumentDefinition } from '../../../src-main/core/outcomes/definition';
import { AppError } from '../../../src-main/core/errors';

/** A small valid definition each test breaks in one place. */
function base(): Record<string, unknown> & { items: Record<string, unknown>[]; scales: Record<string, unknown>[] } {
  return {
    format: 'komet-instrument/1',
    code: 'TEST',
    version: '1',
    name: { sv: 'Test', en: 'Test' },
    respondent: 'parent',
    licence: { holder: 'Komet', terms: 'Fri att använda.', itemTextsIncluded: true },
    items: [
      { code: 'q1', min: 0, max: 4, reverse: false, text: { sv: 'Fråga 1', en: 'Question 1' } },
      { code: 'q2', min: 0, max: 4, reverse: true },
      { code: 'q3', min: 0, max: 4, reverse: false },
    ],
    scales: [
      { code: 'a', items: ['q1', 'q2'], method: 'sum', minAnswered: 1, prorate: true },
      { code: 'b', items: ['q3'], method: 'mean', minAnswered: 1 },
      { code: 'total', scales: ['a', 'b'] },
    ],
  };
}

/** The paths of the faults, checking every fault also carries a Swedish and an English message. */
function faultPaths(input: unknown): string[] {
  const result = checkInstrumentDefinition(input);
  if (result.ok) return [];
  for (const issue of result.issues) {
    expect(issue.message.sv.length).toBeGreaterThan(0);
    expect(issue.message.en.length).toBeGreaterThan(0);
  }
  return result.issues.map((i) => i.path);
}

describe('komet-instrument/1: a valid definition', () => {
  it('passes and gets the defaults spelled out', () => {
    const def = validateInstrumentDefinition(base());
    expect(def.scales[0]).toEqual({
      code: 'a',
      items: ['q1', 'q2'],
      method: 'sum',
      minAnswered: 1,
      prorate: true,
      maxMissingFilled: 0,
      multiplier: 1,
      bands: [],
    });
    expect(def.scales[2]).toEqual({ code: 'total', scales: ['a', 'b'], bands: [] });
  });

  it('a scale may list its parts before they are defined', () => {
    const d = base();
    d.scales = [d.scales[2]!, d.scales[0]!, d.scales[1]!];
    expect(faultPaths(d)).toEqual([]);
  });
});

describe('komet-instrument/1: refusals, each with the path of the fault', () => {
  it('unknown fields, at the top, in an item, in a scale and in a band', () => {
    expect(faultPaths({ ...base(), extra: 1 })).toEqual(['extra']);
    const d = base();
    d.items[0]!.colour = 'red';
    d.scales[0]!.weight = 2;
    d.scales[1]!.bands = [{ from: 0, to: 4, label: { sv: 'x', en: 'x' }, norm: 'UK' }];
    expect(faultPaths(d).sort()).toEqual(['items.0.colour', 'scales.0.weight', 'scales.1.bands.0.norm']);
  });

  it('another format or a missing field', () => {
    expect(faultPaths({ ...base(), format: 'komet-instrument/2' })).toEqual(['format']);
    const { respondent: _, ...noRespondent } = base();
    expect(faultPaths(noRespondent)).toEqual(['respondent']);
    expect(faultPaths({ ...base(), respondent: 'grandparent' })).toEqual(['respondent']);
  });

  it('a code outside the safe alphabet', () => {
    const d = base();
    d.items[1]!.code = 'q 2';
    expect(faultPaths(d)).toEqual(['items.1.code']);
  });

  it('duplicate item codes', () => {
    const d = base();
    d.items[2]!.code = 'q1';
    expect(faultPaths(d)).toContain('items.2.code');
  });

  it('duplicate scale codes', () => {
    const d = base();
    d.scales[1]!.code = 'a';
    expect(faultPaths(d)).toContain('scales.1.code');
  });

  it('min above max', () => {
    const d = base();
    d.items[1]!.min = 5;
    expect(faultPaths(d)).toEqual(['items.1.min']);
  });

  it('non-integer and out-of-bounds item values', () => {
    const d = base();
    d.items[0]!.max = 2.5;
    d.items[2]!.min = -5000;
    expect(faultPaths(d).sort()).toEqual(['items.0.max', 'items.2.min']);
  });

  it('a scale item that does not exist, and an item listed twice in a scale', () => {
    const d = base();
    d.scales[0]!.items = ['q1', 'q9', 'q1'];
    expect(faultPaths(d)).toEqual(['scales.0.items.1', 'scales.0.items.2']);
  });

  it('a scale over a scale that does not exist', () => {
    const d = base();
    d.scales[2]!.scales = ['a', 'c'];
    expect(faultPaths(d)).toEqual(['scales.2.scales.1']);
  });

  it('a cycle between scales, and a scale over itself', () => {
    const d = base();
    d.scales.push({ code: 'x', scales: ['y'] }, { code: 'y', scales: ['a', 'x'] });
    expect(faultPaths(d)).toEqual(['scales.4.scales.1']);
    const self = base();
    self.scales[2]!.scales = ['a', 'total'];
    const result = checkInstrumentDefinition(self);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'scales.2.scales.1', message: { sv: 'Skalorna bildar en slinga: total → total.', en: 'The scales form a cycle: total → total.' } },
    ]);
  });

  it('minAnswered above the number of items, and below 1', () => {
    const d = base();
    d.scales[0]!.minAnswered = 3;
    expect(faultPaths(d)).toEqual(['scales.0.minAnswered']);
    d.scales[0]!.minAnswered = 0;
    expect(faultPaths(d)).toEqual(['scales.0.minAnswered']);
  });

  it('a fill rule that could fill every item', () => {
    const d = base();
    d.scales[0]!.maxMissingFilled = 2;
    expect(faultPaths(d)).toEqual(['scales.0.maxMissingFilled']);
    d.scales[0]!.maxMissingFilled = 1;
    expect(faultPaths(d)).toEqual([]);
  });

  it('a scale with both items and scales, or neither', () => {
    const d = base();
    d.scales[0]!.scales = ['b'];
    expect(faultPaths(d)).toEqual(['scales.0']);
    const e = base();
    e.scales[1] = { code: 'b', method: 'sum', minAnswered: 1 };
    expect(faultPaths(e)).toEqual(['scales.1']);
  });

  it('an item scale without method or minAnswered, and a scale over scales with item-scale rules', () => {
    const d = base();
    delete d.scales[0]!.method;
    delete d.scales[1]!.minAnswered;
    d.scales[2]!.multiplier = 2;
    d.scales[2]!.prorate = true;
    expect(faultPaths(d).sort()).toEqual(['scales.0.method', 'scales.1.minAnswered', 'scales.2.multiplier', 'scales.2.prorate']);
  });

  it('multiplier zero or negative', () => {
    const d = base();
    d.scales[0]!.multiplier = 0;
    d.scales[1]!.multiplier = -2;
    expect(faultPaths(d).sort()).toEqual(['scales.0.multiplier', 'scales.1.multiplier']);
  });

  it('a band that starts after it ends', () => {
    const d = base();
    d.scales[0]!.bands = [{ from: 5, to: 2, label: { sv: 'x', en: 'x' } }];
    expect(faultPaths(d)).toEqual(['scales.0.bands.0.from']);
  });

  it('bands outside the reachable range (0–8 for a prorated sum of two 0–4 items, 0–4 for a mean, 0–12 over both)', () => {
    const d = base();
    d.scales[0]!.bands = [{ from: 0, to: 8, label: { sv: 'x', en: 'x' } }];
    d.scales[1]!.bands = [{ from: 0, to: 4, label: { sv: 'x', en: 'x' } }];
    d.scales[2]!.bands = [{ from: 0, to: 12, label: { sv: 'x', en: 'x' } }];
    expect(faultPaths(d)).toEqual([]);
    d.scales[0]!.bands = [{ from: 0, to: 8.5, label: { sv: 'x', en: 'x' } }];
    d.scales[1]!.bands = [{ from: -1, to: 2, label: { sv: 'x', en: 'x' } }];
    d.scales[2]!.bands = [
      { from: 0, to: 5, label: { sv: 'x', en: 'x' } },
      { from: 6, to: 13, label: { sv: 'y', en: 'y' } },
    ];
    expect(faultPaths(d)).toEqual(['scales.0.bands.0', 'scales.1.bands.0', 'scales.2.bands.1']);
  });

  it('a scale without proration that allows missing items reaches down to its fewest answered items', () => {
    // Three 1–5 items, sum, at least 2 answered, no proration: 2 (two answered at 1) up to 15.
    const d = base();
    d.items = [1, 2, 3].map((i) => ({ code: `k${i}`, min: 1, max: 5, reverse: false }));
    d.scales = [{ code: 's', items: ['k1', 'k2', 'k3'], method: 'sum', minAnswered: 2, bands: [{ from: 2, to: 15, label: { sv: 'x', en: 'x' } }] }];
    expect(faultPaths(d)).toEqual([]);
    d.scales[0]!.bands = [{ from: 1, to: 15, label: { sv: 'x', en: 'x' } }];
    expect(faultPaths(d)).toEqual(['scales.0.bands.0']);
    // With one missing item filled (at 1), a response always counts 3 items: 3 to 15.
    d.scales[0]!.maxMissingFilled = 1;
    d.scales[0]!.bands = [{ from: 2, to: 15, label: { sv: 'x', en: 'x' } }];
    expect(faultPaths(d)).toEqual(['scales.0.bands.0']);
  });

  it('overlapping bands, touching ends included, reported at the later band', () => {
    const d = base();
    d.scales[0]!.bands = [
      { from: 5, to: 8, label: { sv: 'hög', en: 'high' } },
      { from: 0, to: 5, label: { sv: 'låg', en: 'low' } },
    ];
    expect(faultPaths(d)).toEqual(['scales.0.bands.0']);
    d.scales[0]!.bands = [
      { from: 0, to: 4, label: { sv: 'låg', en: 'low' } },
      { from: 4.5, to: 8, label: { sv: 'hög', en: 'high' } },
    ];
    expect(faultPaths(d)).toEqual([]);
  });

  it('an item text in a definition whose licence says texts are not included', () => {
    const d = base();
    d.licence = { holder: 'Förlaget', terms: 'Texterna får inte spridas.', itemTextsIncluded: false };
    expect(faultPaths(d)).toEqual(['items.0.text']);
    delete d.items[0]!.text;
    expect(faultPaths(d)).toEqual([]);
  });

  it('text with control characters in a one-line field', () => {
    const d = base();
    d.name = { sv: 'Test\u0007', en: 'Test' };
    expect(faultPaths(d)).toEqual(['name.sv']);
  });
});

describe('komet-instrument/1: hostile input never crashes', () => {
  const refusedWithAppError = (text: string) => {
    let caught: unknown;
    try {
      parseInstrumentJson(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('validation');
    return (caught as AppError).issues ?? [];
  };

  it('not JSON, or JSON of the wrong kind', () => {
    expect(refusedWithAppError('{"format": ').map((i) => i.path)).toEqual(['']);
    for (const text of ['null', '42', '"x"', '[]', 'true']) expect(refusedWithAppError(text).map((i) => i.path)).toEqual(['']);
  });

  it('a file above the size limit is refused before it is parsed', () => {
    const huge = JSON.stringify({ ...base(), padding: 'x'.repeat(MAX_DEFINITION_CHARS) });
    const issues = refusedWithAppError(huge);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message.en).toContain('too large');
  });

  it('deep nesting', () => {
    const depth = 200_000;
    refusedWithAppError('['.repeat(depth) + ']'.repeat(depth));
    const nested = JSON.stringify(base()).replace('"items":[', `"items":[${'['.repeat(depth)}${']'.repeat(depth)},`);
    expect(refusedWithAppError(nested).map((i) => i.path)).toEqual(['items.0']);
  });

  it('__proto__ and constructor keys are unknown fields and pollute nothing', () => {
    const text = JSON.stringify(base())
      .replace('{"format"', '{"__proto__":{"polluted":true},"format"')
      .replace('"reverse":true', '"reverse":true,"constructor":{"prototype":{"polluted":true}}');
    expect(
      refusedWithAppError(text)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['__proto__', 'items.1.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const asCode = JSON.stringify(base()).replace('"q3"', '"__proto__"');
    expect(refusedWithAppError(asCode).map((i) => i.path)).toEqual(['items.2.code']);
  });

  it('many unknown fields with hostile names give a bounded list with no raw names', () => {
    const d: Record<string, unknown> = base();
    for (let i = 0; i < 5000; i++) d[`bad\n${i}${'y'.repeat(100)}`] = i;
    const issues = refusedWithAppError(JSON.stringify(d));
    expect(issues.length).toBeLessThanOrEqual(50);
    expect(issues.every((i) => i.path === '?' && !i.message.en.includes('\n'))).toBe(true);
  });

  it('hundreds of broken items give the first 50 faults', () => {
    const d = base();
    d.items = Array.from({ length: 400 }, () => ({ code: 7, min: 'low', extra: true }));
    const issues = refusedWithAppError(JSON.stringify(d));
    expect(issues).toHaveLength(50);
    expect(issues[0]!.path).toBe('items.0.code');
  });

  it('hundreds of repeated codes give the first 50 faults', () => {
    const d = base();
    d.items = Array.from({ length: 300 }, () => ({ code: 'q1', min: 0, max: 4, reverse: false }));
    const issues = refusedWithAppError(JSON.stringify(d));
    expect(issues).toHaveLength(50);
    expect(issues[0]!.path).toBe('items.1.code');
  });

  it('thousands of items are refused by the count limit', () => {
    const d = base();
    d.items = Array.from({ length: 10_000 }, (_, i) => ({ code: `q${i}`, min: 0, max: 1, reverse: false }));
    expect(refusedWithAppError(JSON.stringify(d)).map((i) => i.path)).toEqual(['items']);
  });
});
