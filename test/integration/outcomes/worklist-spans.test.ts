import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/core/clock';
import { outcomeRepo } from '../../../src-main/core/repos/outcomes';
import { testApps, type TestApp } from '../../helpers/db';
import { statementsPreparedBy } from '../../helpers/prepared';
import { followedGroup } from './fixtures';

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

const spanRows = (t: TestApp) =>
  t.app.db.sqlite.prepare('select group_id as groupId, first_session as first, last_session as last from group_spans order by group_id').all();

describe("each group's session span", () => {
  it('follows its sessions as they are held, cancelled, added and deleted, and goes with the group', async () => {
    const t = open();
    const { group, sessions } = await followedGroup(t);
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-03', last: '2025-03-24' }]);
    // Held two days late: the held date counts.
    await t.ok('sessions.record', { id: sessions[3]!.id, status: 'held', heldDate: '2025-03-26', participantCount: 2 });
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-03', last: '2025-03-26' }]);
    await t.ok('sessions.record', { id: sessions[0]!.id, status: 'cancelled', cancelReason: 'Sjuk ledare' });
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-10', last: '2025-03-26' }]);
    const extra = await t.ok('sessions.addExtra', { groupId: group.id, plannedDate: '2025-04-07' });
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-10', last: '2025-04-07' }]);
    await t.ok('sessions.delete', { id: extra.id });
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-10', last: '2025-03-26' }]);
    // Back to planned: the planned date again.
    await t.ok('sessions.record', { id: sessions[0]!.id, status: 'planned' });
    await t.ok('sessions.record', { id: sessions[3]!.id, status: 'planned' });
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-03', last: '2025-03-24' }]);
    for (const s of sessions) await t.ok('sessions.record', { id: s.id, status: 'cancelled', cancelReason: 'Inställd' });
    expect(spanRows(t)).toEqual([]);
    await t.ok('sessions.record', { id: sessions[1]!.id, status: 'planned' });
    expect(spanRows(t)).toEqual([{ groupId: group.id, first: '2025-03-10', last: '2025-03-10' }]);
    await t.ok('groups.delete', { id: group.id });
    expect(spanRows(t)).toEqual([]);
  });
});

describe('the worklist over groups that ended long ago', () => {
  it('lists a follow-up overdue until its last overdue day, counted from the span as the sessions now stand', async () => {
    const t = open();
    const { group, people, sessions } = await followedGroup(t);
    const listed = async (on: string) => {
      const due = await t.ok('outcomes.due', { on });
      const worklist = await t.ok('outcomes.worklist', { on });
      const summary = await t.ok('outcomes.worklistSummary', { on, limit: 10 });
      // The three reads agree: the page's list is the CLI's with names, the dashboard's its first rows.
      expect(worklist.map((r) => r.participantId).sort()).toEqual(due.map((r) => r.participantId).sort());
      expect(summary.due + summary.overdue).toBe(due.length);
      expect(summary.first).toEqual(worklist.slice(0, 10));
      return due.map((d) => ({ ...d })).sort((a, b) => a.participantId.localeCompare(b.participantId));
    };
    const row = (participantId: string, dueFrom: string, dueTo: string, status: string) => ({
      participantId,
      groupId: group.id,
      instrument: 'TRIVSEL',
      timepoint: 'fu12',
      dueFrom,
      dueTo,
      status,
    });
    const [bo, ann] = [...people].sort((a, b) => a.id.localeCompare(b.id));
    // Last session 2025-03-24: fu12 opens 2026-03-24, closes 2026-04-23, is overdue until 2027-04-23.
    expect(await listed('2026-03-23')).toEqual([]);
    expect(await listed('2026-04-01')).toEqual([row(bo!.id, '2026-03-24', '2026-04-23', 'due'), row(ann!.id, '2026-03-24', '2026-04-23', 'due')]);
    expect(await listed('2027-04-23')).toEqual([row(bo!.id, '2026-03-24', '2026-04-23', 'overdue'), row(ann!.id, '2026-03-24', '2026-04-23', 'overdue')]);
    expect(await listed('2027-04-24')).toEqual([]);
    // The last session held on 2025-03-28 instead: everything moves four days later.
    await t.ok('sessions.record', { id: sessions[3]!.id, status: 'held', heldDate: '2025-03-28', participantCount: 2 });
    expect(await listed('2027-04-27')).toEqual([row(bo!.id, '2026-03-28', '2026-04-27', 'overdue'), row(ann!.id, '2026-03-28', '2026-04-27', 'overdue')]);
    // Cancelled: the third session is the last, 2025-03-17; its follow-up closed 2026-04-16, is missed from 2027-04-17.
    await t.ok('sessions.record', { id: sessions[3]!.id, status: 'cancelled', cancelReason: 'Sjuk ledare' });
    expect(await listed('2027-04-16')).toEqual([row(bo!.id, '2026-03-17', '2026-04-16', 'overdue'), row(ann!.id, '2026-03-17', '2026-04-16', 'overdue')]);
    expect(await listed('2027-04-18')).toEqual([]);
    // An answer or a mark clears a row; the other stays.
    await t.ok('outcomes.setStatus', { participantId: bo!.id, timepoint: 'fu12', status: 'unreachable' });
    expect(await listed('2027-04-16')).toEqual([row(ann!.id, '2026-03-17', '2026-04-16', 'overdue')]);
    expect(await t.ok('outcomes.due', { on: '2027-04-16', groupId: group.id })).toEqual([row(ann!.id, '2026-03-17', '2026-04-16', 'overdue')]);
  });
});

/** The worklist's statements, as the outcomes repository prepares them. */
function worklistStatements(t: TestApp): string[] {
  const sources = statementsPreparedBy(t.app.db.sqlite, (spy) => outcomeRepo(t.app.db.orm, spy, systemClock));
  // Reads only: an import's cell sums also name group_spans.
  return sources.filter((s) => (s.includes('group_spans') || s.includes(':points')) && !/\binsert into\b/i.test(s));
}

describe('the worklist at city scale', () => {
  // With the statistics migration 0023 ships, the plans are those on a city's database.
  it('reads the spans near today from their index and the unanswered from their key, never a table of the data', () => {
    const t = open();
    const statements = worklistStatements(t);
    expect(statements).toHaveLength(4);
    const details = statements.flatMap((source) =>
      (
        t.app.db.sqlite.prepare(`explain query plan ${source}`).all({ from: '2025-01-01', to: '2025-12-31', groupId: 'g', points: '[]' }) as {
          detail: string;
        }[]
      ).map((r) => r.detail),
    );
    expect(details.filter((d) => /^SCAN (?!json_each|q\b|outcome_schedules)/.test(d))).toEqual([]);
    expect(details).toContain('SEARCH sp USING COVERING INDEX group_spans_last_idx (last_session>?)');
    // The enrolments still to answer at each point are one range of their kept rows (migration
    // 0028), the table's own key since it is stored by it (0033); a participant's row is read only for the name.
    expect([...new Set(details.filter((d) => / (r|s|p|u) /.test(d)))]).toEqual([
      'SEARCH u USING PRIMARY KEY (group_id=? AND instrument_code=? AND timepoint=?)',
      'SEARCH p USING INDEX sqlite_autoindex_participants_1 (id=?)',
    ]);
  });
});
