import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupInput, groupSetup, makeGroup, makeStaff, updateInput, type GroupSetup } from './fixtures';

let t: TestApp;
let s: GroupSetup;
beforeEach(async () => {
  t = createTestApp();
  s = await groupSetup(t, 11);
});
afterEach(() => t.close());

describe('groups.create', () => {
  it('lays out the programme’s sessions weekly from the start date and derives the weekday', async () => {
    const g = await makeGroup(t, s, { startDate: '2025-03-06', startTime: '18:00' });
    expect(g).toMatchObject({ status: 'planned', weekday: 4, programmeName: s.programme.name, unitName: s.unit.name, supervisor: { id: s.supervisor.id } });
    expect(g.leaders.map((l) => l.name)).toEqual(['Anna Lind', 'Bo Ek']);
    expect(g.sessions.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(g.sessions[0]?.plannedDate).toBe('2025-03-06');
    expect(g.sessions[1]?.plannedDate).toBe('2025-03-13');
    // Across the change to summer time and the end of the month.
    expect(g.sessions[10]?.plannedDate).toBe('2025-05-15');
    expect(g.sessions.every((x) => x.status === 'planned' && !x.isExtra)).toBe(true);
    expect({ sessionCount: g.sessionCount, nextSessionDate: g.nextSessionDate, programmeSessionLengthMinutes: g.programmeSessionLengthMinutes }).toEqual({
      sessionCount: 11,
      nextSessionDate: '2025-03-06',
      programmeSessionLengthMinutes: 120,
    });
    expect(t.audit.at(-1)).toMatchObject({ action: 'create', entity: 'group', entityId: g.id });
  });

  it('maps a Sunday start to weekday 7 and allows a group without supervisor', async () => {
    const g = await makeGroup(t, s, { startDate: '2025-03-09', supervisorId: null });
    expect(g.weekday).toBe(7);
    expect(g.supervisor).toBeNull();
  });

  it('refuses archived or unknown programme and unit, each on its field, writing nothing', async () => {
    await t.ok('programmes.setActive', { id: s.programme.id, active: false });
    await t.ok('units.setActive', { id: s.unit.id, active: false });
    const before = t.snapshot();
    const err = await t.fail('groups.create', groupInput(s));
    expect(err.code).toBe('validation');
    expect(err.issues?.map((i) => i.path)).toEqual(['programmeId', 'unitId']);
    expect(err.issues?.[0]?.message.sv).toMatch(/arkiverat/);
    const unknown = await t.fail('groups.create', groupInput(s, { programmeId: crypto.randomUUID(), unitId: crypto.randomUUID() }));
    expect(unknown.issues?.map((i) => i.message.sv)).toEqual([expect.stringMatching(/finns inte/), expect.stringMatching(/finns inte/)]);
    expect(t.snapshot()).toBe(before);
  });

  it('requires leaders with the leader role who are active, pointing at the offending one', async () => {
    const notLeader = await makeStaff(t, { name: 'Carl', isLeader: false, isSupervisor: true });
    const archived = await makeStaff(t, { name: 'Dora' });
    await t.ok('staff.setActive', { id: archived.id, active: false });
    const before = t.snapshot();
    const err = await t.fail('groups.create', groupInput(s, { leaderIds: [s.leaders[0]!.id, notLeader.id, archived.id, crypto.randomUUID()] }));
    expect(err.issues?.map((i) => i.path)).toEqual(['leaderIds.1', 'leaderIds.2', 'leaderIds.3']);
    expect(err.issues?.[0]?.message.sv).toBe('Carl har inte rollen gruppledare.');
    expect(err.issues?.[1]?.message.sv).toMatch(/arkiverad/);
    expect(t.snapshot()).toBe(before);
  });

  it('requires a supervisor with the supervisor role who is not also a leader', async () => {
    const leaderAsSupervisor = await t.fail('groups.create', groupInput(s, { supervisorId: s.leaders[0]!.id }));
    expect(leaderAsSupervisor.issues).toEqual([
      { path: 'supervisorId', message: expect.objectContaining({ sv: 'Handledaren kan inte samtidigt vara gruppledare i gruppen.' }) },
    ]);
    const both = await makeStaff(t, { name: 'Eva', isLeader: true, isSupervisor: true });
    const sameBoth = await t.fail('groups.create', groupInput(s, { leaderIds: [both.id], supervisorId: both.id }));
    expect(sameBoth.issues?.[0]?.path).toBe('supervisorId');
    const plainLeader = await makeStaff(t, { name: 'Fia' });
    const wrongRole = await t.fail('groups.create', groupInput(s, { supervisorId: plainLeader.id }));
    expect(wrongRole.issues?.[0]?.message.sv).toBe('Fia har inte rollen handledare.');
    expect(t.rowCount('groups')).toBe(0);
    expect(t.rowCount('sessions')).toBe(0);
  });
});

describe('groups.update', () => {
  it('changes details and leaders but never rewrites the sessions', async () => {
    const g = await makeGroup(t, s);
    await t.ok('sessions.move', { id: g.sessions[2]!.id, plannedDate: '2025-03-20' });
    const other = await makeStaff(t, { name: 'Gustav' });
    const updated = await t.ok('groups.update', updateInput(g, { startDate: '2025-03-04', venue: 'Kulturhuset', leaderIds: [other.id], status: 'running' }));
    expect(updated).toMatchObject({ venue: 'Kulturhuset', startDate: '2025-03-04', weekday: 2, status: 'running', leaders: [{ name: 'Gustav' }] });
    expect(updated.sessions.map((x) => x.plannedDate)).toEqual((await t.ok('groups.get', { id: g.id })).sessions.map((x) => x.plannedDate));
    expect(updated.sessions[0]?.plannedDate).toBe('2025-03-03');
    expect(updated.sessions[2]?.plannedDate).toBe('2025-03-20');
    expect(t.audit.at(-1)).toMatchObject({
      action: 'update',
      entity: 'group',
      fields: expect.arrayContaining(['venue', 'startDate', 'weekday', 'status', 'leaderIds']),
    });
  });

  it('keeps references archived since creation but refuses newly chosen archived ones', async () => {
    const g = await makeGroup(t, s);
    await t.ok('staff.setActive', { id: s.leaders[0]!.id, active: false });
    await t.ok('programmes.setActive', { id: s.programme.id, active: false });
    expect((await t.ok('groups.update', updateInput(g, { venue: 'Ny lokal' }))).venue).toBe('Ny lokal');

    const archived = await makeStaff(t, { name: 'Hugo' });
    await t.ok('staff.setActive', { id: archived.id, active: false });
    const before = t.snapshot();
    const err = await t.fail('groups.update', updateInput(g, { leaderIds: [s.leaders[0]!.id, archived.id] }));
    expect(err.issues?.map((i) => i.path)).toEqual(['leaderIds.1']);
    expect(t.snapshot()).toBe(before);
  });

  it('reports an unknown group as not found', async () => {
    const g = await makeGroup(t, s);
    const err = await t.fail('groups.update', updateInput(g, { id: crypto.randomUUID() }));
    expect(err.code).toBe('not_found');
    expect((await t.fail('groups.get', { id: crypto.randomUUID() })).code).toBe('not_found');
  });
});

describe('groups.delete', () => {
  it('deletes a group with nothing held, its sessions and leader links with it', async () => {
    const g = await makeGroup(t, s);
    await t.ok('sessions.record', { id: g.sessions[0]!.id, status: 'cancelled', cancelReason: 'Sjukdom' });
    expect(await t.ok('groups.delete', { id: g.id })).toEqual({ deleted: true });
    expect([t.rowCount('groups'), t.rowCount('sessions'), t.rowCount('group_leaders')]).toEqual([0, 0, 0]);
    expect(t.audit.at(-1)).toMatchObject({ action: 'delete', entity: 'group', entityId: g.id });
  });

  it('refuses once a session is held and tells the user to cancel the group instead', async () => {
    const g = await makeGroup(t, s);
    await t.ok('sessions.record', { id: g.sessions[0]!.id, status: 'held', heldDate: '2025-03-03', participantCount: 6 });
    const before = t.snapshot();
    const err = await t.fail('groups.delete', { id: g.id });
    expect(err.code).toBe('in_use');
    expect(err.message.sv).toBe('Gruppen har 1 genomförd träff och kan inte tas bort. Ställ in gruppen i stället (status Inställd).');
    expect(t.snapshot()).toBe(before);
    expect((await t.fail('groups.delete', { id: crypto.randomUUID() })).code).toBe('not_found');
  });
});

describe('groups.update with a new start date', () => {
  it('moves the planned sessions by the same number of days when asked, leaving held and cancelled ones', async () => {
    const g = await makeGroup(t, s);
    const dates = g.sessions.map((x) => x.plannedDate);
    await t.ok('sessions.record', { id: g.sessions[0]!.id, status: 'held', heldDate: '2025-03-03', participantCount: 4 });
    await t.ok('sessions.record', { id: g.sessions[2]!.id, status: 'cancelled', cancelReason: 'Lov' });
    const updated = await t.ok('groups.update', updateInput(g, { startDate: '2025-03-01', status: 'running', movePlannedSessions: true }));
    // 2025-03-03 → 2025-03-01: two days earlier, for the planned ones only.
    const twoDaysEarlier = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(updated.sessions.map((x) => x.plannedDate)).toEqual(dates.map((d, i) => (i === 0 || i === 2 ? d : twoDaysEarlier(d))));
    const moved = t.audit.filter((a) => a.entity === 'session' && a.action === 'update' && a.fields.includes('plannedDate')).map((a) => a.entityId);
    expect(moved.sort()).toEqual(
      g.sessions
        .filter((_, i) => i !== 0 && i !== 2)
        .map((x) => x.id)
        .sort(),
    );
  });

  it('refuses, writing nothing, when a moved session would land on a held one', async () => {
    const g = await makeGroup(t, s);
    await t.ok('sessions.record', { id: g.sessions[0]!.id, status: 'held', heldDate: '2025-03-10', participantCount: 4 });
    const before = t.snapshot();
    const err = await t.fail('groups.update', updateInput(g, { startDate: '2025-02-24', status: 'running', movePlannedSessions: true }));
    expect(err.message.sv).toMatch(/^Träff 1 är redan 10 mars 2025/);
    expect(t.snapshot()).toBe(before);
  });
});
