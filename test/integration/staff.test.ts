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

  it('names those who hold a role, by name, with nothing else about them', async () => {
    const unit = await makeUnit(t);
    const asa = await makeStaff(t, { name: 'Åsa Berg', unitId: unit.id, isLeader: true, isSupervisor: true });
    const bertil = await makeStaff(t, { name: 'Bertil', isLeader: false, isSupervisor: true });
    const cecilia = await makeStaff(t, { name: 'Cecilia', isLeader: true, isSupervisor: false });
    const archived = await makeStaff(t, { name: 'Adam', isLeader: true, isSupervisor: true });
    await t.ok('staff.setActive', { id: archived.id, active: false });
    // Swedish order: Å after the other letters.
    expect(await t.ok('staff.names', { role: 'supervisor' })).toEqual([
      { id: bertil.id, name: 'Bertil' },
      { id: asa.id, name: 'Åsa Berg' },
    ]);
    expect(await t.ok('staff.names', { role: 'leader' })).toEqual([
      { id: cecilia.id, name: 'Cecilia' },
      { id: asa.id, name: 'Åsa Berg' },
    ]);
    expect((await t.ok('staff.names', { role: 'supervisor', includeArchived: true })).map((s) => s.name)).toEqual(['Adam', 'Bertil', 'Åsa Berg']);
    expect((await t.ok('staff.names', {})).map((s) => s.name)).toEqual(['Bertil', 'Cecilia', 'Åsa Berg']);
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

describe('staff.page', () => {
  it('pages the register by Swedish name order, searches names in any case, and counts what matches', async () => {
    // Names chosen so byte order and Swedish order differ (Å, Ä, Ö sort after Z in Swedish).
    const names = ['Östen', 'Anna', 'Åke', 'zelda', 'Ärla', 'Bo', 'Ömer', 'Carin', 'Åsa'];
    for (const name of names) await makeStaff(t, { name });
    const archived = await makeStaff(t, { name: 'Arkiv Åsa' });
    await t.ok('staff.setActive', { id: archived.id, active: false });
    const swedishOrder = ['Anna', 'Bo', 'Carin', 'zelda', 'Åke', 'Åsa', 'Ärla', 'Ömer', 'Östen'];

    const first = await t.ok('staff.page', { limit: 4 });
    expect(first.total).toBe(9);
    expect(first.rows.map((s) => s.name)).toEqual(swedishOrder.slice(0, 4));
    const rest = await t.ok('staff.page', { limit: 4, offset: 4 });
    expect(rest.rows.map((s) => s.name)).toEqual(swedishOrder.slice(4, 8));
    const last = await t.ok('staff.page', { limit: 4, offset: 8 });
    expect(last.rows.map((s) => s.name)).toEqual(['Östen']);
    expect((await t.ok('staff.page', { limit: 4, offset: 12 })).rows).toEqual([]);

    const withArchived = await t.ok('staff.page', { limit: 100, includeArchived: true });
    expect(withArchived.total).toBe(10);
    expect(withArchived.rows.map((s) => s.name)).toContain('Arkiv Åsa');

    const found = await t.ok('staff.page', { limit: 100, search: '  åS ', includeArchived: true });
    expect(found.rows.map((s) => s.name)).toEqual(['Arkiv Åsa', 'Åsa']);
    expect(found.total).toBe(2);
    expect((await t.ok('staff.page', { limit: 100, search: 'qq' })).total).toBe(0);
  });

  it('gives each row of a page the same fields as the whole list, group counts included', async () => {
    const s = await groupSetup(t);
    await makeGroup(t, s);
    const whole = await t.ok('staff.list', { includeArchived: true });
    const paged = await t.ok('staff.page', { limit: 1000, includeArchived: true });
    expect(paged.rows).toEqual(whole);
    expect(paged.rows.some((m) => m.groupCount > 0)).toBe(true);
  });

  it('shows every write in the next page asked for, the same page asked again included', async () => {
    const s = await groupSetup(t);
    const view = { limit: 100, includeArchived: false };
    const before = await t.ok('staff.page', view);
    expect(before.rows.every((m) => m.groupCount === 0)).toBe(true);
    // A new group counts for its leaders and its supervisor.
    await makeGroup(t, s);
    const led = await t.ok('staff.page', view);
    expect(led.rows.filter((m) => m.groupCount === 1).length).toBeGreaterThan(0);
    expect(led.rows.map((m) => [m.id, m.groupCount])).toEqual((await t.ok('staff.list', { includeArchived: false })).map((m) => [m.id, m.groupCount]));
    // A rename and an archived member show at once, in Swedish order.
    const [firstMember] = led.rows;
    const { id, unitId, email, phone, isLeader, isSupervisor } = firstMember!;
    await t.ok('staff.update', { id, unitId, email, phone, isLeader, isSupervisor, name: 'Örjan' });
    const added = await makeStaff(t, { name: 'Aaron' });
    await t.ok('staff.setActive', { id: added.id, active: false });
    const after = await t.ok('staff.page', view);
    expect(after.total).toBe(led.total);
    expect(after.rows.map((m) => m.name)).toEqual(['Bo Ek', 'Sara Öberg', 'Örjan']);
    expect(after.rows.some((m) => m.id === added.id)).toBe(false);
  });

  it('reads one member by id, and null for an id that is not there', async () => {
    const m = await makeStaff(t, { name: 'Dagny' });
    expect(await t.ok('staff.get', { id: m.id })).toEqual(m);
    expect(await t.ok('staff.get', { id: crypto.randomUUID() })).toBeNull();
  });
});
