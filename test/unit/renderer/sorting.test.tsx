import { describe, expect, it, vi } from 'vitest';
import { nextSort, SortHeader, type SortState } from '../../../src-renderer/components/sorting';
import { elements, render } from './render';

type Key = 'name' | 'status';

describe('sorting by a column', () => {
  it('turns the sorted column round', () => {
    expect(nextSort<Key>({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort<Key>({ key: 'name', direction: 'descending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });
  it('sorts a new column ascending, whichever way the old one went', () => {
    expect(nextSort<Key>({ key: 'name', direction: 'descending' }, 'status')).toEqual({ key: 'status', direction: 'ascending' });
    expect(nextSort<Key>({ key: 'name', direction: 'ascending' }, 'status')).toEqual({ key: 'status', direction: 'ascending' });
  });
});

describe('a sortable column header', () => {
  const header = (sort: SortState<Key>) =>
    render(
      <table>
        <thead>
          <tr>
            <SortHeader column="name" sort={sort} onSort={vi.fn()} label="Namn" className="num" />
          </tr>
        </thead>
      </table>,
    );

  it('says on the header which way the sorted column orders the table', () => {
    const [th] = elements(header({ key: 'name', direction: 'ascending' }), 'th');
    expect(th?.attrs).toMatchObject({ scope: 'col', 'aria-sort': 'ascending', class: 'num' });
    expect(elements(header({ key: 'name', direction: 'descending' }), 'th')[0]?.attrs['aria-sort']).toBe('descending');
  });

  it('names the sorted column by its label alone; the arrow is hidden from screen readers', () => {
    const html = header({ key: 'name', direction: 'ascending' });
    const [button] = elements(html, 'button');
    expect(button?.attrs['aria-label']).toBeUndefined();
    expect(button?.text).toBe('Namn▲');
    expect(html).toContain('<span aria-hidden="true" class="sort-button__icon">▲</span>');
  });

  it('names an unsorted column "Namn, sorterbar", with no space before the comma, and sets no aria-sort', () => {
    const html = header({ key: 'status', direction: 'ascending' });
    expect(elements(html, 'th')[0]?.attrs['aria-sort']).toBeUndefined();
    expect(elements(html, 'button')[0]?.attrs['aria-label']).toBe('Namn, sorterbar');
    // No second, hidden copy of the name that Chromium would join with a space.
    expect(html).not.toContain('visually-hidden');
  });
});
