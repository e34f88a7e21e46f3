import { useTranslation } from 'react-i18next';
import type { GroupDetail } from '@contract';
import { sessionsCalendar } from '../../lib/ics';

/** A file name from the group's own words, with nothing a file system could refuse. */
const fileName = (g: GroupDetail) => `komet-${g.programmeCode}-${g.unitName}`.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/-+/g, '-') + '.ics';

/**
 * The group's sessions as a calendar file for the leaders (Outlook, Google, Apple). Made here from
 * what the page already shows: names of participants are never in it.
 */
export function CalendarDownload({ group: g }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const download = () => {
    const groupName = `${g.programmeName}, ${g.unitName}`;
    const text = sessionsCalendar(
      groupName,
      g.sessions.map((s) => ({
        uid: `${s.id}@komet`,
        date: s.status === 'held' && s.heldDate ? s.heldDate : s.plannedDate,
        startTime: g.startTime,
        minutes: g.programmeSessionLengthMinutes,
        summary: t('groups.calendar.summary', { group: groupName, number: s.number }),
        location: g.venue,
        cancelled: s.status === 'cancelled',
      })),
      new Date(),
    );
    const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(g);
    link.click();
    // After the click has handed the file over; revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <p className="calendar-download">
      <button type="button" className="button button--secondary" onClick={download}>
        {t('groups.calendar.download')}
      </button>{' '}
      <span className="muted small">{t('groups.calendar.hint')}</span>
    </p>
  );
}
