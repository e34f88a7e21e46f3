import { expect } from 'vitest';
import { testCity } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';

/**
 * A server, an administrator and two leaders' laptops, all synced, with one group the two
 * leaders share: the starting point for edits made on two machines at once. Everything made is
 * closed through `cleanups`.
 */
export async function twoLeadersOnOneGroup(cleanups: (() => unknown)[], group: { startDate?: string } = {}) {
  const { s, join } = testCity(cleanups);
  const admin = await join({ personId: null, name: 'Admin', role: 'admin', units: [] });
  const unit = await admin.t.ok('units.create', { name: 'Enheten', kind: 'district' });
  const ada = await admin.t.ok('staff.create', { name: 'Ada Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const bo = await admin.t.ok('staff.create', { name: 'Bo Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
  const made = await admin.t.ok('groups.create', groupInput({ programme, unit, leaders: [ada, bo], supervisor: { id: null } } as never, group) as never);
  expect(await admin.sync()).toBe(true);
  const a = await join({ personId: ada.id, name: 'Ada Ledare', role: 'leader', units: [unit.id] });
  const b = await join({ personId: bo.id, name: 'Bo Ledare', role: 'leader', units: [unit.id] });
  expect(await a.sync()).toBe(true);
  expect(await b.sync()).toBe(true);
  return { s, admin, a, b, group: made };
}

/**
 * A server and an administrator's laptop (not yet synced) with two units, each with a leader:
 * Lea Ledare in the first, Uno Ledare in the other. `join` joins more laptops; everything made is
 * closed through `cleanups`.
 */
export async function leadersInTwoUnits(cleanups: (() => unknown)[]) {
  const { s, join } = testCity(cleanups);
  const admin = await join({ personId: null, name: 'Admin', role: 'admin', units: [] });
  const unit = await admin.t.ok('units.create', { name: 'Första enheten', kind: 'district' });
  const other = await admin.t.ok('units.create', { name: 'Andra enheten', kind: 'district' });
  const lea = await admin.t.ok('staff.create', { name: 'Lea Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const uno = await admin.t.ok('staff.create', { name: 'Uno Ledare', unitId: other.id, isLeader: true, isSupervisor: false });
  return { s, join, admin, unit, other, lea, uno };
}
