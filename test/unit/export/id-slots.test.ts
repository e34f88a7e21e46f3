import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdSlots, uuidWords } from '../../../src-main/core/export/id-slots';

/** The four 32-bit words of a UUID's hex digits, read eight at a time by parseInt. */
const wordsByParseInt = (id: string) => {
  const hex = id.replaceAll('-', '');
  return [0, 8, 16, 24].map((i) => parseInt(hex.slice(i, i + 8), 16) | 0);
};

describe('uuidWords', () => {
  it('reads the 128 bits of a lowercase UUID as four words', () => {
    for (const id of [randomUUID(), randomUUID(), 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-000000000001']) {
      const words = new Int32Array(6);
      expect(uuidWords(id, words, 2)).toBe(true);
      expect([...words.subarray(2)]).toEqual(wordsByParseInt(id));
    }
  });

  it('takes nothing else for a UUID', () => {
    const id = randomUUID();
    const words = new Int32Array(4);
    for (const other of [
      id.toUpperCase(),
      `${id} `,
      id.slice(1),
      id.replaceAll('-', ''),
      `${id.slice(0, 8)}_${id.slice(9)}`,
      `${id.slice(0, 35)}g`,
      `${id.slice(0, 35)}é`,
      'p1',
      '',
    ])
      expect(uuidWords(other, words, 0), other).toBe(false);
  });
});

describe('IdSlots', () => {
  // Sized too small (grown while adding), exactly, and too large (trimmed).
  it.each([undefined, 6003, 100_000])('finds every id added, UUIDs and others, and no id that was not (%s expected)', (expected) => {
    const slots = new IdSlots(expected);
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) ids.push(randomUUID());
    // Time-ordered UUIDs share their first words; ids that differ in the last digit only.
    for (let i = 0; i < 3000; i++) ids.push(`018f3a2b-7c00-7000-8000-${i.toString(16).padStart(12, '0')}`);
    // The others among the UUIDs, so that their numbers are not the UUIDs' order alone.
    ids.splice(1500, 0, 'p1', 'enrolment one', ids[0]!.toUpperCase());
    for (const id of ids) slots.add(id);
    slots.finish();
    ids.forEach((id, i) => expect(slots.get(id)).toBe(i));
    for (const missing of [randomUUID(), '018f3a2b-7c00-7000-8000-ffffffffffff', ids[1]!.toUpperCase(), 'p2', '']) expect(slots.get(missing), missing).toBe(-1);
  });

  it('finds nothing when empty, and refuses to be used out of turn', () => {
    const slots = new IdSlots();
    expect(() => slots.get(randomUUID())).toThrow();
    slots.finish();
    expect(slots.get(randomUUID())).toBe(-1);
    expect(slots.get('p1')).toBe(-1);
    expect(() => slots.add(randomUUID())).toThrow();
  });
});
