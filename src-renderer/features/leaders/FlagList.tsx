import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AttentionFlag } from '@contract';
import { useBilingual } from '../../i18n/useBilingual';

/**
 * Every flag already says what rule fired and with which figures; this is its short name. A group
 * without supervision leads straight to recording one, with the group and its leaders ticked.
 */
export function FlagList({ flags, leaderId }: { flags: AttentionFlag[]; leaderId: string }) {
  const pick = useBilingual();
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <ul className="attention-list__flags">
      {flags.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          {pick(f.message)}
          {f.rule === 'no_supervision' && f.groupId && (
            <>
              {' '}
              <Link to={`/supervision/new?leader=${leaderId}&group=${f.groupId}`}>{t('supervision.recordForGroup')}</Link>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
