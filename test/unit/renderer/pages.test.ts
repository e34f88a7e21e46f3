import { describe, expect, it } from 'vitest';
import { pageWindow } from '../../../src-renderer/components/pages';

describe('which rows a page shows', () => {
  it('shows rows 1–25 of 60 on the first page, with a next page and no previous one', () =>
    expect(pageWindow(0, 25, 60)).toEqual({ from: 1, to: 25, previous: null, next: 25, paged: true }));
  it('shows rows 26–50 on the second page', () => expect(pageWindow(25, 25, 60)).toEqual({ from: 26, to: 50, previous: 0, next: 50, paged: true }));
  it('ends the last, shorter page at the total, with no next page', () =>
    expect(pageWindow(50, 25, 60)).toEqual({ from: 51, to: 60, previous: 25, next: null, paged: true }));
  it('has no next page when the last page is exactly full', () => expect(pageWindow(25, 25, 50)).toMatchObject({ to: 50, next: null }));
  it('goes back to the start, not below it, from an offset that is not a whole page', () =>
    expect(pageWindow(10, 25, 60)).toMatchObject({ from: 11, to: 35, previous: 0, next: 35 }));
  it('needs no paging while everything fits on one page', () => {
    expect(pageWindow(0, 25, 25).paged).toBe(false);
    expect(pageWindow(0, 25, 0)).toMatchObject({ paged: false, previous: null, next: null });
    expect(pageWindow(0, 25, 26).paged).toBe(true);
  });
  it('treats a negative offset as the start', () => expect(pageWindow(-5, 25, 60)).toMatchObject({ from: 1, to: 25, previous: null }));
});
