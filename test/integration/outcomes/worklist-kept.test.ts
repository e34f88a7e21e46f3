import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../../helpers/db';
import { followedGroup } from './fixtures';

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

const on = '2026-04-01';

/** Who each of the four reads lists, by id. */
async function listed(t: TestApp) {
  const due = await t.ok('outcomes.due', { on });
  const worklist = await t.ok('outcomes.worklist', { on });
  const summary = await t.ok('outcomes.worklistSummary', { on, limit: 5 });
  const page = await t.ok('outcomes.worklistPage', { on, limit: 5 });
  return {
    page: { total: page.total, rows: page.rows.map((r) => r.participantId).sort() },
    due: due.map((r) => r.participantId).sort(),
    worklist: worklist.map((r) => r.participantId).sort(),
    summary: { due: summary.due, overdue: summary.overdue, first: summary.first.map((r) => r.participantId).sort() },
  };
}
const listing = (ids: string[]) => ({ page: { total: ids.length, rows: ids }, due: ids, worklist: ids, summary: { due: ids.length, overdue: 0, first: ids } });

describe('the worklist kept between reads', () => {
  it('follows every write: on this connection, committed by another, and not kept inside a transaction', async () => {
    const t = open();
    const { people } = await followedGroup(t);
    const [bo, ann] = people.map((p) => p.id);
    const both = [bo!, ann!].sort();
    expect(await listed(t)).toEqual(listing(both));
    // Read twice without a write: the same lists.
    expect(await listed(t)).toEqual(listing(both));

    // A write through the app.
    await t.ok('outcomes.setStatus', { participantId: bo!, timepoint: 'fu12', status: 'declined' });
    expect(await listed(t)).toEqual(listing([ann!]));

    // A write by another connection to the same file (the CLI beside the running app).
    const other = new Database(t.app.databasePath);
    try {
      other.prepare('delete from outcome_statuses where participant_id = ?').run(bo!);
    } finally {
      other.close();
    }
    expect(await listed(t)).toEqual(listing(both));

    // A write on this connection outside the app's calls, then taken back: kept lists go with the
    // write, and a list read inside the transaction is not kept past its rollback.
    const sqlite = t.app.db.sqlite;
    const mark = sqlite.prepare(
      "insert into outcome_statuses (participant_id, timepoint, status, created_at, updated_at) values (?, 'fu12', 'unreachable', '2026-04-01', '2026-04-01')",
    );
    mark.run(ann!);
    expect(await listed(t)).toEqual(listing([bo!]));
    sqlite.prepare('delete from outcome_statuses where participant_id = ?').run(ann!);
    expect(await listed(t)).toEqual(listing(both));
    const due = t.app.handlers['outcomes.due'];
    const rolledBack = new Error('taken back');
    expect(() =>
      sqlite.transaction(() => {
        mark.run(bo!);
        const inside = due({ on }, { actor: 'test', shell: 'test' }) as { participantId: string }[];
        expect(inside.map((r) => r.participantId)).toEqual([ann!]);
        throw rolledBack;
      })(),
    ).toThrow(rolledBack);
    expect(await listed(t)).toEqual(listing(both));
  });
});
