import type { ParticipantColumns } from './participant-columns';

/**
 * The rows participants.csv writes, found by person id: attendance, responses and scores name a
 * person and a group, and are kept only for a row-level enrolment. The person is found through the
 * columns' own table of person ids and then goes by number, so that no key string is held per
 * person: two maps keyed by person id (the enrolled groups, the memoised pseudonyms) held some
 * 150,000 strings and their tables at city scale. The participant pseudonyms are memoised here,
 * one per person.
 */
export class PersonIndex {
  /** By person number: the slot of the person's first row, −1 when they have none. */
  private readonly firstSlot: Int32Array;
  /** The next slot of the same person (enrolled in several groups), −1 at the end. */
  private readonly next: Int32Array;
  private readonly pseudonyms: (string | undefined)[];

  /** `rows` are indexes into `people`: slot s is row rows[s]. */
  constructor(
    private readonly people: ParticipantColumns,
    private readonly rows: Int32Array,
  ) {
    this.firstSlot = new Int32Array(people.personCount).fill(-1);
    this.next = new Int32Array(rows.length).fill(-1);
    this.pseudonyms = new Array<string | undefined>(rows.length);
    for (let slot = 0; slot < rows.length; slot++) {
      const person = people.personCode(rows[slot]!);
      const known = this.firstSlot[person]!;
      if (known < 0) {
        this.firstSlot[person] = slot;
      } else {
        this.next[slot] = this.next[known]!;
        this.next[known] = slot;
      }
    }
  }

  /** The last person looked up: a row asks whether the person has a row, then for their pseudonym. */
  private lastId: string | null = null;
  private lastSlot = -1;

  /** The slot of the person's first row, or −1. */
  private first(personId: string): number {
    if (personId === this.lastId) return this.lastSlot;
    const row = this.people.rowOf(personId);
    this.lastId = personId;
    return (this.lastSlot = row < 0 ? -1 : this.firstSlot[this.people.personCode(row)]!);
  }

  /** Whether participants.csv holds the person in the group. */
  has(personId: string, groupId: string): boolean {
    for (let slot = this.first(personId); slot >= 0; slot = this.next[slot]!) if (this.people.groupId(this.rows[slot]!) === groupId) return true;
    return false;
  }

  /** The person's pseudonym, made by `make` once per person who has a row; others are made every time. */
  pseudonym(personId: string, make: () => string): string {
    const slot = this.first(personId);
    if (slot < 0) return make();
    return (this.pseudonyms[slot] ??= make());
  }
}
