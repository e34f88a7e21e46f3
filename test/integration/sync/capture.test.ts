import { afterEach, describe, expect, it } from 'vitest';
import { captureTriggerSql, triggerNames } from '../../../src-main/core/sync/capture-triggers';
import { cellsOf, localOnlyTables, syncedColumnsOf, syncedTables } from '../../../src-main/core/sync/tables';
import { createTestApp, type TestApp } from '../../helpers/db';
import { groupSetup, makeGroup } from '../fixtures';

const apps: TestApp[] = [];
const open = () => {
  const t = createTestApp();
  apps.push(t);
  return t;
};
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

const outbox = (t: TestApp) =>
  t.app.db.sqlite.prepare('select tbl, row_key as rowKey, op, cols from sync_outbox order by id').all() as {
    tbl: string;
    rowKey: string;
    op: string;
    cols: string | null;
  }[];
const capture = (t: TestApp, on: boolean) => t.app.db.sqlite.prepare('update sync_state set capturing = ? where id = 1').run(on ? 1 : 0);

describe('synced tables', () => {
  it('classify every column of every table: key, synced cell, derived or local; and list every table as synced or local', () => {
    const t = open();
    const sqlite = t.app.db.sqlite;
    const tables = (
      sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")
        .pluck()
        .all() as string[]
    ).sort();
    expect([...syncedTables.map((s) => s.name), ...localOnlyTables].sort()).toEqual(tables);
    for (const s of syncedTables) {
      const columns = (sqlite.pragma(`table_info("${s.name}")`) as { name: string }[]).map((c) => c.name).sort();
      const classified = [...syncedColumnsOf(s), ...s.derived, ...s.local];
      expect(classified.slice().sort(), s.name).toEqual(columns);
      expect(new Set(classified).size, `${s.name} classifies a column twice`).toBe(classified.length);
      expect(new Set(cellsOf(s).map((c) => c.id)).size, `${s.name} names a cell twice`).toBe(cellsOf(s).length);
    }
  });

  it('have the capture triggers the migration was generated with, and no others', () => {
    const t = open();
    const norm = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    const inDb = new Map(
      (
        t.app.db.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'sync\\_%' escape '\\'").all() as {
          name: string;
          sql: string;
        }[]
      ).map((r) => [r.name, norm(r.sql)]),
    );
    const expected = new Map(syncedTables.flatMap((s) => captureTriggerSql(s).map((sql, i) => [triggerNames(s)[i]!, norm(sql)] as const)));
    expect([...inDb.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, sql] of expected) expect(inDb.get(name), name).toBe(sql);
  });
});

describe('change capture', () => {
  it('records nothing until the installation joins a server', async () => {
    const t = open();
    await makeGroup(t, await groupSetup(t));
    expect(outbox(t)).toEqual([]);
  });

  it('records inserts, the columns an update changed, deletes and composite keys, in the write’s own transaction', async () => {
    const t = open();
    const setup = await groupSetup(t);
    capture(t, true);
    const group = await makeGroup(t, setup);
    const rows = outbox(t);
    expect(rows).toContainEqual({ tbl: 'groups', rowKey: group.id, op: 'u', cols: null });
    expect(rows).toContainEqual({ tbl: 'group_leaders', rowKey: `${group.id}|${setup.leaders[0]!.id}`, op: 'u', cols: null });
    expect(rows.filter((r) => r.tbl === 'sessions')).toHaveLength(group.sessions.length);

    t.app.db.sqlite.prepare('delete from sync_outbox').run();
    await t.ok('groups.update', {
      id: group.id,
      programmeId: group.programmeId,
      unitId: group.unitId,
      venue: 'Biblioteket',
      startDate: group.startDate,
      startTime: group.startTime,
      note: group.note,
      leaderIds: setup.leaders.map((l) => l.id),
      supervisorId: setup.supervisor.id,
      status: group.status,
    } as never);
    const update = outbox(t).find((r) => r.tbl === 'groups')!;
    expect(update.op).toBe('u');
    expect((JSON.parse(update.cols!) as (string | null)[]).filter(Boolean)).toEqual(['venue']);

    t.app.db.sqlite.prepare('delete from sync_outbox').run();
    await t.ok('groups.delete', { id: group.id });
    const deleted = outbox(t);
    expect(deleted).toContainEqual({ tbl: 'groups', rowKey: group.id, op: 'd', cols: null });
    // Cascaded deletes are captured too, so the rows go everywhere the group went.
    expect(deleted.filter((r) => r.tbl === 'sessions' && r.op === 'd')).toHaveLength(group.sessions.length);
  });

  it('leaves derived columns and local bookkeeping out, and stands still while remote changes are applied', async () => {
    const t = open();
    const setup = await groupSetup(t);
    const group = await makeGroup(t, setup);
    capture(t, true);
    const sqlite = t.app.db.sqlite;
    sqlite
      .prepare('update sessions set family_count = 3, fidelity_percent = 80, updated_at = ? where id = ?')
      .run('2030-01-01T00:00:00.000Z', group.sessions[0]!.id);
    expect(outbox(t)).toEqual([]);
    sqlite.prepare('update sync_state set applying = 1 where id = 1').run();
    sqlite.prepare("update groups set venue = 'Annan' where id = ?").run(group.id);
    expect(outbox(t)).toEqual([]);
  });

  it('rolls the captured change back with a write that fails', async () => {
    const t = open();
    const setup = await groupSetup(t);
    capture(t, true);
    const failed = await t.fail('groups.create', {
      programmeId: setup.programme.id,
      unitId: setup.unit.id,
      venue: '',
      startDate: '2025-03-03',
      startTime: '17:30',
      note: '',
      leaderIds: ['00000000-0000-4000-8000-000000000000'],
      supervisorId: null,
    });
    expect(failed.code).not.toBe('internal');
    expect(outbox(t)).toEqual([]);
  });
});
