import { expect } from 'vitest';
import { testLaptop, testServer, type TestLaptop, type TestServer } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';

/**
 * A server, an administrator and two leaders' laptops, all synced, with one group the two
 * leaders share: the starting point for edits made on two machines at once. Everything made is
 * closed through `cleanups`.
 */
export async function twoLeadersOnOneGroup(cleanups: (() => unknown)[], group: { startDate?: string } = {}) {
  const s: TestServer = testServer();
  cleanups.push(() => s.close());
  const node = async (identity: Parameters<typeof testLaptop>[1]): Promise<TestLaptop> => {
    const l = await testLaptop(s, identity);
    cleanups.push(() => l.close());
    return l;
  };
  const admin = await node({ personId: null, name: 'Admin', role: 'admin', units: [] });
  const unit = await admin.t.ok('units.create', { name: 'Enheten', kind: 'district' });
  const ada = await admin.t.ok('staff.create', { name: 'Ada Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const bo = await admin.t.ok('staff.create', { name: 'Bo Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
  const made = await admin.t.ok('groups.create', groupInput({ programme, unit, leaders: [ada, bo], supervisor: { id: null } } as never, group) as never);
  expect(await admin.sync()).toBe(true);
  const a = await node({ personId: ada.id, name: 'Ada Ledare', role: 'leader', units: [unit.id] });
  const b = await node({ personId: bo.id, name: 'Bo Ledare', role: 'leader', units: [unit.id] });
  expect(await a.sync()).toBe(true);
  expect(await b.sync()).toBe(true);
  return { s, admin, a, b, group: made };
}
