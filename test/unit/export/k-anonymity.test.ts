import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaOf } from '../../../src-main/core/export/areas';
import { ClassCounter } from '../../../src-main/core/export/disclosure/class-counter';
import { enforceKAnonymity, type KAnonymityPlan } from '../../../src-main/core/export/disclosure/k-anonymity';
import { suppressLocally } from '../../../src-main/core/export/disclosure/local-suppression';
import {
  codesAt,
  encodeRecords,
  encodeSource,
  HIDE_AGE,
  HIDE_GENDER,
  HIDE_RELATION,
  quasiIdentifierRecords,
  type QuasiIdentifiers,
} from '../../../src-main/core/export/disclosure/quasi-identifiers';
import { participantColumns } from '../../../src-main/core/export/participant-columns';
import { makeSource } from './fixtures';
import { ageBand, generalisePeriod } from '../../../src-main/core/export/generalise';
import {
  AGE_DETAILS,
  CHILD_GENDERS,
  generalisationOf,
  PERIOD_GRANULARITIES,
  RELATIONS,
  UNIT_DETAILS,
  defaultCoarsening,
  type Generalisation,
} from '../../../src-main/core/export/model';

let people = 0;
const base = (): QuasiIdentifiers => ({
  unit: 'Södermalm',
  area: 'innerstaden',
  programme: 'fKomet',
  groupStart: '2024-03-14',
  relation: 'mother',
  childAge: 7,
  childGender: 'girl',
  family: null,
  person: `p${people++}`,
});
const copies = (n: number, over: Partial<QuasiIdentifiers> = {}) => Array.from({ length: n }, () => ({ ...base(), ...over }));
const requested = generalisationOf(defaultCoarsening);

/** The row as participants.csv writes it, worked out here from the plan's decisions alone. */
function released(records: QuasiIdentifiers[], plan: KAnonymityPlan): (string | null)[] {
  const g = plan.result.generalisation;
  const { codes, suppression } = plan;
  return records.map((q, i) => {
    if (suppression.withheld[i]) return null;
    const family = suppression.familyMask[codes.family[i]!]!;
    const person = suppression.personMask[codes.person[i]!]!;
    const unit = g.unit === 'unit' ? q.unit : g.unit === 'area' ? areaOf({ name: q.unit }) : '';
    const age = g.childAge === 'dropped' ? '' : family & HIDE_AGE ? '*' : g.childAge === 'band' ? (ageBand(q.childAge) ?? '') : String(q.childAge ?? '');
    return [
      unit,
      q.programme,
      generalisePeriod(q.groupStart, g.period),
      person & HIDE_RELATION ? '*' : q.relation,
      age,
      family & HIDE_GENDER ? '*' : (q.childGender ?? ''),
    ].join('|');
  });
}

function classSizes(rows: (string | null)[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const r of rows) if (r !== null) sizes.set(r, (sizes.get(r) ?? 0) + 1);
  return sizes;
}

