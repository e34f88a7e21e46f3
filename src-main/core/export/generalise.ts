import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import type { IsoDate, PeriodGranularity } from './model';

/**
 * Generalisation of quasi-identifiers. Exact dates and birth years single people out when
 * combined with a unit and a programme; periods and ages (or age bands) are what evaluators need.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: IsoDate): { y: number; m: number; d: number } {
  const match = date.match(DATE_RE);
  if (!match) throw new Error('not an ISO date');
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new Error('not a calendar date');
  }
  return { y, m, d };
}

/**
 * "2024-03" (month), "2024-W11" (ISO week, with the ISO week-year), "2024-Q1" (quarter),
 * "2024-H1" (half-year), "2024" (year).
 */
export function generalisePeriod(date: IsoDate, granularity: PeriodGranularity): string {
  const { y, m, d } = parseDate(date);
  switch (granularity) {
    case 'month':
      return `${y}-${String(m).padStart(2, '0')}`;
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'half':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'year':
      return String(y);
    case 'week': {
      // Local-noon construction keeps date-fns away from any time-zone edge.
      const local = new Date(y, m - 1, d, 12);
      return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
    }
  }
}

export const yearOf = (date: IsoDate): number => parseDate(date).y;

/**
 * The calendar years a published period may lie in, as a reader of the files sees it: one year,
 * except an ISO week that straddles New Year, which may be in either.
 */
export function yearsOfPeriod(date: IsoDate, granularity: PeriodGranularity): number[] {
  const { y, m, d } = parseDate(date);
  if (granularity !== 'week') return [y];
  const local = new Date(y, m - 1, d, 12);
  const weekday = (local.getDay() + 6) % 7;
  const monday = new Date(y, m - 1, d - weekday, 12).getFullYear();
  const sunday = new Date(y, m - 1, d - weekday + 6, 12).getFullYear();
  return monday === sunday ? [monday] : [monday, sunday];
}

export const PERIOD_PATTERNS: Record<PeriodGranularity, string> = {
  month: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  week: '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$',
  quarter: '^[0-9]{4}-Q[1-4]$',
  half: '^[0-9]{4}-H[12]$',
  year: '^[0-9]{4}$',
};

export const AGE_BANDS = ['0-2', '3-5', '6-8', '9-11', '12-14', '15-18'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const MAX_CHILD_AGE = 18;

/**
 * Age in whole years at group start, derived from the birth year alone (the exact birth date is
 * never stored): the age the child reaches during the start year. Implausible values become null
 * rather than being exported as outliers that single a family out.
 */
export function childAgeAtStart(birthYear: number | null, groupStart: IsoDate): number | null {
  if (birthYear === null || !Number.isInteger(birthYear)) return null;
  const age = yearOf(groupStart) - birthYear;
  return age >= 0 && age <= MAX_CHILD_AGE ? age : null;
}

export function ageBand(age: number | null): AgeBand | null {
  if (age === null || age < 0 || age > MAX_CHILD_AGE) return null;
  if (age >= 15) return '15-18';
  return AGE_BANDS[Math.floor(age / 3)] ?? null;
}

/** Codes are exported only when they look like codes; free text typed into a code field is not. */
export const safeCode = (value: string | null | undefined): string | null =>
  value == null || value === '' ? null : /^[a-z0-9_]{1,32}$/.test(value) ? value : 'other';
