import { areaOf, AREAS } from '../areas';
import { ClassCounter } from './class-counter';
import { AGE_BANDS, ageBand, generalisePeriod, MAX_CHILD_AGE, yearOf } from '../generalise';
import { CHILD_GENDERS, isRowLevel, RELATIONS, type ExportSource, type Generalisation, type IsoDate } from '../model';

/**
 * The quasi-identifiers of the row-level participant file: what an outsider could know about a
 * parent (where, which programme, when, relation, the child's age and gender). Each row is held as
 * small integer codes, so the many generalisations tried cost one pass over typed arrays each.
 */

export interface QuasiIdentifiers {
  unit: string;
  area: string;
  programme: string;
  groupStart: IsoDate;
  relation: (typeof RELATIONS)[number];
  childAge: number | null;
  childGender: (typeof CHILD_GENDERS)[number] | null;
  /** Child facts are the family's: hidden in one caregiver's row, they are hidden in all. Null: a family of one. */
  family: string | null;
  /** A person enrolled in two groups has one relation in both rows. */
  person: string;
}

/** The quasi-identifiers of exactly the rows participants.csv may hold, in its order. */
export function quasiIdentifierRecords(source: ExportSource): QuasiIdentifiers[] {
  const programmes = new Map(source.programmes.map((p) => [p.id, p.code]));
  const units = new Map(source.units.map((u) => [u.id, u]));
  // Per group what its participants share, worked out once rather than per row.
  const groups = new Map(
    source.groups.map((g) => {
      const unit = units.get(g.unitId);
      return [
        g.id,
        {
          unit: unit?.name ?? '',
          area: unit ? areaOf(unit) : 'other',
          programme: programmes.get(g.programmeId) ?? '',
          start: g.startDate,
          year: yearOf(g.startDate),
        },
      ];
    }),
  );
  const out: QuasiIdentifiers[] = [];
  const people = source.participants;
  for (let i = 0; i < people.length; i++) {
    const g = groups.get(people.groupId(i));
    if (!g || !isRowLevel(people.consent(i))) continue;
    const birthYear = people.childBirthYear(i);
    const age = birthYear === null ? null : g.year - birthYear;
    out.push({
      unit: g.unit,
      area: g.area,
      programme: g.programme,
      groupStart: g.start,
      relation: people.relation(i),
      childAge: age !== null && Number.isInteger(age) && age >= 0 && age <= MAX_CHILD_AGE ? age : null,
      childGender: people.childGender(i),
      family: people.familyId(i),
      person: people.id(i),
    });
  }
  return out;
}

/**
 * encodeRecords(quasiIdentifierRecords(source)), read from the participant columns: the same
 * codes without an object and two id strings per row, which lived through the whole disclosure
 * check and were most of the old-generation garbage it left at city scale.
 */
