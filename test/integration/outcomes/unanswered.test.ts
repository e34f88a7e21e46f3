import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../../helpers/db';
import { makeGroup, makeProgramme } from '../fixtures';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';
import { addDemoData } from '../../../src-main/core/demo/add-demo';

// The questionnaires still to answer of migration 0028 are compared after each kind of write with
// the same rows worked out here, in plain JavaScript, from the raw participants, groups, schedules,
// responses and marks: an enrolment that has not moved on is asked every point of its group's
// programme's schedule, until it has a response there or a mark at that time point.

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

function expected(t: TestApp): string[] {
  const db = t.app.db.sqlite;
  const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
  const programmeOf = new Map(
    rows<{ id: string; programmeId: string }>('select id, programme_id as programmeId from groups').map((g) => [g.id, g.programmeId]),
  );
  const schedules = rows<{ programmeId: string; instrument: string; timepoint: string }>(
    'select programme_id as programmeId, instrument_code as instrument, timepoint from outcome_schedules',
  );
  const answered = new Set(
    rows<{ p: string; i: string; t: string }>('select participant_id as p, instrument_code as i, timepoint as t from outcome_responses').map(
      (r) => `${r.p}|${r.i}|${r.t}`,
    ),
  );
  const marked = new Set(rows<{ p: string; t: string }>('select participant_id as p, timepoint as t from outcome_statuses').map((s) => `${s.p}|${s.t}`));
  const want: string[] = [];
  for (const p of rows<{ id: string; groupId: string; status: string }>('select id, group_id as groupId, status from participants')) {
    if (p.status === 'moved') continue;
    for (const s of schedules) {
      if (s.programmeId !== programmeOf.get(p.groupId)) continue;
      if (answered.has(`${p.id}|${s.instrument}|${s.timepoint}`) || marked.has(`${p.id}|${s.timepoint}`)) continue;
      want.push(`${p.groupId}|${s.instrument}|${s.timepoint}|${p.id}`);
    }
  }
  return want.sort();
}

const stored = (t: TestApp): string[] =>
  (
    t.app.db.sqlite
      .prepare("select group_id || '|' || instrument_code || '|' || timepoint || '|' || participant_id from outcome_unanswered")
      .pluck()
      .all() as string[]
  ).sort();

/** The kept rows agree with the raw ones; the rows returned so a step can check it changed something. */
const agrees = (t: TestApp) => {
  const want = expected(t);
  expect(stored(t)).toEqual(want);
  return want;
};

/** Changes the kept rows by exactly this write, and they still agree. */
async function changes(t: TestApp, write: () => unknown) {
  const before = agrees(t);
  await write();
  const after = agrees(t);
  expect(after).not.toEqual(before);
}

