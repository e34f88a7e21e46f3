import './sync.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { useSyncTime } from './format';

/**
 * The header's sync line: "Synkad 14:02", "3 ändringar väntar", "Offline sedan tisdag" (with the
 * changes waiting, if any). A polite live region, so a screen reader hears when it changes; a link
 * to the settings and, when there are any, to the conflicts.
 */
export function SyncStatus() {
  const { t } = useTranslation();
  const time = useSyncTime();
  const status = useApiQuery('sync.status', {}, { refetchInterval: 30_000 });
  const s = status.data;
  if (!s?.joined) return null;
  const text =
    s.state === 'syncing'
      ? t('sync.header.syncing')
      : s.state === 'offline' && s.offlineSince
        ? s.unsent > 0
          ? t('sync.header.offlinePending', { since: time.short(s.offlineSince), count: s.unsent })
          : t('sync.header.offline', { since: time.short(s.offlineSince) })
        : s.unsent > 0
          ? t('sync.header.pending', { count: s.unsent })
          : s.lastSyncedAt
            ? t('sync.header.synced', { at: time.short(s.lastSyncedAt) })
            : t('sync.header.never');
  return (
    <div className="sidebar-sync">
      <p className="sidebar-sync__text" role="status" aria-live="polite">
        <Link to="/settings/sync">{text}</Link>
      </p>
      {s.openConflicts > 0 && (
        <p className="sidebar-sync__conflicts">
          <Link to="/sync/conflicts">{t('sync.header.conflicts', { count: s.openConflicts })}</Link>
        </p>
      )}
      {s.refusals.length > 0 && (
        <p className="sidebar-sync__conflicts">
          <Link to="/settings/sync">{t('sync.header.refusals', { count: s.refusals.length })}</Link>
        </p>
      )}
    </div>
  );
}
