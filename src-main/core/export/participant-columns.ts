import type { SourceParticipant } from './model';

/**
 * The enrolments in scope held column by column: at city scale some 100,000 of them live for the
 * whole export, and as objects each with its own person and family id strings they were some
 * 25 MB of the export thread's heap. Here a row is a few bytes of typed arrays: the person ids in
 * one joined string, the family ids once each in another, the group ids once each, and the coded values as indexes into
 * small tables of their distinct values. Values come back exactly as pushed.
 */

/** Distinct values in the order first met, and each row's index into them. */
class CodedColumn<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();
  codes: Uint16Array | Int32Array = new Uint16Array(64);

  push(row: number, value: T): void {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
      // Group ids may outgrow 16 bits; the coded enums never do.
      if (code > 0xffff && this.codes instanceof Uint16Array) this.codes = Int32Array.from(this.codes);
    }
    if (row >= this.codes.length) this.codes = grown(this.codes, row);
    this.codes[row] = code;
  }

  at(row: number): T {
    return this.values[this.codes[row]!]!;
  }

  /** Trims the codes to `rows` and lets go of the lookup, which only pushing needs. */
  finish(rows: number): void {
    this.codes = this.codes.slice(0, rows);
    this.index.clear();
  }
}

/**
 * Distinct strings (or null) joined into one string, and each row's index into them: ids too many
 * to hold as strings of their own (families), made again as slices when asked for.
 */
class JoinedColumn {
  private parts: string[] = [];
  private readonly index = new Map<string, number>();
  private joined = '';
  /** A string's length is below 2^30 in V8, so its offsets fit 32 bits. */
  private starts = new Uint32Array(65);
  /** −1 for null. */
  codes = new Int32Array(64);
  private count = 0;

  push(row: number, value: string | null): void {
    let code = value === null ? -1 : this.index.get(value);
    if (code === undefined) {
      code = this.count++;
      this.parts.push(value!);
      this.index.set(value!, code);
      if (code + 1 >= this.starts.length) this.starts = grown(this.starts, code + 1);
      this.starts[code + 1] = this.starts[code]! + value!.length;
    }
    if (row >= this.codes.length) this.codes = grown(this.codes, row);
    this.codes[row] = code;
  }

  at(row: number): string | null {
    const code = this.codes[row]!;
    return code < 0 ? null : this.joined.slice(this.starts[code], this.starts[code + 1]);
  }

  /** Distinct values pushed. */
  get distinct(): number {
    return this.count;
  }

  finish(rows: number): void {
    this.joined = this.parts.join('');
    this.starts = this.starts.slice(0, this.parts.length + 1);
    this.parts = [];
    this.codes = this.codes.slice(0, rows);
    this.index.clear();
  }
}

function grown<A extends Uint16Array | Int16Array | Int32Array | Uint32Array | Float64Array>(array: A, row: number): A {
  const next = new (array.constructor as new (n: number) => A)(Math.max(row + 1, array.length * 2));
  next.set(array);
  return next;
}

/** Int16Array's value for null; a value that is not a 16-bit integer, or is this one, makes the column Float64Array. */
const NULL_16 = -0x8000;

/**
 * Small whole numbers or null (birth years, session numbers) in two bytes each, as long as every
 * value fits; the first that does not turns the column into doubles, NaN for null. Values come
 * back exactly as pushed.
 */
class SmallNumberColumn {
  private values: Int16Array | Float64Array = new Int16Array(64);

  push(row: number, value: number | null): void {
    if (row >= this.values.length) this.values = grown(this.values, row);
    if (this.values instanceof Int16Array) {
      if (value === null) {
        this.values[row] = NULL_16;
        return;
      }
      if (Number.isInteger(value) && value > NULL_16 && value <= 0x7fff && !Object.is(value, -0)) {
        this.values[row] = value;
        return;
      }
      this.values = Float64Array.from(this.values, (v) => (v === NULL_16 ? Number.NaN : v));
    }
    this.values[row] = value ?? Number.NaN;
  }

  at(row: number): number | null {
    const value = this.values[row]!;
    if (this.values instanceof Int16Array) return value === NULL_16 ? null : value;
    return Number.isNaN(value) ? null : value;
  }

  finish(rows: number): void {
    this.values = this.values.slice(0, rows);
  }
}

/** Never exported; kept only for the hand-made sources of the tests that prove it does not leave. */
type Identifying = Pick<SourceParticipant, 'displayName' | 'contact' | 'note' | 'enrolledOn'>;

export class ParticipantColumns implements Iterable<SourceParticipant> {
  private rows = 0;
  private personParts: string[] | null = [];
  /** All person ids joined; ids(i) is its slice from personStart[i] to personStart[i + 1]. */
  private persons = '';
  private personStart = new Uint32Array(65);
  private readonly groups = new CodedColumn<string>();
  private readonly families = new JoinedColumn();
  private readonly relations = new CodedColumn<SourceParticipant['relation']>();
  private readonly genders = new CodedColumn<SourceParticipant['childGender']>();
  private readonly statuses = new CodedColumn<SourceParticipant['status']>();
  private readonly consents = new CodedColumn<SourceParticipant['consent']>();
  private readonly reasons = new CodedColumn<string | null>();
  private readonly birthYears = new SmallNumberColumn();
  private readonly lastSessions = new SmallNumberColumn();
  private identifying: (Identifying | undefined)[] | null = null;

