import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { defaultMigrationsFolder } from '../../src-main/core/db/migrate';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, type GroupSetup } from './fixtures';
import { addParticipant } from './participants-fixtures';

// The year's people are kept by triggers in presence_years. Every kind of write that can change
// them is made here in a random order, and after each one the table is held against the marks
// themselves, counted straight from attendance, sessions, groups and participants.

let t: TestApp;
afterEach(() => t?.close());

const sql = () => t.app.db.sqlite;

/** What presence_years must hold, counted from the base tables. */
const expectedPresence = () =>
  sql()
    .prepare(
      `select p.person_id as personId, substr(s.planned_date, 1, 4) as year, count(*) as marks
       from attendance a join sessions s on s.id = a.session_id join groups g on g.id = s.group_id
         join participants p on p.id = a.participant_id
       where a.state = 'present' and s.status = 'held' and g.tracks_attendance = 1
       group by 1, 2 order by 1, 2`,
    )
    .all();
const keptPresence = () => sql().prepare('select person_id as personId, year, marks from presence_years where marks <> 0 order by 1, 2').all();

/** The year's people as the dashboard counted them before the table existed: one plain query. */
const expectedPeople = (year: string) =>
  (
    sql()
      .prepare(
        `select count(distinct person_id) as n from (
           select p.person_id from sessions s join groups g on g.id = s.group_id
             join attendance a on a.session_id = s.id and a.state = 'present' join participants p on p.id = a.participant_id
           where s.status = 'held' and substr(s.planned_date, 1, 4) = @year and g.tracks_attendance = 1
           union
           select p.person_id from participants p join groups g on g.id = p.group_id
           where p.status <> 'moved' and g.tracks_attendance = 0 and exists (
             select 1 from sessions s where s.group_id = g.id and s.status = 'held' and substr(s.planned_date, 1, 4) = @year))`,
      )
      .get({ year }) as { n: number }
  ).n;

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[int(xs.length)] : undefined);
  return { next, int, pick };
}

const ids = (query: string) => sql().prepare(query).pluck().all() as string[];

async function scenario(seed: number, steps: number) {
  t = createTestApp({ now: '2025-06-30T10:00:00.000Z' });
  const setup: GroupSetup = await groupSetup(t, 6);
  const r = random(seed);
  const groups: GroupDetail[] = [];
  const newGroup = async () => {
    // Six weekly sessions from December: the group's marks fall in two calendar years.
    const g = await makeGroup(t, setup, { startDate: r.pick(['2024-12-02', '2024-12-16', '2025-01-13'])!, venue: `Lokal ${groups.length}` });
    groups.push(g);
    for (let i = 0; i < 3; i++) await addParticipant(t, g.id, { enrolmentDate: '2024-11-01' });
  };
  for (let i = 0; i < 3; i++) await newGroup();

  const ops: [string, () => Promise<unknown> | unknown][] = [
    [
      'mark',
      async () => {
        const p = r.pick(ids('select id from participants'));
        const s = p && r.pick(ids(`select s.id from sessions s join participants p on p.group_id = s.group_id where p.id = '${p}'`));
        if (p && s)
          await t.app.call('attendance.set', {
            participantId: p,
            sessionId: s,
            state: r.pick(['present', 'present', 'absent', 'absent_with_notice', null] as const)!,
            markHeld: true,
          });
      },
    ],
    [
      'record',
      async () => {
        const s = r.pick(ids('select id from sessions'));
        if (!s) return;
        const choice = r.int(3);
        if (choice === 0) await t.app.call('sessions.record', { id: s, status: 'held', heldDate: '2025-01-20', participantCount: r.next() < 0.5 ? null : 4 });
        else if (choice === 1) await t.app.call('sessions.record', { id: s, status: 'cancelled', cancelReason: 'Sjuk ledare' });
        else sql().prepare("update sessions set status = 'planned', held_date = null where id = ?").run(s);
      },
    ],
    [
      'move a session across the new year',
      () => {
        const s = r.pick(ids('select id from sessions'));
        if (s)
          sql()
            .prepare('update sessions set planned_date = date(planned_date, ?) where id = ?')
            .run(r.pick(['+40 days', '-40 days', '+1 day'])!, s);
      },
    ],
    [
      'counts only or per person',
      async () => {
        const g = r.pick(ids('select id from groups'));
        if (g) await t.app.call('groups.setTracksAttendance', { id: g, tracksAttendance: r.next() < 0.5 });
      },
    ],
    [
      'delete a participant with marks',
      () => {
        const p = r.pick(ids('select id from participants'));
        if (p) sql().prepare('delete from participants where id = ?').run(p);
      },
    ],
    [
      'delete a session with marks',
      () => {
        const s = r.pick(ids('select id from sessions'));
        if (s) sql().prepare('delete from sessions where id = ?').run(s);
      },
    ],
    [
      'delete a group with everything in it',
      () => {
        const g = r.pick(ids('select id from groups'));
        if (g && r.next() < 0.3) sql().prepare('delete from groups where id = ?').run(g);
      },
    ],
    [
      'one person in two places',
      () => {
        const [a, b] = [r.pick(ids('select id from participants')), r.pick(ids('select id from participants'))];
        if (a && b) sql().prepare('update participants set person_id = (select person_id from participants where id = ?) where id = ?').run(a, b);
      },
    ],
    [
      'move to another group',
      async () => {
        const p = r.pick(ids("select id from participants where status <> 'moved'"));
        const g = r.pick(ids('select id from groups'));
        if (p && g) await t.app.call('participants.move', { id: p, toGroupId: g, enrolmentDate: '2025-01-15' });
      },
    ],
    [
      'a mark changes session',
      () => {
        const row = sql().prepare('select participant_id as p, session_id as s from attendance order by random() limit 1').get() as
          { p: string; s: string } | undefined;
        const other = row && r.pick(ids(`select id from sessions where id <> '${row.s}'`));
        if (row && other) sql().prepare('update or ignore attendance set session_id = ? where participant_id = ? and session_id = ?').run(other, row.p, row.s);
      },
    ],
    ['new group', newGroup],
  ];

  const done = new Map<string, number>();
  for (let step = 0; step < steps; step++) {
    const [name, op] = r.next() < 0.45 ? ops[0]! : r.pick(ops)!;
    await op();
    done.set(name, (done.get(name) ?? 0) + 1);
    expect(keptPresence(), `after step ${step}: ${name}`).toEqual(expectedPresence());
  }
  for (const [year, today] of [
    ['2024', '2024-12-31'],
    ['2025', '2025-06-30'],
  ] as const)
    expect((await t.ok('dashboard.get', { today })).peopleThisYear, year).toBe(expectedPeople(year));
  return done;
}

