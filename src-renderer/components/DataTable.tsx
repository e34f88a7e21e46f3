import type { ReactNode } from 'react';
import { usePaintedOnce } from './deferred';
import { Pagination, type PaginationProps } from './Pagination';
import { SortHeader, type SortState } from './sorting';

export interface Column<Row, K extends string = string> {
  /** Unique within the table; React's key for the column's cells. */
  key: string;
  header: string;
  cell(row: Row): ReactNode;
  /** On the header and every cell of the column (num, nowrap …). */
  className?: string;
  /** On the body cells only, e.g. a monospaced value under a plain header. */
  cellClassName?: string;
  /** The cell that names the row: a <th scope="row">. */
  rowHeader?: boolean;
  /** The header is for screen readers only (a column of row buttons). */
  hiddenHeader?: boolean;
  /** Makes the header a sort button for this key. */
  sortKey?: K;
}

/** Replaces the row's cells from column `from` on with one cell, e.g. a form editing the row in place. */
export interface RowEditor {
  from: string;
  content: ReactNode;
}

interface DataTableProps<Row, K extends string> {
  caption: string;
  /** Captions are for screen readers unless a class shows them. */
  captionClassName?: string;
  columns: readonly (Column<Row, K> | false | null | undefined)[];
  rows: readonly Row[];
  /** Defaults to the row's id. */
  rowKey?(row: Row): string | number;
  rowClassName?(row: Row): string | undefined;
  editor?(row: Row): RowEditor | null;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** How many there are in all ("12 grupper"), announced above the table as it changes. */
  summary?: string;
  className?: string;
  /** false where the surrounding region already scrolls (chart tables, the printed certificate). */
  wrap?: boolean;
  sort?: { state: SortState<K>; onSort(key: K): void };
  pagination?: PaginationProps;
  /**
   * A long page renders this many rows in its first frame and the rest in the task after it: the
   * rows in view are painted without waiting for the ones far below the fold.
   */
  firstRows?: number;
}

const idOf = (row: unknown): string | number => (row as { id: string | number }).id;

const join = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

/**
 * The app's one data table: a caption, column headers with scope (sortable ones with aria-sort),
 * an optional row header per row, an empty state and paging below.
 */
export function DataTable<Row, K extends string = string>(props: DataTableProps<Row, K>) {
  const {
    caption,
    captionClassName = 'visually-hidden',
    rows,
    rowKey = idOf,
    rowClassName,
    editor,
    empty,
    summary,
    className,
    wrap = true,
    sort,
    pagination,
    firstRows,
  } = props;
  // Only a page longer than its first rows is drawn twice; a short one is drawn once, as before.
  const painted = usePaintedOnce(firstRows !== undefined && rows.length > firstRows);
  const shownRows = firstRows !== undefined && !painted && rows.length > firstRows ? rows.slice(0, firstRows) : rows;
  const columns = props.columns.filter((c): c is Column<Row, K> => Boolean(c));

  const header = (c: Column<Row, K>) => {
    if (c.sortKey !== undefined && sort) {
      return <SortHeader key={c.key} column={c.sortKey} sort={sort.state} onSort={sort.onSort} label={c.header} className={c.className} />;
    }
    return (
      <th key={c.key} scope="col" className={c.className}>
        {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
      </th>
    );
  };

  const cells = (row: Row) => {
    const edit = editor?.(row) ?? null;
    const from = edit ? columns.findIndex((c) => c.key === edit.from) : -1;
    const shown = from >= 0 ? columns.slice(0, from) : columns;
    return (
      <>
        {shown.map((c) => {
          const cellClass = join(c.className, c.cellClassName);
          return c.rowHeader ? (
            <th key={c.key} scope="row" className={cellClass}>
              {c.cell(row)}
            </th>
          ) : (
            <td key={c.key} className={cellClass}>
              {c.cell(row)}
            </td>
          );
        })}
        {edit && from >= 0 && <td colSpan={columns.length - from}>{edit.content}</td>}
      </>
    );
  };

  const count = summary !== undefined && (
    <p className="result-count" role="status">
      {summary}
    </p>
  );
  if (rows.length === 0 && empty !== undefined) {
    return (
      <>
        {count}
        {empty}
        {pagination && <Pagination {...pagination} />}
      </>
    );
  }

  const table = (
    <table className={join('table', className)}>
      <caption className={captionClassName || undefined}>{caption}</caption>
      <thead>
        <tr>{columns.map(header)}</tr>
      </thead>
      <tbody>
        {shownRows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {cells(row)}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      {count}
      {wrap ? <div className="table-wrap">{table}</div> : table}
      {pagination && <Pagination {...pagination} />}
    </>
  );
}
