import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, type GroupSetup } from './fixtures';

// Today is Wednesday 2025-03-12. The dashboard's reads keep their answers until a write.
let t: TestApp;
let s: GroupSetup;
beforeEach(async () => {
  t = createTestApp();
  s = await groupSetup(t, 4);
});
afterEach(() => t.close());

describe('the dashboard between writes', () => {
  it('answers anew after a write through the app, after another connection commits and for another day', async () => {
    const first = await makeGroup(t, s, { startDate: '2025-03-03', venue: 'A' });
    const before = await t.ok('dashboard.get', {});
    expect(before.overdueTotal).toBe(2);
    expect((await t.ok('dashboard.participation', {})).heldWithoutAttendanceTotal).toBe(0);

    // A session recorded as held through the app: one fewer overdue, and it now lacks attendance.
    await t.ok('sessions.record', { id: first.sessions[0]!.id, status: 'held', heldDate: '2025-03-03', participantCount: 5 });
    expect((await t.ok('dashboard.get', {})).overdueTotal).toBe(1);
    expect((await t.ok('dashboard.participation', {})).heldWithoutAttendanceTotal).toBe(1);

    // The other session held, written by another connection (the CLI beside a running app).
    const other = new Database(t.app.databasePath);
    try {
      other.prepare(`update sessions set status = 'held', held_date = planned_date where id = ?`).run(first.sessions[1]!.id);
    } finally {
      other.close();
    }
    expect((await t.ok('dashboard.get', {})).overdueTotal).toBe(0);
    expect((await t.ok('dashboard.participation', {})).heldWithoutAttendanceTotal).toBe(2);

    // Another day is another answer, with nothing written between.
    const later = await t.ok('dashboard.get', { today: '2025-03-02' });
    expect(later.today).toBe('2025-03-02');
    expect(later.upcomingThisWeek.map((x) => x.plannedDate)).toEqual([]);
  });
});
