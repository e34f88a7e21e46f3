import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../helpers/db';
import { allTriggers, expectEachTriggerNeeded, migrationFills, rowsOf as rows } from '../helpers/kept-tables';
import { groupSetup, makeGroup, updateInput } from './fixtures';
import { addParticipant, markRow } from './participants-fixtures';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { reportRepo } from '../../src-main/core/repos/reports';

// The overview's yearly cells of migration 0031 are compared, after every kind of write that moves them,
// with the same figures made here by plain queries over the raw groups, sessions and participants.

const { open, closeAll } = testApps({ now: '2025-06-30T10:00:00.000Z' });
afterEach(closeAll);

const tables = {
  dash_outcome_years: {
    stored: 'select year, completed, known from dash_outcome_years order by 1',
    // A group has ended when it is completed, or has held a session and is cancelled or has none planned.
    expected: `select substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status in ('completed', 'not_completed', 'dropped_out'))
               from participants p join groups g on g.id = p.group_id
               where g.tracks_attendance = 1
                 and (g.status = 'completed' or (g.id in (select group_id from sessions where status = 'held')
                      and (g.status = 'cancelled' or g.id not in (select group_id from sessions where status = 'planned'))))
               group by 1 having sum(p.status in ('completed', 'not_completed', 'dropped_out')) > 0 order by 1`,
  },
  dash_head_years: {
    stored: 'select person_id, year, groups from dash_head_years order by 1, 2',
    expected: `select p.person_id, substr(s.planned_date, 1, 4), count(distinct p.id)
               from participants p join groups g on g.id = p.group_id join sessions s on s.group_id = g.id
               where g.tracks_attendance = 0 and p.status <> 'moved' and s.status = 'held'
               group by 1, 2 order by 1, 2`,
  },
};
/** Enrolled before a group that starts in December 2024. */
const early = { enrolmentDate: '2024-12-01', consentDate: '2024-12-01' };
type Table = keyof typeof tables;

// The people reached in a year as the overview counted them before the cells, over the raw rows.
const peopleBefore = `select (select count(*) from presence_years where year = @year and marks > 0)
  + (select count(distinct p.person_id) from groups g join participants p on p.group_id = g.id
     where g.tracks_attendance = 0 and p.status <> 'moved'
       and exists (select 1 from sessions s where s.group_id = g.id and s.status = 'held' and substr(s.planned_date, 1, 4) = @year)
       and not exists (select 1 from presence_years m where m.person_id = p.person_id and m.year = @year and m.marks > 0))`;

const agrees = (t: TestApp) => {
  const reports = reportRepo(t.app.db.sqlite);
  for (const k of Object.keys(tables) as Table[]) expect(rows(t, tables[k].stored), k).toEqual(rows(t, tables[k].expected));
  for (const year of ['2024', '2025', '2026']) expect(reports.peopleInYear(year), year).toBe(t.app.db.sqlite.prepare(peopleBefore).pluck().get({ year }));
};

/**
 * Every kind of write the cells follow, through the services where they offer it and as plain
 * statements where only sync's remote apply or an import would write it so. After each the check runs.
 */
