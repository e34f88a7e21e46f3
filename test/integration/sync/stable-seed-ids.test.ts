import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seedTimestamp, stableId } from '../../../src-main/core/sync/stable-id';
import { id as idSchema } from '../../../src-main/contract/schemas/common';
import { createTestApp, type TestApp } from '../../helpers/db';
import { groupSetup, makeGroup } from '../fixtures';

const apps: TestApp[] = [];
const open = (options: { dir?: string; now?: string } = {}) => {
  const t = createTestApp(options);
  apps.push(t);
  return t;
};
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

const seededRows = (t: TestApp) => {
  const q = (sql: string) => t.app.db.sqlite.prepare(sql).all();
  return {
    programmes: q('select * from programmes order by id'),
    units: q('select * from units order by id'),
    reasons: q('select * from dropout_reasons order by id'),
    plans: q('select * from session_plans order by id'),
  };
};

describe('stable ids for seeded reference data', () => {
  it('are valid uuids and differ by what they name', () => {
    const a = stableId('programme', 'fkomet');
    expect(idSchema.safeParse(a).success).toBe(true);
    expect(stableId('programme', 'fkomet')).toBe(a);
    expect(stableId('unit', 'fkomet')).not.toBe(a);
    expect(stableId('session', 'g', 1)).not.toBe(stableId('session', 'g', 11));
  });

  it('give two installations made at different times the same seeded rows, row for row', () => {
    const first = open({ now: '2025-01-01T08:00:00.000Z' });
    const second = open({ now: '2026-06-30T17:45:00.000Z' });
    const a = seededRows(first);
    expect(a.programmes).toHaveLength(7);
    expect(a.units).toHaveLength(13);
    expect(a.reasons.length).toBeGreaterThan(0);
    expect(a.plans.length).toBeGreaterThan(0);
    expect(seededRows(second)).toEqual(a);
    expect(new Set(a.programmes.map((p) => (p as { created_at: string }).created_at))).toEqual(new Set([seedTimestamp]));
  });

  it('moves an older database’s seeded rows to the stable ids, repointing groups, staff and plans, and keeps edits', async () => {
    const fresh = open();
    const expected = seededRows(fresh);
    const old = open({ now: '2024-02-02T09:00:00.000Z' });
    // An older Komet gave its seeds random ids and its own timestamps.
    const sqlite = old.app.db.sqlite;
    const randomise = sqlite.transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      for (const table of ['programmes', 'units', 'dropout_reasons', 'session_plans']) {
        for (const { id } of sqlite.prepare(`select id from ${table}`).all() as { id: string }[]) {
          const to = crypto.randomUUID();
          sqlite
            .prepare(`update ${table} set id = ?, created_at = '2024-01-15T09:00:00.000Z', updated_at = '2024-01-15T09:00:00.000Z' where id = ?`)
            .run(to, id);
          if (table === 'programmes') sqlite.prepare('update session_plans set programme_id = ? where programme_id = ?').run(to, id);
        }
      }
      sqlite.prepare("delete from settings where key = 'seed.stableIds'").run();
    });
    randomise();
    const fkomet = (sqlite.prepare("select id from programmes where code = 'fKomet'").get() as { id: string }).id;
    const bromma = (sqlite.prepare("select id from units where name like 'Bromma%'").get() as { id: string }).id;
    const staff = await old.ok('staff.create', { name: 'Anna Ledare', unitId: bromma, isLeader: true, isSupervisor: false });
    const group = await old.ok('groups.create', {
      programmeId: fkomet,
      unitId: bromma,
      startDate: '2024-03-04',
      startTime: '17:00',
      leaderIds: [staff.id],
      supervisorId: null,
      venue: '',
      note: '',
    } as never);
    const skomet = (await old.ok('programmes.list', {})).find((p) => p.code === 'sKomet')!;
    const { groupCount: _count, createdAt: _c, updatedAt: _u, active: _a, ...editable } = skomet;
    await old.ok('programmes.update', { ...editable, name: 'Komet för lärare (ändrad)' } as never);
    old.app.close();
    apps.splice(apps.indexOf(old), 1);

    const reopened = open({ dir: old.dir });
    const after = seededRows(reopened);
    const ids = (rows: unknown[]) => rows.map((r) => (r as { id: string }).id).sort();
    expect(ids(after.programmes)).toEqual(ids(expected.programmes));
    expect(ids(after.units)).toEqual(ids(expected.units));
    expect(ids(after.reasons)).toEqual(ids(expected.reasons));
    expect(ids(after.plans)).toEqual(ids(expected.plans));
    // Untouched seeds are now identical to a new installation's; the edited one keeps its edit and time.
    const byCode = (rows: unknown[], code: string) => rows.find((r) => (r as { code: string }).code === code);
    expect(byCode(after.programmes, 'fKomet')).toEqual(byCode(expected.programmes, 'fKomet'));
    expect(byCode(after.programmes, 'sKomet')).toMatchObject({ name: 'Komet för lärare (ändrad)' });
    expect((byCode(after.programmes, 'sKomet') as { updated_at: string }).updated_at).not.toBe(seedTimestamp);
    const moved = await reopened.ok('groups.get', { id: group.id });
    expect(moved.programmeId).toBe((byCode(expected.programmes, 'fKomet') as { id: string }).id);
    expect(moved.unitId).toBe((expected.units.find((u) => (u as { name: string }).name.startsWith('Bromma')) as { id: string }).id);
    expect((await reopened.ok('staff.list', {})).find((s) => s.id === staff.id)?.unitId).toBe(moved.unitId);
    expect(reopened.app.db.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('makes the same session number in the same group one session on every laptop', async () => {
    const a = open();
    const group = await makeGroup(a, await groupSetup(a));
    const ids = group.sessions.map((s) => s.id);
    expect(ids).toEqual(group.sessions.map((s) => stableId('session', group.id, s.number)));
  });
});
