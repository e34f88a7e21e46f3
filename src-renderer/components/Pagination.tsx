import { useTranslation } from 'react-i18next';

interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange(offset: number): void;
}

export function Pagination({ offset, limit, total, onChange }: PaginationProps) {
  const { t } = useTranslation();
  if (total <= limit) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pagination.previous')}
      </button>
      <p className="pagination__status" aria-live="polite">
        {t('pagination.status', { from, to, total })}
      </p>
      <button type="button" className="button button--secondary" disabled={to >= total} onClick={() => onChange(offset + limit)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
