import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeStaff } from './fixtures';
import { course, hold, pathwayOf, supervise, world, type World } from './leaders-fixtures';

let t: TestApp;
let w: World;
beforeEach(async () => {
  t = createTestApp();
  w = await world(t);
});
afterEach(() => t.close());

const days4 = ['2024-09-02', '2024-09-03', '2024-10-07', '2024-10-08'];

describe('pathway requirements', () => {
  it('start from Komet’s defaults and are editable per programme, audited', async () => {
    expect(await t.ok('pathwayRequirements.get', { programmeId: w.programme.id })).toEqual({
      programmeId: w.programme.id,
      minCourseDays: 4,
      requireSupervisedGroup: true,
      supervisedGroupMinHeldPercent: 80,
      minSupervisionSessions: 4,
      isDefault: true,
    });
    const next = await t.ok('pathwayRequirements.update', {
      programmeId: w.programme.id,
      minCourseDays: 5,
      requireSupervisedGroup: true,
      supervisedGroupMinHeldPercent: 100,
      minSupervisionSessions: 6,
    });
    expect(next).toMatchObject({ minCourseDays: 5, supervisedGroupMinHeldPercent: 100, minSupervisionSessions: 6, isDefault: false });
    expect(t.audit.at(-1)).toMatchObject({
      entity: 'pathwayRequirements',
      fields: ['minCourseDays', 'supervisedGroupMinHeldPercent', 'minSupervisionSessions'],
    });
  });

  it('refuses values outside their ranges and unknown programmes, writing nothing', async () => {
    const before = t.snapshot();
    const bad = await t.fail('pathwayRequirements.update', {
      programmeId: w.programme.id,
      minCourseDays: -1,
      requireSupervisedGroup: true,
      supervisedGroupMinHeldPercent: 0,
      minSupervisionSessions: 51,
    });
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['minCourseDays', 'minSupervisionSessions', 'supervisedGroupMinHeldPercent']);
    expect(bad.issues?.find((i) => i.path === 'minCourseDays')?.message.sv).toBe('Antal kursdagar ska vara ett heltal mellan 0 och 30.');
    expect((await t.fail('pathwayRequirements.get', { programmeId: crypto.randomUUID() })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });
});

describe('pathway progress is computed from recorded data', () => {
  it('moves from not started through training to requirements met, each item at its boundary', async () => {
    const other = await makeStaff(t, { name: 'Ny Ledare' });
    expect((await t.ok('leaders.page', { leaderId: other.id })).pathways).toEqual([]);

    await course(t, w.programme.id, [...days4, '2024-10-09'], [{ leaderId: w.anna.id, dates: days4.slice(0, 3) }]);
    let p = (await pathwayOf(t, w.anna.id, w.programme.id))!;
    expect(p.status).toBe('in_training');
    expect(p.checklist.map((c) => [c.key, c.done, c.required, c.met])).toEqual([
      ['course_days', 3, 4, false],
      ['supervised_group', 0, 1, false],
      ['supervision_sessions', 0, 4, false],
    ]);

    await t.ok('courses.setAttendance', { courseId: (await t.ok('courses.list', {}))[0]!.id, leaderId: w.anna.id, dates: days4 });
    // 5 sessions at 80 %: 4 held is exactly enough, 3 is not.
    await hold(t, w.group, 3);
    p = (await pathwayOf(t, w.anna.id, w.programme.id))!;
    expect(p.checklist.map((c) => c.met)).toEqual([true, false, false]);
    expect(p.checklist[1]!.detail?.sv).toContain('3 av 5 träffar hållna (krav 4)');
    await hold(t, w.group, 4);
    await supervise(t, w, 3);
    p = (await pathwayOf(t, w.anna.id, w.programme.id))!;
    expect(p.checklist.map((c) => c.met)).toEqual([true, true, false]);
    expect(p.checklist[1]!.groupId).toBe(w.group.id);
    await supervise(t, w, 1, '2025-02-20');
    p = (await pathwayOf(t, w.anna.id, w.programme.id))!;
    expect(p).toMatchObject({ status: 'requirements_met', requirementsMet: true });
    // Bo led the same group and was supervised the same times, but took no course.
    expect((await pathwayOf(t, w.bo.id, w.programme.id))!.status).toBe('in_training');
  });

  it('does not count a group without a supervisor, however many sessions were held', async () => {
    const g = await t.ok('groups.update', {
      id: w.group.id,
      programmeId: w.programme.id,
      unitId: w.unit.id,
      venue: '',
      startDate: '2025-01-06',
      startTime: '17:30',
      note: '',
      leaderIds: [w.anna.id, w.bo.id],
      supervisorId: null,
      status: 'planned',
    });
    await hold(t, g, 5);
    const p = (await pathwayOf(t, w.anna.id, w.programme.id))!;
    expect(p.checklist[1]).toMatchObject({ met: false, groupId: null, detail: { sv: 'Ingen grupp med handledare ännu' } });
  });

  it('uses edited requirements at once: no supervised group needed, fewer sessions', async () => {
    await course(t, w.programme.id, days4, [{ leaderId: w.anna.id, dates: days4 }]);
    await supervise(t, w, 2);
    expect((await pathwayOf(t, w.anna.id, w.programme.id))!.status).toBe('in_training');
    await t.ok('pathwayRequirements.update', {
      programmeId: w.programme.id,
      minCourseDays: 4,
      requireSupervisedGroup: false,
      supervisedGroupMinHeldPercent: 80,
      minSupervisionSessions: 2,
    });
    expect((await pathwayOf(t, w.anna.id, w.programme.id))!.status).toBe('requirements_met');
  });
});
