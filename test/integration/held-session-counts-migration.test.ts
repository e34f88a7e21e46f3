import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, readJournal } from '../../src-main/core/db/migrate';
import { createTestApp, type TestApp } from '../helpers/db';
import { addParticipant, groupWith, laterNow, type State } from './participants-fixtures';

// Migration 0026: a past session still planned that was given marks and then a fidelity record
// became held without the counts of its marks (before fidelity derived them). The migration
// gives such sessions their counts and leaves every other session as it was.

const journal = readJournal(defaultMigrationsFolder());
const ours = journal.entries.find((e) => e.tag.endsWith('held_session_counts'))!;

const open: TestApp[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

interface SessionRow {
  id: string;
  status: string;
  participant_count: number | null;
  family_count: number | null;
  updated_at: string;
}

const sessionRows = (t: TestApp): Map<string, SessionRow> =>
  new Map(
    (t.app.db.sqlite.prepare('select id, status, participant_count, family_count, updated_at from sessions').all() as SessionRow[]).map((r) => [r.id, r]),
  );

describe('migration 0026', () => {
  it('gives a held session with marks but no counts the counts of its marks, and changes no other session', async () => {
    expect(ours).toBeDefined();
    // Every session of the five lies in the past.
    const t = createTestApp({ now: laterNow });
    open.push(t);
    const { group: g } = await groupWith(t, 5);
    const s = (n: number) => g.sessions[n - 1]!.id;
    const anna = await addParticipant(t, g.id, { displayName: 'Anna' });
    // Bo is the other caregiver of Anna's child: one family.
    const bo = await addParticipant(t, g.id, { displayName: 'Bo', relation: 'father', familyId: anna.family.id });
    const cilla = await addParticipant(t, g.id, { displayName: 'Cilla' });
    const dan = await addParticipant(t, g.id, { displayName: 'Dan' });
    const eva = await addParticipant(t, g.id, { displayName: 'Eva' });
    const people = [anna, bo, cilla, dan, eva];

    // Session 1: held as a leader records it, with its counts.
    for (const p of [anna, bo, cilla]) await t.ok('attendance.set', { participantId: p.id, sessionId: s(1), state: 'present', markHeld: true });
    // Session 2: the case. Marks typed while it was still planned, then fidelity recorded it held.
    const marks: [string, Exclude<State, null>][] = [
      [anna.id, 'present'],
      [bo.id, 'present'],
      [cilla.id, 'absent'],
      [dan.id, 'present'],
      [eva.id, 'absent_with_notice'],
    ];
    for (const [participantId, state] of marks) await t.ok('attendance.set', { participantId, sessionId: s(2), state });
    await t.ok('fidelity.record', { sessionId: s(2), covered: ['theme'] });
    // Session 3: marks on a session still planned; it has no counts until it is recorded held.
    await t.ok('attendance.set', { participantId: anna.id, sessionId: s(3), state: 'present' });
    // Session 4: held with a typed count and no marks.
    await t.ok('sessions.record', { id: s(4), status: 'held', heldDate: g.sessions[3]!.plannedDate, participantCount: 5 });
    // Session 5: held by a fidelity record without any marks; nothing is known of its counts.
    await t.ok('fidelity.record', { sessionId: s(5), covered: ['theme'] });

    // A group that records counts only: marks from when it tracked attendance, then fidelity on a
    // planned session. The app leaves such a session without counts; so does the migration.
    const other = await groupWith(t, 2);
    const fia = await addParticipant(t, other.group.id, { displayName: 'Fia' });
    await t.ok('attendance.set', { participantId: fia.id, sessionId: other.group.sessions[0]!.id, state: 'present' });
    await t.ok('groups.setTracksAttendance', { id: other.group.id, tracksAttendance: false });
    await t.ok('fidelity.record', { sessionId: other.group.sessions[0]!.id, covered: ['theme'] });

    const db = t.app.db.sqlite;
    const derived = sessionRows(t).get(s(2))!;
    // As a Komet before fidelity derived the counts left the session, at the migration before ours,
    // on a laptop that is joined to a server (its writes are captured for sync).
    db.prepare('update sessions set participant_count = null, family_count = null where id = ?').run(s(2));
    db.exec('update sync_state set capturing = 1; delete from sync_outbox');
    const before = sessionRows(t);
    expect(before.get(s(2))).toMatchObject({ status: 'held', participant_count: null, family_count: null });
    for (const id of [s(5), other.group.sessions[0]!.id]) expect(before.get(id)).toMatchObject({ status: 'held', participant_count: null, family_count: null });
    // The migration's own statements, as the migrator runs them (later migrations make re-running
    // it through the migrator impossible: it only applies those newer than the newest applied).
    const statements = fs.readFileSync(path.join(defaultMigrationsFolder(), `${ours.tag}.sql`), 'utf8').split('--> statement-breakpoint');
    expect(statements.join('')).toMatch(/UPDATE `sessions`/);
    db.transaction(() => {
      for (const statement of statements) db.exec(statement);
    })();
    const again = t;
    const after = sessionRows(again);

    // Figures from the marks themselves: the participants present, and the families among them.
    const present = marks.filter(([, state]) => state === 'present').map(([id]) => people.find((p) => p.id === id)!);
    expect(present.length).toBe(3);
    const families = new Set(present.map((p) => p.family.id)).size;
    expect(families).toBe(2);
    const repaired = after.get(s(2))!;
    expect(repaired).toMatchObject({ status: 'held', participant_count: present.length, family_count: families });
    // The same figures the app derives when it records such a session held.
    expect([repaired.participant_count, repaired.family_count]).toEqual([derived.participant_count, derived.family_count]);
    expect(repaired.updated_at > before.get(s(2))!.updated_at).toBe(true);

    // Nothing else changed.
    for (const [id, row] of before) if (id !== s(2)) expect(after.get(id), id).toEqual(row);

    // The count travels as a change of this laptop's, as the app's own derivation does; the family
    // count is derived on every machine and does not travel.
    const captured = again.app.db.sqlite.prepare('select tbl, row_key as rowKey, op, cols from sync_outbox').all() as { cols: string }[];
    expect(captured.map((c) => ({ ...c, cols: (JSON.parse(c.cols) as (string | null)[]).filter(Boolean) }))).toEqual([
      { tbl: 'sessions', rowKey: s(2), op: 'u', cols: ['participant_count'] },
    ]);
  });
});
