import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  /** "tis 4 mars 2025" / "Tue 4 Mar 2025" */
  date(iso: string | null | undefined): string;
  /** "4 mars 2025" / "4 Mar 2025", for table cells */
  shortDate(iso: string | null | undefined): string;
  /** "tisdag" / "Tuesday" from ISO weekday 1–7 */
  weekday(isoWeekday: number): string;
  number(n: number): string;
}

/**
 * A screen formats the same few hundred days again and again (a worklist's group filter: thousands
 * of groups), and date-fns parses and formats each anew: each text is made once per language.
 */
const madeDates = new Map<string, string>();
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * `EEE d MMM yyyy` and `d MMM yyyy` of a plain ISO day, worded by the locale's own localize as
 * date-fns's format words them, without its parsing of the pattern and the date (a screen opened
 * afresh words its few hundred days anew: a worklist page's 300 were a third of its render).
 */
function dayText(iso: string, pattern: string, locale: typeof sv): string | null {
  const withWeekday = pattern === 'EEE d MMM yyyy';
  if (!withWeekday && pattern !== 'd MMM yyyy') return null;
  const parts = isoDay.exec(iso);
  if (!parts) return null;
  const year = Number(parts[1]);
  const month = Number(parts[2]) - 1;
  const day = Number(parts[3]);
  const date = new Date(year, month, day);
  if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  const words = { width: 'abbreviated', context: 'formatting' } as const;
  const text = `${day} ${locale.localize.month(month as never, words)} ${parts[1]}`;
  return withWeekday ? `${locale.localize.day(date.getDay() as never, words)} ${text}` : text;
}

export function dateText(iso: string, pattern: string, locale: typeof sv): string {
  const key = `${locale.code}|${pattern}|${iso}`;
  let text = madeDates.get(key);
  if (text === undefined) {
    text = dayText(iso, pattern, locale) ?? format(parseISO(iso), pattern, { locale });
    if (madeDates.size >= 20_000) madeDates.clear();
    madeDates.set(key, text);
  }
  return text;
}

/** The same as Number.prototype.toLocaleString with the locale, without building a formatter per call. */
const numberFormats = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };

/** Weekday names by language, ISO weekday 1–7: a group list names one on each row. */
const madeWeekdays = new Map<string, string>();
function weekdayText(isoWeekday: number, locale: typeof sv): string {
  const key = `${locale.code}|${isoWeekday}`;
  let text = madeWeekdays.get(key);
  if (text === undefined) {
    text = format(new Date(2024, 0, isoWeekday), 'EEEE', { locale }); // 2024-01-01 was a Monday
    madeWeekdays.set(key, text);
  }
  return text;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const locale = english ? enGB : sv;
  return {
    date: (iso) => (iso ? dateText(iso, 'EEE d MMM yyyy', locale) : '–'),
    shortDate: (iso) => (iso ? dateText(iso, 'd MMM yyyy', locale) : '–'),
    weekday: (d) => weekdayText(d, locale),
    number: (n) => (english ? numberFormats.en : numberFormats.sv).format(n),
  };
}
