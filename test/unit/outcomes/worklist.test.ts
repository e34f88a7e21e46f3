import { describe, expect, it } from 'vitest';
import { closedKey, computeWorklist, dueWindow, enteredKey, type WorklistEnrolment, type WorklistPoint } from '../../../src-main/core/outcomes/worklist';

const P = 'a0000000-0000-4000-8000-000000000001';
const G = 'b0000000-0000-4000-8000-000000000001';
const PROG = 'c0000000-0000-4000-8000-000000000001';

// A group whose first session is Monday 2025-03-03 and whose last is Monday 2025-05-12.
const enrolment = (over: Partial<WorklistEnrolment> = {}): WorklistEnrolment => ({
  participantId: P,
  groupId: G,
  programmeId: PROG,
  status: 'active',
  firstSession: '2025-03-03',
  lastSession: '2025-05-12',
  ...over,
});
// A year overdue before missed, so the window tests below never reach the end of overdue.
const point = (timepoint: string, windowDays: number | null = null, missedAfterDays = 365): WorklistPoint => ({
  programmeId: PROG,
  instrumentCode: 'ECBI',
  timepoint,
  windowDays,
  missedAfterDays,
});

const on = (today: string, points: WorklistPoint[], over: { entered?: string[]; closed?: string[]; enrolment?: Partial<WorklistEnrolment> } = {}) =>
  computeWorklist({
    enrolments: [enrolment(over.enrolment)],
    schedule: points,
    entered: new Set(over.entered ?? []),
    closed: new Set(over.closed ?? []),
    today,
  }).map((d) => [d.timepoint, d.dueFrom, d.dueTo, d.status]);

describe('a time point’s window', () => {
  it('pre: from 28 days before the first session until it', () => {
    expect(dueWindow('pre', null, '2025-03-03', '2025-05-12')).toEqual({ dueFrom: '2025-02-03', dueTo: '2025-03-03' });
  });
  it('post: from the last session to 56 days after', () => {
    expect(dueWindow('post', null, '2025-03-03', '2025-05-12')).toEqual({ dueFrom: '2025-05-12', dueTo: '2025-07-07' });
  });
  it('follow-up: N calendar months after the last session, then its window', () => {
    expect(dueWindow('fu6', 30, '2025-03-03', '2025-05-12')).toEqual({ dueFrom: '2025-11-12', dueTo: '2025-12-12' });
    expect(dueWindow('fu10', 14, '2025-03-03', '2025-05-12')).toEqual({ dueFrom: '2026-03-12', dueTo: '2026-03-26' });
  });
  it('follow-up from the 31st lands on the month’s last day', () => {
    expect(dueWindow('fu1', 10, '2025-01-06', '2025-01-31')).toEqual({ dueFrom: '2025-02-28', dueTo: '2025-03-10' });
    expect(dueWindow('fu1', 10, '2024-01-08', '2024-01-31')).toEqual({ dueFrom: '2024-02-29', dueTo: '2024-03-10' });
  });
  it('none while the group has no sessions, nor for a code that is no time point', () => {
    expect(dueWindow('pre', null, null, null)).toBeNull();
    expect(dueWindow('post', null, '2025-03-03', null)).toBeNull();
    expect(dueWindow('mid', null, '2025-03-03', '2025-05-12')).toBeNull();
  });
});

