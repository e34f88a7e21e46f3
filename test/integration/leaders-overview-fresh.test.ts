import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { hold, supervisionInput, world, type World } from './leaders-fixtures';

let t: TestApp;
afterEach(() => t.close());

const annaRow = async (w: World, today?: string) => (await t.ok('leaders.overview', { today })).rows.find((r) => r.leaderId === w.anna.id)!;

// The overview keeps its computed rows between changes; these show it never answers from stale rows.
describe('the supervisor overview follows every change', () => {
  it('after writes through the app, a failed write, another day and another connection', async () => {
    t = createTestApp({ now: '2025-02-03T10:00:00.000Z' });
    const w = await world(t);
    await hold(t, w.group, 1);
    expect((await annaRow(w)).attention.map((a) => a.rule)).toEqual(['no_supervision']);
    expect((await annaRow(w)).lastSupervisionDate).toBeNull();

    await t.ok('supervision.create', supervisionInput(w, { date: '2025-01-20' }));
    const after = await annaRow(w);
    expect(after.lastSupervisionDate).toBe('2025-01-20');
    expect(after.attention).toEqual([]);

    // A refused write changes nothing and the answer stays the same.
    await t.fail('supervision.create', supervisionInput(w, { date: '2025-01-21', leaders: [{ leaderId: w.anna.id, rating: 9 }] }));
    expect(await annaRow(w)).toEqual(after);

    // Another day is another answer, without any write.
    expect((await annaRow(w, '2025-02-17')).attention.map((a) => a.rule)).toEqual(['no_supervision']);
    expect((await annaRow(w)).attention).toEqual([]);

    // The CLI or another window writing through its own connection.
    const other = new Database(t.app.databasePath);
    try {
      other.prepare('update staff set name = ? where id = ?').run('Anna Lindqvist', w.anna.id);
    } finally {
      other.close();
    }
    expect((await annaRow(w)).name).toBe('Anna Lindqvist');

    // Archiving through the app drops the leader from the default list.
    await t.ok('staff.setActive', { id: w.bo.id, active: false });
    expect((await t.ok('leaders.overview', {})).rows.map((r) => r.leaderId)).not.toContain(w.bo.id);
  });
});
