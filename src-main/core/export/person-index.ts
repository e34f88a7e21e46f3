import { idHash, type ParticipantColumns } from './participant-columns';

/**
 * The rows participants.csv writes, found by person id: attendance, responses and scores name a
 * person and a group, and are kept only for a row-level enrolment. An open-addressing table of
 * row numbers over the columns' joined ids, so that no key string is held per person: two maps
 * keyed by person id (the enrolled groups, the memoised pseudonyms) held some 150,000 strings and
 * their tables at city scale. The participant pseudonyms are memoised here, one per person.
 */
export class PersonIndex {
  /** Slot + 1 of a person's first row, 0 for an empty place. */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** The next slot of the same person (enrolled in several groups), −1 at the end. */
  private readonly next: Int32Array;
  private readonly pseudonyms: (string | undefined)[];

  /** `rows` are indexes into `people`: slot s is row rows[s]. */
  constructor(
    private readonly people: ParticipantColumns,
    private readonly rows: Int32Array,
  ) {
    let size = 16;
    while (size < rows.length * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    this.next = new Int32Array(rows.length).fill(-1);
    this.pseudonyms = new Array<string | undefined>(rows.length);
    for (let slot = 0; slot < rows.length; slot++) {
      const row = rows[slot]!;
      for (let at = people.idHashAt(row) & this.mask; ; at = (at + 1) & this.mask) {
        const known = this.table[at]! - 1;
        if (known < 0) {
          this.table[at] = slot + 1;
          break;
        }
        if (people.hasId(rows[known]!, people.id(row))) {
          this.next[slot] = this.next[known]!;
          this.next[known] = slot;
          break;
        }
      }
    }
  }

  /** The last person looked up: a row asks whether the person has a row, then for their pseudonym. */
  private lastId: string | null = null;
  private lastSlot = -1;

  /** The slot of the person's first row, or −1. */
  private first(personId: string): number {
    if (personId === this.lastId) return this.lastSlot;
    let at = idHash(personId) & this.mask;
    for (; ; at = (at + 1) & this.mask) {
      const slot = this.table[at]! - 1;
      if (slot < 0 || this.people.hasId(this.rows[slot]!, personId)) break;
    }
    this.lastId = personId;
    return (this.lastSlot = this.table[at]! - 1);
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
