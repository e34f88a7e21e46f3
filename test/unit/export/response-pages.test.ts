import { describe, expect, it } from 'vitest';
import { PageClaims, pageCount, pageGroups, pagesInOrder, type PageBytes, type PageInOrder, type PageText } from '../../../src-main/core/export/response-pages';

/**
 * The order in which responses.csv's pages are written when two threads make them. The other
 * thread is played here: it takes pages through the same shared counter and finishes each page
 * when the test says so.
 */

function otherThread(claims: PageClaims) {
  const made = new Map<number, PageBytes>();
  const waiting = new Map<number, { resolve: (page: PageBytes) => void; reject: (error: Error) => void }>();
  return {
    take(): number {
      return claims.take();
    },
    finish(page: number): void {
      const bytes = { bytes: new TextEncoder().encode(`thread ${page}`), rows: 1 };
      const waiter = waiting.get(page);
      waiting.delete(page);
      if (waiter) waiter.resolve(bytes);
      else made.set(page, bytes);
    },
    fail(page: number): void {
      waiting.get(page)?.reject(new Error('the other thread stopped'));
    },
    fromThread: (page: number): Promise<PageBytes> =>
      made.has(page) ? Promise.resolve(made.get(page)!) : new Promise((resolve, reject) => waiting.set(page, { resolve, reject })),
    arrived: (page: number): boolean => made.has(page),
  };
}

/** What was written, in order, and which pages this thread made ahead of their turn. */
async function written(claims: PageClaims, other: ReturnType<typeof otherThread>, whenYielded: (label: string) => void = () => undefined) {
  const madeAhead: number[] = [];
  const whole = (page: number): PageText => {
    madeAhead.push(page);
    return { pieces: [`ahead ${page}`], rows: 1 };
  };
  const order: string[] = [];
  for await (const page of pagesInOrder(claims, whole, other.fromThread, other.arrived)) {
    order.push(label(page));
    whenYielded(order.at(-1)!);
  }
  return { order, madeAhead };
}

const label = (page: PageInOrder): string =>
  'make' in page ? `make ${page.make}` : 'pieces' in page ? page.pieces.join('') : new TextDecoder().decode(page.bytes);

describe("responses.csv's pages from two threads", () => {
  it('splits the groups into pages in their order, the last one shorter', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(pageCount(ids.length, 3)).toBe(3);
    expect([0, 1, 2].map((p) => pageGroups(ids, 3, p))).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect(pageCount(0, 3)).toBe(0);
  });

  it('makes every page on this thread, in order, when no other thread takes any', async () => {
    const claims = new PageClaims(4);
    const { order, madeAhead } = await written(claims, otherThread(claims));
    expect(order).toEqual(['make 0', 'make 1', 'make 2', 'make 3']);
    expect(madeAhead).toEqual([]);
  });

  it('makes one later page while it waits for the pages the other thread took, and writes them all in order', async () => {
    const claims = new PageClaims(5);
    const other = otherThread(claims);
    expect([other.take(), other.take()]).toEqual([0, 1]);
    setTimeout(() => {
      other.finish(0);
      other.finish(1);
    }, 5);
    const { order, madeAhead } = await written(claims, other);
    expect(order).toEqual(['thread 0', 'thread 1', 'ahead 2', 'make 3', 'make 4']);
    expect(madeAhead).toEqual([2]);
  });

  it("writes the other thread's pages between its own as they come", async () => {
    const claims = new PageClaims(6);
    const other = otherThread(claims);
    other.take();
    other.finish(0);
    // After each page this thread makes, the other thread takes the next free one and finishes it.
    const { order, madeAhead } = await written(claims, other, (written) => {
      if (!written.startsWith('make')) return;
      const page = other.take();
      if (page < claims.count) other.finish(page);
    });
    expect(order).toEqual(['thread 0', 'make 1', 'thread 2', 'make 3', 'thread 4', 'make 5']);
    expect(madeAhead).toEqual([]);
  });

  it('makes nothing ahead when the page it waits for has already come', async () => {
    const claims = new PageClaims(3);
    const other = otherThread(claims);
    for (let i = 0; i < 3; i++) other.finish(other.take());
    const { order, madeAhead } = await written(claims, other);
    expect(order).toEqual(['thread 0', 'thread 1', 'thread 2']);
    expect(madeAhead).toEqual([]);
  });

  it('fails when the other thread stops before a page it took was made', async () => {
    const claims = new PageClaims(3);
    const other = otherThread(claims);
    other.take();
    setTimeout(() => other.fail(0), 5);
    await expect(written(claims, other)).rejects.toThrow('the other thread stopped');
  });
});
