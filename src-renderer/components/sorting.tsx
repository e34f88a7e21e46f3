import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type Direction = 'ascending' | 'descending';

export interface SortState<K extends string> {
  key: K;
  direction: Direction;
}

/** A click on the sorted column turns it round; a click on another column sorts by it, ascending. */
export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  return { key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' };
}

export function useSort<K extends string>(initial: SortState<K>) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  // Stable, so a table kept by memo is not drawn again for a new handler on every render.
  const toggle = useCallback((key: K) => setSort((s) => nextSort(s, key)), []);
  return { sort, toggle };
}

/**
 * A column header that sorts: the button is the control, aria-sort on the <th> tells screen
 * readers which column orders the table and which way. An unsorted column's button says it can
 * sort in its label, not in hidden text: Chromium would put a space before a hidden span's comma.
 */
export function SortHeader<K extends string>({
  column,
  sort,
  onSort,
  label,
  className,
}: {
  column: K;
  sort: SortState<K>;
  onSort(key: K): void;
  label: string;
  className?: string | undefined;
}) {
  const { t } = useTranslation();
  const active = sort.key === column;
  return (
    <th scope="col" className={className} aria-sort={active ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)} aria-label={active ? undefined : `${label}, ${t('table.sortable')}`}>
        {label}
        <span aria-hidden="true" className="sort-button__icon">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
