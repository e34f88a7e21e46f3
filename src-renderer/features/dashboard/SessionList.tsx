import { usePaintedOnce } from '../../components/deferred';
import { RowLink } from '../../components/RowLink';
import { useWordsOnce } from '../../i18n/useWordsOnce';
import { useFormat } from '../../lib/format';

export interface SessionListItem {
  key: string;
  date: string;
  /** The start time under the date, where the list is about what comes next. */
  time?: string;
  groupId: string;
  number: number;
  programmeCode: string;
  unitName: string;
  groupVenue: string;
}

/**
 * The items rendered in the first frame: more than a tall window shows. The dashboard's lists run
 * to a hundred-odd items each; the rest, below the fold, follow in the task after that frame.
 */
const firstItems = 20;

/** Sessions as "date – Träff 3, tKomet Norr – venue", each linking to its group. */
export function SessionList({ sessions }: { sessions: SessionListItem[] }) {
  const words = useWordsOnce();
  const fmt = useFormat();
  const painted = usePaintedOnce(sessions.length > firstItems);
  const shown = painted || sessions.length <= firstItems ? sessions : sessions.slice(0, firstItems);
  return (
    <ul className="session-list">
      {shown.map((s) => (
        <li key={s.key} className="session-list__item">
          <span className="session-list__date">
            {fmt.date(s.date)}
            {s.time !== undefined && <span className="muted small session-list__time">{s.time}</span>}
          </span>
          <RowLink to={`/groups/${s.groupId}`} className="session-list__link">
            {words.fill('dashboard.sessionLink', { number: s.number, programme: s.programmeCode, unit: s.unitName })}
          </RowLink>
          {s.groupVenue && <span className="muted session-list__venue">{s.groupVenue}</span>}
        </li>
      ))}
    </ul>
  );
}
