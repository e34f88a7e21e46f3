import { afterEach, describe, expect, it } from 'vitest';
import type { ScopeChanges } from '../../../src-main/core/sync/changes';
import { applyRemote } from '../../../src-main/core/sync/engine/scope-store';
import type { TestApp } from '../../helpers/db';
import { bridgedLaptop, linkBridges, linkInMemory, settle } from '../../helpers/sync-memory';
import { groupSetup, makeGroup } from '../fixtures';
import { addParticipant } from '../participants-fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const clock = { now: () => new Date().toISOString(), today: () => '2025-03-12' };
const laptop = (name: string) => bridgedLaptop(cleanups, name, clock);

const rowsOf = (t: TestApp, table: string, order = 'rowid') =>
  (t.app.db.sqlite.prepare(`select * from ${table} order by ${order}`).all() as Record<string, unknown>[]).map(({ updated_at: _u, ...rest }) => rest);

describe('bridge between tables and the engine', () => {
  it('carries a group made on one laptop, with its sessions, leaders and participants, into the other’s tables', async () => {
    const a = laptop('a');
    const b = laptop('b');
    const setup = await groupSetup(a.t);
    const link = await linkBridges(cleanups, a.bridge, b.bridge);
    expect(rowsOf(b.t, 'staff', 'id')).toEqual(rowsOf(a.t, 'staff', 'id'));

    const group = await makeGroup(a.t, setup);
    await addParticipant(a.t, group.id, { displayName: 'Maja Andersson', contact: '070-1234567', enrolmentDate: '2025-03-03', consentDate: '2025-03-03' });
    a.bridge.captureLocal();
    linkInMemory(a.bridge, b.bridge, link.linked);
    await settle(200);
    for (const table of ['groups', 'group_leaders', 'sessions', 'families', 'participants'])
      expect(rowsOf(b.t, table, table === 'group_leaders' ? 'group_id, staff_id' : 'id'), table).toEqual(
        rowsOf(a.t, table, table === 'group_leaders' ? 'group_id, staff_id' : 'id'),
      );
    expect(b.t.app.db.sqlite.prepare('select display_name from participants').pluck().get()).toBe('Maja Andersson');
  });

  it('holds a mark that arrives before its parent, out of the tables, and writes it once when the parent comes, with counts derived here', async () => {
    const a = laptop('a');
    const b = laptop('b');
    const setup = await groupSetup(a.t);
    await linkBridges(cleanups, a.bridge, b.bridge);

    // On A: a group, two parents and three marks, of which two are present.
    const group = await makeGroup(a.t, setup);
    const parent = (displayName: string) =>
      addParticipant(a.t, group.id, { displayName, contact: null, enrolmentDate: '2025-03-03', consentDate: '2025-03-03' });
    const maja = await parent('Maja Andersson');
    const sara = await parent('Sara Berg');
    const [s1, s2] = group.sessions;
    await a.t.ok('attendance.set', { participantId: maja.id, sessionId: s1!.id, state: 'present', markHeld: true });
    await a.t.ok('attendance.set', { participantId: maja.id, sessionId: s2!.id, state: 'present', markHeld: true });
    await a.t.ok('attendance.set', { participantId: sara.id, sessionId: s1!.id, state: 'absent_with_notice', markHeld: true });
    a.bridge.captureLocal();

    // Delivered to B by hand, table by table, in the order given: marks before the parents they belong to.
    const deliver = (scope: string, tables: string[]) => {
      const from = a.bridge.stores.get(scope)!;
      const to = b.bridge.stores.ensure(scope);
      const incoming: ScopeChanges = {};
      for (const table of tables) for (const rowId of from.rowIds(table)) (incoming[table] ??= {})[rowId] = from.row(table, rowId)!;
      expect(applyRemote(to, incoming, () => void to.merge(incoming), b.bridge.hooksFor(scope))).toBe(true);
    };
    const sqlite = b.t.app.db.sqlite;
    sqlite.exec(`create temp table attendance_writes (n integer);
      create temp trigger attendance_insert after insert on main.attendance begin insert into attendance_writes values (1); end;
      create temp trigger attendance_update after update on main.attendance begin insert into attendance_writes values (1); end;`);
    deliver(`group:${group.id}`, ['groups', 'group_leaders', 'sessions', 'attendance']);
    expect(b.t.rowCount('sessions')).toBe(group.sessions.length);
    expect(b.t.rowCount('attendance')).toBe(0);
    const pending = () => sqlite.prepare("select waits_tbl as t, waits_id as id from sync_pending where tbl = 'attendance' order by waits_id").all();
    expect(pending()).toEqual([maja.id, maja.id, sara.id].sort().map((id) => ({ t: 'participants', id })));

    deliver(`group:${group.id}`, ['families', 'participants']);
    deliver(`people:${group.id}`, ['participants']);
    expect(b.t.rowCount('sync_pending')).toBe(0);
    expect(rowsOf(b.t, 'attendance', 'participant_id, session_id')).toEqual(rowsOf(a.t, 'attendance', 'participant_id, session_id'));
    expect(sqlite.prepare('select count(*) from attendance_writes').pluck().get()).toBe(3);
    const counts = (t: TestApp) =>
      t.app.db.sqlite.prepare('select display_name as name, present_count as present, marked_count as marked from participants order by display_name').all();
    expect(counts(b.t)).toEqual([
      { name: 'Maja Andersson', present: 2, marked: 2 },
      { name: 'Sara Berg', present: 0, marked: 1 },
    ]);
    expect(counts(a.t)).toEqual(counts(b.t));
  });
});
