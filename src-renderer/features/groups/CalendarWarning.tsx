import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarConflict } from '@contract';
import { useApiQuery } from '../../api/queries';
import { useBilingual } from '../../i18n/useBilingual';
import { useFormat } from '../../lib/format';

/** The dates' clashes with Sweden's public holidays and the unit's school breaks (none while any input is missing). */
export function useCalendarConflicts(unitId: string | null, dates: string[], groupId?: string): CalendarConflict[] {
  const valid = dates.length > 0 && dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const check = useApiQuery('calendar.check', groupId ? { groupId, dates } : { unitId, dates }, { enabled: valid });
  return valid ? (check.data?.conflicts ?? []) : [];
}

/** "Träff 2 (21 apr. 2025) infaller på annandag påsk": one line per clash, as a polite warning. */
export function CalendarWarning({
  conflicts,
  numberOf,
  children,
}: {
  conflicts: CalendarConflict[];
  numberOf?(date: string): number | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pick = useBilingual();
  if (conflicts.length === 0) return null;
  return (
    <div className="warning-box" role="status">
      <p>{t('calendar.warningTitle', { count: conflicts.length })}</p>
      <ul>
        {conflicts.map((c) => {
          const number = numberOf?.(c.date);
          const what = t(c.kind === 'holiday' ? 'calendar.holiday' : 'calendar.schoolBreak', { name: pick(c.name) });
          return (
            <li key={c.date}>
              {number === undefined
                ? t('calendar.dateClash', { date: fmt.date(c.date), what })
                : t('calendar.sessionClash', { number, date: fmt.date(c.date), what })}
            </li>
          );
        })}
      </ul>
      {children}
    </div>
  );
}
