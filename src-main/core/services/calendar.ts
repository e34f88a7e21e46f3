import type { CalendarConflict, ParsedInput, SchoolBreak } from '../../contract';
import { addDays } from '../domain/dates';
import { missing } from '../domain/errors';
import { holidayOn } from '../domain/swedish-holidays';
import type { Repos } from '../repos';
import type { ServiceContext } from './context';

/** How far ahead "skip to the next free week" looks before giving up (a long summer break). */
const maxWeeksAhead = 12;

/**
 * Which of the dates fall on a Swedish public holiday or one of the unit's school breaks, each with
 * the first free date whole weeks later. Used when sessions are generated and when one is moved.
 */
export function calendarConflicts(repos: Repos, unitId: string | null, dates: readonly string[]): CalendarConflict[] {
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  const breaks = unitId ? repos.schoolBreaks.overlapping(unitId, sorted[0]!, addDays(sorted[sorted.length - 1]!, 7 * maxWeeksAhead)) : [];
  const blocking = (date: string): { kind: CalendarConflict['kind']; name: CalendarConflict['name'] } | null => {
    const holiday = holidayOn(date);
    if (holiday) return { kind: 'holiday', name: holiday.name };
    const b = breaks.find((x: SchoolBreak) => x.startDate <= date && date <= x.endDate);
    return b ? { kind: 'school_break', name: { sv: b.name, en: b.name } } : null;
  };
  const conflicts: CalendarConflict[] = [];
  for (const date of dates) {
    const hit = blocking(date);
    if (!hit) continue;
    let next = addDays(date, 7);
    for (let i = 1; i < maxWeeksAhead && blocking(next); i++) next = addDays(next, 7);
    conflicts.push({ date, ...hit, nextFree: next });
  }
  return conflicts;
}

/** Weekly dates from the start, each one that falls on a holiday or break pushed (with all later ones) a week on. */
export function weeklyDatesSkipping(repos: Repos, unitId: string, startDate: string, count: number): string[] {
  const dates: string[] = [];
  let candidate = startDate;
  let guard = 0;
  while (dates.length < count && guard++ < count + 60) {
    if (calendarConflicts(repos, unitId, [candidate]).length === 0) dates.push(candidate);
    candidate = addDays(candidate, 7);
  }
  return dates;
}

export function calendarService({ repos, tx, audit }: ServiceContext) {
  return {
    check: ({ unitId, groupId, dates }: ParsedInput<'calendar.check'>) => {
      const unit = unitId ?? (groupId ? (repos.groups.row(groupId)?.unitId ?? null) : null);
      return { conflicts: calendarConflicts(repos, unit, dates) };
    },
    listBreaks: ({ unitId }: ParsedInput<'schoolBreaks.list'>): SchoolBreak[] => repos.schoolBreaks.listForUnit(unitId),
    createBreak: (input: ParsedInput<'schoolBreaks.create'>): SchoolBreak =>
      tx(() => {
        if (!repos.units.get(input.unitId)) throw missing('unit');
        const created = repos.schoolBreaks.insert(input);
        audit.record({ action: 'create', entity: 'school_break', entityId: created.id, fields: ['name', 'startDate', 'endDate'] });
        return created;
      }),
    deleteBreak: ({ id }: ParsedInput<'schoolBreaks.delete'>) =>
      tx(() => {
        if (!repos.schoolBreaks.get(id)) throw missing('school_break');
        repos.schoolBreaks.delete(id);
        audit.record({ action: 'delete', entity: 'school_break', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
