/**
 * responses.csv is the export's largest file (at city scale some 430 MB of CSV, two thirds of the
 * package), and the scores thread is done with scores.csv before the export's own thread gets to
 * it. So the file is written in pages of groups, and both threads make pages: each takes the next
 * page nobody has taken from one counter they share, and the export's own thread writes the pages
 * in order. A thread that is busy simply takes none, so the file never waits for it; the pages it
 * has made and the export's own thread has not yet written are few (PAGES_AHEAD).
 */

/**
 * Groups per page: at city scale about 450 responses, 10,000 records, 0.8 MB of text. A page lives
 * until it is written, so it is small; a page is also one query, so it is not tiny (the
 * repository's pages of questionnaire rows are as large, for the same reasons).
 */
export const RESPONSE_PAGE_GROUPS = 30;

/** Pages the scores thread may have made that the export's own thread has not yet written. */
export const PAGES_AHEAD = 2;

/** The page counter the two threads share: the next page nobody has taken. */
export class PageClaims {
  private readonly next: Int32Array;

  constructor(
    readonly count: number,
    /** Shared with the other thread; a fresh one when the export writes every page itself. */
    readonly shared: SharedArrayBuffer = new SharedArrayBuffer(4),
  ) {
    this.next = new Int32Array(shared);
  }

  /** Takes the next page; a number at or past `count` means none is left. */
  take(): number {
    return Atomics.add(this.next, 0, 1);
  }

  /** Pages taken so far by either thread (at most `count`). */
  taken(): number {
    return Math.min(Atomics.load(this.next, 0), this.count);
  }
}

/** The groups of each page: the ids in scope in ascending byte order, `perPage` at a time. */
export const pageGroups = (groupIds: readonly string[], perPage: number, page: number): readonly string[] =>
  groupIds.slice(page * perPage, (page + 1) * perPage);

export const pageCount = (groups: number, perPage: number): number => Math.ceil(groups / perPage);

/** A page made by the other thread: its records as UTF-8. */
export interface PageBytes {
  bytes: Uint8Array;
  rows: number;
}

/** A page this thread made ahead of its turn: its records in pieces, each made of whole records. */
export interface PageText {
  pieces: string[];
  rows: number;
}

/** The next page in order: one for this thread to make now, one it made ahead, or one the other thread made. */
export type PageInOrder = { make: number } | PageText | PageBytes;

/**
 * Every page, in order, to be written as it comes. A page this thread takes in its turn is yielded
 * as `{ make }`, to be made as it is written; `whole` makes one taken ahead of its turn, and
 * `fromThread` waits for a page the other thread took (never called when there is no other
 * thread), and `arrived` tells whether it has come. While such a page is still being made, this
 * thread makes the next free page, and holds at most that one of its own ahead of its turn.
 */
export async function* pagesInOrder(
  claims: PageClaims,
  whole: (page: number) => PageText,
  fromThread: (page: number) => Promise<PageBytes>,
  arrived: (page: number) => boolean,
): AsyncGenerator<PageInOrder> {
  let next = 0;
  let ahead: (PageText & { page: number }) | null = null;
  while (next < claims.count) {
    if (ahead?.page === next) {
      yield ahead;
      ahead = null;
      next++;
    } else if (next < claims.taken()) {
      // Taken, and not by this thread: its own pages are written at once or held in `ahead`.
      // Rather than wait for it idle, this thread makes a later page meanwhile.
      if (ahead === null && !arrived(next)) {
        const page = claims.take();
        if (page < claims.count) {
          ahead = { page, ...whole(page) };
          continue;
        }
      }
      yield await fromThread(next);
      next++;
    } else {
      const page = claims.take();
      if (page >= claims.count) continue;
      if (page === next) {
        yield { make: page };
        next++;
      } else {
        // The other thread took `next` just before: this page waits for it.
        ahead = { page, ...whole(page) };
      }
    }
  }
}
