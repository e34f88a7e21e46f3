import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApps, type TestApp } from '../../helpers/db';
import { makeGroup } from '../fixtures';
import { addParticipant, groupWith } from '../participants-fixtures';
import { addDemoData } from '../../../src-main/core/demo/add-demo';

// The per-group counts of migration 0027 (participants who have not moved on) are compared after
// each kind of write with the same counts made here, in plain JavaScript, from the raw participants.

const { open, closeAll } = testApps({ now: '2025-04-01T10:00:00.000Z' });
afterEach(closeAll);

function expected(t: TestApp): [string, number][] {
  const rows = t.app.db.sqlite.prepare('select group_id as groupId, status from participants').all() as { groupId: string; status: string }[];
  const counts = new Map<string, number>();
  for (const r of rows) if (r.status !== 'moved') counts.set(r.groupId, (counts.get(r.groupId) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}

const stored = (t: TestApp): [string, number][] =>
  (t.app.db.sqlite.prepare('select group_id, enrolled from outcome_enrolment_cells').raw().all() as [string, number][]).sort((a, b) =>
    a[0].localeCompare(b[0]),
  );

const agrees = (t: TestApp) => {
  const want = expected(t);
  expect(stored(t)).toEqual(want);
  return want;
};

async function twoGroups(t: TestApp) {
  const { setup, group } = await groupWith(t, 4);
  const other = await makeGroup(t, setup, { startDate: '2025-03-04' });
  const people = [];
  for (const [i, groupId] of [group.id, group.id, group.id, group.id, other.id, other.id].entries())
    people.push(await addParticipant(t, groupId, { displayName: `P${i}`, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' }));
  return { setup, group, other, people };
}

describe('the per-group enrolment counts, kept by triggers', () => {
  it('follow added, moved, regrouped, reinstated, erased and deleted participants', async () => {
    const t = open();
    const { group, other, people } = await twoGroups(t);
    expect(agrees(t)).toEqual(
      [
        [group.id, 4],
        [other.id, 2],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const db = t.app.db.sqlite;
    // A move ends one enrolment (its status) and adds another in the new group.
    await t.ok('participants.move', { id: people[0]!.id, toGroupId: other.id, enrolmentDate: '2025-03-10' });
    agrees(t);
    // A changed group, as sync's remote apply may write it; a moved one's group changing counts nowhere.
    db.prepare('update participants set group_id = ? where id = ?').run(other.id, people[1]!.id);
    agrees(t);
    db.prepare('update participants set group_id = ? where id = ?').run(group.id, people[0]!.id);
    agrees(t);
    // A move undone, and a status change that is not a move.
    db.prepare("update participants set status = 'active' where id = ?").run(people[0]!.id);
    agrees(t);
    db.prepare("update participants set status = 'dropped_out' where id = ?").run(people[2]!.id);
    agrees(t);
    // A participant stored already moved counts nowhere; one erased leaves the count.
    db.prepare("update participants set status = 'moved' where id = ?").run(people[3]!.id);
    agrees(t);
    await t.ok('participants.erase', { id: people[4]!.id });
    agrees(t);
    // The last of a group leaving removes its row, as a rebuild would have none.
    for (const p of db.prepare("select id from participants where group_id = ? and status <> 'moved'").pluck().all(group.id) as string[])
      db.prepare("update participants set status = 'moved' where id = ?").run(p);
    const want = agrees(t);
    expect(want.some(([g]) => g === group.id)).toBe(false);
    db.prepare('delete from groups where id = ?').run(other.id);
    expect(agrees(t)).toEqual([]);
  });

  it('are what the migration builds from the participants already stored (a database restored from before it)', async () => {
    const t = open();
    const { people, other } = await twoGroups(t);
    await t.ok('participants.move', { id: people[0]!.id, toGroupId: other.id, enrolmentDate: '2025-03-10' });
    const db = t.app.db.sqlite;
    const want = expected(t);
    db.exec('delete from outcome_enrolment_cells');
    const file = fs.readFileSync(path.join(import.meta.dirname, '../../../drizzle/0027_outcome_enrolment_cells.sql'), 'utf8');
    const fills = file.split('--> statement-breakpoint').filter((x) => /^INSERT INTO outcome_enrolment_cells/m.test(x) && !/CREATE TRIGGER/.test(x));
    expect(fills).toHaveLength(1);
    for (const fill of fills) db.exec(fill);
    expect(stored(t)).toEqual(want);
  });

  it('are rebuilt after the demo’s bulk write, and its triggers are back for the writes after it', async () => {
    const t = open();
    const triggers = () => t.app.db.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();
    const before = triggers();
    expect(before.filter((x) => (x as { name: string }).name.startsWith('outcome_enrolments_'))).toHaveLength(3);
    addDemoData(t.app.db, { scale: 0.2, seed: 5, today: '2025-04-01' });
    const want = agrees(t);
    expect(want.length).toBeGreaterThan(10);
    expect(triggers()).toEqual(before);
    const db = t.app.db.sqlite;
    const [a, b] = db.prepare("select id, group_id from participants where status <> 'moved' limit 2").raw().all() as [string, string][];
    db.prepare("update participants set status = 'moved' where id = ?").run(a![0]);
    agrees(t);
    db.prepare('update participants set group_id = ? where id = ?').run(a![1], b![0]);
    agrees(t);
    db.prepare('delete from participants where id = ?').run(b![0]);
    const after = agrees(t);
    expect(after).not.toEqual(want);
    // A participant added after the demo is counted.
    const added = await addParticipant(t, a![1], {
      displayName: 'Ny',
      enrolmentDate: '2025-03-20',
      consentDate: '2025-03-20',
      childBirthYear: undefined,
      childGender: undefined,
    });
    expect(agrees(t).find(([g]) => g === added.groupId)).toBeDefined();
  });
});