async function everyWrite(t: TestApp, check: () => void) {
  const db = t.app.db.sqlite;
  const s = await groupSetup(t, 4);
  // Group A keeps attendance and ends in 2025; group B counts heads only and straddles the new year.
  const a = await makeGroup(t, s, { startDate: '2025-03-03' });
  const b = await makeGroup(t, s, { startDate: '2024-12-16' });
  await t.ok('groups.setTracksAttendance', { id: b.id, tracksAttendance: false });
  check();
  const [p1, p2, p3] = [await addParticipant(t, a.id), await addParticipant(t, a.id), await addParticipant(t, b.id, early)];
  const p4 = await addParticipant(t, a.id, { familyId: p1.family.id });
  const p5 = await addParticipant(t, b.id, early);
  check();
  // Marks hold A's sessions one by one: with the last it has ended.
  await markRow(t, a, p1.id, 'PPPP');
  check();
  await markRow(t, a, p2.id, 'PAN.');
  check();
  // Head counts: B's sessions held in either year, one cancelled.
  await t.ok('sessions.record', { id: b.sessions[0]!.id, status: 'held', heldDate: '2024-12-16', participantCount: 5 });
  check();
  await t.ok('sessions.record', { id: b.sessions[3]!.id, status: 'held', heldDate: '2025-01-06', participantCount: 4 });
  check();
  await t.ok('sessions.record', { id: b.sessions[1]!.id, status: 'cancelled', cancelReason: 'Sjuk ledare' });
  check();
  // Outcomes.
  await t.ok('participants.setStatus', { id: p2.id, status: 'never_started', reasonId: null });
  check();
  db.prepare("update participants set status = 'completed' where id = ?").run(p1.id);
  check();
  db.prepare("update participants set status = 'dropped_out' where id = ?").run(p4.id);
  check();
  db.prepare("update participants set status = 'completed' where id = ?").run(p3.id);
  check();
  // An extra session planned opens A again; held, it ends it again; cancelled too.
  const extra = await t.ok('sessions.addExtra', { groupId: a.id, plannedDate: '2025-04-28' });
  check();
  db.prepare("update sessions set status = 'held' where id = ?").run(extra.id);
  check();
  db.prepare("update sessions set status = 'cancelled' where id = ?").run(extra.id);
  check();
  // A held session inserted as sync would, into either group; one moved into another year and to another group.
  const insertSession = (groupId: string, number: number, date: string) =>
    db
      .prepare(
        `insert into sessions (id, group_id, number, planned_date, status, held_date, participant_count, is_extra, created_at, updated_at)
         values (?, ?, ?, ?, 'held', ?, 3, 1, '2025-06-30T10:00:00.000Z', '2025-06-30T10:00:00.000Z')`,
      )
      .run(`s-${number}`, groupId, number, date, date);
  insertSession(b.id, 40, '2026-02-02');
  check();
  insertSession(a.id, 41, '2025-05-05');
  check();
  db.prepare("update sessions set planned_date = '2026-01-05' where id = ?").run(b.sessions[3]!.id);
  check();
  db.prepare('update sessions set group_id = ?, number = 50 where id = ?').run(a.id, b.sessions[3]!.id);
  check();
  db.prepare("update sessions set status = 'planned' where id = ?").run(a.sessions[0]!.id);
  check();
  db.prepare("update sessions set status = 'held' where id = ?").run(a.sessions[0]!.id);
  check();
  // Sessions deleted: held in B, planned in A.
  db.prepare('delete from sessions where id = ?').run(b.sessions[0]!.id);
  check();
  db.prepare("update sessions set status = 'planned' where id = ?").run('s-41');
  check();
  db.prepare('delete from sessions where id = ?').run('s-41');
  check();
  // A move ends one enrolment and starts another; a person, a group and a move changed as sync would.
  await t.ok('participants.move', { id: p5.id, toGroupId: a.id, enrolmentDate: '2025-03-20' });
  check();
  db.prepare("update participants set status = 'active' where id = ?").run(p5.id);
  check();
  db.prepare('update participants set person_id = ? where id = ?').run(p1.personId, p3.id);
  check();
  db.prepare('update participants set group_id = ? where id = ?').run(b.id, p4.id);
  check();
  db.prepare('update participants set group_id = ? where id = ?').run(a.id, p4.id);
  check();
  // Groups: status, start moved into another year, attendance kept or not.
  db.prepare("update groups set status = 'completed' where id = ?").run(a.id);
  check();
  await t.ok('groups.update', updateInput(await t.ok('groups.get', { id: a.id }), { status: 'running' }));
  check();
  db.prepare("update groups set status = 'cancelled' where id = ?").run(a.id);
  check();
  db.prepare("update groups set start_date = '2024-12-30' where id = ?").run(a.id);
  check();
  db.prepare('update groups set tracks_attendance = 0 where id = ?').run(a.id);
  check();
  db.prepare('update groups set tracks_attendance = 1 where id = ?').run(a.id);
  check();
  db.prepare('update groups set tracks_attendance = 1 where id = ?').run(b.id);
  check();
  db.prepare('update groups set tracks_attendance = 0 where id = ?').run(b.id);
  check();
  // Participants deleted and erased, then whole groups with their sessions and participants.
  const unmarked = await addParticipant(t, b.id, early);
  check();
  await t.ok('participants.delete', { id: unmarked.id });
  check();
  await t.ok('participants.erase', { id: p3.id });
  check();
  const c = await makeGroup(t, s, { startDate: '2025-01-13' });
  const q = await addParticipant(t, c.id, early);
  await markRow(t, c, q.id, 'PPPP');
  db.prepare("update participants set status = 'completed' where id = ?").run(q.id);
  check();
  db.prepare('delete from groups where id = ?').run(c.id);
  check();
  db.prepare('delete from groups where id = ?').run(a.id);
  check();
  db.prepare('delete from groups where id = ?').run(b.id);
  check();
}

