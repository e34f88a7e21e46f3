import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { addParticipant, markRow } from './participants-fixtures';
import { course, hold, supervise, supervisionInput, world, type World } from './leaders-fixtures';

let t: TestApp;
afterEach(() => t.close());

const rulesOf = async (w: World, today?: string) =>
  (await t.ok('leaders.overview', { today })).rows.find((r) => r.leaderId === w.anna.id)!.attention.map((a) => a.rule);

describe('needs attention on recorded data', () => {
  it('a running group without supervision: flagged at 4 weeks from its start, cleared by a supervision about it', async () => {
    t = createTestApp({ now: '2025-02-03T10:00:00.000Z' });
    const w = await world(t);
    await hold(t, w.group, 1);
    expect(await rulesOf(w, '2025-02-02')).toEqual([]);
    expect(await rulesOf(w, '2025-02-03')).toEqual(['no_supervision']);
    await t.ok('supervision.create', supervisionInput(w, { date: '2025-01-20' }));
    expect(await rulesOf(w, '2025-02-16')).toEqual([]);
    expect(await rulesOf(w, '2025-02-17')).toEqual(['no_supervision']);
  });

  it('low attendance and low fidelity in a running group, at their limits', async () => {
    t = createTestApp();
    const w = await world(t);
    await supervise(t, w, 1, '2025-03-10');
    const ps = [];
    for (let i = 0; i < 5; i++) ps.push(await addParticipant(t, w.group.id, { enrolmentDate: '2025-01-01', consentDate: '2025-01-01' }));
    // 3 of 5 present = 60 %: on the limit, not flagged.
    for (const [i, p] of ps.entries()) await markRow(t, w.group, p.id, i < 3 ? 'P' : 'N');
    await t.ok('fidelity.record', { sessionId: w.group.sessions[0]!.id, covered: ['theme', 'video', 'role_play'] });
    const page = await t.ok('leaders.page', { leaderId: w.anna.id });
    expect(page.groups[0]).toMatchObject({ meanAttendance: 0.6, meanFidelity: 75 });
    expect(await rulesOf(w)).toEqual([]);
    await markRow(t, w.group, ps[2]!.id, 'A');
    await t.ok('fidelity.record', { sessionId: w.group.sessions[0]!.id, covered: ['theme', 'video'] });
    expect(await rulesOf(w)).toEqual(['low_attendance', 'low_fidelity']);
    const flags = (await t.ok('leaders.page', { leaderId: w.anna.id })).attention;
    expect(flags[0]!.message.sv).toMatch(/närvaron är 40 % \(gräns 60 %\)/);
    await t.ok('leaderSettings.update', { inactiveAfterMonths: 24, noSupervisionWeeks: 4, lowAttendancePercent: 40, lowFidelityPercent: 50 });
    expect(await rulesOf(w)).toEqual([]);
  });

  it('requirements met but not certified, and an overdue follow-up, until acted on', async () => {
    t = createTestApp();
    const w = await world(t);
    const days = ['2024-09-02', '2024-09-03', '2024-10-07', '2024-10-08'];
    await course(t, w.programme.id, days, [{ leaderId: w.anna.id, dates: days }]);
    await hold(t, w.group, 5);
    await supervise(t, w, 4);
    const s = await t.ok(
      'supervision.create',
      supervisionInput(w, { date: '2025-03-01', followUps: [{ text: 'Filma en träff', dueDate: '2025-03-11', leaderId: w.anna.id }] }),
    );
    const overview = await t.ok('leaders.overview', { attentionOnly: true });
    expect(overview.rows.map((r) => r.name)).toEqual(['Anna Lind']);
    expect(overview.rows[0]!.attention.map((a) => [a.rule, a.programmeId ?? a.followUpId])).toEqual([
      ['ready_for_certification', w.programme.id],
      ['follow_up_overdue', s.followUps[0]!.id],
    ]);
    expect(overview.rules.map((r) => r.rule)).toEqual(['no_supervision', 'low_attendance', 'low_fidelity', 'ready_for_certification', 'follow_up_overdue']);
    await t.ok('certifications.certify', { leaderId: w.anna.id, programmeId: w.programme.id, date: '2025-03-12', supervisorId: w.sara.id });
    await t.ok('followUps.setDone', { id: s.followUps[0]!.id, done: true });
    expect(await rulesOf(w)).toEqual([]);
  });
});
