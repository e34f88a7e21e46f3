/** Where a page of `limit` rows starting at `offset` sits in a list of `total`. */
export interface PageWindow {
  /** 1-based position of the first row shown. */
  from: number;
  /** 1-based position of the last row shown. */
  to: number;
  previous: number | null;
  next: number | null;
  /** Whether the list is longer than one page, i.e. whether paging controls are worth showing. */
  paged: boolean;
}

export function pageWindow(offset: number, limit: number, total: number): PageWindow {
  const start = Math.max(0, offset);
  const to = Math.min(start + limit, total);
  return {
    from: start + 1,
    to,
    previous: start > 0 ? Math.max(0, start - limit) : null,
    next: to < total ? start + limit : null,
    paged: total > limit,
  };
}