describe('the overview’s yearly cells, kept by triggers', () => {
  it('agree with the groups, sessions and participants after every kind of write', async () => {
    const t = open();
    let checks = 0;
    const seen = new Set<string>();
    await everyWrite(t, () => {
      agrees(t);
      for (const k of Object.keys(tables) as Table[]) for (const r of rows(t, tables[k].stored)) seen.add(`${k} ${JSON.stringify(r)}`);
      checks++;
    });
    expect(checks).toBeGreaterThan(40);
    // The writes gave both tables rows in more than one year.
    expect(new Set([...seen].filter((x) => x.startsWith('dash_outcome_years')).map((x) => x.slice(0, 25))).size).toBeGreaterThan(1);
    expect([...seen].filter((x) => x.startsWith('dash_head_years')).length).toBeGreaterThan(3);
    // Everything deleted leaves no cell behind, as a rebuild would make none.
    for (const k of Object.keys(tables) as Table[]) expect(rows(t, tables[k].stored), k).toEqual([]);
  });

  it('disagree somewhere in those writes when any one of their triggers is missing', async () => {
    await expectEachTriggerNeeded({ open, prefix: 'dash_cells_', count: 12, tables, everyWrite });
  });

  it('are what the migration builds from the rows already stored (a database restored from before it)', async () => {
    const t = open();
    const db = t.app.db.sqlite;
    const s = await groupSetup(t, 4);
    const g = await makeGroup(t, s, { startDate: '2024-12-16' });
    const h = await makeGroup(t, s, { startDate: '2024-12-16' });
    await t.ok('groups.setTracksAttendance', { id: h.id, tracksAttendance: false });
    const p = await addParticipant(t, g.id, early);
    await addParticipant(t, h.id, early);
    await markRow(t, g, p.id, 'PPAP');
    db.prepare("update participants set status = 'completed' where id = ?").run(p.id);
    await t.ok('sessions.record', { id: h.sessions[0]!.id, status: 'held', heldDate: '2024-12-16', participantCount: 5 });
    await t.ok('sessions.record', { id: h.sessions[3]!.id, status: 'held', heldDate: '2025-01-06', participantCount: 4 });
    for (const k of Object.keys(tables)) db.exec(`delete from ${k}`);
    const fills = migrationFills('0031_dashboard_cells.sql', 'dash_');
    expect(fills).toHaveLength(2);
    for (const fill of fills) db.exec(fill);
    agrees(t);
    expect(rows(t, tables.dash_outcome_years.stored)).toHaveLength(1);
    expect(rows(t, tables.dash_head_years.stored)).toHaveLength(2);
  });

  it('are rebuilt after the demo’s bulk write, and their triggers are back for the writes after it', async () => {
    const t = open();
    const before = allTriggers(t);
    addDemoData(t.app.db, { scale: 0.2, seed: 5, today: '2025-06-30' });
    agrees(t);
    expect(rows(t, tables.dash_outcome_years.stored).length).toBeGreaterThan(0);
    expect(rows(t, tables.dash_head_years.stored).length).toBeGreaterThan(10);
    expect(allTriggers(t)).toEqual(before);
    const db = t.app.db.sqlite;
    const [x] = db
      .prepare('select g.id from groups g where g.tracks_attendance = 0 and exists (select 1 from participants p where p.group_id = g.id)')
      .pluck()
      .all() as string[];
    db.prepare("update participants set status = 'moved' where group_id = ?").run(x);
    db.prepare("update sessions set status = 'cancelled' where group_id = ? and status = 'planned'").run(x);
    agrees(t);
    db.prepare('delete from groups where id = ?').run(x);
    agrees(t);
  });
});
