import { describe, expect, it } from 'vitest';
import type { SourceParticipant } from '../../../src-main/core/export/model';
import { participantColumns } from '../../../src-main/core/export/participant-columns';
import { PersonIndex } from '../../../src-main/core/export/person-index';

const person = (n: number, over: Partial<SourceParticipant> = {}): SourceParticipant => ({
  id: `person-${n}`,
  groupId: `group-${n % 3}`,
  familyId: n % 4 === 0 ? null : `family-${n >> 1}`,
  relation: n % 2 ? 'mother' : 'father',
  childBirthYear: n % 5 === 0 ? null : 2010 + (n % 9),
  childGender: n % 7 === 0 ? null : n % 2 ? 'girl' : 'boy',
  status: n % 3 === 0 ? 'dropped_out' : 'completed',
  lastSessionAttended: n % 3 === 0 ? 1 + (n % 11) : null,
  dropoutReason: n % 3 === 0 ? `reason ${n % 4}` : null,
  consent: n % 6 === 0 ? 'no' : 'yes',
  ...over,
});

describe('participant columns', () => {
  it('give back every enrolment exactly as pushed, nulls and all', () => {
    const list = Array.from({ length: 200 }, (_, n) => person(n));
    list.push(person(999, { id: 'ö-två-bytes-€', groupId: 'group-€', familyId: '', dropoutReason: '' }));
    const columns = participantColumns(list);
    expect(columns.length).toBe(list.length);
    expect([...columns]).toEqual(list);
    for (const [i, p] of list.entries()) {
      expect(columns.id(i)).toBe(p.id);
      expect(columns.childBirthYear(i)).toBe(p.childBirthYear);
      expect(columns.lastSessionAttended(i)).toBe(p.lastSessionAttended);
      expect(columns.hasId(i, p.id)).toBe(true);
      expect(columns.hasId(i, `${p.id}x`)).toBe(false);
    }
  });

  it('keep the never-exported fields of a hand-made source, and none for rows without them', () => {
    const columns = participantColumns([person(1, { displayName: 'Anna', note: 'n', contact: null }), person(2)]);
    expect(columns.at(0)).toMatchObject({ displayName: 'Anna', note: 'n', contact: null });
    expect(Object.keys(columns.at(1))).not.toContain('displayName');
  });

  it('give back numbers that do not fit two bytes exactly, and the small ones pushed before them', () => {
    // Birth years and session numbers are held in two bytes until one value does not fit.
    const years = [2015, null, 0, -0, 32_767, -32_767, null, 70_000, 2.5, -32_768, Number.MAX_SAFE_INTEGER, 2016];
    const list = years.map((year, n) => person(n, { childBirthYear: year, lastSessionAttended: n < 3 ? n + 1 : year }));
    const columns = participantColumns(list);
    for (const [i, p] of list.entries()) {
      expect(columns.childBirthYear(i)).toBe(p.childBirthYear);
      expect(columns.lastSessionAttended(i)).toBe(p.lastSessionAttended);
    }
    // A column that never meets a large value keeps two bytes a row and still gives nulls back.
    const small = participantColumns([person(1, { childBirthYear: null }), person(2, { childBirthYear: -32_767 })]);
    expect([small.childBirthYear(0), small.childBirthYear(1)]).toEqual([null, -32_767]);
    // The one 16-bit value that stands for null is not taken for it.
    const edge = participantColumns([person(1, { childBirthYear: -32_768 }), person(2, { childBirthYear: null })]);
    expect([edge.childBirthYear(0), edge.childBirthYear(1)]).toEqual([-32_768, null]);
  });

  it('hold more distinct groups and families than fit in 16 bits', () => {
    const list = Array.from({ length: 70_000 }, (_, n) => person(n, { familyId: `f${n}`, groupId: `g${n}` }));
    const columns = participantColumns(list);
    for (const i of [0, 65_535, 65_536, 69_999]) {
      expect(columns.familyId(i)).toBe(`f${i}`);
      expect(columns.groupId(i)).toBe(`g${i}`);
    }
  });
});

describe('participant numbers', () => {
  it('number each distinct person and family once, people in the order first met', () => {
    const list = [
      person(5, { groupId: 'a', familyId: 'fam-x' }),
      person(7, { groupId: 'a', familyId: null }),
      person(5, { groupId: 'b', familyId: 'fam-x' }),
      person(9, { groupId: 'b', familyId: 'fam-y' }),
      person(7, { groupId: 'c', familyId: null }),
      person(11, { groupId: 'c', familyId: 'fam-x' }),
    ];
    const columns = participantColumns(list);
    expect(list.map((_, i) => columns.personCode(i))).toEqual([0, 1, 0, 2, 1, 3]);
    expect(columns.personCount).toBe(4);
    expect(list.map((_, i) => columns.familyCode(i))).toEqual([0, -1, 0, 1, -1, 0]);
    expect(columns.familyCount).toBe(2);
  });

  it('tell apart ids that share a hash place (a table of many people)', () => {
    const list = Array.from({ length: 5000 }, (_, n) => person(n % 3001, { groupId: `g${n}` }));
    const columns = participantColumns(list);
    const first = new Map<string, number>();
    for (const [i, p] of list.entries()) {
      if (!first.has(p.id)) first.set(p.id, first.size);
      expect(columns.personCode(i)).toBe(first.get(p.id));
    }
    expect(columns.personCount).toBe(3001);
  });
});

describe('person index', () => {
  it('finds a person in each group of theirs among the rows given, and no one else', () => {
    const list = [
      person(1, { groupId: 'a' }),
      person(1, { groupId: 'b' }),
      person(2, { groupId: 'a' }),
      person(3, { groupId: 'c' }),
      ...Array.from({ length: 500 }, (_, n) => person(100 + n)),
    ];
    const columns = participantColumns(list);
    // Row 3 (person 3) is not among the rows: withheld or without consent.
    const rows = Int32Array.from(list.keys()).filter((i) => i !== 3);
    const index = new PersonIndex(columns, rows);
    expect(index.has('person-1', 'a')).toBe(true);
    expect(index.has('person-1', 'b')).toBe(true);
    expect(index.has('person-1', 'c')).toBe(false);
    expect(index.has('person-2', 'a')).toBe(true);
    expect(index.has('person-3', 'c')).toBe(false);
    expect(index.has('person-', 'a')).toBe(false);
    for (let n = 100; n < 600; n++) expect(index.has(`person-${n}`, `group-${n % 3}`)).toBe(true);
  });

  it('makes a pseudonym once per person with a row, and every time for others', () => {
    const columns = participantColumns([person(1, { groupId: 'a' }), person(1, { groupId: 'b' }), person(2)]);
    const index = new PersonIndex(columns, Int32Array.of(0, 1));
    let made = 0;
    const make = (id: string) => () => `P-${id}-${++made}`;
    expect(index.pseudonym('person-1', make('person-1'))).toBe('P-person-1-1');
    expect(index.pseudonym('person-1', make('person-1'))).toBe('P-person-1-1');
    expect(index.pseudonym('person-2', make('person-2'))).toBe('P-person-2-2');
    expect(index.pseudonym('person-2', make('person-2'))).toBe('P-person-2-3');
  });
});
