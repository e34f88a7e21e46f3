import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../../helpers/db';
import { makeGroup, makeProgramme } from '../fixtures';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';
import { addDemoData } from '../../../src-main/core/demo/add-demo';

// The cells per programme and group start date of migration 0029 are compared after each kind of
// write with the same sums computed here, in plain JavaScript, from the raw responses, scores,
// participants, groups and sessions (not from the per-group cells they are kept from).

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

async function scheduledGroups(t: TestApp) {
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  for (const timepoint of ['pre', 'post'])
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
  const other = await makeGroup(t, setup, { startDate: '2025-03-04' });
  const third = await makeGroup(t, setup, { startDate: '2025-03-04' });
  const people = [];
  for (const [i, groupId] of [group.id, group.id, group.id, group.id, other.id, other.id, third.id, third.id].entries())
    people.push(await addParticipant(t, groupId, { displayName: `P${i}`, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' }));
  return { setup, group, other, third, people };
}

const record = (t: TestApp, participantId: string, timepoint: string, x: number | null) =>
  t.ok('responses.record', {
    participantId,
    instrument: 'TRIVSEL',
    timepoint,
    date: '2025-03-30',
    enteredBy: 'Anna Lind',
    answers: x === null ? { t1: null, t2: null, t3: null, t4: null } : { t1: x, t2: 3, t3: x, t4: x },
  });

type Group = { id: string; programmeId: string; startDate: string; first: string; last: string };
/** Each group's programme, start date and session span ('' while it has none), from groups and sessions. */
function groupsOf(t: TestApp): Map<string, Group> {
  const db = t.app.db.sqlite;
  const groups = db.prepare('select id, programme_id as programmeId, start_date as startDate from groups').all() as Group[];
  const sessions = db.prepare('select group_id as groupId, status, held_date as held, planned_date as planned from sessions').all() as {
    groupId: string;
    status: string;
    held: string | null;
    planned: string;
  }[];
  const byId = new Map(groups.map((g) => [g.id, { ...g, first: '', last: '' }]));
  for (const s of sessions) {
    const g = byId.get(s.groupId);
    if (!g || s.status === 'cancelled') continue;
    const date = s.held ?? s.planned;
    if (g.first === '' || date < g.first) g.first = date;
    if (g.last === '' || date > g.last) g.last = date;
  }
  return byId;
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;
const add = (map: Map<string, number[]>, key: string, values: number[]) => {
  const cell = map.get(key) ?? values.map(() => 0);
  map.set(
    key,
    cell.map((v, i) => v + values[i]!),
  );
};
const sorted = (map: Map<string, number[]>) => [...map].map(([k, v]) => [k, ...v.map(round)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/** What the cells must hold, from the base tables. */
function expected(t: TestApp) {
  const db = t.app.db.sqlite;
  const groups = groupsOf(t);
  const participants = db.prepare('select id, group_id as groupId, status from participants').all() as { id: string; groupId: string; status: string }[];
  const responses = db.prepare('select id, participant_id as participantId, instrument_code as instrument, timepoint from outcome_responses').all() as {
    id: string;
    participantId: string;
    instrument: string;
    timepoint: string;
  }[];
  const scores = db.prepare('select response_id as responseId, scale, score from outcome_scores').all() as {
    responseId: string;
    scale: string;
    score: number | null;
  }[];
  const person = new Map(participants.map((p) => [p.id, p]));
  const levels = new Map<string, number[]>();
  const changes = new Map<string, number[]>();
  const enrolments = new Map<string, number[]>();
  const returns = new Map<string, number[]>();
  for (const p of participants) {
    const g = groups.get(p.groupId);
    if (g && p.status !== 'moved') add(enrolments, `${g.programmeId}|${g.startDate}|${g.first}|${g.last}`, [1]);
  }
  const scoreOf = (responseId: string, scale: string) => scores.find((s) => s.responseId === responseId && s.scale === scale)?.score ?? null;
  for (const r of responses) {
    const p = person.get(r.participantId)!;
    const g = groups.get(p.groupId);
    if (!g) continue;
    if (p.status !== 'moved') add(returns, `${r.instrument}|${g.programmeId}|${g.startDate}|${g.first}|${g.last}|${r.timepoint}`, [1]);
    const pre =
      r.timepoint === 'pre' ? undefined : responses.find((b) => b.participantId === r.participantId && b.instrument === r.instrument && b.timepoint === 'pre');
    for (const s of scores.filter((x) => x.responseId === r.id && x.score !== null)) {
      const key = `${r.instrument}|${g.programmeId}|${g.startDate}|${s.scale}|${r.timepoint}`;
      add(levels, key, [1, s.score!, s.score! ** 2]);
      const before = pre ? scoreOf(pre.id, s.scale) : null;
      if (before === null) continue;
      const change = s.score! - before;
      add(changes, key, [1, before, before ** 2, s.score!, s.score! ** 2, change, change ** 2]);
    }
  }
  return { levels: sorted(levels), changes: sorted(changes), enrolments: sorted(enrolments), returns: sorted(returns) };
}

/** What the cells hold. */
function stored(t: TestApp) {
  const db = t.app.db.sqlite;
  const of = (sql: string) =>
    (db.prepare(sql).raw().all() as (string | number)[][])
      .map(([key, ...values]) => [key, ...values.map((v) => round(v as number))])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return {
    levels: of(`select instrument_code || '|' || programme_id || '|' || start_date || '|' || scale || '|' || timepoint, n, total, squares
      from outcome_scope_level_cells`),
    changes: of(`select instrument_code || '|' || programme_id || '|' || start_date || '|' || scale || '|' || timepoint, n, before_total, before_squares,
      after_total, after_squares, change_total, change_squares from outcome_scope_change_cells`),
    enrolments: of(`select programme_id || '|' || start_date || '|' || first_session || '|' || last_session, enrolled from outcome_scope_enrolments`),
    returns: of(`select instrument_code || '|' || programme_id || '|' || start_date || '|' || first_session || '|' || last_session || '|' || timepoint, returned
      from outcome_scope_returns`),
  };
}

const agrees = (t: TestApp) => {
  const want = expected(t);
  expect(stored(t)).toEqual(want);
  return want;
};

async function answered(t: TestApp) {
  const world = await scheduledGroups(t);
  const { people } = world;
  for (const [i, x] of [1, 2, 3, 4, 5, 1, 2, 4].entries()) await record(t, people[i]!.id, 'pre', x);
  for (const [i, x] of [2, null, 5, 3, 3, 4, 1].entries()) await record(t, people[i]!.id, 'post', x);
  return world;
}

describe('the result cells per programme and start date, kept by triggers', () => {
  it('follow responses and scores written, edited and deleted', async () => {
    const t = open();
    const { people } = await scheduledGroups(t);
    await record(t, people[0]!.id, 'post', 4);
    agrees(t);
    await record(t, people[0]!.id, 'pre', 1);
    await record(t, people[4]!.id, 'pre', 2);
    await record(t, people[6]!.id, 'pre', 5);
    await record(t, people[6]!.id, 'post', null);
    const want = agrees(t);
    // Two groups of the same programme and start date share their cells.
    expect(want.enrolments).toHaveLength(2);
    const db = t.app.db.sqlite;
    const responseOf = (participantId: string, timepoint: string) =>
      db.prepare('select id from outcome_responses where participant_id = ? and timepoint = ?').pluck().get(participantId, timepoint) as string;
    db.prepare("update outcome_scores set score = 99.5 where response_id = ? and scale = 'sum'").run(responseOf(people[0]!.id, 'pre'));
    agrees(t);
    db.prepare("update outcome_scores set score = null where response_id = ? and scale = 'mean'").run(responseOf(people[0]!.id, 'post'));
    agrees(t);
    db.prepare("delete from outcome_scores where response_id = ? and scale = 'sum'").run(responseOf(people[4]!.id, 'pre'));
    agrees(t);
    db.prepare("insert into outcome_scores (response_id, scale, score, filled) values (?, 'sum', 7.25, 4)").run(responseOf(people[4]!.id, 'pre'));
    agrees(t);
    db.prepare("update outcome_responses set timepoint = 'post' where id = ?").run(responseOf(people[4]!.id, 'pre'));
    agrees(t);
    db.prepare("delete from outcome_responses where participant_id = ? and timepoint = 'pre'").run(people[0]!.id);
    agrees(t);
    db.prepare('delete from outcome_responses').run();
    expect(agrees(t)).toMatchObject({ levels: [], changes: [], returns: [] });
  });

  it("follow a group's new start date and programme, and its deletion", async () => {
    const t = open();
    const { other, third, group } = await answered(t);
    const db = t.app.db.sqlite;
    db.prepare("update groups set start_date = '2025-05-06' where id = ?").run(other.id);
    agrees(t);
    const programme = await makeProgramme(t);
    db.prepare('update groups set programme_id = ? where id = ?').run(programme.id, third.id);
    agrees(t);
    db.prepare("update groups set programme_id = ?, start_date = '2025-05-06' where id = ?").run(programme.id, group.id);
    agrees(t);
    db.prepare('delete from groups where id = ?').run(other.id);
    agrees(t);
  });

  it("follow a group's session span: sessions moved, cancelled, deleted and added", async () => {
    const t = open();
    const { group, other } = await answered(t);
    const db = t.app.db.sqlite;
    const sessions = db.prepare('select id from sessions where group_id = ? order by planned_date').pluck().all(group.id) as string[];
    db.prepare("update sessions set planned_date = '2025-12-01' where id = ?").run(sessions.at(-1));
    agrees(t);
    db.prepare("update sessions set status = 'cancelled' where id = ?").run(sessions[0]);
    agrees(t);
    db.prepare("update sessions set held_date = '2025-01-02', status = 'held' where id = ?").run(sessions[1]);
    agrees(t);
    db.prepare('delete from sessions where group_id = ?').run(group.id);
    expect(agrees(t).enrolments.some((e) => String(e[0]).endsWith('||'))).toBe(true);
    db.prepare(
      `insert into sessions (id, group_id, number, planned_date, status, created_at, updated_at)
       values ('00000000-0000-4000-8000-00000000aaaa', ?, 9, '2025-08-01', 'planned', '2025-04-01T10:00:00.000Z', '2025-04-01T10:00:00.000Z')`,
    ).run(group.id);
    expect(other.id).not.toBe(group.id);
    agrees(t);
  });

  it('follow participants moved, their move undone, a changed group, an erased participant and new enrolments', async () => {
    const t = open();
    const { people, other, third } = await answered(t);
    await t.ok('participants.move', { id: people[0]!.id, toGroupId: other.id, enrolmentDate: '2025-03-10' });
    agrees(t);
    t.app.db.sqlite.prepare('update participants set group_id = ? where id = ?').run(third.id, people[1]!.id);
    agrees(t);
    t.app.db.sqlite.prepare("update participants set status = 'active' where id = ?").run(people[0]!.id);
    agrees(t);
    await t.ok('participants.erase', { id: people[2]!.id });
    agrees(t);
    await addParticipant(t, third.id, { displayName: 'Ny', enrolmentDate: '2025-03-20', consentDate: '2025-03-20' });
    agrees(t);
  });

  it('are what the migration builds from the cells already stored (a database restored from before it)', async () => {
    const t = open();
    await answered(t);
    const db = t.app.db.sqlite;
    const want = agrees(t);
    db.exec(
      'delete from outcome_scope_level_cells; delete from outcome_scope_change_cells; delete from outcome_scope_enrolments; delete from outcome_scope_returns;',
    );
    const file = fs.readFileSync(path.join(import.meta.dirname, '../../../drizzle/0029_outcome_scope_cells.sql'), 'utf8');
    const fills = file.split('--> statement-breakpoint').filter((x) => /^INSERT INTO outcome_scope_\w+/m.test(x) && !/CREATE TRIGGER/.test(x));
    expect(fills).toHaveLength(4);
    for (const fill of fills) db.exec(fill);
    expect(stored(t)).toEqual(want);
  });

  it('are rebuilt after the demo’s bulk write, and their triggers are back for the writes after it', async () => {
    const t = open();
    const triggers = () => t.app.db.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();
    const before = triggers();
    expect(before.filter((x) => (x as { name: string }).name.startsWith('outcome_scope_'))).toHaveLength(18);
    addDemoData(t.app.db, { scale: 0.2, seed: 5, today: '2025-04-01' });
    const want = agrees(t);
    expect(want.levels.length).toBeGreaterThan(10);
    expect(want.returns.length).toBeGreaterThan(10);
    expect(triggers()).toEqual(before);
    const { people } = await answered(t);
    await t.ok('participants.move', { id: people[0]!.id, toGroupId: people[5]!.groupId, enrolmentDate: '2025-03-10' });
    agrees(t);
  });

  it('give the same results as before they existed: figures from the per-group cells summed afresh', async () => {
    const t = open();
    const { setup, people } = await answered(t);
    t.app.db.sqlite.prepare("update groups set start_date = '2024-11-05' where id = ?").run(people[4]!.groupId);
    const db = t.app.db.sqlite;
    const scopes: { programmeId?: string; from?: string; to?: string }[] = [
      {},
      { programmeId: setup.programme.id },
      { from: '2025-01-01', to: '2025-12-31' },
      { programmeId: setup.programme.id, to: '2025-01-01' },
    ];
    for (const scope of scopes) {
      const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL', ...scope });
      const inScope = (g: { programme_id: string; start_date: string }) =>
        (scope.programmeId === undefined || g.programme_id === scope.programmeId) &&
        (scope.from === undefined || g.start_date >= scope.from) &&
        (scope.to === undefined || g.start_date <= scope.to);
      const cells = db
        .prepare(
          `select g.programme_id, g.start_date, c.scale, c.timepoint, c.n, c.total from outcome_level_cells c join groups g on g.id = c.group_id
           where c.instrument_code = 'TRIVSEL'`,
        )
        .all() as { programme_id: string; start_date: string; scale: string; timepoint: string; n: number; total: number }[];
      for (const level of results.levels) {
        const mine = cells.filter((c) => inScope(c) && c.scale === level.scale && c.timepoint === level.timepoint);
        expect(level.n).toBe(mine.reduce((a, c) => a + c.n, 0));
      }
      const due = results.responseRates.find((r) => r.timepoint === 'pre');
      const enrolled = (
        db.prepare("select g.programme_id, g.start_date from participants p join groups g on g.id = p.group_id where p.status <> 'moved'").all() as {
          programme_id: string;
          start_date: string;
        }[]
      ).filter(inScope).length;
      expect(due?.due ?? 0).toBe(enrolled);
    }
  });
});
