/**
 * A group's sessions as an iCalendar file (RFC 5545) for the leaders' calendars. Times are written
 * in UTC, converted from Stockholm's wall clock on each session's own day, so a calendar shows the
 * right hour on both sides of a daylight-saving change without a VTIMEZONE block. Nothing about the
 * participants goes in: a calendar is synced to places the database never goes.
 */

export interface CalendarSession {
  /** Stable across exports, so a re-import updates the events instead of doubling them. */
  uid: string;
  date: string;
  startTime: string;
  minutes: number;
  summary: string;
  location: string;
  cancelled: boolean;
}

const ZONE = 'Europe/Stockholm';
const zoneParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Stockholm's clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(utcMs: number): number {
  const p = Object.fromEntries(zoneParts.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - utcMs;
}

/** The instant Stockholm's clock shows this date and time. */
export function stockholmInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hh!, mm!);
  // Twice: the first guess may sit on the other side of a change of offset.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

const utcStamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export const escapeText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

const encoder = new TextEncoder();

/** Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function sessionsCalendar(name: string, sessions: readonly CalendarSession[], now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Komet//Komet//SV', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`];
  for (const s of sessions) {
    const start = stockholmInstant(s.date, s.startTime);
    const end = new Date(start.getTime() + s.minutes * 60_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART:${utcStamp(start)}`,
      `DTEND:${utcStamp(end)}`,
      `SUMMARY:${escapeText(s.summary)}`,
      ...(s.location ? [`LOCATION:${escapeText(s.location)}`] : []),
      `STATUS:${s.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
