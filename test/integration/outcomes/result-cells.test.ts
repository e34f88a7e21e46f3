import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../../helpers/db';
import { makeGroup } from '../fixtures';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';
import { addDemoData } from '../../../src-main/core/demo/add-demo';

// The per-group cells of migration 0024 (sums of scores, of pairs with `pre`, counts of returned
// responses) are compared after each kind of write with the same figures computed here, in plain
// JavaScript, from the raw responses, scores and participants.

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

async function scheduledGroups(t: TestApp) {
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  for (const timepoint of ['pre', 'post'])
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
  await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'fu6', windowDays: 30 });
  const other = await makeGroup(t, setup, { startDate: '2025-03-04' });
  const people = [];
  for (const [i, groupId] of [group.id, group.id, group.id, group.id, group.id, group.id, other.id, other.id].entries())
    people.push(await addParticipant(t, groupId, { displayName: `P${i}`, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' }));
  return { setup, group, other, people };
}

/** t1, t3 and t4 answered x (null leaves the scales unscored), t2 answered 3. */
const record = (t: TestApp, participantId: string, timepoint: string, x: number | null) =>
  t.ok('responses.record', {
    participantId,
    instrument: 'TRIVSEL',
    timepoint,
    date: '2025-03-30',
    enteredBy: 'Anna Lind',
    answers: x === null ? { t1: null, t2: null, t3: null, t4: null } : { t1: x, t2: 3, t3: x, t4: x },
  });

type Raw = { groupId: string; status: string; participantId: string; instrument: string; timepoint: string; scale: string | null; score: number | null };
const rawRows = (t: TestApp): Raw[] =>
  t.app.db.sqlite
    .prepare(
      `select p.group_id as groupId, p.status as status, p.id as participantId, r.instrument_code as instrument, r.timepoint as timepoint,
              s.scale as scale, s.score as score
       from participants p join outcome_responses r on r.participant_id = p.id left join outcome_scores s on s.response_id = r.id`,
    )
    .all() as Raw[];

const round = (x: number) => Math.round(x * 1e9) / 1e9;
const add = (map: Map<string, number[]>, key: string, values: number[]) => {
  const cell = map.get(key) ?? values.map(() => 0);
  map.set(
    key,
    cell.map((v, i) => v + values[i]!),
  );
};
const sorted = (map: Map<string, number[]>) => [...map].map(([k, v]) => [k, ...v.map(round)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/** What the cells must hold, from the raw rows. */
function expected(t: TestApp) {
  const rows = rawRows(t);
  const levels = new Map<string, number[]>();
  const changes = new Map<string, number[]>();
  const returned = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    const response = `${r.participantId}|${r.instrument}|${r.timepoint}`;
    if (!seen.has(response) && r.status !== 'moved') add(returned, `${r.groupId}|${r.instrument}|${r.timepoint}`, [1]);
    seen.add(response);
    if (r.score === null || r.scale === null) continue;
    add(levels, `${r.groupId}|${r.instrument}|${r.scale}|${r.timepoint}`, [1, r.score, r.score * r.score]);
    if (r.timepoint === 'pre') continue;
    const before = rows.find((b) => b.participantId === r.participantId && b.instrument === r.instrument && b.timepoint === 'pre' && b.scale === r.scale);
    if (!before || before.score === null) continue;
    const change = r.score - before.score;
    add(changes, `${r.groupId}|${r.instrument}|${r.scale}|${r.timepoint}`, [1, before.score, before.score ** 2, r.score, r.score ** 2, change, change ** 2]);
  }
  return { levels: sorted(levels), changes: sorted(changes), returned: sorted(returned) };
}

/** What the cells hold. */
function stored(t: TestApp) {
  const db = t.app.db.sqlite;
  const of = (sql: string) =>
    (db.prepare(sql).raw().all() as (string | number)[][])
      .map(([key, ...values]) => [key, ...values.map((v) => round(v as number))])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return {
    levels: of(`select group_id || '|' || instrument_code || '|' || scale || '|' || timepoint, n, total, squares from outcome_level_cells`),
    changes: of(`select group_id || '|' || instrument_code || '|' || scale || '|' || timepoint, n, before_total, before_squares,
      after_total, after_squares, change_total, change_squares from outcome_change_cells`),
    returned: of(`select group_id || '|' || instrument_code || '|' || timepoint, returned from outcome_return_cells`),
  };
}

const agrees = (t: TestApp) => {
  const want = expected(t);
  expect(stored(t)).toEqual(want);
  return want;
};

describe('the per-group result cells, kept by triggers', () => {
  it('follow new responses, pre before post and post before pre, and leave unscored ones out', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    await record(t, people[0]!.id, 'pre', 1);
    await record(t, people[0]!.id, 'post', 4);
    // A later answer typed before the `pre` one is paired when `pre` arrives.
    await record(t, people[1]!.id, 'post', 5);
    await record(t, people[1]!.id, 'fu6', 2);
    await record(t, people[1]!.id, 'pre', 2);
    await record(t, people[2]!.id, 'pre', null);
    await record(t, people[2]!.id, 'post', 3);
    await record(t, people[6]!.id, 'pre', 5);
    await record(t, people[7]!.id, 'post', 1);
    const want = agrees(t);
    // Two scales (mean and sum) × pre, post, fu6 in the first group, and the pairs: person 0 at
    // post, person 1 at post and fu6; person 2's pre has no score and pairs with nothing.
    expect(want.levels.length).toBeGreaterThan(0);
    expect(want.changes.filter((c) => String(c[0]).includes('|sum|post'))).toEqual([[expect.stringMatching(/\|sum\|post$/), 2, 15, 117, 33, 549, 18, 162]]);
  });

  it('follow edited scores and responses moved to another time point or participant', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    for (const [i, x] of [1, 2, 3, 4, 5].entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of [2, 2, 4, 5].entries()) await record(t, people[i]!.id, 'post', x);
    const db = t.app.db.sqlite;
    const responseOf = (participantId: string, timepoint: string) =>
      db.prepare('select id from outcome_responses where participant_id = ? and timepoint = ?').pluck().get(participantId, timepoint) as string;
    // A rescored answer (as sync's remote apply writes it): one score changed in place, and another
    // response's scores replaced.
    db.prepare("update outcome_scores set score = 99 where response_id = ? and scale = 'sum'").run(responseOf(people[0]!.id, 'pre'));
    agrees(t);
    db.prepare("update outcome_scores set score = null where response_id = ? and scale = 'mean'").run(responseOf(people[1]!.id, 'post'));
    agrees(t);
    db.prepare("delete from outcome_scores where response_id = ? and scale = 'sum'").run(responseOf(people[2]!.id, 'post'));
    db.prepare("insert into outcome_scores (response_id, scale, score, filled) values (?, 'sum', 7.25, 4)").run(responseOf(people[2]!.id, 'post'));
    agrees(t);
    // A response that turns out to be another time point's, or another participant's.
    db.prepare("update outcome_responses set timepoint = 'fu6' where id = ?").run(responseOf(people[3]!.id, 'post'));
    agrees(t);
    db.prepare("update outcome_responses set timepoint = 'post' where id = ?").run(responseOf(people[4]!.id, 'pre'));
    agrees(t);
    db.prepare('update outcome_responses set participant_id = ? where id = ?').run(people[6]!.id, responseOf(people[3]!.id, 'pre'));
    agrees(t);
  });

  it('follow deleted responses and leave no empty cell behind', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    for (const [i, x] of [1, 2, 3].entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of [2, 2].entries()) await record(t, people[i]!.id, 'post', x);
    const db = t.app.db.sqlite;
    db.prepare("delete from outcome_responses where participant_id = ? and timepoint = 'pre'").run(people[0]!.id);
    agrees(t);
    db.prepare("delete from outcome_responses where participant_id = ? and timepoint = 'post'").run(people[1]!.id);
    agrees(t);
    db.prepare('delete from outcome_responses').run();
    expect(agrees(t)).toEqual({ levels: [], changes: [], returned: [] });
  });

  it('follow a participant moved to another group, by the move (no longer returned) or by a changed group', async () => {
    const t = open();
    const { people, other } = await scheduledGroups(t);
    for (const [i, x] of [1, 2, 3, 4].entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of [2, 2, 5].entries()) await record(t, people[i]!.id, 'post', x);
    await t.ok('participants.move', { id: people[0]!.id, toGroupId: other.id, enrolmentDate: '2025-03-10' });
    agrees(t);
    t.app.db.sqlite.prepare('update participants set group_id = ? where id = ?').run(other.id, people[1]!.id);
    agrees(t);
    // A move undone: counted as returned again.
    t.app.db.sqlite.prepare("update participants set status = 'active' where id = ?").run(people[0]!.id);
    agrees(t);
  });

  it('follow an erased participant and a deleted group', async () => {
    const t = open();
    const { people, other } = await scheduledGroups(t);
    for (const [i, x] of [1, 2, 3, 4, 5, 1, 2].entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of [2, 2, 5, 3, 3, 4, 4].entries()) await record(t, people[i]!.id, 'post', x);
    await t.ok('participants.erase', { id: people[2]!.id });
    agrees(t);
    t.app.db.sqlite.prepare('delete from groups where id = ?').run(other.id);
    const want = agrees(t);
    expect(want.levels.some((l) => String(l[0]).startsWith(other.id))).toBe(false);
  });

  it('are what the migration builds from the responses already stored (a database restored from before it)', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    for (const [i, x] of [1, 2, 3, 4, 5, 1, 2].entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of [2, null, 5, 3, 3, 4].entries()) await record(t, people[i]!.id, 'post', x);
    await t.ok('participants.move', { id: people[5]!.id, toGroupId: people[6]!.groupId, enrolmentDate: '2025-03-10' });
    const db = t.app.db.sqlite;
    const want = expected(t);
    db.exec('delete from outcome_level_cells; delete from outcome_change_cells; delete from outcome_return_cells;');
    const file = fs.readFileSync(path.join(import.meta.dirname, '../../../drizzle/0024_outcome_cells.sql'), 'utf8');
    const fills = file.split('--> statement-breakpoint').filter((x) => /^INSERT INTO outcome_\w+_cells/m.test(x) && !/CREATE TRIGGER/.test(x));
    expect(fills).toHaveLength(3);
    for (const fill of fills) db.exec(fill);
    expect(stored(t)).toEqual(want);
  });

  it('give results equal to the figures computed from the raw scores', async () => {
    const t = open();
    const { people, setup } = await scheduledGroups(t);
    const pre = [1, 2, 3, 4, 5, 2, 4, 1];
    const post = [2, 3, 3, 5, 5, 1, 2];
    for (const [i, x] of pre.entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of post.entries()) await record(t, people[i]!.id, 'post', x);
    // Edited after the fact: the figures must follow.
    t.app.db.sqlite.prepare("delete from outcome_responses where participant_id = ? and timepoint = 'post'").run(people[3]!.id);
    const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL', programmeId: setup.programme.id });
    const sums = (timepoint: string) => rawRows(t).filter((r) => r.timepoint === timepoint && r.scale === 'sum');
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - avg(v)) ** 2, 0) / (v.length - 1));
    const near = (x: number) => expect.closeTo(x, 10);
    for (const timepoint of ['pre', 'post']) {
      const v = sums(timepoint).map((r) => r.score!);
      expect(results.levels.find((l) => l.scale === 'sum' && l.timepoint === timepoint)).toMatchObject({ n: v.length, mean: near(avg(v)), sd: near(sd(v)) });
    }
    const before = new Map(sums('pre').map((r) => [r.participantId, r.score!]));
    const after = sums('post').filter((r) => before.has(r.participantId));
    const change = after.map((r) => r.score! - before.get(r.participantId)!);
    const pairedPre = after.map((r) => before.get(r.participantId)!);
    const pairedPost = after.map((r) => r.score!);
    expect(results.changes.find((c) => c.scale === 'sum' && c.timepoint === 'post')).toMatchObject({
      n: change.length,
      meanChange: near(avg(change)),
      sd: near(sd(change)),
      dz: near(avg(change) / sd(change)),
      dav: near(avg(change) / ((sd(pairedPre) + sd(pairedPost)) / 2)),
    });
    expect(results.responseRates.find((r) => r.timepoint === 'post')).toMatchObject({ due: 8, returned: 6 });
  });

  it('give results that follow each write after they were read (the screen asks again on every visit)', async () => {
    const t = open();
    const { people, setup } = await scheduledGroups(t);
    const input = { instrument: 'TRIVSEL', programmeId: setup.programme.id };
    const preSums = () =>
      rawRows(t)
        .filter((r) => r.timepoint === 'pre' && r.scale === 'sum')
        .map((r) => r.score!);
    const level = async () => (await t.ok('outcomes.results', input)).levels.find((l) => l.scale === 'sum' && l.timepoint === 'pre');
    for (const [i, x] of [1, 2, 3, 4, 5].entries()) await record(t, people[i]!.id, 'pre', x);
    expect(await level()).toMatchObject({ n: 5, mean: expect.closeTo(preSums().reduce((a, b) => a + b, 0) / 5, 10) });
    // Asked again unchanged, then after a write through a procedure and after one straight to the file.
    expect(await level()).toMatchObject({ n: 5 });
    await record(t, people[5]!.id, 'pre', 4);
    const six = preSums();
    expect(six).toHaveLength(6);
    expect(await level()).toMatchObject({ n: 6, mean: expect.closeTo(six.reduce((a, b) => a + b, 0) / 6, 10) });
    t.app.db.sqlite.prepare("delete from outcome_responses where participant_id = ? and timepoint = 'pre'").run(people[0]!.id);
    const five = preSums();
    expect(five).toHaveLength(5);
    expect(await level()).toMatchObject({ n: 5, mean: expect.closeTo(five.reduce((a, b) => a + b, 0) / 5, 10) });
    // Another programme's scope is its own question, not the kept answer for this one.
    expect((await t.ok('outcomes.results', { instrument: 'TRIVSEL' })).levels.length).toBeGreaterThan(0);
  });

  it('are rebuilt after the demo’s bulk write, and its triggers are back for the writes after it', () => {
    const t = open();
    // All of them: the demo also sets aside the presence counts' triggers and sync's idle capture.
    const triggers = () => t.app.db.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();
    const before = triggers();
    expect(before.filter((x) => (x as { name: string }).name.startsWith('outcome_cells_'))).toHaveLength(13);
    addDemoData(t.app.db, { scale: 0.2, seed: 5, today: '2025-04-01' });
    const want = agrees(t);
    expect(want.levels.length).toBeGreaterThan(10);
    expect(want.changes.length).toBeGreaterThan(10);
    expect(triggers()).toEqual(before);
    // Writes after the demo move the cells again (a rescored answer, a deleted response).
    const db = t.app.db.sqlite;
    const pair = db
      .prepare(
        "select s.response_id as id, s.scale from outcome_scores s join outcome_responses r on r.id = s.response_id where r.timepoint = 'pre' and s.score is not null limit 1",
      )
      .get() as { id: string; scale: string };
    db.prepare('update outcome_scores set score = score + 1.5 where response_id = ? and scale = ?').run(pair.id, pair.scale);
    db.prepare("delete from outcome_responses where id = (select id from outcome_responses where timepoint = 'post' limit 1)").run();
    const after = agrees(t);
    expect(after).not.toEqual(want);
  });

  it('follow an imported file: pairs within the file and with answers stored before it, once each, and the triggers are back after it', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    const [a, b, c, d, e, f] = people.map((p) => p.id);
    // Stored before the file: b's pre (paired with the file's post), c's post and fu6 (paired
    // with the file's pre), and e's pre and post (the file adds only fu6).
    await record(t, b!, 'pre', 2);
    await record(t, c!, 'post', 5);
    await record(t, c!, 'fu6', 1);
    await record(t, e!, 'pre', 4);
    await record(t, e!, 'post', 3);
    const csv = [
      'participant_id,instrument,timepoint,date,t1,t2,t3,t4',
      // a's pre and post are both in the file, post first: their pair is counted once.
      `${a},TRIVSEL,post,2025-03-30,4,3,4,4`,
      `${a},TRIVSEL,pre,2025-03-30,1,3,1,1`,
      `${b},TRIVSEL,post,2025-03-30,5,3,5,5`,
      `${c},TRIVSEL,pre,2025-03-30,2,3,2,2`,
      // d's pre is unscored (every item missing) and pairs with nothing.
      `${d},TRIVSEL,pre,2025-03-30,,,,`,
      `${d},TRIVSEL,post,2025-03-30,3,3,3,3`,
      `${e},TRIVSEL,fu6,2025-03-30,2,2,2,2`,
      `${f},TRIVSEL,pre,2025-03-30,5,5,5,5`,
    ].join('\n');
    expect(await t.ok('responses.import', { text: csv, dryRun: false, enteredBy: 'test' })).toMatchObject({ imported: 8, errors: [] });
    const want = agrees(t);
    // Hand-counted pairs at post, sum scale: a (4+3+4+4 - (1+3+1+1)), b, c (stored post with the
    // file's pre) and e (both stored): four pairs.
    expect(want.changes.find((row) => String(row[0]).endsWith('|sum|post'))?.[1]).toBe(4);
    const triggers = t.app.db.sqlite
      .prepare(
        "select name from sqlite_master where type = 'trigger' and name in ('outcome_cells_response_insert', 'outcome_cells_score_insert') order by name",
      )
      .pluck()
      .all();
    expect(triggers).toEqual(['outcome_cells_response_insert', 'outcome_cells_score_insert']);
    await record(t, f!, 'post', 1);
    agrees(t);
    // The programme-level sums (migration 0029) follow the cells the import added.
    const db = t.app.db.sqlite;
    const rows = (sql: string) => db.prepare(sql).raw().all();
    expect(
      rows(
        'select instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned from outcome_scope_returns order by 1, 2, 3, 4, 5, 6',
      ),
    ).toEqual(
      rows(`select c.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), c.timepoint, sum(c.returned)
            from outcome_return_cells c join groups g on g.id = c.group_id left join group_spans sp on sp.group_id = g.id
            group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`),
    );
    expect(
      rows('select instrument_code, programme_id, start_date, scale, timepoint, n, round(total, 9) from outcome_scope_level_cells order by 1, 2, 3, 4, 5'),
    ).toEqual(
      rows(`select c.instrument_code, g.programme_id, g.start_date, c.scale, c.timepoint, sum(c.n), round(sum(c.total), 9)
            from outcome_level_cells c join groups g on g.id = c.group_id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`),
    );
    expect(
      rows(
        'select instrument_code, programme_id, start_date, scale, timepoint, n, round(change_total, 9) from outcome_scope_change_cells order by 1, 2, 3, 4, 5',
      ),
    ).toEqual(
      rows(`select c.instrument_code, g.programme_id, g.start_date, c.scale, c.timepoint, sum(c.n), round(sum(c.change_total), 9)
            from outcome_change_cells c join groups g on g.id = c.group_id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`),
    );
  });
});

