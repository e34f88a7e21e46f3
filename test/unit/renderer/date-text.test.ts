import { format, parseISO } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import { dateText } from '../../../src-renderer/lib/format';

// Every day of a leap year and its neighbours, both patterns and both languages: the words must be
// date-fns's own, day for day (weekday and month abbreviations, no leading zero, four-digit year).
const days: string[] = [];
for (let t = Date.UTC(2023, 11, 25); t <= Date.UTC(2025, 0, 5); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));

describe('dateText', () => {
  for (const locale of [sv, enGB]) {
    for (const pattern of ['EEE d MMM yyyy', 'd MMM yyyy']) {
      it(`words ${pattern} in ${locale.code} as date-fns does`, () => {
        for (const iso of days) expect(dateText(iso, pattern, locale)).toBe(format(parseISO(iso), pattern, { locale }));
      });
    }
  }

  it('leaves other patterns, timestamps and impossible days to date-fns', () => {
    expect(dateText('2025-03-04', 'EEEE', sv)).toBe('tisdag');
    expect(dateText('2025-03-04T10:00:00', 'd MMM yyyy', sv)).toBe(format(parseISO('2025-03-04T10:00:00'), 'd MMM yyyy', { locale: sv }));
    expect(() => dateText('2025-02-30', 'd MMM yyyy', sv)).toThrow();
  });

  it('reads known days', () => {
    expect(dateText('2025-03-04', 'EEE d MMM yyyy', sv)).toBe('tis 4 mars 2025');
    expect(dateText('2025-09-01', 'd MMM yyyy', enGB)).toBe('1 Sep 2025');
    expect(dateText('2024-02-29', 'EEE d MMM yyyy', enGB)).toBe('Thu 29 Feb 2024');
  });
});
