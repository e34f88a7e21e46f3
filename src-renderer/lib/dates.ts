/** Local calendar date, as the server's clock compares session dates. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** One date a week from the start, as the core lays out a new group's sessions (UTC: a date is a calendar day). */
export function weeklyDates(startDate: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(`${startDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    return d.toISOString().slice(0, 10);
  });
}
