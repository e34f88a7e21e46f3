import { afterEach, describe, expect, it } from 'vitest';
import { withDerivedTablesRebuiltAfter } from '../../../src-main/core/repos/bulk-write';
import { testApps, type TestApp } from '../../helpers/db';
import { makeGroup } from '../fixtures';
import { addParticipant } from '../participants-fixtures';
import { followedGroup } from './fixtures';

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

const on = '2026-04-01';

/** What each of the four reads lists, as `name (group)` in the order it lists them. */
async function listed(t: TestApp, groupName: Map<string, string>) {
  const label = (r: { participantId: string; groupId: string; participantName?: string }, names?: Map<string, string>) =>
    `${r.participantName ?? names?.get(r.participantId) ?? r.participantId} (${groupName.get(r.groupId)})`;
  const worklist = await t.ok('outcomes.worklist', { on });
  const names = new Map(worklist.map((r) => [r.participantId, r.participantName]));
  const due = await t.ok('outcomes.due', { on });
  const summary = await t.ok('outcomes.worklistSummary', { on, limit: 20 });
  const page = await t.ok('outcomes.worklistPage', { on, limit: 50 });
  const groups = await t.ok('outcomes.worklistGroups', { on });
  return {
    due: due.map((r) => label(r, names)).sort(),
    worklist: worklist.map((r) => label(r)),
    summary: { due: summary.due, first: summary.first.map((r) => label(r)) },
    page: { total: page.total, rows: page.rows.map((r) => label(r)), groups: groups.map((g) => groupName.get(g.groupId)) },
  };
}

/**
 * The expected lists, from who is still to answer in each group: the worklist and the summary by
 * name (every row closes the same day, one instrument and time point), the page by group (A's
 * unit and start date in words before B's: the same programme and unit, A starts first) then name.
 */
function expected(due: { A: string[]; B: string[] }) {
  const rows = [...due.A.map((n) => `${n} (A)`), ...due.B.map((n) => `${n} (B)`)];
  const byName = [...rows].sort((a, b) => a.localeCompare(b, 'sv'));
  const byGroup = [
    ...due.A.map((n) => `${n} (A)`).sort((a, b) => a.localeCompare(b, 'sv')),
    ...due.B.map((n) => `${n} (B)`).sort((a, b) => a.localeCompare(b, 'sv')),
  ];
  return {
    due: [...rows].sort(),
    worklist: byName,
    summary: { due: rows.length, first: byName },
    page: { total: rows.length, rows: byGroup, groups: [...(due.A.length ? ['A'] : []), ...(due.B.length ? ['B'] : [])] },
  };
}

describe('the worklist kept per group', () => {
  it('reads again the group a write touched, whoever made the write on this connection', async () => {
    const t = open();
    const { group: a, people } = await followedGroup(t);
    const [bo] = people;
    // B: the same programme, unit and dates, a day later in words (its start date), with two of its own.
    const setup = { programme: { id: a.programmeId }, unit: { id: a.unitId }, leaders: a.leaders, supervisor: a.supervisor };
    const b = await makeGroup(t, setup as never, { startDate: '2025-03-04' });
    // B's sessions on A's days: the same window.
    const sqlite = t.app.db.sqlite;
    const days = [...a.sessions].sort((x, y) => x.number - y.number).map((s) => s.plannedDate);
    const bSessions = [...b.sessions].sort((x, y) => x.number - y.number);
    const plan = sqlite.prepare('update sessions set planned_date = ? where id = ?');
    bSessions.forEach((s, i) => plan.run(days[i], s.id));
    const cia = await addParticipant(t, b.id, { displayName: 'Cia' });
    const dan = await addParticipant(t, b.id, { displayName: 'Dan' });
    const groupName = new Map([
      [a.id, 'A'],
      [b.id, 'B'],
    ]);
    const look = () => listed(t, groupName);

    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Cia', 'Dan'] }));
    // Read again, nothing written: the same (from what was kept).
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Cia', 'Dan'] }));

    // A mark in B through the app, then cleared (its rows come back by `insert or ignore`).
    await t.ok('outcomes.setStatus', { participantId: cia.id, timepoint: 'fu12', status: 'declined' });
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Dan'] }));
    await t.ok('outcomes.setStatus', { participantId: cia.id, timepoint: 'fu12', status: null });
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Cia', 'Dan'] }));

    // A response in B.
    await t.ok('responses.record', {
      participantId: dan.id,
      instrument: 'TRIVSEL',
      timepoint: 'fu12',
      date: '2026-03-30',
      enteredBy: 'Eva',
      answers: { t1: 4, t2: 2, t3: 4, t4: 5 },
    });
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Cia'] }));

    // Writes on this connection outside the app's calls: a rename in B (A's rows stay as kept) ...
    sqlite.prepare('update participants set display_name = ? where id = ?').run('Åke', cia.id);
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Åke'] }));
    // ... B's sessions moved two years back, so its window has passed and its overdue year too (the group leaves the list) ...
    const yearsBack = sqlite.prepare('update sessions set planned_date = date(planned_date, ?) where group_id = ?');
    yearsBack.run('-2 years', b.id);
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: [] }));
    // ... and forward again.
    yearsBack.run('+2 years', b.id);
    expect(await look()).toEqual(expected({ A: ['Ann', 'Bo'], B: ['Åke'] }));

    // A mark in A, so both groups have been read again once.
    await t.ok('outcomes.setStatus', { participantId: bo!.id, timepoint: 'fu12', status: 'unreachable' });
    expect(await look()).toEqual(expected({ A: ['Ann'], B: ['Åke'] }));

    // A bulk write (the demo's, an import's) sets the noting triggers aside with the kept tables'
    // and says everything changed; afterwards single writes are noted again.
    const [, ann] = people;
    const mark = sqlite.prepare(
      "insert into outcome_statuses (participant_id, timepoint, status, created_at, updated_at) values (?, 'fu12', 'declined', '2026-04-01', '2026-04-01')",
    );
    withDerivedTablesRebuiltAfter(t.app.db, () => mark.run(ann!.id));
    expect(await look()).toEqual(expected({ A: [], B: ['Åke'] }));
    sqlite.prepare('delete from outcome_statuses where participant_id = ?').run(ann!.id);
    expect(await look()).toEqual(expected({ A: ['Ann'], B: ['Åke'] }));
  });
});