  /** Appends one enrolment; call finish() when done. */
  push(p: SourceParticipant): void {
    if (this.personParts === null) throw new Error('participant columns are finished');
    const row = this.rows++;
    if (row + 1 >= this.personStart.length) this.personStart = grown(this.personStart, row + 1);
    this.personParts.push(p.id);
    this.personStart[row + 1] = this.personStart[row]! + p.id.length;
    this.groups.push(row, p.groupId);
    this.families.push(row, p.familyId);
    this.relations.push(row, p.relation);
    this.genders.push(row, p.childGender);
    this.statuses.push(row, p.status);
    this.consents.push(row, p.consent);
    this.reasons.push(row, p.dropoutReason);
    this.birthYears.push(row, p.childBirthYear);
    this.lastSessions.push(row, p.lastSessionAttended);
    const { displayName, contact, note, enrolledOn } = p;
    if (displayName !== undefined || contact !== undefined || note !== undefined || enrolledOn !== undefined) {
      (this.identifying ??= [])[row] = { displayName, contact, note, enrolledOn };
    }
  }

  /** Joins the person ids and trims the arrays to the rows pushed. */
  finish(): this {
    if (this.personParts === null) return this;
    this.persons = this.personParts.join('');
    this.personParts = null;
    this.personStart = this.personStart.slice(0, this.rows + 1);
    for (const column of [
      this.birthYears,
      this.lastSessions,
      this.groups,
      this.families,
      this.relations,
      this.genders,
      this.statuses,
      this.consents,
      this.reasons,
    ])
      column.finish(this.rows);
    return this;
  }

  get length(): number {
    return this.rows;
  }

  /** The person id: a slice of the joined ids, made when asked for. */
  id(i: number): string {
    return this.persons.slice(this.personStart[i], this.personStart[i + 1]);
  }
  groupId = (i: number): string => this.groups.at(i);
  familyId = (i: number): string | null => this.families.at(i);
  relation = (i: number): SourceParticipant['relation'] => this.relations.at(i);
  childGender = (i: number): SourceParticipant['childGender'] => this.genders.at(i);
  status = (i: number): SourceParticipant['status'] => this.statuses.at(i);
  consent = (i: number): SourceParticipant['consent'] => this.consents.at(i);
  dropoutReason = (i: number): string | null => this.reasons.at(i);
  childBirthYear = (i: number): number | null => this.birthYears.at(i);
  lastSessionAttended = (i: number): number | null => this.lastSessions.at(i);

  /** Whether the person id of row i is `id`, compared in place: no slice is made. */
  hasId(i: number, id: string): boolean {
    const start = this.personStart[i]!;
    return this.personStart[i + 1]! - start === id.length && this.persons.startsWith(id, start);
  }

  /** The family's number among the distinct family ids, −1 when the family id is null. */
  familyCode = (i: number): number => this.families.codes[i]!;

  /** Distinct family ids. */
  get familyCount(): number {
    return this.families.distinct;
  }

  /** Each row's person number; made with the table below when first asked for. */
  private personNumbers: Int32Array | null = null;
  private distinctPersons = 0;
  /** Open addressing over the person ids: row + 1 of each person's first row, 0 for an empty place. */
  private personTable = new Int32Array(0);

  /**
   * The person's number among the distinct person ids, in the order first met: a person enrolled
   * in two groups has one. Lets counts of distinct people go by number, not by id strings.
   */
  personCode(i: number): number {
    return (this.personNumbers ??= this.numberPersons())[i]!;
  }

  /** Distinct person ids. */
  get personCount(): number {
    this.personNumbers ??= this.numberPersons();
    return this.distinctPersons;
  }

  /** The first row whose person id is `id`, or −1: found in the table, no key string held per person. */
  rowOf(id: string): number {
    this.personNumbers ??= this.numberPersons();
    return this.personTable[this.placeOf(id, idHash(id))]! - 1;
  }

  /** The place where the search for `id` stops: its first row's, or the empty one it would take. */
  private placeOf(id: string, hash: number): number {
    const mask = this.personTable.length - 1;
    let at = hash & mask;
    while (this.personTable[at] !== 0 && !this.hasId(this.personTable[at]! - 1, id)) at = (at + 1) & mask;
    return at;
  }

  private numberPersons(): Int32Array {
    let size = 16;
    while (size < this.rows * 2) size *= 2;
    this.personTable = new Int32Array(size);
    const numbers = new Int32Array(this.rows);
    let next = 0;
    for (let row = 0; row < this.rows; row++) {
      const at = this.placeOf(this.id(row), hashOf(this.persons, this.personStart[row]!, this.personStart[row + 1]!));
      const first = this.personTable[at]! - 1;
      if (first >= 0) {
        numbers[row] = numbers[first]!;
      } else {
        this.personTable[at] = row + 1;
        numbers[row] = next++;
      }
    }
    this.distinctPersons = next;
    return numbers;
  }

  /** One enrolment as an object of its own, made when asked for. */
  at(i: number): SourceParticipant {
    const p: SourceParticipant = {
      id: this.id(i),
      groupId: this.groupId(i),
      familyId: this.familyId(i),
      relation: this.relation(i),
      childBirthYear: this.childBirthYear(i),
      childGender: this.childGender(i),
      status: this.status(i),
      lastSessionAttended: this.lastSessionAttended(i),
      dropoutReason: this.dropoutReason(i),
      consent: this.consent(i),
    };
    const extra = this.identifying?.[i];
    return extra ? { ...p, ...extra } : p;
  }

  *[Symbol.iterator](): Iterator<SourceParticipant> {
    for (let i = 0; i < this.rows; i++) yield this.at(i);
  }
}

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const idHash = (id: string): number => hashOf(id, 0, id.length);

/** The columns of a list of enrolments, in its order. */
export function participantColumns(list: Iterable<SourceParticipant>): ParticipantColumns {
  const columns = new ParticipantColumns();
  for (const p of list) columns.push(p);
  return columns.finish();
}
