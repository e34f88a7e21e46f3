import { useTranslation } from 'react-i18next';
import type { ParticipantStatus, PathwayStatus } from '@contract';
import { wordOnce } from '../i18n/useWordsOnce';

type Props =
  | { kind: 'group'; status: 'planned' | 'running' | 'completed' | 'cancelled' }
  | { kind: 'session'; status: 'planned' | 'held' | 'cancelled' }
  | { kind: 'participant'; status: ParticipantStatus }
  | { kind: 'pathway'; status: PathwayStatus }
  | { kind: 'archived' };

/** Participants' statuses borrow the session colours; at risk is a badge of its own. */
const participantClass: Record<ParticipantStatus, string> = {
  active: 'badge--session-planned',
  completed: 'badge--session-held',
  not_completed: 'badge--archived',
  dropped_out: 'badge--session-cancelled',
  never_started: 'badge--archived',
  moved: 'badge--archived',
  ended_unrecorded: 'badge--archived',
};

export function StatusBadge(props: Props) {
  // A list shows a badge on every row, from a handful of words.
  const { t: translate, i18n } = useTranslation();
  const t = (key: string) => wordOnce(translate, i18n.language, key);
  switch (props.kind) {
    case 'archived':
      return <span className="badge badge--archived">{t('common.archived')}</span>;
    case 'participant':
      return <span className={`badge ${participantClass[props.status]}`}>{t(`participants.status.${props.status}`)}</span>;
    case 'pathway':
      return <span className={`badge badge--pathway-${props.status}`}>{t(`leaders.status.${props.status}`)}</span>;
    default:
      return <span className={`badge badge--${props.kind}-${props.status}`}>{t(`status.${props.kind}.${props.status}`)}</span>;
  }
}
