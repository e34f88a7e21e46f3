import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../helpers/db';
import { allTriggers, expectEachTriggerNeeded, migrationFills, rowsOf as rows } from '../helpers/kept-tables';
import { groupSetup, makeGroup, makeProgramme, makeUnit, updateInput } from './fixtures';
import { addParticipant, markRow } from './participants-fixtures';
import { addDemoData } from '../../src-main/core/demo/add-demo';

// The statistics' cells of migration 0030 are compared, after every kind of write that moves them,
// with the same sums made here by plain group-bys over the raw groups, sessions and participants.

const { open, closeAll } = testApps({ now: '2025-06-30T10:00:00.000Z' });
afterEach(closeAll);

const tables = {
  stats_group_cells: {
    stored: 'select programme_id, unit_id, year, groups from stats_group_cells order by 1, 2, 3',
    expected: `select programme_id, unit_id, substr(start_date, 1, 4), count(*) from groups group by 1, 2, 3 order by 1, 2, 3`,
  },
  stats_session_cells: {
    stored: `select programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records
             from stats_session_cells order by 1, 2, 3, 4`,
    expected: `select g.programme_id, g.unit_id, substr(s.planned_date, 1, 4), s.status, count(*), ifnull(sum(s.participant_count), 0),
                 ifnull(sum(s.fidelity_percent), 0), count(s.fidelity_percent)
               from sessions s join groups g on g.id = s.group_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  },
  stats_participant_cells: {
    stored: `select programme_id, enrolments, participants, completed, dropped_out, families, present, marked
             from stats_participant_cells order by 1`,
    expected: `select g.programme_id, count(*), sum(p.status <> 'moved'), sum(p.status = 'completed'), sum(p.status = 'dropped_out'),
                 (select count(*) from (select distinct q.family_id from participants q join groups h on h.id = q.group_id
                                        where h.programme_id = g.programme_id and q.status <> 'moved')),
                 sum(p.present_count), sum(p.marked_count)
               from participants p join groups g on g.id = p.group_id group by 1 order by 1`,
  },
  stats_family_cells: {
    stored: 'select programme_id, family_id, participants from stats_family_cells order by 1, 2',
    expected: `select g.programme_id, p.family_id, count(*) from participants p join groups g on g.id = p.group_id
               where p.status <> 'moved' group by 1, 2 order by 1, 2`,
  },
  stats_families: {
    stored: 'select family_id, participants from stats_families order by 1',
    expected: `select family_id, count(*) from participants where status <> 'moved' group by 1 order by 1`,
  },
};
/** Enrolled before a group that starts in December 2024. */
const early = { enrolmentDate: '2024-12-01', consentDate: '2024-12-01' };
type Table = keyof typeof tables;

const agrees = (t: TestApp) => {
  for (const k of Object.keys(tables) as Table[]) expect(rows(t, tables[k].stored), k).toEqual(rows(t, tables[k].expected));
};

/**
 * Every kind of write the cells follow, through the services where they offer it and as plain
 * statements where only sync's remote apply or an import would write it so. After each the check runs.
 */
async function everyWrite(t: TestApp, check: () => void) {
  const db = t.app.db.sqlite;
  const s = await groupSetup(t, 4);
  const otherProgramme = await makeProgramme(t, { sessionCount: 4 });
  const otherUnit = await makeUnit(t);
  // Group A's sessions all fall in 2025; group B's straddle the new year.
  const a = await makeGroup(t, s, { startDate: '2025-03-03' });
  const b = await makeGroup(t, s, { startDate: '2024-12-16' });
  check();
  const [p1, p2, p3] = [await addParticipant(t, a.id), await addParticipant(t, a.id), await addParticipant(t, b.id, early)];
  // Two caregivers of one family in A, and the same family again in B.
  const p4 = await addParticipant(t, a.id, { familyId: p1.family.id });
  const p5 = await addParticipant(t, b.id, { ...early, familyId: p1.family.id });
  check();
  // Marks change participants' present and marked counts; markHeld records the sessions held.
  await markRow(t, a, p1.id, 'PPA');
  check();
  await markRow(t, a, p2.id, 'PAN');
  check();
  await t.ok('attendance.set', { participantId: p1.id, sessionId: a.sessions[1]!.id, state: 'absent' });
  check();
  // Head counts: a session held with a count, the count changed, one cancelled.
  await t.ok('sessions.record', { id: b.sessions[0]!.id, status: 'held', heldDate: '2024-12-16', participantCount: 5 });
  check();
  await t.ok('sessions.record', { id: b.sessions[0]!.id, status: 'held', heldDate: '2024-12-16', participantCount: 7 });
  check();
  await t.ok('sessions.record', { id: b.sessions[1]!.id, status: 'cancelled', cancelReason: 'Sjuk ledare' });
  check();
  // A fidelity record, changed, and cleared.
  db.prepare('update sessions set fidelity_percent = 80 where id = ?').run(a.sessions[0]!.id);
  check();
  db.prepare('update sessions set fidelity_percent = 55, participant_count = 3 where id = ?').run(a.sessions[0]!.id);
  check();
  db.prepare('update sessions set fidelity_percent = null where id = ?').run(a.sessions[0]!.id);
  check();
  db.prepare('update sessions set fidelity_percent = 90 where id = ?').run(b.sessions[0]!.id);
  check();
  // An extra session added; a session moved into another year, within its year, and to another group.
  await t.ok('sessions.addExtra', { groupId: a.id, plannedDate: '2025-04-28' });
  check();
  db.prepare("update sessions set planned_date = '2026-01-05' where id = ?").run(a.sessions[3]!.id);
  check();
  db.prepare("update sessions set planned_date = '2026-01-12', participant_count = 2 where id = ?").run(a.sessions[3]!.id);
  check();
  db.prepare('update sessions set group_id = ?, number = 50 where id = ?').run(b.id, a.sessions[3]!.id);
  check();
  // Sessions deleted.
  db.prepare('delete from sessions where id = ?').run(a.sessions[3]!.id);
  check();
  db.prepare('delete from sessions where id = ?').run(b.sessions[0]!.id);
  check();
  // Outcomes and leavers.
  await t.ok('participants.setStatus', { id: p2.id, status: 'never_started', reasonId: null });
  check();
  db.prepare("update participants set status = 'completed' where id = ?").run(p1.id);
  check();
  db.prepare("update participants set status = 'dropped_out' where id = ?").run(p3.id);
  check();
  // A move ends one enrolment and starts another; the family stays counted where a member remains.
  await t.ok('participants.move', { id: p4.id, toGroupId: b.id, enrolmentDate: '2025-03-20' });
  check();
  // Another family, a family changed back, a participant regrouped, one whose move is undone.
  await t.ok('participants.update', { ...editable(await t.ok('participants.get', { id: p5.id })), familyId: p3.family.id });
  check();
  db.prepare('update participants set family_id = ? where id = ?').run(p1.family.id, p5.id);
  check();
  db.prepare('update participants set group_id = ? where id = ?').run(a.id, p3.id);
  check();
  db.prepare("update participants set status = 'active' where id = ?").run(p4.id);
  check();
  // Groups: the start moved within the year and into another, another unit, another programme.
  await t.ok('groups.update', updateInput(b, { startDate: '2024-12-09' }));
  check();
  db.prepare("update groups set start_date = '2025-01-06' where id = ?").run(b.id);
  check();
  db.prepare('update groups set unit_id = ? where id = ?').run(otherUnit.id, a.id);
  check();
  db.prepare('update groups set programme_id = ? where id = ?').run(otherProgramme.id, a.id);
  check();
  db.prepare('update groups set programme_id = ?, unit_id = ? where id = ?').run(s.programme.id, s.unit.id, a.id);
  check();
  db.prepare('update groups set programme_id = ? where id = ?').run(otherProgramme.id, b.id);
  check();
  // A participant deleted and one erased, then whole groups with their sessions and participants.
  const unmarked = await addParticipant(t, b.id, early);
  check();
  await t.ok('participants.delete', { id: unmarked.id });
  check();
  await t.ok('participants.erase', { id: p5.id });
  check();
  const c = await makeGroup(t, { ...s, programme: otherProgramme }, { startDate: '2025-05-05' });
  await addParticipant(t, c.id, { familyId: p1.family.id });
  check();
  await t.ok('groups.delete', { id: c.id });
  check();
  db.prepare('delete from groups where id = ?').run(a.id);
  check();
  db.prepare('delete from groups where id = ?').run(b.id);
  check();
}

const editable = (p: Awaited<ReturnType<typeof addParticipant>>) => ({
  id: p.id,
  displayName: p.displayName,
  relation: p.relation,
  contact: p.contact,
  familyId: p.family.id,
  childBirthYear: p.family.childBirthYear,
  childGender: p.family.childGender,
  enrolmentDate: p.enrolmentDate,
  consent: p.consent,
  consentDate: p.consentDate,
  allowDuplicate: true,
});

describe('the statistics’ cells, kept by triggers', () => {
  it('agree with the groups, sessions and participants after every kind of write', async () => {
    const t = open();
    let checks = 0;
    await everyWrite(t, () => {
      agrees(t);
      checks++;
    });
    expect(checks).toBeGreaterThan(30);
    // Everything deleted leaves no cell behind, as a rebuild would make none.
    for (const k of Object.keys(tables) as Table[]) expect(rows(t, tables[k].stored), k).toEqual([]);
  });

  it('disagree somewhere in those writes when any one of their triggers is missing', async () => {
    await expectEachTriggerNeeded({ open, prefix: 'stats_cells_', count: 13, tables, everyWrite });
  });

  it('are what the migration builds from the rows already stored (a database restored from before it)', async () => {
    const t = open();
    const db = t.app.db.sqlite;
    const s = await groupSetup(t, 4);
    const g = await makeGroup(t, s, { startDate: '2024-12-16' });
    const p = await addParticipant(t, g.id, early);
    await addParticipant(t, g.id, { ...early, familyId: p.family.id });
    await markRow(t, g, p.id, 'PAP');
    db.prepare('update sessions set fidelity_percent = 70 where id = ?').run(g.sessions[0]!.id);
    for (const k of Object.keys(tables)) db.exec(`delete from ${k}`);
    const fills = migrationFills('0030_stats_cells.sql', 'stats_');
    expect(fills).toHaveLength(5);
    for (const fill of fills) db.exec(fill);
    agrees(t);
    expect(rows(t, tables.stats_session_cells.stored).length).toBeGreaterThan(1);
  });

  it('are rebuilt after the demo’s bulk write, and their triggers are back for the writes after it', async () => {
    const t = open();
    const before = allTriggers(t);
    addDemoData(t.app.db, { scale: 0.2, seed: 5, today: '2025-06-30' });
    agrees(t);
    expect(rows(t, tables.stats_session_cells.stored).length).toBeGreaterThan(10);
    expect(allTriggers(t)).toEqual(before);
    const db = t.app.db.sqlite;
    const [x] = db.prepare("select id, group_id from participants where status <> 'moved' limit 1").raw().all() as [string, string][];
    db.prepare("update participants set status = 'moved' where id = ?").run(x![0]);
    db.prepare("update sessions set status = 'cancelled' where group_id = ? and status = 'planned'").run(x![1]);
    db.prepare("update groups set start_date = '2019-01-07' where id = ?").run(x![1]);
    agrees(t);
    db.prepare('delete from groups where id = ?').run(x![1]);
    agrees(t);
  });
});
