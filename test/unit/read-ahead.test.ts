import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAhead } from '../../src-main/app/read-ahead';

describe('reading ahead between calls', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  /** A task of `n` steps that notes each one it takes. */
  const task = (name: string, n: number, taken: string[]) => {
    let done = 0;
    return () => {
      taken.push(`${name}${++done}`);
      return done < n;
    };
  };

  it('takes every step of every task in order, one per turn, once calls have been quiet', async () => {
    const taken: string[] = [];
    readAhead([task('a', 3, taken), task('b', 1, taken)], { firstAfterMs: 100, quietMs: 50 });
    await vi.advanceTimersByTimeAsync(99);
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(taken).toEqual(['a1']);
    await vi.advanceTimersByTimeAsync(10);
    expect(taken).toEqual(['a1', 'a2', 'a3', 'b1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(taken).toEqual(['a1', 'a2', 'a3', 'b1']);
  });

  it('waits while calls keep coming, and goes on once they have been quiet for the set time', async () => {
    const taken: string[] = [];
    const ahead = readAhead([task('a', 2, taken)], { firstAfterMs: 100, quietMs: 50 });
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(30);
      ahead.noteCall();
    }
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(49);
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(taken).toEqual(['a1']);
    // A call between two steps holds the next one back.
    ahead.noteCall();
    await vi.advanceTimersByTimeAsync(10);
    expect(taken).toEqual(['a1']);
    await vi.advanceTimersByTimeAsync(40);
    expect(taken).toEqual(['a1', 'a2']);
  });

  it('leaves a task that fails and goes on with the next', async () => {
    const taken: string[] = [];
    const failing = () => {
      taken.push('x');
      throw new Error('closed');
    };
    readAhead([failing, task('b', 2, taken)], { firstAfterMs: 10, quietMs: 0 });
    await vi.advanceTimersByTimeAsync(100);
    expect(taken).toEqual(['x', 'b1', 'b2']);
  });

  it('takes no step once stopped (the database closed)', async () => {
    const taken: string[] = [];
    const before = readAhead([task('a', 2, taken)], { firstAfterMs: 10, quietMs: 0 });
    before.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(taken).toEqual([]);
    const b = task('b', 5, taken);
    const midway = readAhead([() => (taken.length === 2 && midway.stop(), b())], { firstAfterMs: 10, quietMs: 0 });
    await vi.advanceTimersByTimeAsync(100);
    expect(taken).toEqual(['b1', 'b2', 'b3']);
  });
});