export function encodeSource(source: ExportSource): EncodedRecords {
  const programmes = new Map(source.programmes.map((p) => [p.id, p.code]));
  const units = new Map(source.units.map((u) => [u.id, u]));
  const unitCodes = dictionary();
  const programmeCodes = dictionary();
  const dateCodes = dictionary();
  const areas = new Map<string, number>(AREAS.map((a, i) => [a, i]));
  const relations = new Map<string, number>(RELATIONS.map((r, i) => [r, i]));
  const genders = new Map<string, number>(CHILD_GENDERS.map((g, i) => [g, i]));
  const groups = new Map(
    source.groups.map((g) => {
      const unit = units.get(g.unitId);
      return [
        g.id,
        {
          unit: unitCodes.code(unit?.name ?? ''),
          area: areas.get(unit ? areaOf(unit) : 'other') ?? AREAS.indexOf('other'),
          programme: programmeCodes.code(programmes.get(g.programmeId) ?? ''),
          date: dateCodes.code(g.startDate),
          year: yearOf(g.startDate),
        },
      ];
    }),
  );
  const people = source.participants;
  const rows: number[] = [];
  for (let i = 0; i < people.length; i++) if (groups.has(people.groupId(i)) && isRowLevel(people.consent(i))) rows.push(i);
  const n = rows.length;
  const e = emptyEncoded(n);
  // The groups' codes above are numbered in the order of the groups; encodeRecords numbers them
  // in the order of the rows, as are people and families: renumbered here as first met.
  const renumber = (size: number) => {
    const to = new Int32Array(size).fill(-1);
    let next = 0;
    return { to, code: (from: number) => (to[from]! >= 0 ? to[from]! : (to[from] = next++)), size: () => next };
  };
  const unitOrder = renumber(unitCodes.codes.size);
  const programmeOrder = renumber(programmeCodes.codes.size);
  const dateOrder = renumber(dateCodes.codes.size);
  const personOrder = renumber(people.personCount);
  const familyOrder = renumber(people.familyCount);
  for (let r = 0; r < n; r++) {
    const i = rows[r]!;
    const g = groups.get(people.groupId(i))!;
    e.unit[r] = unitOrder.code(g.unit);
    e.area[r] = g.area;
    e.programme[r] = programmeOrder.code(g.programme);
    e.date[r] = dateOrder.code(g.date);
    e.relation[r] = relations.get(people.relation(i)) ?? 0;
    const birthYear = people.childBirthYear(i);
    const age = birthYear === null ? null : g.year - birthYear;
    e.age[r] = age !== null && Number.isInteger(age) && age >= 0 && age <= MAX_CHILD_AGE ? age : -1;
    const gender = people.childGender(i);
    e.gender[r] = gender === null ? CHILD_GENDERS.length : (genders.get(gender) ?? CHILD_GENDERS.length);
    e.person[r] = personOrder.code(people.personCode(i));
    const family = people.familyCode(i);
    e.family[r] = family < 0 ? -1 : familyOrder.code(family);
  }
  const shared = familyOrder.size();
  for (let r = 0; r < n; r++) if (e.family[r] === -1) e.family[r] = shared + e.person[r]!;
  const dateOf = [...dateCodes.codes.keys()];
  e.dates = new Array<IsoDate>(dateOrder.size());
  for (let d = 0; d < dateOf.length; d++) if (dateOrder.to[d]! >= 0) e.dates[dateOrder.to[d]!] = dateOf[d]!;
  e.units = unitOrder.size();
  e.programmes = programmeOrder.size();
  e.families = shared + personOrder.size();
  e.persons = personOrder.size();
  return e;
}

export const RELATION_VALUES = RELATIONS.length;
/** Gender codes: the CHILD_GENDERS in order, then one for "not recorded". */
export const GENDER_VALUES = CHILD_GENDERS.length + 1;

export interface EncodedRecords {
  n: number;
  unit: Int32Array;
  area: Int32Array;
  programme: Int32Array;
  date: Int32Array;
  dates: IsoDate[];
  relation: Int32Array;
  /** Age in years, −1 when not known. */
  age: Int32Array;
  gender: Int32Array;
  family: Int32Array;
  person: Int32Array;
  units: number;
  programmes: number;
  families: number;
  persons: number;
}

/** Codes for n records, filled in by the caller. */
function emptyEncoded(n: number): EncodedRecords {
  return {
    n,
    unit: new Int32Array(n),
    area: new Int32Array(n),
    programme: new Int32Array(n),
    date: new Int32Array(n),
    dates: [],
    relation: new Int32Array(n),
    age: new Int32Array(n),
    gender: new Int32Array(n),
    family: new Int32Array(n),
    person: new Int32Array(n),
    units: 0,
    programmes: 0,
    families: 0,
    persons: 0,
  };
}

function dictionary() {
  const codes = new Map<string, number>();
  return { codes, code: (value: string) => codes.get(value) ?? (codes.set(value, codes.size), codes.size - 1) };
}

export function encodeRecords(records: readonly QuasiIdentifiers[]): EncodedRecords {
  const n = records.length;
  const units = dictionary();
  const programmes = dictionary();
  const dates = dictionary();
  const families = dictionary();
  const persons = dictionary();
  const areas = new Map<string, number>(AREAS.map((a, i) => [a, i]));
  const relations = new Map<string, number>(RELATIONS.map((r, i) => [r, i]));
  const genders = new Map<string, number>(CHILD_GENDERS.map((g, i) => [g, i]));
  const e = emptyEncoded(n);
  for (let i = 0; i < n; i++) {
    const q = records[i]!;
    e.unit[i] = units.code(q.unit);
    e.area[i] = areas.get(q.area) ?? AREAS.indexOf('other');
    e.programme[i] = programmes.code(q.programme);
    e.date[i] = dates.code(q.groupStart);
    e.relation[i] = relations.get(q.relation) ?? 0;
    e.age[i] = q.childAge ?? -1;
    e.gender[i] = q.childGender === null ? CHILD_GENDERS.length : (genders.get(q.childGender) ?? CHILD_GENDERS.length);
    e.person[i] = persons.code(q.person);
    e.family[i] = q.family === null ? -1 : families.code(q.family);
  }
  // A family of one is numbered after the shared families, by its person.
  const shared = families.codes.size;
  for (let i = 0; i < n; i++) if (e.family[i] === -1) e.family[i] = shared + e.person[i]!;
  e.dates = [...dates.codes.keys()];
  e.units = units.codes.size;
  e.programmes = programmes.codes.size;
  e.families = shared + persons.codes.size;
  e.persons = persons.codes.size;
  return e;
}

