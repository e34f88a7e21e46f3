import { describe, expect, it } from 'vitest';
import { easterSunday, holidayOn, swedishHolidays } from '../../src-main/core/domain/swedish-holidays';

// Written out from the published Swedish calendars for these years, not from the code.
const known: Record<number, Record<string, string>> = {
  2026: {
    '2026-01-01': 'nyårsdagen',
    '2026-01-06': 'trettondedag jul',
    '2026-04-03': 'långfredagen',
    '2026-04-05': 'påskdagen',
    '2026-04-06': 'annandag påsk',
    '2026-05-01': 'första maj',
    '2026-05-14': 'Kristi himmelsfärdsdag',
    '2026-05-24': 'pingstdagen',
    '2026-06-06': 'Sveriges nationaldag',
    '2026-06-19': 'midsommarafton',
    '2026-06-20': 'midsommardagen',
    '2026-10-31': 'alla helgons dag',
    '2026-12-24': 'julafton',
    '2026-12-25': 'juldagen',
    '2026-12-26': 'annandag jul',
    '2026-12-31': 'nyårsafton',
  },
  2027: {
    '2027-01-01': 'nyårsdagen',
    '2027-01-06': 'trettondedag jul',
    '2027-03-26': 'långfredagen',
    '2027-03-28': 'påskdagen',
    '2027-03-29': 'annandag påsk',
    '2027-05-01': 'första maj',
    '2027-05-06': 'Kristi himmelsfärdsdag',
    '2027-05-16': 'pingstdagen',
    '2027-06-06': 'Sveriges nationaldag',
    '2027-06-25': 'midsommarafton',
    '2027-06-26': 'midsommardagen',
    '2027-11-06': 'alla helgons dag',
    '2027-12-24': 'julafton',
    '2027-12-25': 'juldagen',
    '2027-12-26': 'annandag jul',
    '2027-12-31': 'nyårsafton',
  },
};

describe('Swedish public holidays', () => {
  for (const [year, days] of Object.entries(known)) {
    it(`lists exactly the holidays of ${year}`, () => {
      expect(Object.fromEntries(swedishHolidays(Number(year)).map((h) => [h.date, h.name.sv]))).toEqual(days);
    });
  }

  it('finds Easter on known dates across centuries', () => {
    expect(['2000', '2008', '2011', '2019', '2024', '2038', '2285'].map((y) => easterSunday(Number(y)))).toEqual([
      '2000-04-23',
      '2008-03-23',
      '2011-04-24',
      '2019-04-21',
      '2024-03-31',
      '2038-04-25',
      '2285-03-22',
    ]);
  });

  it('names the holiday on a date and nothing on an ordinary day', () => {
    expect(holidayOn('2027-05-06')?.name.en).toBe('Ascension Day');
    expect(holidayOn('2027-05-05')).toBeUndefined();
  });
});
