import { addDays } from '../domain/dates';

const toUtc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const daysBetween = (from: string, to: string) => Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
const lastOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);

/**
 * The period of equal length just before a report's period (dates inclusive). Whole calendar
 * months compare with as many months before (a year with the year before, a term with the term
 * before), so a leap day does not shift the comparison by a day; any other period with the same
 * number of days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = toUtc(from);
  const end = toUtc(to);
  const wholeMonths = start.getUTCDate() === 1 && lastOfMonth(end.getUTCFullYear(), end.getUTCMonth()) === to;
  if (wholeMonths) {
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth() + 1;
    const first = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
    return { from: first, to: addDays(from, -1) };
  }
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

/** Calendar year, or a term: spring January–June, autumn July–December. */
export function yearPeriod(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
export function termPeriod(year: number, term: 'spring' | 'autumn'): { from: string; to: string } {
  return term === 'spring' ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}
