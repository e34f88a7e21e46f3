import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startKomet } from '../../src-main/app/komet-app';
import { fixedClock } from '../../src-main/core/clock';
import { defaultMigrationsFolder, readJournal } from '../../src-main/core/db/migrate';
import { makeTempDir } from '../helpers/db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const journal = readJournal(defaultMigrationsFolder());
const ours = journal.entries.findIndex((e) => e.tag.endsWith('participants_attendance_fidelity'));

/** Leaves the database as the version before participation: every migration up to ours, applied by hand. */
function migrateBefore(file: string, count = ours): void {
  const sqlite = new Database(file);
  sqlite.exec('create table "__drizzle_migrations" (id integer primary key autoincrement, hash text not null, created_at numeric)');
  for (const entry of journal.entries.slice(0, count)) {
    const text = fs.readFileSync(path.join(defaultMigrationsFolder(), `${entry.tag}.sql`), 'utf8');
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) sqlite.exec(statement);
    sqlite
      .prepare('insert into "__drizzle_migrations" (hash, created_at) values (?, ?)')
      .run(crypto.createHash('sha256').update(text).digest('hex'), entry.when);
  }
  sqlite.close();
}

const ids = {
  programme: crypto.randomUUID(),
  unit: crypto.randomUUID(),
  counted: crypto.randomUUID(),
  fresh: crypto.randomUUID(),
  s1: crypto.randomUUID(),
  s2: crypto.randomUUID(),
  s3: crypto.randomUUID(),
};

function fillOldDatabase(file: string): void {
  const sqlite = new Database(file);
  const at = '2025-01-10T08:00:00.000Z';
  sqlite
    .prepare(
      `insert into programmes (id, name, code, audience, session_count, session_length_minutes, child_age_min, child_age_max, active, created_at, updated_at)
    values (?, 'Gammalt program', 'Gammal', 'parents', 2, 150, 3, 11, 1, ?, ?)`,
    )
    .run(ids.programme, at, at);
  sqlite.prepare(`insert into units (id, name, kind, active, created_at, updated_at) values (?, 'Gamla enheten', 'district', 1, ?, ?)`).run(ids.unit, at, at);
  const group = sqlite.prepare(`insert into groups (id, programme_id, unit_id, venue, start_date, weekday, start_time, note, status, created_at, updated_at)
    values (?, ?, ?, 'Lokalen', ?, 1, '17:30', '', ?, ?, ?)`);
  group.run(ids.counted, ids.programme, ids.unit, '2025-01-13', 'running', at, at);
  group.run(ids.fresh, ids.programme, ids.unit, '2025-04-07', 'planned', at, at);
  const session =
    sqlite.prepare(`insert into sessions (id, group_id, number, planned_date, status, held_date, participant_count, is_extra, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`);
  session.run(ids.s1, ids.counted, 1, '2025-01-13', 'held', '2025-01-13', 6, at, at);
  session.run(ids.s2, ids.counted, 2, '2025-01-20', 'planned', null, null, at, at);
  session.run(ids.s3, ids.fresh, 1, '2025-04-07', 'planned', null, null, at, at);
  sqlite.close();
}

describe('migration to participants, attendance and fidelity', () => {
  it('upgrades a database at the previous version with its rows intact', async () => {
    expect(ours).toBeGreaterThan(0);
    const dir = makeTempDir('komet-migrate-participants-');
    dirs.push(dir);
    const file = path.join(dir, 'komet.db');
    migrateBefore(file);
    fillOldDatabase(file);
    const before = new Database(file, { readonly: true });
    const oldSessions = before.prepare('select * from sessions order by id').all();
    const oldGroups = before.prepare('select * from groups order by id').all() as Record<string, unknown>[];
    before.close();

    const app = startKomet({ databasePath: file, shell: 'test', clock: fixedClock('2025-01-22T10:00:00.000Z') });
    try {
      const sqlite = app.db.sqlite;
      // Existing sessions are untouched except for the new, empty family count and fidelity.
      expect(sqlite.prepare('select * from sessions order by id').all()).toEqual(
        oldSessions.map((s) => ({ ...(s as object), family_count: null, fidelity_percent: null })),
      );
      // A group that typed in counts keeps doing so; one with nothing recorded tracks attendance.
      const groups = sqlite.prepare('select * from groups order by id').all() as Record<string, unknown>[];
      expect(groups).toEqual(oldGroups.map((g) => ({ ...g, tracks_attendance: g.id === ids.counted ? 0 : 1 })));
      for (const table of ['participants', 'families', 'attendance', 'fidelity_records', 'session_plans', 'programme_rules', 'dropout_reasons']) {
        expect(sqlite.prepare('select count(*) as n from sqlite_master where name = ?').get(table)).toEqual({ n: 1 });
      }
      expect((await app.call('dropoutReasons.list', {})).ok).toBe(true);

      // The upgraded data works with the new procedures.
      const created = await app.call('participants.create', {
        groupId: ids.counted,
        displayName: 'E. K.',
        relation: 'mother',
        enrolmentDate: '2025-01-10',
        consent: 'not_asked',
        childBirthYear: 2018,
      });
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      const refused = await app.call('attendance.set', { participantId: (created.value as { id: string }).id, sessionId: ids.s1, state: 'present' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const overview = await app.call('groups.overview', { id: ids.counted });
      expect(overview).toMatchObject({ ok: true, value: { tracksAttendance: false, sessions: [{ participantCount: 6 }, { participantCount: null }] } });
    } finally {
      app.close();
    }
  });

  it('gives sessions recorded before the fidelity column their percentage from the record', () => {
    const indexes = journal.entries.findIndex((e) => e.tag.endsWith('participation_indexes'));
    expect(indexes).toBe(ours + 1);
    const dir = makeTempDir('komet-migrate-fidelity-');
    dirs.push(dir);
    const file = path.join(dir, 'komet.db');
    migrateBefore(file, indexes);
    fillOldDatabase(file);
    const sqlite = new Database(file);
    const at = '2025-01-14T08:00:00.000Z';
    sqlite
      .prepare(
        `insert into fidelity_records (session_id, title, components, covered_count, total_count, note, created_at, updated_at)
      values (?, 'Träff 1', '[]', 2, 3, '', ?, ?)`,
      )
      .run(ids.s1, at, at);
    sqlite.close();
    const app = startKomet({ databasePath: file, shell: 'test', clock: fixedClock('2025-01-22T10:00:00.000Z') });
    try {
      const rows = app.db.sqlite.prepare('select id, fidelity_percent as p from sessions order by number, id').all();
      expect(rows).toEqual(
        expect.arrayContaining([
          { id: ids.s1, p: 67 },
          { id: ids.s2, p: null },
          { id: ids.s3, p: null },
        ]),
      );
    } finally {
      app.close();
    }
  });
});
