import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Direction = 'ascending' | 'descending';

export interface SortState<K extends string> {
  key: K;
  direction: Direction;
}

/** Nulls (nothing recorded) sort last in both directions, so they never pose as the best or worst. */
export function compareValues(a: string | number | null, b: string | number | null, direction: Direction): number {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'sv');
  return direction === 'ascending' ? order : -order;
}

export function useSort<K extends string>(initial: SortState<K>) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const toggle = (key: K) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending' }));
  return { sort, toggle };
}

/**
 * A column header that sorts: the button is the control, aria-sort on the <th> tells screen
 * readers which column orders the table and which way.
 */
export function SortHeader<K extends string>({ column, sort, onSort, children, className }: {
  column: K;
  sort: SortState<K>;
  onSort(key: K): void;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const active = sort.key === column;
  return (
    <th scope="col" className={className} aria-sort={active ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {children}
        <span aria-hidden="true" className="sort-button__icon">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
        {!active && <span className="visually-hidden">, {t('leaders.table.sortable')}</span>}
      </button>
    </th>
  );
}
