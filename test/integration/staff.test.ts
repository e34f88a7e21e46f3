import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeStaff, makeUnit, updateInput } from './fixtures';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

describe('staff', () => {
  it('creates a staff member with unit and contact details, and filters by role', async () => {
    const unit = await makeUnit(t);
    const m = await t.ok('staff.create', {
      name: 'Åsa Berg',
      unitId: unit.id,
      email: 'asa@example.se',
      phone: '08-123 456',
      isLeader: true,
      isSupervisor: true,
    });
    expect(m).toMatchObject({ unitName: unit.name, email: 'asa@example.se', isLeader: true, isSupervisor: true, groupCount: 0 });
    await makeStaff(t, { name: 'Bertil', isLeader: false, isSupervisor: true });
    expect((await t.ok('staff.list', { role: 'leader' })).map((s) => s.name)).toEqual(['Åsa Berg']);
    expect((await t.ok('staff.list', { role: 'supervisor' })).map((s) => s.name)).toEqual(['Bertil', 'Åsa Berg']);
  });

  it('refuses an unknown or archived unit on the unitId field', async () => {
    const unit = await makeUnit(t);
    await t.ok('units.setActive', { id: unit.id, active: false });
    const before = t.snapshot();
    const archived = await t.fail('staff.create', { name: 'X', unitId: unit.id, isLeader: true, isSupervisor: false });
    expect(archived).toMatchObject({ code: 'validation', issues: [{ path: 'unitId' }] });
    expect(archived.issues?.[0]?.message.sv).toMatch(/arkiverad/);
    const unknown = await t.fail('staff.create', { name: 'X', unitId: crypto.randomUUID(), isLeader: true, isSupervisor: false });
    expect(unknown.issues?.[0]?.message.sv).toMatch(/finns inte/);
    expect(t.snapshot()).toBe(before);
  });

  it('lets a member keep an archived unit when other fields change', async () => {
    const unit = await makeUnit(t);
    const m = await makeStaff(t, { unitId: unit.id });
    await t.ok('units.setActive', { id: unit.id, active: false });
    const updated = await t.ok('staff.update', { id: m.id, name: 'Nytt namn', unitId: unit.id, isLeader: true, isSupervisor: false });
    expect(updated).toMatchObject({ name: 'Nytt namn', unitId: unit.id });
  });

  it('keeps the leader and supervisor roles while the person holds them in open groups', async () => {
    const s = await groupSetup(t);
    const group = await makeGroup(t, s);
    const leader = s.leaders[0]!;
    const before = t.snapshot();
    const err = await t.fail('staff.update', { id: leader.id, name: leader.name, isLeader: false, isSupervisor: true });
    expect(err).toMatchObject({ code: 'validation', issues: [{ path: 'isLeader' }] });
    const sup = await t.fail('staff.update', { id: s.supervisor.id, name: 'S', isLeader: true, isSupervisor: false });
    expect(sup.issues?.[0]?.path).toBe('isSupervisor');
    expect(t.snapshot()).toBe(before);

    // Once the group is completed the role may go.
    await t.ok('groups.update', updateInput(group, { status: 'completed' }));
    expect((await t.ok('staff.update', { id: leader.id, name: leader.name, isLeader: false, isSupervisor: true })).isLeader).toBe(false);
  });

  it('refuses to delete someone who leads or supervises a group, suggesting archiving', async () => {
    const s = await groupSetup(t);
    await makeGroup(t, s);
    for (const person of [s.leaders[0]!, s.supervisor]) {
      const before = t.snapshot();
      const err = await t.fail('staff.delete', { id: person.id });
      expect(err.code).toBe('in_use');
      expect(err.message.sv).toContain('Arkivera medarbetaren i stället');
      expect(t.snapshot()).toBe(before);
    }
    expect((await t.ok('staff.setActive', { id: s.supervisor.id, active: false })).active).toBe(false);
  });

  it('deletes an unused staff member and reports unknown ids', async () => {
    const m = await makeStaff(t);
    expect(await t.ok('staff.delete', { id: m.id })).toEqual({ deleted: true });
    for (const [name, body] of [
      ['staff.delete', { id: m.id }],
      ['staff.setActive', { id: m.id, active: false }],
      ['staff.update', { id: m.id, name: 'X', isLeader: true, isSupervisor: false }],
    ] as const) {
      expect((await t.fail(name, body)).code).toBe('not_found');
    }
  });
});
