import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { updateInput } from './fixtures';
import { addParticipant, groupWith, laterNow, markRow, participant } from './participants-fixtures';

// The clock is at 2025-06-30, so all ten weekly sessions from 2025-03-03 lie in the past.
let t: TestApp;
let g: GroupDetail;
beforeEach(async () => {
  t = createTestApp({ now: laterNow });
  ({ group: g } = await groupWith(t, 10));
});
afterEach(() => t.close());

const finish = async () => {
  // Marks made every session held; recording the last one by hand as well changes nothing.
  for (const s of (await t.ok('attendance.grid', { groupId: g.id })).sessions) {
    if (s.status === 'planned') await t.ok('sessions.record', { id: s.id, status: 'held', heldDate: s.plannedDate, participantCount: 0 });
  }
};

describe('dropout and at-risk on real attendance (defaults 2 / 3)', () => {
  it('flags at risk at two absences in a row, drops out at three, and lists them on the dashboard', async () => {
    const p = await addParticipant(t, g.id);
    const anchor = await addParticipant(t, g.id);
    await markRow(t, g, anchor.id, 'PPPPP');
    await markRow(t, g, p.id, 'PA');
    expect(await participant(t, p.id)).toMatchObject({ status: 'active', atRisk: false, absentStreak: 1 });
    await markRow(t, g, p.id, '..A');
    expect(await participant(t, p.id)).toMatchObject({ status: 'active', atRisk: true, absentStreak: 2 });
    const dash = await t.ok('dashboard.participation', {});
    expect(dash.atRisk.map((r) => r.participantId)).toEqual([p.id]);
    expect(dash.atRiskTotal).toBe(1);
    const r = await t.ok('attendance.set', { participantId: p.id, sessionId: g.sessions[3]!.id, state: 'absent' });
    expect(r.participants).toEqual([{ id: p.id, status: 'dropped_out', atRisk: false, absentStreak: 3, presentCount: 1 }]);
    expect(await participant(t, p.id)).toMatchObject({ status: 'dropped_out', lastSessionAttended: 1 });
    expect((await t.ok('dashboard.participation', {})).atRiskTotal).toBe(0);
    // Back at the next session: active again, the rules follow the marks.
    await markRow(t, g, p.id, '....P');
    expect((await participant(t, p.id)).status).toBe('active');
  });

  it('absence with notice ends the run', async () => {
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'PAANA');
    expect(await participant(t, p.id)).toMatchObject({ status: 'active', atRisk: false, absentStreak: 1 });
  });

  it('keeps someone active when the leader overrides, and drops them once the override is lifted', async () => {
    const p = await addParticipant(t, g.id);
    await t.ok('participants.setKeepActive', { id: p.id, keepActive: true });
    await markRow(t, g, p.id, 'PAAAA');
    expect(await participant(t, p.id)).toMatchObject({ status: 'active', keepActive: true, atRisk: true });
    expect((await t.ok('participants.setKeepActive', { id: p.id, keepActive: false })).status).toBe('dropped_out');
  });
});

describe('completion rate mid-course', () => {
  it('shows no rate while anyone is still active, rather than 0 % after one dropout', async () => {
    const stays = await addParticipant(t, g.id);
    const leaves = await addParticipant(t, g.id);
    await markRow(t, g, stays.id, 'PPPP');
    await markRow(t, g, leaves.id, 'PAAAA');
    expect((await participant(t, leaves.id)).status).toBe('dropped_out');
    const overview = await t.ok('groups.overview', { id: g.id });
    expect(overview.summary).toMatchObject({ active: 1, droppedOut: 1, completed: 0, completionRate: null });
  });
});

describe('completion when the group ends (default 70 %)', () => {
  it('completes at exactly 7 of 10, not at 6 of 10; the summary and the year’s rate follow', async () => {
    const seven = await addParticipant(t, g.id);
    const six = await addParticipant(t, g.id);
    await markRow(t, g, seven.id, 'PPPPPPPNN');
    await markRow(t, g, six.id, 'PPPPPPNNN');
    expect((await participant(t, seven.id)).status).toBe('active');
    // The tenth session is held without marks for them: it still counts as held.
    await finish();
    expect(await participant(t, seven.id)).toMatchObject({ status: 'completed', presentCount: 7, heldCount: 10 });
    expect((await participant(t, six.id)).status).toBe('not_completed');
    const overview = await t.ok('groups.overview', { id: g.id });
    expect(overview.summary).toMatchObject({ completed: 1, completionRate: 0.5, meanAttendance: expect.closeTo(13 / 18, 5), familiesReached: 2 });
    expect((await t.ok('dashboard.participation', { today: '2025-06-30' })).completionRateThisYear).toBe(0.5);
    expect((await t.ok('stats.participation', {})).participants).toMatchObject({ total: 2, completed: 1, droppedOut: 0, families: 2 });
  });

  it('counts only ended groups in the year’s rate, so a dropout mid-course is not taken as final', async () => {
    const stays = await addParticipant(t, g.id);
    const leaves = await addParticipant(t, g.id);
    await markRow(t, g, stays.id, 'PPPP');
    await markRow(t, g, leaves.id, 'PAAAA');
    expect((await participant(t, leaves.id)).status).toBe('dropped_out');
    // The only group is mid-course: no rate yet, rather than 0 of 1.
    expect((await t.ok('dashboard.participation', { today: '2025-06-30' })).completionRateThisYear).toBeNull();
    const { group: ended } = await groupWith(t, 4);
    const done = await addParticipant(t, ended.id);
    const short = await addParticipant(t, ended.id);
    await markRow(t, ended, done.id, 'PPPP');
    await markRow(t, ended, short.id, 'PAPA');
    expect((await participant(t, done.id)).status).toBe('completed');
    expect((await participant(t, short.id)).status).toBe('not_completed');
    // One of the two in the ended group; the running group's dropout waits for its group to end.
    expect((await t.ok('dashboard.participation', { today: '2025-06-30' })).completionRateThisYear).toBe(1 / 2);
  });

  it('settles completion when the group is marked completed, and reopens it when it is not', async () => {
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'PPPP');
    await t.ok('groups.update', updateInput(await t.ok('groups.get', { id: g.id }), { status: 'completed' }));
    // 4 held, 4 present: 100 %.
    expect((await participant(t, p.id)).status).toBe('completed');
    await t.ok('groups.update', updateInput(await t.ok('groups.get', { id: g.id }), { status: 'running' }));
    expect((await participant(t, p.id)).status).toBe('active');
  });
});

