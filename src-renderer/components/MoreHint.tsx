import { useTranslation } from 'react-i18next';

/** "… and N more." under a list that shows only its first rows; nothing when all are shown. */
export function MoreHint({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  return total > shown ? <p className="panel__hint">{t('dashboard.more', { count: total - shown })}</p> : null;
}
