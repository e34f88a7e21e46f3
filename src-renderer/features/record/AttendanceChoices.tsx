import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_STATES, type AttendanceState } from '@contract/enums';
import type { GroupOverview } from '@contract';
import { call } from '../../api/client';
import { asApiError } from '../../api/errors';
import { useBilingual } from '../../i18n/useBilingual';

interface Props {
  overview: GroupOverview;
  sessionId: string;
  sessionDate: string;
  number: number;
}

/**
 * One session's attendance as a radio group per participant: Tab moves between people, the arrow
 * keys choose, and each choice is saved at once. Marking does not record the session as held; the
 * page's "Spara som genomförd" does that, so nobody is surprised by a status they did not set.
 */
export function AttendanceChoices({ overview, sessionId, sessionDate, number }: Props) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const stored = new Map(overview.marks.filter((m) => m.sessionId === sessionId).map((m) => [m.participantId, m.state]));
  const [chosen, setChosen] = useState<ReadonlyMap<string, AttendanceState>>(new Map());
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  // Those who could attend this session: enrolled by its date and still taking part.
  const people = overview.participants.filter(
    (p) => p.status !== 'moved' && p.status !== 'dropped_out' && p.status !== 'never_started' && p.enrolmentDate <= sessionDate,
  );

  const save = async (participantId: string, name: string, state: AttendanceState) => {
    setChosen((prev) => new Map(prev).set(participantId, state));
    try {
      await call('attendance.set', { participantId, sessionId, state, markHeld: false });
      setFailed(false);
      setMessage(t('record.attendanceSaved', { name, state: t(`attendance.state.${state}`) }));
    } catch (err) {
      setFailed(true);
      setMessage(t('record.attendanceFailed', { name, reason: pick(asApiError(err).messages) }));
    }
  };

  if (people.length === 0) return <p className="panel__hint">{t('attendance.empty')}</p>;
  return (
    <>
      <p className="panel__hint">{t('record.attendanceHint', { number })}</p>
      <div className="record-attendance">
        {people.map((p) => {
          const value = chosen.get(p.id) ?? stored.get(p.id) ?? null;
          return (
            <fieldset key={p.id} className="fieldset record-attendance__row">
              <legend className="field__label">{p.displayName}</legend>
              <div className="radio-group">
                {ATTENDANCE_STATES.map((state) => (
                  <label key={state} className="radio">
                    <input
                      type="radio"
                      name={`attendance-${p.id}`}
                      value={state}
                      checked={value === state}
                      onChange={() => void save(p.id, p.displayName, state)}
                    />
                    <span>{t(`record.state.${state}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
      <p className={failed ? 'field__error' : 'muted small'} role={failed ? 'alert' : 'status'}>
        {message}
      </p>
    </>
  );
}