describe('the worklist at every window boundary', () => {
  it('pre: absent the day before it opens, due on its first and last day, overdue the day after', () => {
    expect(on('2025-02-02', [point('pre')])).toEqual([]);
    expect(on('2025-02-03', [point('pre')])).toEqual([['pre', '2025-02-03', '2025-03-03', 'due']]);
    expect(on('2025-03-03', [point('pre')])).toEqual([['pre', '2025-02-03', '2025-03-03', 'due']]);
    expect(on('2025-03-04', [point('pre')])).toEqual([['pre', '2025-02-03', '2025-03-03', 'overdue']]);
  });

  it('post: absent the day before the last session, due through 56 days after, then overdue', () => {
    expect(on('2025-05-11', [point('post')])).toEqual([]);
    expect(on('2025-05-12', [point('post')])).toEqual([['post', '2025-05-12', '2025-07-07', 'due']]);
    expect(on('2025-07-07', [point('post')])).toEqual([['post', '2025-05-12', '2025-07-07', 'due']]);
    expect(on('2025-07-08', [point('post')])).toEqual([['post', '2025-05-12', '2025-07-07', 'overdue']]);
  });

  it('follow-up: absent the day before it falls due, due through its window, then overdue', () => {
    expect(on('2025-11-11', [point('fu6', 30)])).toEqual([]);
    expect(on('2025-11-12', [point('fu6', 30)])).toEqual([['fu6', '2025-11-12', '2025-12-12', 'due']]);
    expect(on('2025-12-12', [point('fu6', 30)])).toEqual([['fu6', '2025-11-12', '2025-12-12', 'due']]);
    expect(on('2025-12-13', [point('fu6', 30)])).toEqual([['fu6', '2025-11-12', '2025-12-12', 'overdue']]);
  });

  it('overdue through the schedule’s days after the window, then missed and gone', () => {
    // post closes 2025-07-07; with 30 days it is overdue through 2025-08-06.
    expect(on('2025-08-06', [point('post', null, 30)])).toEqual([['post', '2025-05-12', '2025-07-07', 'overdue']]);
    expect(on('2025-08-07', [point('post', null, 30)])).toEqual([]);
    // pre closes 2025-03-03; one day overdue: 2025-03-04 only.
    expect(on('2025-03-04', [point('pre', null, 1)])).toEqual([['pre', '2025-02-03', '2025-03-03', 'overdue']]);
    expect(on('2025-03-05', [point('pre', null, 1)])).toEqual([]);
    // fu6 closes 2025-12-12; 90 days later is 2026-03-12.
    expect(on('2026-03-12', [point('fu6', 30, 90)])).toEqual([['fu6', '2025-11-12', '2025-12-12', 'overdue']]);
    expect(on('2026-03-13', [point('fu6', 30, 90)])).toEqual([]);
  });

  it('keeps dropouts and those who never started in for post and follow-up', () => {
    for (const status of ['dropped_out', 'never_started', 'not_completed']) {
      expect(on('2025-11-12', [point('post'), point('fu6', 30)], { enrolment: { status } })).toEqual([
        ['post', '2025-05-12', '2025-07-07', 'overdue'],
        ['fu6', '2025-11-12', '2025-12-12', 'due'],
      ]);
    }
  });

  it('leaves out an enrolment that moved to another group', () => {
    expect(on('2025-03-03', [point('pre')], { enrolment: { status: 'moved' } })).toEqual([]);
  });

  it('clears a row once its response is entered, for that instrument only', () => {
    const points = [point('pre'), { ...point('pre'), instrumentCode: 'SDQ-P' }];
    expect(
      computeWorklist({
        enrolments: [enrolment()],
        schedule: points,
        entered: new Set([enteredKey(P, 'ECBI', 'pre')]),
        closed: new Set(),
        today: '2025-03-01',
      }),
    ).toEqual([{ participantId: P, groupId: G, instrument: 'SDQ-P', timepoint: 'pre', dueFrom: '2025-02-03', dueTo: '2025-03-03', status: 'due' }]);
  });

  it('clears every instrument at a time point the participant declined or could not be reached at', () => {
    expect(on('2025-05-20', [point('post'), point('pre')], { closed: [closedKey(P, 'post')] })).toEqual([['pre', '2025-02-03', '2025-03-03', 'overdue']]);
  });

  it('lists nothing for a programme without a schedule', () => {
    expect(on('2025-03-01', [{ ...point('pre'), programmeId: 'other' }])).toEqual([]);
  });
});