describe('k-anonymity check', () => {
  it('passes at exactly k and fails at k − 1', () => {
    const atK = enforceKAnonymity(copies(5), requested, 5).result;
    expect(atK.before.smallestClass).toBe(5);
    expect(atK.before.reachesK).toBe(true);
    expect(atK.generalisation).toEqual(requested);
    const below = enforceKAnonymity(copies(4), requested, 5).result;
    expect(below.before.smallestClass).toBe(4);
    expect(below.before.reachesK).toBe(false);
    expect(below.before.classesBelowK).toBe(1);
    expect(below.before.rowsBelowK).toBe(4);
    // Four look-alikes in one group cell: no step or "*" makes five, so the rows are left out.
    expect(below.rowsWithheld).toBe(4);
    expect(below.after.smallestClass).toBeNull();
  });

  it('honours k as a setting', () => {
    expect(enforceKAnonymity(copies(4), requested, 4).result.before.reachesK).toBe(true);
    expect(enforceKAnonymity(copies(4), requested, 3).result.before.reachesK).toBe(true);
    expect(() => enforceKAnonymity(copies(4), requested, 0)).toThrow();
  });

  it('finds that age bands alone reach k when ages differ within a band', () => {
    const records = [...copies(3, { childAge: 6 }), ...copies(2, { childAge: 8 })];
    const result = enforceKAnonymity(records, requested, 5).result;
    expect(result.before.smallestClass).toBe(2);
    expect(result.generalisation).toEqual({ ...requested, childAge: 'band' });
    expect(result.hidden).toEqual({ relation: 0, childAge: 0, childGender: 0 });
    expect(result.after.reachesK).toBe(true);
  });

  it('finds quarter instead of month, and dropping the unit, by trying them', () => {
    const months = [...copies(3, { groupStart: '2024-01-10' }), ...copies(2, { groupStart: '2024-03-02' })];
    expect(enforceKAnonymity(months, requested, 5).result.generalisation).toEqual({ ...requested, period: 'quarter' });
    const units = [...copies(3, { unit: 'Kista', area: 'other' }), ...copies(2, { unit: 'Skärholmen', area: 'soderort' })];
    const byUnit = enforceKAnonymity(units, requested, 5).result;
    expect(byUnit.generalisation).toEqual({ ...requested, unit: 'dropped' });
    expect(byUnit.rowsWithheld).toBe(0);
  });

  it('goes to the area when that is enough, and keeps the unit column name apart', () => {
    const records = [
      ...copies(3, { unit: 'Bromma stadsdelsförvaltning', area: 'vasterort' }),
      ...copies(2, { unit: 'Spånga-Tensta stadsdelsförvaltning', area: 'vasterort' }),
    ];
    expect(enforceKAnonymity(records, requested, 5).result.generalisation).toEqual({ ...requested, unit: 'area' });
  });

  it('combines steps when one is not enough, and hides values when no step helps', () => {
    const mixed = [...copies(3, { unit: 'Kista', area: 'other', childAge: 6 }), ...copies(2, { unit: 'Skärholmen', area: 'soderort', childAge: 7 })];
    expect(enforceKAnonymity(mixed, requested, 5).result.generalisation).toEqual({ ...requested, childAge: 'band', unit: 'dropped' });
    // One father among four mothers: no ladder step merges relations, so his row and enough
    // others to hide among get their values replaced by "*".
    const father = [...copies(4), ...copies(1, { relation: 'father' })];
    const result = enforceKAnonymity(father, requested, 5).result;
    expect(result.after.reachesK).toBe(true);
    expect(result.hidden.relation).toBeGreaterThanOrEqual(5);
    expect(result.rowsWithheld).toBe(0);
  });

  it('only coarsens further than the requested settings', () => {
    const from: Generalisation = { period: 'quarter', childAge: 'band', unit: 'unit' };
    const records = [...copies(3, { groupStart: '2024-01-10', childAge: 3 }), ...copies(4, { groupStart: '2024-11-01', childAge: 9 }), ...copies(2)];
    const result = enforceKAnonymity(records, from, 5).result;
    expect(PERIOD_GRANULARITIES.indexOf(result.generalisation.period)).toBeGreaterThanOrEqual(PERIOD_GRANULARITIES.indexOf('quarter'));
    expect(AGE_DETAILS.indexOf(result.generalisation.childAge)).toBeGreaterThanOrEqual(AGE_DETAILS.indexOf('band'));
  });

  it('treats an empty file as trivially safe', () => {
    const result = enforceKAnonymity([], requested, 5).result;
    expect(result.before.smallestClass).toBeNull();
    expect(result.before.reachesK).toBe(true);
    expect(result.after.reachesK).toBe(true);
  });

  it('exports below k only as asked: the requested detail, nothing hidden', () => {
    const records = [...copies(3, { childAge: 6 }), ...copies(2, { childAge: 8 })];
    const result = enforceKAnonymity(records, requested, 5, false).result;
    expect(result.enforced).toBe(false);
    expect(result.generalisation).toEqual(requested);
    expect(result.after).toEqual(result.before);
    expect(result.after.reachesK).toBe(false);
    expect(result.rowsWithHiddenValues + result.rowsWithheld).toBe(0);
  });
});

