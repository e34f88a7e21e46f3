import { afterEach, describe, expect, it } from 'vitest';
import { createRepos } from '../../../src-main/core/repos';
import { createSyncBridge, type SyncBridge } from '../../../src-main/core/sync/bridge';
import { createTestApp, type TestApp } from '../../helpers/db';
import { linkInMemory, settle } from '../../helpers/sync-memory';
import { groupSetup, makeGroup } from '../fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function laptop(name: string): { t: TestApp; bridge: SyncBridge } {
  const t = createTestApp();
  const bridge = createSyncBridge({
    db: t.app.db,
    repos: createRepos(t.app.db, { now: () => new Date().toISOString(), today: () => '2025-03-12' }),
    clock: { now: () => new Date().toISOString(), today: () => '2025-03-12' },
    uniqueId: name,
  });
  cleanups.push(() => t.close());
  return { t, bridge };
}

const rowsOf = (t: TestApp, table: string, order = 'rowid') =>
  (t.app.db.sqlite.prepare(`select * from ${table} order by ${order}`).all() as Record<string, unknown>[]).map(({ updated_at: _u, ...rest }) => rest);

describe('bridge between tables and the engine', () => {
  it('carries a group made on one laptop, with its sessions, leaders and participants, into the other’s tables', async () => {
    const a = laptop('a');
    const b = laptop('b');
    const setup = await groupSetup(a.t);
    a.bridge.snapshot();
    b.bridge.snapshot();
    const link = linkInMemory(a.bridge, b.bridge);
    cleanups.push(() => link.stop());
    await link.ready;
    await settle();
    expect(rowsOf(b.t, 'staff', 'id')).toEqual(rowsOf(a.t, 'staff', 'id'));

    const group = await makeGroup(a.t, setup);
    await a.t.ok('participants.create', {
      groupId: group.id,
      displayName: 'Maja Andersson',
      relation: 'mother',
      contact: '070-1234567',
      enrolmentDate: '2025-03-03',
      consent: 'yes',
      consentDate: '2025-03-03',
      childBirthYear: 2019,
      childGender: 'girl',
    } as never);
    a.bridge.captureLocal();
    linkInMemory(a.bridge, b.bridge, link.linked);
    await settle(200);
    for (const table of ['groups', 'group_leaders', 'sessions', 'families', 'participants'])
      expect(rowsOf(b.t, table, table === 'group_leaders' ? 'group_id, staff_id' : 'id'), table).toEqual(
        rowsOf(a.t, table, table === 'group_leaders' ? 'group_id, staff_id' : 'id'),
      );
    expect(b.t.app.db.sqlite.prepare('select display_name from participants').pluck().get()).toBe('Maja Andersson');
  });
});
