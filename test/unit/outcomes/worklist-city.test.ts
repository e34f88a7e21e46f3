import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src-main/core/domain/dates';
import { computeResponseRates } from '../../../src-main/core/outcomes/results';
import { closedKey, computeWorklist, dueWindow, enteredKey, type WorklistEnrolment, type WorklistPoint } from '../../../src-main/core/outcomes/worklist';

// A small seeded generator, so a failure names the same data every run.
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PROGRAMMES = ['prog-a', 'prog-b', 'prog-c'];
const TIMEPOINTS: [string, number | null][] = [
  ['pre', null],
  ['post', null],
  ['fu4', 30],
  ['fu12', 14],
];

/**
 * Many groups in several programmes, where groups of different programmes run on the same dates
 * and some have no sessions yet: the shapes a whole city's worklist is read from.
 */
function city(seed: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const schedule: WorklistPoint[] = [];
  for (const programmeId of PROGRAMMES)
    for (const instrumentCode of ['SDQ-P', 'ECBI'])
      for (const [timepoint, windowDays] of TIMEPOINTS)
        if (rnd() < 0.7) schedule.push({ programmeId, instrumentCode, timepoint, windowDays, missedAfterDays: pick([30, 90, 365]) });
  const dates = ['2024-01-08', '2024-08-31', '2025-01-31', '2025-03-03', '2025-10-06'];
  const enrolments: WorklistEnrolment[] = [];
  for (let g = 0; g < 60; g++) {
    const first = rnd() < 0.1 ? null : pick(dates);
    const last = first === null ? null : addDays(first, pick([0, 49, 70, 91]));
    const programmeId = pick(PROGRAMMES);
    for (let p = 0; p < 1 + Math.floor(rnd() * 8); p++)
      enrolments.push({
        participantId: `p${g}-${p}`,
        groupId: `g${g}`,
        programmeId,
        status: pick(['active', 'active', 'active', 'dropped', 'moved']),
        firstSession: first,
        lastSession: last,
      });
  }
  const entered = new Set<string>();
  const closed = new Set<string>();
  for (const e of enrolments)
    for (const point of schedule) {
      if (rnd() < 0.3) entered.add(enteredKey(e.participantId, point.instrumentCode, point.timepoint));
      if (rnd() < 0.05) closed.add(closedKey(e.participantId, point.timepoint));
    }
  return { schedule, enrolments, entered, closed };
}

const TODAYS = ['2024-01-01', '2024-03-15', '2025-02-28', '2025-06-01', '2026-01-20', '2026-12-03'];

describe('the worklist and response rates over many groups', () => {
  it('list what a plain per-participant reading of every window lists', () => {
    for (const seed of [1, 2, 3])
      for (const today of TODAYS) {
        const { schedule, enrolments, entered, closed } = city(seed);
        const expected = [];
        for (const e of enrolments)
          for (const point of schedule) {
            if (e.status === 'moved' || point.programmeId !== e.programmeId) continue;
            if (closed.has(closedKey(e.participantId, point.timepoint))) continue;
            if (entered.has(enteredKey(e.participantId, point.instrumentCode, point.timepoint))) continue;
            const w = dueWindow(point.timepoint, point.windowDays, e.firstSession, e.lastSession);
            if (!w || today < w.dueFrom || today > addDays(w.dueTo, point.missedAfterDays)) continue;
            expected.push({
              participantId: e.participantId,
              groupId: e.groupId,
              instrument: point.instrumentCode,
              timepoint: point.timepoint,
              dueFrom: w.dueFrom,
              dueTo: w.dueTo,
              status: today <= w.dueTo ? 'due' : 'overdue',
            });
          }
        const actual = computeWorklist({ enrolments, schedule, entered, closed, today });
        expect(actual).toEqual(expected);
      }
  });

  it('count as due every enrolment whose window has opened, and as returned those with a response', () => {
    let anyDue = 0;
    for (const seed of [1, 2, 3])
      for (const today of TODAYS)
        for (const instrument of ['SDQ-P', 'ECBI']) {
          const { schedule, enrolments, entered } = city(seed);
          const points = schedule.filter((p) => p.instrumentCode === instrument);
          const returned = new Set<string>();
          for (const e of enrolments)
            for (const p of points) if (entered.has(enteredKey(e.participantId, instrument, p.timepoint))) returned.add(`${e.participantId}|${p.timepoint}`);
          const counts = new Map<string, { due: number; returned: number }>();
          for (const e of enrolments)
            for (const p of points) {
              if (e.status === 'moved' || p.programmeId !== e.programmeId) continue;
              const w = dueWindow(p.timepoint, p.windowDays, e.firstSession, e.lastSession);
              if (!w || today < w.dueFrom) continue;
              const c = counts.get(p.timepoint) ?? { due: 0, returned: 0 };
              c.due += 1;
              if (returned.has(`${e.participantId}|${p.timepoint}`)) c.returned += 1;
              counts.set(p.timepoint, c);
            }
          const rates = computeResponseRates({ enrolments, schedule: points, returned, today });
          expect(Object.fromEntries(rates.map((r) => [r.timepoint, { due: r.due, returned: r.returned }]))).toEqual(Object.fromEntries(counts));
          anyDue += rates.reduce((n, r) => n + r.due, 0);
        }
    expect(anyDue).toBeGreaterThan(0);
  });
});
