import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldLine, sessionsCalendar, stockholmInstant, type CalendarSession } from '../../../src-renderer/lib/ics';

const session = (over: Partial<CalendarSession> = {}): CalendarSession => ({
  uid: 's1@komet',
  date: '2025-03-03',
  startTime: '17:30',
  minutes: 150,
  summary: 'Komet för föräldrar 3–11, Farsta: träff 1',
  location: 'Familjecentralen, plan 2; rum "Ek"',
  cancelled: false,
  ...over,
});

const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('a group calendar (.ics)', () => {
  it('is read back by an independent parser with the sessions, their Stockholm times and text as written', () => {
    const text = sessionsCalendar(
      'Komet, Farsta',
      [
        session(),
        session({ uid: 's2@komet', date: '2025-03-31', summary: 'Träff 2', location: '' }),
        session({ uid: 's3@komet', date: '2025-04-07', cancelled: true }),
      ],
      new Date('2025-02-01T08:00:00Z'),
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const [first, second, third] = events(text);
    expect(first!.uid).toBe('s1@komet');
    expect(first!.summary).toBe('Komet för föräldrar 3–11, Farsta: träff 1');
    expect(first!.location).toBe('Familjecentralen, plan 2; rum "Ek"');
    // 17:30 in Stockholm: winter time is UTC+1, and after 30 March 2025 summer time is UTC+2.
    expect(first!.startDate.toJSDate().toISOString()).toBe('2025-03-03T16:30:00.000Z');
    expect(first!.endDate.toJSDate().toISOString()).toBe('2025-03-03T19:00:00.000Z');
    expect(second!.startDate.toJSDate().toISOString()).toBe('2025-03-31T15:30:00.000Z');
    expect(second!.location).toBeNull();
    expect(third!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(first!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'å'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('finds the instant of a Stockholm wall-clock time on either side of daylight saving', () => {
    expect(stockholmInstant('2025-01-15', '09:00').toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(stockholmInstant('2025-07-15', '09:00').toISOString()).toBe('2025-07-15T07:00:00.000Z');
    expect(stockholmInstant('2025-10-26', '17:30').toISOString()).toBe('2025-10-26T16:30:00.000Z');
  });
});
