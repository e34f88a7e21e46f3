/**
 * Row ids to numbers (an enrolment to its row among the export's participants, a session to its
 * slot) without holding the id strings. A mark names its enrolment and session by id; finding them
 * by joining their tables cost two index lookups per mark, most of them pages outside the export's
 * small page cache (at city scale about a second of the export's own thread for attendance alone).
 * Here the ids the app makes (lowercase UUIDs) are held as their 128 bits in a hash table of
 * numbers; any other id (hand-made, imported from elsewhere) is held as itself in a map,
 * so every id is matched exactly, byte for byte, as SQLite's own comparison would.
 */

const WORDS = 4;
/** A hex digit's value by character code, −1 for anything else. Uppercase is not a digit here: SQLite compares ids as bytes. */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 10; d++) HEX[48 + d] = d;
for (let d = 0; d < 6; d++) HEX[97 + d] = 10 + d;
const HYPHEN = 45;

/**
 * Writes the 128 bits of a lowercase UUID in its usual form (8-4-4-4-12 hex digits) as four 32-bit
 * words at `words[at]`; returns false, with the words undefined, for any other text.
 */
export function uuidWords(id: string, words: Int32Array, at: number): boolean {
  if (id.length !== 36) return false;
  let word = 0;
  let w = at;
  let digits = 0;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== HYPHEN) return false;
      continue;
    }
    const v = c < 128 ? HEX[c]! : -1;
    if (v < 0) return false;
    word = (word << 4) | v;
    if (++digits === 8) {
      words[w++] = word;
      word = 0;
      digits = 0;
    }
  }
  return true;
}

/** Where a UUID's words start looking in a table of `mask + 1` places. Mixed: a time-ordered UUID's first words are nearly alike. */
function placeOf(words: Int32Array, at: number, mask: number): number {
  let h = Math.imul(words[at]! ^ Math.imul(words[at + 1]!, 0x9e3779b1) ^ Math.imul(words[at + 2]!, 0x85ebca6b) ^ words[at + 3]!, 0xc2b2ae35);
  h ^= h >>> 15;
  return h & mask;
}

function sameAt(a: Int32Array, i: number, b: Int32Array, j: number): boolean {
  return a[i] === b[j] && a[i + 1] === b[j + 1] && a[i + 2] === b[j + 2] && a[i + 3] === b[j + 3];
}

/**
 * Ids numbered in the order they are added (0, 1, 2, …), then indexed once (`finish`) and looked up.
 * Each id is added once.
 */
export class IdSlots {
  /** By number: the UUID's words (unused for an id of another form). */
  private words: Int32Array;
  private count = 0;
  private readonly others = new Map<string, number>();
  private readonly probe = new Int32Array(WORDS);
  /** Open addressing: each place holds a UUID's number + 1, or 0 when empty; never more than three quarters full. */
  private table: Int32Array | null = null;
  private mask = 0;

  /**
   * `expected`: how many ids will be added, counted beforehand where it matters (more may come).
   * With arrays grown by doubling to the city's 180,000 sessions and then trimmed, the export's
   * peak RSS had a median of 225 MB against 217 MB before this class (6 pairs of runs), probably
   * the freed copies left with the allocator; sized from a count, 220 against 216 MB (7 pairs).
   */
  constructor(expected = 256) {
    this.words = new Int32Array(WORDS * Math.max(1, expected));
  }

  add(id: string): void {
    if (this.table !== null) throw new Error('IdSlots: add after finish');
    if ((this.count + 1) * WORDS > this.words.length) {
      const words = new Int32Array(this.words.length * 2);
      words.set(this.words);
      this.words = words;
    }
    if (!uuidWords(id, this.words, this.count * WORDS)) this.others.set(id, this.count);
    this.count++;
  }

  /** Indexes the ids; returns this for chaining. */
  finish(): this {
    const n = this.count;
    // A count taken beforehand may be a little high (enrolments some of which are skipped); only much slack is trimmed.
    if (this.words.length > n * WORDS * 1.25) this.words = this.words.slice(0, n * WORDS);
    let size = 8;
    while (size * 3 < (n - this.others.size) * 4) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    const notUuids = this.others.size > 0 ? new Set(this.others.values()) : null;
    for (let i = 0; i < n; i++) {
      if (notUuids?.has(i)) continue;
      let place = placeOf(this.words, i * WORDS, mask);
      while (table[place] !== 0) place = (place + 1) & mask;
      table[place] = i + 1;
    }
    this.table = table;
    this.mask = mask;
    return this;
  }

  /** The number of `id` (its place in the order added), or −1 when it was not added. */
  get(id: string): number {
    const table = this.table;
    if (table === null) throw new Error('IdSlots: get before finish');
    if (!uuidWords(id, this.probe, 0)) return this.others.get(id) ?? -1;
    for (let place = placeOf(this.probe, 0, this.mask); ; place = (place + 1) & this.mask) {
      const entry = table[place]!;
      if (entry === 0) return -1;
      if (sameAt(this.words, (entry - 1) * WORDS, this.probe, 0)) return entry - 1;
    }
  }
}
