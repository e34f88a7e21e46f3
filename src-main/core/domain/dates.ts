/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD). Everything runs in UTC on purpose: a date is a
 * calendar day, not an instant, so no local-time shift may move it across midnight.
 */
const toUtc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  const d = toUtc(isoDate);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const day = toUtc(isoDate).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Sunday that ends the ISO week containing the date. */
export const endOfIsoWeek = (isoDate: string): string => addDays(isoDate, 7 - isoWeekday(isoDate));

/** First day of the date's year and first day of the following year, for half-open ranges. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year + 1).padStart(4, '0')}-01-01` };
}

/** Planned dates for a programme's sessions: one a week, starting on the group's start date. */
export const weeklyDates = (startDate: string, count: number): string[] => Array.from({ length: count }, (_, i) => addDays(startDate, 7 * i));
