import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeStaff, updateInput, type GroupSetup } from './fixtures';
import { addParticipant } from './participants-fixtures';

// Today is Wednesday 2025-03-12; this ISO week ends on Sunday 2025-03-16.
let t: TestApp;
let s: GroupSetup;
beforeEach(async () => {
  t = createTestApp();
  s = await groupSetup(t, 4);
});
afterEach(() => t.close());

const held = (id: string, heldDate: string, participantCount: number) => t.ok('sessions.record', { id, status: 'held', heldDate, participantCount });

describe('dashboard.get', () => {
  it('shows this week’s sessions from today through Sunday and overdue ones before today', async () => {
    const started = await makeGroup(t, s, { startDate: '2025-03-03', venue: 'A' }); // 03-03, 03-10 overdue
    const today = await makeGroup(t, s, { startDate: '2025-03-12', venue: 'B' });
    const sunday = await makeGroup(t, s, { startDate: '2025-03-16', venue: 'C' });
    await makeGroup(t, s, { startDate: '2025-03-17', venue: 'D' }); // next week: neither list
    const cancelled = await makeGroup(t, s, { startDate: '2025-03-05', venue: 'E' });
    await t.ok('groups.update', updateInput(cancelled, { status: 'cancelled' }));

    const d = await t.ok('dashboard.get', {});
    expect(d.today).toBe('2025-03-12');
    expect(d.upcomingThisWeek.map((x) => [x.groupVenue, x.plannedDate])).toEqual([
      ['B', '2025-03-12'],
      ['C', '2025-03-16'],
    ]);
    expect(d.overdue.map((x) => [x.groupVenue, x.plannedDate])).toEqual([
      ['A', '2025-03-03'],
      ['A', '2025-03-10'],
    ]);
    expect(d.overdueTotal).toBe(2);
    expect(d.upcomingTotal).toBe(2);
    expect(d.overdue[0]).toMatchObject({ groupId: started.id, programmeCode: s.programme.code, unitName: s.unit.name, startTime: '17:30', isExtra: false });
    expect([today.id, sunday.id]).toContain(d.upcomingThisWeek[0]?.groupId);

    // Recording the overdue sessions removes them and starts the group.
    await held(started.sessions[0]!.id, '2025-03-03', 6);
    await t.ok('sessions.record', { id: started.sessions[1]!.id, status: 'cancelled', cancelReason: 'Sjuk ledare' });
    const after = await t.ok('dashboard.get', {});
    expect(after.overdue).toEqual([]);
    expect(after.overdueTotal).toBe(0);
    expect(after.activeGroups).toBe(1);
    expect(after.plannedGroups).toBe(3);
  });

  it('does not list a session before today as overdue when its planned group starts later', async () => {
    const g = await makeGroup(t, s, { startDate: '2025-03-03', venue: 'F' });
    // The start moved to next week without the sessions: 03-03 and 03-10 lie before the start.
    await t.ok('groups.update', updateInput(g, { startDate: '2025-03-19' }));
    const d = await t.ok('dashboard.get', {});
    expect(d.overdue).toEqual([]);
    expect(d.overdueTotal).toBe(0);
    // Once the group has begun (or its start has passed) a missed session is overdue again.
    await t.ok('groups.update', updateInput(g, { startDate: '2025-03-19', status: 'running' }));
    const running = await t.ok('dashboard.get', {});
    expect(running.overdue.map((x) => [x.groupVenue, x.plannedDate])).toEqual([
      ['F', '2025-03-03'],
      ['F', '2025-03-10'],
    ]);
    expect(running.overdueTotal).toBe(2);
  });

  it('counts held sessions and participants of this calendar year only', async () => {
    const g = await makeGroup(t, s, { startDate: '2024-12-23' }); // 12-23, 12-30, 01-06, 01-13
    await held(g.sessions[1]!.id, '2024-12-30', 5);
    await held(g.sessions[2]!.id, '2025-01-06', 7);
    await held(g.sessions[3]!.id, '2025-01-13', 0);
    const d = await t.ok('dashboard.get', {});
    expect([d.sessionsHeldThisYear, d.participantCountThisYear]).toEqual([2, 7]);
    const lastYear = await t.ok('dashboard.get', { today: '2024-12-31' });
    expect([lastYear.sessionsHeldThisYear, lastYear.participantCountThisYear]).toEqual([1, 5]);
    expect(lastYear.today).toBe('2024-12-31');
  });

  it('counts people and visits of this year apart: each person once, each head at each session', async () => {
    const tracked = await makeGroup(t, s, { startDate: '2025-03-03' });
    const [ann, bo, cid] = [await addParticipant(t, tracked.id), await addParticipant(t, tracked.id), await addParticipant(t, tracked.id)];
    const mark = (p: { id: string }, n: number, state: 'present' | 'absent') =>
      t.ok('attendance.set', { participantId: p.id, sessionId: tracked.sessions[n]!.id, state, markHeld: true });
    await mark(ann, 0, 'present');
    await mark(bo, 0, 'absent');
    await mark(cid, 0, 'absent');
    await mark(ann, 1, 'present');
    await mark(bo, 1, 'present');
    await mark(cid, 1, 'absent');
    // Counts only: three enrolled, a head count of 5 typed for the one held session.
    const counted = await makeGroup(t, s, { startDate: '2025-03-03', venue: 'Räknad' });
    for (let i = 0; i < 3; i++) await addParticipant(t, counted.id);
    await t.ok('groups.setTracksAttendance', { id: counted.id, tracksAttendance: false });
    await held(counted.sessions[0]!.id, '2025-03-03', 5);
    const d = await t.ok('dashboard.get', {});
    // Visits: 1 + 2 present in the tracked group, 5 typed. People: Ann and Bo, and the three enrolled where only heads are counted.
    expect(d.participantCountThisYear).toBe(1 + 2 + 5);
    expect(d.peopleThisYear).toBe(2 + 3);
    // A year without held sessions has neither.
    expect((await t.ok('dashboard.get', { today: '2024-06-01' })).peopleThisYear).toBe(0);
  });

  it('lists at most 50 overdue sessions but counts them all', async () => {
    const many = await groupSetup(t, 30);
    await makeGroup(t, many, { startDate: '2024-01-01' });
    await makeGroup(t, many, { startDate: '2024-02-05' });
    const d = await t.ok('dashboard.get', {});
    expect(d.overdue).toHaveLength(50);
    expect(d.overdueTotal).toBe(60);
    expect(d.overdue[0]?.plannedDate).toBe('2024-01-01');
  });

  it('lists at most 50 of this week’s sessions but counts them all', async () => {
    for (let i = 0; i < 52; i++) await makeGroup(t, s, { startDate: i % 2 ? '2025-03-12' : '2025-03-14', venue: `V${i}` });
    const d = await t.ok('dashboard.get', {});
    expect(d.upcomingThisWeek).toHaveLength(50);
    expect(d.upcomingTotal).toBe(52);
    expect(d.upcomingThisWeek[0]?.plannedDate).toBe('2025-03-12');
    expect(d.upcomingThisWeek[49]?.plannedDate).toBe('2025-03-14');
  });
});

