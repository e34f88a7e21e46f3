import { describe, expect, it } from 'vitest';
import { keptBetweenWrites, keptByInput } from '../../src-main/core/services/kept-between-writes';

describe('values kept by input', () => {
  it('keeps at most so many, letting the oldest asked go first, and lets all go when the stamp moves', () => {
    let stamp = 1;
    const kept = keptByInput<string>(() => stamp, 3);
    for (const k of ['a', 'b', 'c']) {
      expect(kept.get(k)).toBeUndefined();
      kept.set(k, k.toUpperCase());
    }
    expect(kept.get('a')).toBe('A');
    kept.set('d', 'D');
    expect(['a', 'b', 'c', 'd'].map((k) => kept.get(k))).toEqual([undefined, 'B', 'C', 'D']);
    kept.delete('c');
    kept.set('e', 'E');
    expect(['b', 'c', 'd', 'e'].map((k) => kept.get(k))).toEqual(['B', undefined, 'D', 'E']);
    stamp = 2;
    expect(['b', 'd', 'e'].map((k) => kept.get(k))).toEqual([undefined, undefined, undefined]);
  });

  it('makes a read again only after a write or for a new input', () => {
    let stamp = '1:1';
    let made = 0;
    const kept = keptBetweenWrites<number>(() => stamp, 2);
    const read = (key: string) => kept(key, () => ++made);
    expect([read('x'), read('x'), read('y'), read('x')]).toEqual([1, 1, 2, 1]);
    read('z');
    expect(read('x')).toBe(4);
    stamp = '2:1';
    expect(read('x')).toBe(5);
  });
});
