import { describe, expect, it, vi } from 'vitest';
import { DataTable, type Column } from '../../../src-renderer/components/DataTable';
import { EmptyState } from '../../../src-renderer/components/EmptyState';
import { elements, render } from './render';

interface Row {
  id: string;
  name: string;
  count: number;
}

const rows: Row[] = [
  { id: 'a', name: 'Anna', count: 3 },
  { id: 'b', name: 'Bo', count: 12 },
];
const columns: Column<Row, 'name' | 'count'>[] = [
  { key: 'name', header: 'Namn', rowHeader: true, cell: (r) => r.name, sortKey: 'name' },
  { key: 'count', header: 'Antal', className: 'num', cell: (r) => r.count, sortKey: 'count' },
  { key: 'actions', header: 'Åtgärder', hiddenHeader: true, cellClassName: 'actions-cell', cell: (r) => <button type="button">Ändra {r.name}</button> },
];

describe('DataTable', () => {
  it('has a caption, column headers with scope, and each row named by its row header', () => {
    const html = render(<DataTable caption="Ledare" rows={rows} rowKey={(r) => r.id} columns={columns} />);
    expect(html.startsWith('<div class="table-wrap"><table class="table">')).toBe(true);
    expect(elements(html, 'caption')).toEqual([{ attrs: { class: 'visually-hidden' }, text: 'Ledare' }]);
    const ths = elements(html, 'th');
    expect(ths.map((th) => [th.attrs.scope, th.text])).toEqual([
      ['col', 'Namn'],
      ['col', 'Antal'],
      ['col', 'Åtgärder'],
      ['row', 'Anna'],
      ['row', 'Bo'],
    ]);
    expect(ths[1]?.attrs.class).toBe('num');
    expect(elements(html, 'td').map((td) => [td.attrs.class, td.text])).toEqual([
      ['num', '3'],
      ['actions-cell', 'Ändra Anna'],
      ['num', '12'],
      ['actions-cell', 'Ändra Bo'],
    ]);
  });

  it('keeps a header meant for screen readers out of sight, not out of the table', () => {
    const html = render(<DataTable caption="Ledare" rows={rows} rowKey={(r) => r.id} columns={columns} />);
    expect(html).toContain('<th scope="col"><span class="visually-hidden">Åtgärder</span></th>');
  });

  it('makes headers sort buttons when sorting is on, with aria-sort on the sorted one only', () => {
    const html = render(
      <DataTable
        caption="Ledare"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
        sort={{ state: { key: 'count', direction: 'descending' }, onSort: vi.fn() }}
      />,
    );
    const heads = elements(html, 'th').filter((th) => th.attrs.scope === 'col');
    expect(heads.map((th) => th.attrs['aria-sort'])).toEqual([undefined, 'descending', undefined]);
    expect(
      elements(html, 'button')
        .slice(0, 2)
        .map((b) => b.attrs['aria-label']),
    ).toEqual(['Namn, sorterbar', undefined]);
  });

  it('shows the empty state instead of an empty table, and the paging still', () => {
    const html = render(
      <DataTable
        caption="Ledare"
        rows={[]}
        rowKey={(r: Row) => r.id}
        columns={columns}
        empty={<EmptyState title="Inga ledare att visa." />}
        pagination={{ offset: 25, limit: 25, total: 30, onChange: vi.fn() }}
      />,
    );
    expect(html).not.toContain('<table');
    expect(html).toContain('<p class="empty-state__title">Inga ledare att visa.</p>');
    expect(html).toContain('Visar 26–30 av 30');
  });

  it('shows an empty table when no empty state is given', () => {
    const html = render(<DataTable caption="Ledare" rows={[]} rowKey={(r: Row) => r.id} columns={columns} />);
    expect(elements(html, 'tbody')).toEqual([{ attrs: {}, text: '' }]);
  });

  it('shows paging under the table only when the list is longer than a page', () => {
    const table = (total: number) =>
      render(<DataTable caption="Ledare" rows={rows} rowKey={(r) => r.id} columns={columns} pagination={{ offset: 0, limit: 2, total, onChange: vi.fn() }} />);
    expect(table(2)).not.toContain('<nav');
    expect(elements(table(3), 'nav')[0]?.attrs['aria-label']).toBe('Sidor');
  });

  it('replaces the cells of an edited row from the named column on with one cell spanning them', () => {
    const html = render(
      <DataTable
        caption="Ledare"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
        editor={(r) => (r.id === 'b' ? { from: 'count', content: <form aria-label="Ändra Bo" /> } : null)}
      />,
    );
    const body = elements(html, 'tbody')[0]!;
    expect(body.text).toBe('Anna3Ändra AnnaBo');
    expect(html).toContain('<th scope="row">Bo</th><td colSpan="2"><form aria-label="Ändra Bo"></form></td>');
  });

  it('leaves out the columns given as false, and can skip the scrolling wrapper and show the caption', () => {
    const html = render(<DataTable caption="Närvaro" captionClassName="" wrap={false} rows={rows} rowKey={(r) => r.id} columns={[columns[0], false, null]} />);
    expect(html.startsWith('<table class="table"><caption>Närvaro</caption>')).toBe(true);
    expect(elements(html, 'th').filter((th) => th.attrs.scope === 'col')).toHaveLength(1);
  });

  it('gives rows the class the caller asks for', () => {
    const html = render(
      <DataTable caption="Ledare" rows={rows} rowKey={(r) => r.id} columns={columns} rowClassName={(r) => (r.id === 'a' ? 'is-archived' : undefined)} />,
    );
    expect(elements(html, 'tr').map((tr) => tr.attrs.class)).toEqual([undefined, 'is-archived', undefined]);
  });

  it('announces how many there are above the table, and above the empty state too', () => {
    const summary = '2 ledare';
    expect(render(<DataTable caption="Ledare" rows={rows} columns={columns} summary={summary} />)).toMatch(
      /^<p class="result-count" role="status">2 ledare<\/p><div class="table-wrap"><table/,
    );
    expect(render(<DataTable caption="Ledare" rows={[]} columns={columns} summary="0 ledare" empty={<EmptyState title="Inga." />} />)).toMatch(
      /^<p class="result-count" role="status">0 ledare<\/p><div class="empty-state">/,
    );
  });

  it('keys rows by their id unless told otherwise', () => {
    const html = render(<DataTable caption="Ledare" rows={rows} columns={columns} />);
    expect(
      elements(html, 'th')
        .filter((th) => th.attrs.scope === 'row')
        .map((th) => th.text),
    ).toEqual(['Anna', 'Bo']);
  });

  it('renders only the first rows of a long page in its first frame, in order, and all of a short one', () => {
    const many: Row[] = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, name: `N${id}`, count: i }));
    const rowNames = (html: string) =>
      elements(html, 'th')
        .filter((th) => th.attrs.scope === 'row')
        .map((th) => th.text);
    // Server rendering is the first frame: nothing has been painted yet.
    expect(rowNames(render(<DataTable caption="x" rows={many} columns={columns} firstRows={2} />))).toEqual(['Na', 'Nb']);
    expect(rowNames(render(<DataTable caption="x" rows={many} columns={columns} firstRows={5} />))).toEqual(['Na', 'Nb', 'Nc', 'Nd', 'Ne']);
    expect(rowNames(render(<DataTable caption="x" rows={many} columns={columns} />))).toEqual(['Na', 'Nb', 'Nc', 'Nd', 'Ne']);
  });
});