describe('local suppression', () => {
  it('hides a child value in every caregiver row of the family, a relation in every row of the person', () => {
    // The mother hides among ten mothers of 7-year-old girls; the father of the same child is alone
    // in his class, so his child's age is hidden, and must then be hidden in her row too, or her
    // row would give it back through family_id. He also has a second enrolment (same person).
    const records = [
      ...copies(10),
      { ...base(), family: 'F1', person: 'mum' },
      { ...base(), relation: 'father' as const, family: 'F1', person: 'dad' },
      { ...base(), relation: 'father' as const, family: 'F1', person: 'dad', programme: 'Tonårskomet' },
      ...copies(6, { programme: 'Tonårskomet' }),
    ];
    const plan = enforceKAnonymity(records, requested, 5);
    const rows = released(records, plan);
    const field = (i: number, n: number) => rows[i]!.split('|')[n];
    const family = [10, 11, 12].filter((i) => rows[i] !== null);
    expect(family.length).toBeGreaterThan(1);
    expect(family.some((i) => field(i, 4) === '*')).toBe(true);
    expect(new Set(family.map((i) => field(i, 4)))).toEqual(new Set(['*']));
    expect(new Set(family.map((i) => field(i, 5))).size).toBe(1);
    const dad = [11, 12].filter((i) => rows[i] !== null).map((i) => field(i, 3));
    expect(new Set(dad).size).toBeLessThanOrEqual(1);
  });

  it('is deterministic', () => {
    const records = Array.from({ length: 60 }, (_, i) => ({
      ...base(),
      childAge: i % 11,
      relation: RELATIONS[i % 3]!,
      childGender: CHILD_GENDERS[i % 2]!,
      family: i % 4 === 0 ? `F${i % 7}` : null,
    }));
    const a = enforceKAnonymity(records, requested, 5);
    const b = enforceKAnonymity(records, requested, 5);
    expect(b.result).toEqual(a.result);
    expect([...b.suppression.familyMask]).toEqual([...a.suppression.familyMask]);
    expect([...b.suppression.personMask]).toEqual([...a.suppression.personMask]);
  });

  it('always reaches k on what it writes, with hidden values consistent across a family and a person (property)', () => {
    const record = fc.record({
      unit: fc.constantFrom('Södermalm', 'Bromma stadsdelsförvaltning', 'Kista', 'Farsta'),
      programme: fc.constantFrom('fKomet', 'Tonårskomet', 'SiS-Komet'),
      groupStart: fc.constantFrom('2024-01-15', '2024-02-20', '2024-05-02', '2024-12-30', '2025-03-03', '2025-09-09'),
      relation: fc.constantFrom(...RELATIONS),
      childAge: fc.option(fc.integer({ min: 0, max: 18 }), { nil: null }),
      childGender: fc.option(fc.constantFrom(...CHILD_GENDERS), { nil: null }),
      family: fc.option(fc.constantFrom('F1', 'F2', 'F3', 'F4', 'F5'), { nil: null }),
      person: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 80 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(...PERIOD_GRANULARITIES),
        fc.constantFrom(...UNIT_DETAILS),
        (raw, k, period, unit) => {
          const records = raw.map((r) => ({ ...r, area: areaOf({ name: r.unit }), person: `${r.person}${r.programme}` }));
          const plan = enforceKAnonymity(records, { period, childAge: 'exact', unit }, k);
          const rows = released(records, plan);
          for (const size of classSizes(rows).values()) expect(size).toBeGreaterThanOrEqual(k);
          expect(plan.result.after.reachesK).toBe(true);
          const byFamily = new Map<string, Set<string>>();
          const byPerson = new Map<string, Set<string>>();
          rows.forEach((r, i) => {
            if (r === null) return;
            const parts = r.split('|');
            const f = records[i]!.family ?? `solo:${records[i]!.person}`;
            byFamily.set(f, (byFamily.get(f) ?? new Set()).add(`${parts[4] === '*'}|${parts[5] === '*'}`));
            byPerson.set(records[i]!.person, (byPerson.get(records[i]!.person) ?? new Set()).add(String(parts[3] === '*')));
          });
          for (const seen of byFamily.values()) expect(seen.size).toBe(1);
          for (const seen of byPerson.values()) expect(seen.size).toBe(1);
        },
      ),
      { numRuns: 150, seed: 20261201 },
    );
  });
});

describe('quasi-identifier codes read from the columns', () => {
  it('are the codes of the records, for people in two groups, shared and solo families, rows left out and a group outside', () => {
    const source = makeSource({ groups: 9, participantsPerGroup: 7, seed: 3 });
    const list = [...source.participants];
    // A person moved between groups keeps one id; their family too. One enrolment names a group not in scope.
    list.push({ ...list[2]!, groupId: source.groups[5]!.id });
    list.push({ ...list[9]!, groupId: source.groups[1]!.id, familyId: null });
    list.push({ ...list[4]!, id: 'elsewhere', groupId: 'no-such-group' });
    list.unshift({ ...list[6]!, id: 'first-refused', consent: 'no' });
    const moved = { ...source, participants: participantColumns(list) };
    const codes = encodeSource(moved);
    expect(codes).toEqual(encodeRecords(quasiIdentifierRecords(moved)));
    expect(codes.n).toBe(list.filter((p) => p.consent === 'yes' && p.groupId !== 'no-such-group').length);
    expect(codes.persons).toBe(new Set(list.filter((p) => p.consent === 'yes' && p.groupId !== 'no-such-group').map((p) => p.id)).size);
  });
});

describe('local suppression with the ladder’s reused counter and keys', () => {
  const records = [
    ...copies(4),
    ...copies(2, { childAge: 9 }),
    ...copies(1, { relation: 'father', childGender: 'boy' }),
    ...copies(3, { unit: 'Farsta', area: 'söderort' }),
    ...copies(1, { unit: 'Farsta', area: 'söderort', childAge: 12 }),
  ];
  const e = encodeRecords(records);
  const requested = generalisationOf(defaultCoarsening);

  it('hides and withholds the same as with fresh ones, after they counted other codes', () => {
    const c = codesAt(e, requested);
    const fresh = suppressLocally(e, c, 3);
    const counter = new ClassCounter(e.n);
    const keys = new Float64Array(e.n).fill(12345);
    // Left dirty by another generalisation's count, as the ladder leaves them.
    counter.count(codesAt(e, { ...requested, unit: 'dropped' }).cell, null);
    const reused = suppressLocally(e, c, 3, counter, keys);
    expect(reused).toEqual(fresh);
    expect([...fresh.withheld].some((w) => w === 1) || fresh.familyMask.some((m) => m !== 0)).toBe(true);
  });

  it('refuses a counter or keys sized for another number of rows', () => {
    const c = codesAt(e, requested);
    expect(() => suppressLocally(e, c, 3, new ClassCounter(e.n - 1))).toThrow(/one slot per row/);
    expect(() => suppressLocally(e, c, 3, new ClassCounter(e.n), new Float64Array(e.n + 1))).toThrow(/one slot per row/);
  });
});
