import { useTranslation } from 'react-i18next';
import { pageWindow } from './pages';

export interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange(offset: number): void;
}

export function Pagination({ offset, limit, total, onChange }: PaginationProps) {
  const { t } = useTranslation();
  const page = pageWindow(offset, limit, total);
  if (!page.paged) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" className="button button--secondary" disabled={page.previous === null} onClick={() => onChange(page.previous ?? 0)}>
        {t('pagination.previous')}
      </button>
      <p className="pagination__status" aria-live="polite">
        {t('pagination.status', { from: page.from, to: page.to, total })}
      </p>
      <button type="button" className="button button--secondary" disabled={page.next === null} onClick={() => page.next !== null && onChange(page.next)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
