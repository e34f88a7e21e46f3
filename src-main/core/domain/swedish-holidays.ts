import { addDays, isoWeekday } from './dates';

export interface Holiday {
  date: string;
  name: { sv: string; en: string };
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

/** Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The first date on or after `from` that falls on ISO weekday `weekday` (6 = Saturday). */
const onOrAfter = (from: string, weekday: number) => addDays(from, (weekday - isoWeekday(from) + 7) % 7);

/**
 * Sweden's public holidays (allmänna helgdagar, lag 1989:253) for a year, with the eves that close
 * venues and keep families at home in practice (midsommarafton, julafton, nyårsafton). Sundays
 * are not listed: groups do not meet on them by default. Sorted by date.
 */
export function swedishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const midsummerDay = onOrAfter(iso(year, 6, 20), 6);
  const days: Holiday[] = [
    { date: iso(year, 1, 1), name: { sv: 'nyårsdagen', en: 'New Year’s Day' } },
    { date: iso(year, 1, 6), name: { sv: 'trettondedag jul', en: 'Epiphany' } },
    { date: addDays(easter, -2), name: { sv: 'långfredagen', en: 'Good Friday' } },
    { date: easter, name: { sv: 'påskdagen', en: 'Easter Sunday' } },
    { date: addDays(easter, 1), name: { sv: 'annandag påsk', en: 'Easter Monday' } },
    { date: iso(year, 5, 1), name: { sv: 'första maj', en: 'May Day' } },
    { date: addDays(easter, 39), name: { sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' } },
    { date: addDays(easter, 49), name: { sv: 'pingstdagen', en: 'Whit Sunday' } },
    { date: iso(year, 6, 6), name: { sv: 'Sveriges nationaldag', en: 'National Day of Sweden' } },
    { date: addDays(midsummerDay, -1), name: { sv: 'midsommarafton', en: 'Midsummer Eve' } },
    { date: midsummerDay, name: { sv: 'midsommardagen', en: 'Midsummer Day' } },
    { date: onOrAfter(iso(year, 10, 31), 6), name: { sv: 'alla helgons dag', en: 'All Saints’ Day' } },
    { date: iso(year, 12, 24), name: { sv: 'julafton', en: 'Christmas Eve' } },
    { date: iso(year, 12, 25), name: { sv: 'juldagen', en: 'Christmas Day' } },
    { date: iso(year, 12, 26), name: { sv: 'annandag jul', en: 'Boxing Day' } },
    { date: iso(year, 12, 31), name: { sv: 'nyårsafton', en: 'New Year’s Eve' } },
  ];
  return days.sort((x, y) => x.date.localeCompare(y.date));
}

/** The holiday on a date, if any. */
export function holidayOn(date: string): Holiday | undefined {
  return swedishHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}
