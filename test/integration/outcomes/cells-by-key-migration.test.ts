import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, readJournal } from '../../../src-main/core/db/migrate';
import { testApps, type TestApp } from '../../helpers/db';
import { makeGroup } from '../fixtures';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

// Migration 0033 stores the per-group cells and the unanswered points by their keys (WITHOUT
// ROWID). A database at 0032 keeps every row, every trigger and what the triggers keep after it.

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

const folder = defaultMigrationsFolder();
const ours = readJournal(folder).entries.find((e) => e.tag.startsWith('0033_'))!;
const tables = ['outcome_level_cells', 'outcome_change_cells', 'outcome_return_cells', 'outcome_unanswered'];
const statementsOf = (file: string) => fs.readFileSync(path.join(folder, file), 'utf8').split('--> statement-breakpoint');

/** Each table as 0024, 0027 and 0028 made it: rows by rowid, beside its key's index and its covering indexes. */
function asBefore(t: TestApp): void {
  const db = t.app.db.sqlite;
  const made = ['0024_outcome_cells.sql', '0027_outcome_enrolment_cells.sql', '0028_outcome_unanswered.sql']
    .flatMap(statementsOf)
    // A drizzle chunk may hold an index and the next table; none of these statements holds a `;` inside.
    .flatMap((chunk) => chunk.split(/;\s*\n/))
    .map((s) => s.replace(/^--.*$/gm, '').trim())
    .filter((s) => tables.some((name) => s.startsWith(`CREATE TABLE \`${name}\``) || new RegExp(`^CREATE INDEX \`\\w+\` ON \`${name}\``).test(s)));
  db.transaction(() => {
    for (const name of tables) {
      const triggers = db.prepare("select sql from sqlite_master where type = 'trigger' and tbl_name = ?").pluck().all(name) as string[];
      db.exec(`create temp table kept as select * from ${name}; drop table ${name};`);
      for (const s of made.filter((s) => s.includes(`ON \`${name}\``) || s.startsWith(`CREATE TABLE \`${name}\``))) db.exec(s);
      db.exec(`insert into ${name} select * from temp.kept; drop table temp.kept;`);
      for (const s of triggers) db.exec(s);
    }
  })();
}

const byKey = (t: TestApp) => tables.map((name) => t.app.db.sqlite.prepare('select wr from pragma_table_list where name = ?').pluck().get(name));
const indexes = (t: TestApp) =>
  t.app.db.sqlite
    .prepare(`select name from sqlite_master where type = 'index' and tbl_name in (${tables.map(() => '?').join(', ')}) and sql is not null order by name`)
    .pluck()
    .all(...tables);
const triggers = (t: TestApp) => t.app.db.sqlite.prepare("select name, tbl_name, sql from sqlite_master where type = 'trigger' order by name").all();
const contents = (t: TestApp) => tables.map((name) => t.app.db.sqlite.prepare(`select * from ${name} order by 1, 2, 3, 4`).raw().all());

type Raw = { groupId: string; status: string; participantId: string; timepoint: string; scale: string; score: number | null };
const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** Per group, scale and time point, the count, sum and sum of squares of the scores, from the raw rows. */
function levelsFromRaw(t: TestApp): (string | number)[][] {
  const rows = t.app.db.sqlite
    .prepare(
      `select p.group_id as groupId, p.status as status, p.id as participantId, r.timepoint as timepoint, s.scale as scale, s.score as score
       from participants p join outcome_responses r on r.participant_id = p.id join outcome_scores s on s.response_id = r.id`,
    )
    .all() as Raw[];
  const cells = new Map<string, [number, number, number]>();
  for (const r of rows) {
    if (r.score === null) continue;
    const key = `${r.groupId}|${r.scale}|${r.timepoint}`;
    const [n, total, squares] = cells.get(key) ?? [0, 0, 0];
    cells.set(key, [n + 1, total + r.score, squares + r.score * r.score]);
  }
  return [...cells].map(([k, v]) => [k, ...v.map(round)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}
const storedLevels = (t: TestApp) =>
  (
    t.app.db.sqlite.prepare("select group_id || '|' || scale || '|' || timepoint, n, total, squares from outcome_level_cells").raw().all() as (
      string | number
    )[][]
  )
    .map(([k, ...v]) => [k, ...v.map((x) => round(x as number))])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('migration 0033', () => {
  it('stores the cells and the unanswered points by their keys, with every row and every trigger kept', async () => {
    expect(ours).toBeDefined();
    const t = open();
    await importTrivsel(t);
    const { setup, group } = await groupWith(t, 4);
    for (const timepoint of ['pre', 'post'])
      await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
    const other = await makeGroup(t, setup, { startDate: '2025-03-04' });
    const people: { id: string }[] = [];
    for (const [i, groupId] of [group.id, group.id, group.id, group.id, other.id, other.id].entries())
      people.push(await addParticipant(t, groupId, { displayName: `P${i}`, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' }));
    const record = (i: number, timepoint: string, x: number) =>
      t.ok('responses.record', {
        participantId: people[i]!.id,
        instrument: 'TRIVSEL',
        timepoint,
        date: '2025-03-30',
        enteredBy: 'Anna Lind',
        answers: { t1: x, t2: 3, t3: x, t4: x },
      });
    for (const [i, x] of [1, 2, 3, 5].entries()) await record(i, 'pre', x);
    for (const [i, x] of [2, 4].entries()) await record(i, 'post', x);

    asBefore(t);
    expect(byKey(t)).toEqual([0, 0, 0, 0]);
    expect(indexes(t)).toHaveLength(6);
    const rows = contents(t);
    const kept = triggers(t);
    // Every table has rows to keep: the cells of six responses, and the points four people have not answered.
    expect(rows.map((r) => r.length > 0)).toEqual([true, true, true, true]);

    const db = t.app.db.sqlite;
    db.transaction(() => {
      for (const statement of statementsOf(`${ours.tag}.sql`)) db.exec(statement);
    })();

    expect(byKey(t)).toEqual([1, 1, 1, 1]);
    expect(indexes(t)).toEqual(['outcome_unanswered_participant_idx']);
    expect(contents(t)).toEqual(rows);
    expect(triggers(t)).toEqual(kept);

    // The triggers still keep the cells, and the cells per programme from them.
    await record(2, 'post', 1);
    await record(4, 'post', 4);
    await record(5, 'pre', 2);
    const levels = levelsFromRaw(t);
    expect(storedLevels(t)).toEqual(levels);
    const scope = db.prepare('select sum(n), round(sum(total), 9) from outcome_scope_level_cells').raw().get();
    expect(scope).toEqual([levels.reduce((n, l) => n + Number(l[1]), 0), round(levels.reduce((s, l) => s + Number(l[2]), 0))]);
    // Still to answer: P3 at `post`, P4 at `pre` (answered `post` only), P5 at `post`.
    expect(db.prepare('select participant_id, timepoint from outcome_unanswered order by 1, 2').raw().all()).toEqual(
      [
        [people[3]!.id, 'post'],
        [people[4]!.id, 'pre'],
        [people[5]!.id, 'post'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
  });
});
