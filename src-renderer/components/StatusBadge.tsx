import { useTranslation } from 'react-i18next';

type Props =
  | { kind: 'group'; status: 'planned' | 'running' | 'completed' | 'cancelled' }
  | { kind: 'session'; status: 'planned' | 'held' | 'cancelled' }
  | { kind: 'archived' };

export function StatusBadge(props: Props) {
  const { t } = useTranslation();
  if (props.kind === 'archived') return <span className="badge badge--archived">{t('common.archived')}</span>;
  return (
    <span className={`badge badge--${props.kind}-${props.status}`}>{t(`status.${props.kind}.${props.status}`)}</span>
  );
}