async function scheduledGroups(t: TestApp) {
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'pre' });
  const other = await makeGroup(t, setup, { startDate: '2025-03-04' });
  const people = [];
  for (const [i, groupId] of [group.id, group.id, group.id, group.id, other.id, other.id].entries())
    people.push(await addParticipant(t, groupId, { displayName: `P${i}`, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' }));
  return { setup, group, other, people };
}

const record = (t: TestApp, participantId: string, timepoint: string) =>
  t.ok('responses.record', {
    participantId,
    instrument: 'TRIVSEL',
    timepoint,
    date: '2025-03-30',
    enteredBy: 'Anna Lind',
    answers: { t1: 2, t2: 3, t3: 4, t4: 5 },
  });

describe('the questionnaires still to answer, kept by triggers', () => {
  it('follow schedules, participants, responses, marks and groups, written by hand or as sync applies them', async () => {
    const t = open();
    const { setup, group, other, people } = await scheduledGroups(t);
    const db = t.app.db.sqlite;
    // Participants added after the schedule each have its point to answer.
    expect(agrees(t)).toHaveLength(6);

    // A schedule point added asks every enrolment of the programme; one removed asks none.
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'post' });
    const fu6 = await t.ok('outcomeSchedules.add', {
      programmeId: setup.programme.id,
      instrumentCode: 'TRIVSEL',
      respondent: 'parent',
      timepoint: 'fu6',
      windowDays: 30,
    });
    expect(agrees(t)).toHaveLength(18);

    // Responses answer their point; deleted or moved to another point (as sync may write them), it is open again.
    await record(t, people[0]!.id, 'pre');
    agrees(t);
    await record(t, people[1]!.id, 'post');
    agrees(t);
    await record(t, people[4]!.id, 'pre');
    expect(agrees(t)).toHaveLength(15);
    const responseOf = (participantId: string, timepoint: string) =>
      db.prepare('select id from outcome_responses where participant_id = ? and timepoint = ?').pluck().get(participantId, timepoint) as string;
    await changes(t, () => db.prepare('delete from outcome_responses where id = ?').run(responseOf(people[0]!.id, 'pre')));
    await changes(t, () => db.prepare("update outcome_responses set timepoint = 'fu6' where id = ?").run(responseOf(people[1]!.id, 'post')));
    await changes(t, () => db.prepare('update outcome_responses set participant_id = ? where id = ?').run(people[2]!.id, responseOf(people[4]!.id, 'pre')));

    // A declined or unreachable mark closes every instrument at its time point; cleared, they are open again.
    await changes(t, () => t.ok('outcomes.setStatus', { participantId: people[3]!.id, timepoint: 'post', status: 'declined' }));
    await changes(t, () => t.ok('outcomes.setStatus', { participantId: people[5]!.id, timepoint: 'pre', status: 'unreachable' }));
    await changes(t, () => t.ok('outcomes.setStatus', { participantId: people[3]!.id, timepoint: 'post', status: null }));
    // A mark changed in place stays closed; moved to another time point, the old one opens and the new one closes.
    db.prepare("update outcome_statuses set status = 'declined' where participant_id = ?").run(people[5]!.id);
    agrees(t);
    await changes(t, () => db.prepare("update outcome_statuses set timepoint = 'post' where participant_id = ?").run(people[5]!.id));

    // Participants: a move ends one enrolment and begins another; a group changed, a status changed,
    // a move undone, one erased and one added.
    await changes(t, () => t.ok('participants.move', { id: people[0]!.id, toGroupId: other.id, enrolmentDate: '2025-03-10' }));
    await changes(t, () => db.prepare('update participants set group_id = ? where id = ?').run(other.id, people[1]!.id));
    db.prepare("update participants set status = 'dropped_out' where id = ?").run(people[2]!.id);
    agrees(t);
    await changes(t, () => db.prepare("update participants set status = 'moved' where id = ?").run(people[2]!.id));
    await changes(t, () => db.prepare("update participants set status = 'active' where id = ?").run(people[2]!.id));
    await changes(t, () => t.ok('participants.erase', { id: people[4]!.id }));
    await changes(t, () => addParticipant(t, group.id, { displayName: 'Ny', enrolmentDate: '2025-03-20', consentDate: '2025-03-20' }));

    // A schedule point moved to another time point (as sync may write it), then removed.
    await changes(t, () => db.prepare("update outcome_schedules set timepoint = 'fu3', months = 3 where id = ?").run(fu6.id));
    await changes(t, () => t.ok('outcomeSchedules.delete', { id: fu6.id }));

    // A group moved to a programme without a schedule asks nothing, and back asks its own again.
    const unscheduled = await makeProgramme(t);
    await changes(t, () => db.prepare('update groups set programme_id = ? where id = ?').run(unscheduled.id, other.id));
    expect(agrees(t).some((row) => row.startsWith(`${other.id}|`))).toBe(false);
    await changes(t, () => db.prepare('update groups set programme_id = ? where id = ?').run(setup.programme.id, other.id));
    // A deleted group's rows go with it, also when its participants are not deleted with it (foreign
    // keys off); a group stored after its participants brings theirs.
    const groupRow = db.prepare('select * from groups where id = ?').get(other.id) as Record<string, unknown>;
    db.pragma('foreign_keys = off');
    await changes(t, () => db.prepare('delete from groups where id = ?').run(other.id));
    expect(agrees(t).some((row) => row.startsWith(`${other.id}|`))).toBe(false);
    const columns = Object.keys(groupRow);
    await changes(t, () => db.prepare(`insert into groups (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`).run(groupRow));
    expect(agrees(t).some((row) => row.startsWith(`${other.id}|`))).toBe(true);
    db.pragma('foreign_keys = on');
    await changes(t, () => db.prepare('delete from groups where id = ?').run(other.id));
  });

  it('close the points an import of responses answers, and only those, and keep following writes after it', async () => {
    const t = open();
    const { setup, people } = await scheduledGroups(t);
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'post' });
    await record(t, people[0]!.id, 'pre');
    await t.ok('outcomes.setStatus', { participantId: people[1]!.id, timepoint: 'post', status: 'declined' });
    const before = agrees(t);
    const rows = [
      [people[1]!.id, 'pre'],
      [people[2]!.id, 'pre'],
      [people[2]!.id, 'post'],
      [people[4]!.id, 'post'],
      [people[0]!.id, 'post'],
    ];
    const csv = ['participant_id,instrument,timepoint,date,t1,t2,t3,t4', ...rows.map(([p, tp]) => `${p},TRIVSEL,${tp},2025-03-30,1,2,3,4`)].join('\n');
    expect(await t.ok('responses.import', { text: csv, dryRun: false, enteredBy: 'test' })).toMatchObject({ imported: 5, errors: [] });
    const after = agrees(t);
    expect(before.length - after.length).toBe(5);
    // The response trigger is back once the import is done: a hand-entered answer closes its point at once.
    await changes(t, () => record(t, people[3]!.id, 'pre'));
  });

  it('are what the migration builds from the rows already stored (a database restored from before it)', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    await record(t, people[0]!.id, 'pre');
    await t.ok('outcomes.setStatus', { participantId: people[1]!.id, timepoint: 'pre', status: 'declined' });
    const db = t.app.db.sqlite;
    const want = expected(t);
    expect(want).toHaveLength(4);
    db.exec('delete from outcome_unanswered');
    const file = fs.readFileSync(path.join(import.meta.dirname, '../../../drizzle/0028_outcome_unanswered.sql'), 'utf8');
    const fills = file.split('--> statement-breakpoint').filter((x) => /^INSERT INTO outcome_unanswered/m.test(x) && !/CREATE TRIGGER/.test(x));
    expect(fills).toHaveLength(1);
    for (const fill of fills) db.exec(fill);
    expect(stored(t)).toEqual(want);
  });

  it('are rebuilt after the demo’s bulk write, and their triggers are back for the writes after it', async () => {
    const t = open();
    const triggers = () => t.app.db.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();
    const before = triggers();
    expect(before.filter((x) => (x as { name: string }).name.startsWith('outcome_unanswered_'))).toHaveLength(15);
    addDemoData(t.app.db, { scale: 0.2, seed: 5, today: '2025-04-01' });
    expect(agrees(t).length).toBeGreaterThan(10);
    expect(triggers()).toEqual(before);
    const db = t.app.db.sqlite;
    const [a, b] = db.prepare('select participant_id, timepoint from outcome_unanswered limit 2').raw().all() as [string, string][];
    await changes(t, () => t.ok('outcomes.setStatus', { participantId: a![0], timepoint: a![1], status: 'declined' }));
    await changes(t, () => db.prepare("update participants set status = 'moved' where id = ?").run(b![0]));
    // A response of a scheduled point with no mark beside it: deleted, its point is open again.
    const response = db
      .prepare(
        `select r.id from outcome_responses r join participants p on p.id = r.participant_id join groups g on g.id = p.group_id
         join outcome_schedules s on s.programme_id = g.programme_id and s.instrument_code = r.instrument_code and s.timepoint = r.timepoint
         where p.status <> 'moved' and not exists (select 1 from outcome_statuses x where x.participant_id = p.id and x.timepoint = r.timepoint)
         limit 1`,
      )
      .pluck()
      .get() as string;
    await changes(t, () => db.prepare('delete from outcome_responses where id = ?').run(response));
  });
});