describe('programmeRules', () => {
  it('starts from the defaults and re-evaluates every participant when edited', async () => {
    expect(await t.ok('programmeRules.get', { programmeId: g.programmeId })).toEqual({
      programmeId: g.programmeId,
      completionPercent: 70,
      dropoutAfter: 3,
      atRiskAfter: 2,
      isDefault: true,
    });
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'PPPPPPNNNN');
    await finish();
    expect((await participant(t, p.id)).status).toBe('not_completed');
    const q = await addParticipant(t, g.id);
    await markRow(t, g, q.id, 'PPPPPPPPAA');
    const rules = await t.ok('programmeRules.update', { programmeId: g.programmeId, completionPercent: 60, dropoutAfter: 2, atRiskAfter: 1 });
    expect(rules).toMatchObject({ completionPercent: 60, dropoutAfter: 2, isDefault: false });
    expect((await participant(t, p.id)).status).toBe('completed');
    expect((await participant(t, q.id)).status).toBe('dropped_out');
    expect(t.audit.at(-1)).toMatchObject({ entity: 'programmeRules', fields: ['completionPercent', 'dropoutAfter', 'atRiskAfter'] });
  });

  it('refuses out-of-range values, at-risk after dropout and unknown programmes, writing nothing', async () => {
    const before = t.snapshot();
    const bad = await t.fail('programmeRules.update', { programmeId: g.programmeId, completionPercent: 0, dropoutAfter: 21, atRiskAfter: 2.5 });
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['atRiskAfter', 'completionPercent', 'dropoutAfter']);
    expect(bad.issues?.find((i) => i.path === 'completionPercent')?.message.sv).toMatch(/mellan 1 och 100 procent/);
    const order = await t.fail('programmeRules.update', { programmeId: g.programmeId, completionPercent: 70, dropoutAfter: 2, atRiskAfter: 3 });
    expect(order.issues).toEqual([{ path: 'atRiskAfter', message: expect.objectContaining({ sv: expect.stringMatching(/före/) }) }]);
    expect((await t.fail('programmeRules.update', { programmeId: crypto.randomUUID(), completionPercent: 70, dropoutAfter: 3, atRiskAfter: 2 })).code).toBe(
      'not_found',
    );
    expect((await t.fail('programmeRules.get', { programmeId: 'x' })).issues?.[0]?.path).toBe('programmeId');
    expect(t.snapshot()).toBe(before);
  });
});

describe('dropoutReasons', () => {
  it('is seeded with a short Swedish/English list that users extend, rename and archive', async () => {
    const seeded = await t.ok('dropoutReasons.list', {});
    expect(seeded.length).toBe(7);
    expect(seeded[0]).toMatchObject({
      code: 'time',
      sv: 'Tidsbrist eller krock med arbete',
      en: 'Lack of time or clash with work',
      active: true,
      usedCount: 0,
    });
    const created = await t.ok('dropoutReasons.create', { sv: 'Barnet bytte skola', en: 'The child changed school' });
    expect(created.code).toMatch(/^custom-/);
    expect((await t.ok('dropoutReasons.update', { id: created.id, sv: 'Bytte skola', en: '' })).sv).toBe('Bytte skola');
    await t.ok('dropoutReasons.setActive', { id: created.id, active: false });
    expect((await t.ok('dropoutReasons.list', {})).length).toBe(7);
    expect((await t.ok('dropoutReasons.list', { includeArchived: true })).length).toBe(8);
  });

  it('refuses empty and duplicate labels and unknown ids, writing nothing', async () => {
    const before = t.snapshot();
    expect((await t.fail('dropoutReasons.create', { sv: ' ' })).issues?.[0]).toMatchObject({ path: 'sv', message: { sv: 'Ange en benämning för orsaken.' } });
    const dup = await t.fail('dropoutReasons.create', { sv: 'sjukdom' });
    expect(dup).toMatchObject({ code: 'conflict', issues: [{ path: 'sv' }] });
    expect((await t.fail('dropoutReasons.update', { id: crypto.randomUUID(), sv: 'X' })).code).toBe('not_found');
    expect((await t.fail('dropoutReasons.setActive', { id: crypto.randomUUID(), active: false })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });
});
