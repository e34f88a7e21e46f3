import { ClassCounter } from './class-counter';
import { classKey, HIDE_AGE, HIDE_GENDER, HIDE_RELATION, type EncodedRecords, type NodeCodes } from './quasi-identifiers';

/**
 * Local suppression after generalisation: the fewest single values replaced by "*" so that every
 * participant row shares all its quasi-identifiers with at least k − 1 other rows.
 *
 * Only person-level values are hidden (the child's age, then gender, then the relation). The
 * group-level ones (unit, programme, period) also stand in groups.csv and sessions.csv under the
 * row's group_id, so hiding them in participants.csv alone would hide nothing: a row whose group
 * cell (unit, programme, period) has fewer than k rows is left out of the row-level files instead,
 * and counts in the aggregates like a participant who did not consent.
 *
 * A hidden child value is hidden in every row of the family (caregivers of one child share
 * family_id), and a hidden relation in every row of the person (participant_id), so no other row
 * gives it back.
 *
 * Rounds, to a fixed point: every row in a class smaller than k hides its next value (age, gender,
 * relation). When only fully hidden classes are still too small, the rows of the same cell in the
 * largest classes join them ("padding") until they reach k. Every round hides at least one more
 * value, so it ends; after MAX_ROUNDS the cells still short are hidden whole, which ends it at once.
 */

export interface LocalSuppression {
  /** 1 for a row left out of participants.csv (and its attendance). */
  withheld: Uint8Array;
  /** Per family: HIDE_AGE | HIDE_GENDER. */
  familyMask: Uint8Array;
  /** Per person: HIDE_RELATION. */
  personMask: Uint8Array;
}

const MAX_ROUNDS = 20;
const ALL_HIDDEN = HIDE_AGE | HIDE_GENDER;

/**
 * The ladder calls this for several generalisations in a row: `counter` and `keys` (sized for e.n
 * rows) can be the caller's, reused. Each fresh pair was 3.6 MB of typed arrays at city scale, and
 * V8 collects such buffers only when enough of them have piled up: a new pair per call took the
 * export's native heap some 20 MB higher before its first table was written.
 */
export function suppressLocally(
  e: EncodedRecords,
  c: NodeCodes,
  k: number,
  counter: ClassCounter = new ClassCounter(e.n),
  keys: Float64Array = new Float64Array(e.n),
): LocalSuppression {
  const n = e.n;
  // A smaller counter drops the slots of the last rows: their class sizes are wrong, and the
  // rounds below then never settle.
  if (keys.length !== n || counter.rows !== n) throw new Error('suppressLocally: the counter and keys must hold one slot per row');
  const withheld = new Uint8Array(n);
  counter.count(c.cell, null);
  for (let i = 0; i < n; i++) if (counter.sizeOf(i) < k) withheld[i] = 1;
  let liveCount = 0;
  for (let i = 0; i < n; i++) if (!withheld[i]) liveCount++;
  const live = new Int32Array(liveCount);
  for (let i = 0, j = 0; i < n; i++) if (!withheld[i]) live[j++] = i;
  const size = new Int32Array(n);

  const familyMask = new Uint8Array(e.families);
  const personMask = new Uint8Array(e.persons);
  const childBits = c.hasAge ? ALL_HIDDEN : HIDE_GENDER;
  const fullyHidden = (i: number) => (familyMask[e.family[i]!]! & childBits) === childBits && (personMask[e.person[i]!]! & HIDE_RELATION) !== 0;
  const hideAll = (i: number) => {
    familyMask[e.family[i]!]! |= childBits;
    personMask[e.person[i]!]! |= HIDE_RELATION;
  };

  // Rows of each cell, for padding.
  const byCell = new Map<number, number[]>();
  for (let j = 0; j < live.length; j++) {
    const i = live[j]!;
    const rows = byCell.get(c.cell[i]!);
    if (rows) rows.push(i);
    else byCell.set(c.cell[i]!, [i]);
  }

  for (let round = 0; ; round++) {
    for (let j = 0; j < live.length; j++) {
      const i = live[j]!;
      keys[i] = classKey(e, c, i, familyMask[e.family[i]!]!, personMask[e.person[i]!]!);
    }
    counter.count(keys, live);
    for (let j = 0; j < live.length; j++) size[live[j]!] = counter.sizeOf(live[j]!);
    let small = false;
    let escalated = false;
    const stuck = new Set<number>();
    for (let j = 0; j < live.length; j++) {
      const i = live[j]!;
      if (size[i]! >= k) continue;
      small = true;
      const f = e.family[i]!;
      const p = e.person[i]!;
      if (round >= MAX_ROUNDS) stuck.add(c.cell[i]!);
      else if (c.hasAge && !(familyMask[f]! & HIDE_AGE)) {
        familyMask[f]! |= HIDE_AGE;
        escalated = true;
      } else if (!(familyMask[f]! & HIDE_GENDER)) {
        familyMask[f]! |= HIDE_GENDER;
        escalated = true;
      } else if (!(personMask[p]! & HIDE_RELATION)) {
        personMask[p]! |= HIDE_RELATION;
        escalated = true;
      } else stuck.add(c.cell[i]!);
    }
    if (!small) break;
    if (escalated) continue;
    for (const cell of [...stuck].sort((a, b) => a - b)) {
      const rows = byCell.get(cell)!;
      if (round >= MAX_ROUNDS) {
        for (const i of rows) hideAll(i);
        continue;
      }
      const hidden = rows.filter(fullyHidden).length;
      const donors = rows.filter((i) => !fullyHidden(i)).sort((a, b) => size[b]! - size[a]! || a - b);
      for (const i of donors.slice(0, Math.max(0, k - hidden))) hideAll(i);
    }
  }
  return { withheld, familyMask, personMask };
}

export interface HiddenCounts {
  relation: number;
  childAge: number;
  childGender: number;
  /** Rows with at least one value hidden. */
  rows: number;
  withheld: number;
}

export function countHidden(e: EncodedRecords, c: NodeCodes, s: LocalSuppression): HiddenCounts {
  const counts: HiddenCounts = { relation: 0, childAge: 0, childGender: 0, rows: 0, withheld: 0 };
  for (let i = 0; i < e.n; i++) {
    if (s.withheld[i]) {
      counts.withheld++;
      continue;
    }
    const family = s.familyMask[e.family[i]!]!;
    const age = c.hasAge && (family & HIDE_AGE) !== 0;
    const gender = (family & HIDE_GENDER) !== 0;
    const relation = (s.personMask[e.person[i]!]! & HIDE_RELATION) !== 0;
    if (age) counts.childAge++;
    if (gender) counts.childGender++;
    if (relation) counts.relation++;
    if (age || gender || relation) counts.rows++;
  }
  return counts;
}

/** The keys of the rows as written (withheld rows left out), for the final class check. */
export function releasedKeys(e: EncodedRecords, c: NodeCodes, s: LocalSuppression): Float64Array {
  const keys: number[] = [];
  for (let i = 0; i < e.n; i++) {
    if (!s.withheld[i]) keys.push(classKey(e, c, i, s.familyMask[e.family[i]!]!, s.personMask[e.person[i]!]!));
  }
  return Float64Array.from(keys);
}