/** Codes of one generalisation: the group-level cell (unit, programme, period) and the child's age. */
export interface NodeCodes {
  cell: Float64Array;
  age: Int32Array;
  /** Distinct age codes, "not known" included; the code for "*" is this number. */
  ageValues: number;
  hasAge: boolean;
}

/**
 * `spare` lends the arrays of codes no longer needed (made for the same records), which are
 * overwritten: the k-anonymity ladder tries a dozen generalisations, and fresh arrays for each were
 * some 9 MB at city scale that V8 frees only once enough such buffers have piled up.
 */
export function codesAt(e: EncodedRecords, g: Generalisation, spare: NodeCodes | null = null): NodeCodes {
  const periods = dictionary();
  const periodOfDate = e.dates.map((d) => periods.code(generalisePeriod(d, g.period)));
  const periodValues = Math.max(1, periods.codes.size);
  const programmeValues = Math.max(1, e.programmes);
  const cell = spare && spare.cell.length === e.n ? spare.cell : new Float64Array(e.n);
  const age = spare && spare.age.length === e.n ? spare.age : new Int32Array(e.n);
  const ageValues = g.childAge === 'exact' ? 20 : g.childAge === 'band' ? AGE_BANDS.length + 1 : 1;
  for (let i = 0; i < e.n; i++) {
    const unit = g.unit === 'unit' ? e.unit[i]! : g.unit === 'area' ? e.area[i]! : 0;
    cell[i] = (unit * programmeValues + e.programme[i]!) * periodValues + periodOfDate[e.date[i]!]!;
    const years = e.age[i]!;
    if (g.childAge === 'exact') age[i] = years < 0 ? 19 : years;
    else if (g.childAge === 'band') {
      const band = ageBand(years < 0 ? null : years);
      age[i] = band === null ? AGE_BANDS.length : AGE_BANDS.indexOf(band);
    } else age[i] = 0;
  }
  return { cell, age, ageValues, hasAge: g.childAge !== 'dropped' };
}

export interface ClassStats {
  /** Size of the smallest group of rows sharing every quasi-identifier; null without rows. */
  smallestClass: number | null;
  classesBelowK: number;
  rowsBelowK: number;
  reachesK: boolean;
}

export function classStats(keys: Float64Array, k: number, counter: ClassCounter = new ClassCounter(keys.length)): ClassStats {
  counter.count(keys, null);
  let smallest: number | null = null;
  let classesBelowK = 0;
  let rowsBelowK = 0;
  for (const size of counter.sizes()) {
    smallest = smallest === null ? size : Math.min(smallest, size);
    if (size < k) {
      classesBelowK++;
      rowsBelowK += size;
    }
  }
  return { smallestClass: smallest, classesBelowK, rowsBelowK, reachesK: classesBelowK === 0 };
}

/** Bits of a row's hidden person-level values. */
export const HIDE_AGE = 1;
export const HIDE_GENDER = 2;
export const HIDE_RELATION = 4;

/** A row's class key under the given hidden values; "*" is one more code per attribute. */
export function classKey(e: EncodedRecords, c: NodeCodes, i: number, familyMask: number, personMask: number): number {
  const relation = personMask & HIDE_RELATION ? RELATION_VALUES : e.relation[i]!;
  const age = familyMask & HIDE_AGE ? c.ageValues : c.age[i]!;
  const gender = familyMask & HIDE_GENDER ? GENDER_VALUES : e.gender[i]!;
  return ((c.cell[i]! * (RELATION_VALUES + 1) + relation) * (c.ageValues + 1) + age) * (GENDER_VALUES + 1) + gender;
}