describe('the year’s people, kept by triggers', () => {
  it.each([1, 2, 3])('match the marks after every kind of write, in random order (seed %i)', async (seed) => {
    const done = await scenario(seed, 160);
    // Each kind of write happened, so the comparison covered it.
    expect([...done.keys()].sort()).toHaveLength(11);
    expect(keptPresence().length).toBeGreaterThan(0);
  });

  it('the migration fills the table from the marks already there', async () => {
    await scenario(4, 80);
    const before = expectedPresence();
    expect(before.length).toBeGreaterThan(0);
    // The statement the migration runs once on a database an older Komet left with marks in it.
    const file = fs.readFileSync(path.join(defaultMigrationsFolder(), '0013_presence_years.sql'), 'utf8');
    const fill = file.split('--> statement-breakpoint').filter((x) => /^\s*INSERT INTO `presence_years`/m.test(x) && !/CREATE TRIGGER/.test(x));
    expect(fill).toHaveLength(1);
    sql().exec('delete from presence_years');
    sql().exec(fill[0]!);
    expect(keptPresence()).toEqual(before);
  });

  it('is rebuilt after the demo’s bulk write, counted here from the marks row by row', () => {
    t = createTestApp({ now: '2025-04-01T10:00:00.000Z' });
    addDemoData(t.app.db, { scale: 0.2, seed: 9, today: '2025-04-01' });
    const marks = sql()
      .prepare(
        `select a.state, s.status, g.tracks_attendance as tracks, p.person_id as personId, s.planned_date as date
         from attendance a, sessions s, groups g, participants p where s.id = a.session_id and g.id = s.group_id and p.id = a.participant_id`,
      )
      .all() as { state: string; status: string; tracks: number; personId: string; date: string }[];
    const counts = new Map<string, number>();
    for (const m of marks) {
      if (m.state !== 'present' || m.status !== 'held' || m.tracks !== 1) continue;
      const key = `${m.personId}|${m.date.slice(0, 4)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const want = [...counts].map(([k, n]) => {
      const [personId = '', year = ''] = k.split('|');
      return { personId, year, marks: n };
    });
    want.sort((a, b) => (a.personId + a.year < b.personId + b.year ? -1 : 1));
    expect(want.length).toBeGreaterThan(20);
    expect(keptPresence()).toEqual(want);
  });
});