describe('the programme cells after an import', () => {
  it('are the plain sums over the raw responses, per programme, start date and span, with a moved enrolment counted only where it counts', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    const db = t.app.db.sqlite;
    const [a, b, c, d, , , g, h] = people.map((p) => p.id);
    await record(t, b!, 'pre', 2);
    await record(t, g!, 'post', 4);
    // Moved before the file: its answers count in the sums of scores, not among the returned.
    db.prepare("update participants set status = 'moved' where id = ?").run(d);
    const csv = [
      'participant_id,instrument,timepoint,date,t1,t2,t3,t4',
      `${a},TRIVSEL,pre,2025-03-30,1,3,1,1`,
      `${a},TRIVSEL,post,2025-03-30,4,3,4,5`,
      `${b},TRIVSEL,post,2025-03-30,5,2,5,5`,
      `${c},TRIVSEL,fu6,2025-03-30,2,3,,2`,
      `${d},TRIVSEL,pre,2025-03-30,3,3,3,3`,
      `${d},TRIVSEL,post,2025-03-30,4,1,4,4`,
      `${g},TRIVSEL,pre,2025-03-30,2,4,2,2`,
      `${h},TRIVSEL,post,2025-03-30,,,,`,
    ].join('\n');
    expect(await t.ok('responses.import', { text: csv, dryRun: false, enteredBy: 'test' })).toMatchObject({ imported: 8, errors: [] });
    agrees(t);
    const rows = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
    const where = `from outcome_responses r join participants p on p.id = r.participant_id join groups g on g.id = p.group_id`;
    expect(
      rows(
        'select instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned from outcome_scope_returns order by 1, 2, 3, 4, 5, 6',
      ),
    ).toEqual(
      rows(`select r.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), r.timepoint, count(*)
            ${where} left join group_spans sp on sp.group_id = g.id where p.status <> 'moved' group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`),
    );
    expect(
      rows(
        'select instrument_code, programme_id, start_date, scale, timepoint, n, round(total, 9), round(squares, 9) from outcome_scope_level_cells order by 1, 2, 3, 4, 5',
      ),
    ).toEqual(
      rows(`select r.instrument_code, g.programme_id, g.start_date, s.scale, r.timepoint, count(*), round(sum(s.score), 9), round(sum(s.score * s.score), 9)
            ${where} join outcome_scores s on s.response_id = r.id where s.score is not null group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`),
    );
    const change = rows(`select instrument_code, programme_id, start_date, scale, timepoint, n, round(before_total, 9), round(after_total, 9),
        round(change_squares, 9) from outcome_scope_change_cells where n > 0 order by 1, 2, 3, 4, 5`);
    expect(change).toEqual(
      rows(`select r.instrument_code, g.programme_id, g.start_date, s.scale, r.timepoint, count(*), round(sum(sb.score), 9), round(sum(s.score), 9),
              round(sum((s.score - sb.score) * (s.score - sb.score)), 9)
            ${where} join outcome_scores s on s.response_id = r.id
              join outcome_responses rb on rb.participant_id = r.participant_id and rb.instrument_code = r.instrument_code and rb.timepoint = 'pre'
              join outcome_scores sb on sb.response_id = rb.id and sb.scale = s.scale
            where r.timepoint <> 'pre' and s.score is not null and sb.score is not null group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`),
    );
    // At post, both scales: a, b and d in the first group (the moved enrolment's pair counts among
    // the sums), and in the other group g's stored post with its imported pre.
    expect(change.filter((row) => row[4] === 'post').map((row) => row[5])).toEqual([3, 3, 1, 1]);
  });
});