describe('stats.get', () => {
  it('counts active registers, groups, sessions by status and recorded participants', async () => {
    const g1 = await makeGroup(t, s, { startDate: '2024-11-04' });
    const g2 = await makeGroup(t, s, { startDate: '2025-02-03' });
    await held(g1.sessions[0]!.id, '2024-11-04', 5);
    await held(g1.sessions[3]!.id, '2024-11-25', 4);
    await held(g2.sessions[0]!.id, '2025-02-03', 6);
    await t.ok('sessions.record', { id: g2.sessions[1]!.id, status: 'cancelled', cancelReason: 'Lov' });
    const archived = await makeStaff(t, { name: 'Gammal ledare', isSupervisor: true });
    await t.ok('staff.setActive', { id: archived.id, active: false });
    await t.ok('units.setActive', { id: s.unit.id, active: false });

    const st = await t.ok('stats.get', {});
    expect(st).toMatchObject({
      programmes: 8,
      units: 13,
      leaders: 2,
      supervisors: 1,
      groups: 2,
      sessions: { planned: 4, held: 3, cancelled: 1 },
      participantCount: 15,
    });
    const ours = st.byProgramme.find((r) => r.key === s.programme.code);
    expect(ours).toEqual({ key: s.programme.code, label: s.programme.name, groups: 2, sessionsHeld: 3, participantCount: 15 });
    // Active programmes without groups are listed with zeros.
    expect(st.byProgramme.find((r) => r.key === 'fKomet')).toMatchObject({ groups: 0, sessionsHeld: 0, participantCount: 0 });
    expect(st.byUnit.find((r) => r.key === s.unit.id)).toMatchObject({ label: s.unit.name, groups: 2, sessionsHeld: 3 });
    expect(st.byYear).toEqual([
      { key: '2024', label: '2024', groups: 1, sessionsHeld: 2, participantCount: 9 },
      { key: '2025', label: '2025', groups: 1, sessionsHeld: 1, participantCount: 6 },
    ]);
  });

  it('is all zeros on a fresh database apart from the seeds', async () => {
    const fresh = createTestApp();
    try {
      const st = await fresh.ok('stats.get', {});
      expect(st).toMatchObject({
        programmes: 7,
        units: 13,
        leaders: 0,
        supervisors: 0,
        groups: 0,
        sessions: { planned: 0, held: 0, cancelled: 0 },
        participantCount: 0,
        byYear: [],
      });
      expect(st.byProgramme).toHaveLength(7);
    } finally {
      fresh.close();
    }
  });
});
