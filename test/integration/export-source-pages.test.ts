import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import type { SourceAttendance, SourceFidelity } from '../../src-main/core/export/model';
import { exportSourceRepo } from '../../src-main/core/repos/export-source';
import { createTestApp, type TestApp } from '../helpers/db';

/**
 * The export reads questionnaire answers, scores and the groups' staff a page of groups at a
 * time. The rows it hands over must be those of one query over the whole scope, in the files'
 * order, whatever the page boundaries: the expectation here is read in one go and sorted in the
 * test, and the demo data holds more groups with answers or staff than one page takes.
 */

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ now: '2026-12-03T10:00:00.000Z' });
  addDemoData(t.app.db, { scale: 1, seed: 1, today: '2026-12-03' });
});
afterAll(() => {
  t.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

const byKeys = (keys: (string | number)[][]) => (a: number, b: number) => {
  for (let i = 0; i < keys[a]!.length; i++) {
    const x = keys[a]![i]!;
    const y = keys[b]![i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

function gatherAll() {
  const repo = exportSourceRepo(t.app.db.sqlite);
  const scope = { from: null, to: null, programmeIds: [], unitIds: [] };
  return repo.gather(scope, repo.scopeLabels(scope));
}

describe('questionnaire rows read a page of groups at a time', { timeout: 120_000 }, () => {
  it('hands over every response of the scope once, in group, person, form, time point and response order', () => {
    const all = t.app.db.sqlite
      .prepare(
        `select p.rowid as enrolmentRow, p.person_id as participantId, p.group_id as groupId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
           r.timepoint, r.date, r.answers, r.source, r.id as responseId
         from outcome_responses r join participants p on p.id = r.participant_id`,
      )
      .all() as Record<string, string>[];
    const groupsWithAnswers = new Set(all.map((r) => r.groupId)).size;
    // More than one page of groups (30), so the pages' joins are part of what is checked.
    expect(groupsWithAnswers).toBeGreaterThan(120);
    const keys = all.map((r) => [r.groupId!, r.participantId!, r.instrumentCode!, r.timepoint!, r.responseId!]);
    const expected = all
      .map((_, i) => i)
      .sort(byKeys(keys))
      .map((i) => {
        const { responseId: _id, ...row } = all[i]!;
        return row;
      });
    const read = [...gatherAll().outcomes!.responses()].map((r) => ({ ...r }));
    expect(read).toEqual(expected);
  });

  it('hands over every score of the scope once, in the responses’ order and each response’s scales as stored', () => {
    const all = t.app.db.sqlite
      .prepare(
        `select p.rowid as enrolmentRow, p.person_id as participantId, p.group_id as groupId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
           r.timepoint, sc.scale, sc.score, sc.band, r.id as responseId, sc.rowid as scoreRow
         from outcome_scores sc join outcome_responses r on r.id = sc.response_id join participants p on p.id = r.participant_id`,
      )
      .all() as Record<string, string | number | null>[];
    expect(all.length).toBeGreaterThan(1000);
    const keys = all.map((r) => [
      r.groupId as string,
      r.participantId as string,
      r.instrumentCode as string,
      r.timepoint as string,
      r.responseId as string,
      r.scoreRow as number,
    ]);
    const expected = all
      .map((_, i) => i)
      .sort(byKeys(keys))
      .map((i) => {
        const { responseId: _id, scoreRow: _row, ...row } = all[i]!;
        return row;
      });
    const read = [...gatherAll().outcomes!.scores()].map((s) => ({ ...s }));
    expect(read).toEqual(expected);
  });

  it('hands over every leader and supervisor of the scope once, in group, role and staff order', () => {
    const all = t.app.db.sqlite
      .prepare(
        `select group_id as groupId, staff_id as staffId, 'leader' as role from group_leaders
         union all select id as groupId, supervisor_id as staffId, 'supervisor' as role from groups where supervisor_id is not null`,
      )
      .all() as { groupId: string; staffId: string; role: string }[];
    expect(new Set(all.map((r) => r.groupId)).size).toBeGreaterThan(120);
    expect(all.some((r) => r.role === 'supervisor')).toBe(true);
    const keys = all.map((r) => [r.groupId, r.role, r.staffId]);
    const expected = all
      .map((_, i) => i)
      .sort(byKeys(keys))
      .map((i) => all[i]!);
    const source = gatherAll();
    expect([...source.groupStaff()].map((r) => ({ ...r }))).toEqual(expected);
    // Read again (an Excel copy of leaders.csv), the same rows in the same order.
    expect([...source.groupStaff()].map((r) => ({ ...r }))).toEqual(expected);
  });

  it('reads with a small page cache while an export runs and puts the usual one back after the last', () => {
    const repo = exportSourceRepo(t.app.db.sqlite);
    const cacheSize = () => t.app.db.sqlite.pragma('cache_size', { simple: true }) as number;
    const usual = cacheSize();
    expect(usual).toBe(-128 * 1024);
    const first = repo.streamingCache();
    expect(cacheSize()).toBe(-2 * 1024);
    const second = repo.streamingCache();
    first();
    first();
    expect(cacheSize()).toBe(-2 * 1024);
    second();
    expect(cacheSize()).toBe(usual);
  });
});

describe('participants: one row per person and group', () => {
  it('keeps the latest enrolment of a person enrolled more than once in a group, in group and person order', () => {
    const db = t.app.db.sqlite;
    const [a, b] = db.prepare(`select id, person_id as personId, group_id as groupId, relation from participants order by rowid limit 2`).all() as {
      id: string;
      personId: string;
      groupId: string;
      relation: string;
    }[];
    // A later enrolment of a's person (it wins) and an earlier one of b's (it does not); the copies
    // differ from the originals in the relation, which shows which enrolment was read.
    const copy = (id: string, newId: string, createdAt: string, relation: string) => {
      db.exec(`create temp table enrolment_copy as select * from participants where 0`);
      db.prepare(`insert into enrolment_copy select * from participants where id = ?`).run(id);
      db.prepare(`update enrolment_copy set id = ?, created_at = ?, relation = ?`).run(newId, createdAt, relation);
      db.exec(`insert into participants select * from enrolment_copy; drop table enrolment_copy`);
    };
    const other = (relation: string) => (relation === 'teacher' ? 'foster_parent' : 'teacher');
    copy(a!.id, `${a!.id}-again`, '2999-01-01T00:00:00.000Z', other(a!.relation));
    copy(b!.id, `${b!.id}-before`, '1999-01-01T00:00:00.000Z', other(b!.relation));

    const rows = db.prepare(`select id, person_id as personId, group_id as groupId, relation, created_at as createdAt from participants`).all() as {
      id: string;
      personId: string;
      groupId: string;
      relation: string;
      createdAt: string;
    }[];
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const key = `${r.groupId} ${r.personId}`;
      const known = latest.get(key);
      if (!known || r.createdAt > known.createdAt || (r.createdAt === known.createdAt && r.id < known.id)) latest.set(key, r);
    }
    const expected = [...latest.values()]
      .sort((x, y) => (x.groupId === y.groupId ? (x.personId < y.personId ? -1 : 1) : x.groupId < y.groupId ? -1 : 1))
      .map((r) => ({ id: r.personId, groupId: r.groupId, relation: r.relation }));
    const read = [...gatherAll().participants].map((p) => ({ id: p.id, groupId: p.groupId, relation: p.relation }));
    expect(read).toEqual(expected);
    const relationOf = (p: typeof a) => read.find((r) => r.id === p!.personId && r.groupId === p!.groupId)?.relation;
    expect(relationOf(a)).toBe(other(a!.relation));
    expect(relationOf(b)).toBe(b!.relation);
    expect(rows.length).toBe(read.length + 2);
  });
});

describe('marks: each found by the ids of its enrolment and session', () => {
  const from = '2025-01-01';
  interface Mark {
    participantId: string;
    groupId: string;
    sessionNumber: number;
    state: string;
  }
  /** The marks of the kept enrolments (each person's latest in a group) in sessions of groups in scope, by SQLite's own joins. */
  const expectedMarks = () =>
    t.app.db.sqlite
      .prepare(
        `with in_scope as (select id from groups where start_date >= @from),
           ranked as (select id, person_id, row_number() over (partition by group_id, person_id order by created_at desc, id) as n
                      from participants where group_id in (select id from in_scope)),
           kept as (select id, person_id from ranked where n = 1)
         select k.person_id as participantId, s.group_id as groupId, s.number as sessionNumber, a.state
         from attendance a join kept k on k.id = a.participant_id join sessions s on s.id = a.session_id
         where s.group_id in (select id from in_scope) order by a.rowid`,
      )
      .all({ from }) as Mark[];
  /** Each fidelity record of a session in scope as its components' numbers, by SQLite's own joins. */
  const expectedFidelity = () =>
    (
      t.app.db.sqlite
        .prepare(
          `select s.group_id as groupId, s.number as sessionNumber, json_array_length(fr.components) as n
           from fidelity_records fr join sessions s on s.id = fr.session_id join groups g on g.id = s.group_id
           where g.start_date >= @from order by fr.rowid`,
        )
        .all({ from }) as { groupId: string; sessionNumber: number; n: number }[]
    ).flatMap((r) => Array.from({ length: r.n }, (_, i) => `${r.groupId} ${r.sessionNumber} ${i + 1}`));
  const read = () => {
    const repo = exportSourceRepo(t.app.db.sqlite);
    const scope = { from, to: null, programmeIds: [], unitIds: [] };
    const source = repo.gather(scope, repo.scopeLabels(scope));
    return {
      // The repository's streams are generators; the model also allows async ones.
      marks: [...(source.attendance() as Iterable<SourceAttendance>)].map((m) => ({ ...m })),
      fidelity: [...(source.fidelity() as Iterable<SourceFidelity>)].map((f) => `${f.groupId} ${f.sessionNumber} ${f.componentNo}`),
    };
  };

  it('hands over the marks of the scope as joining their enrolments and sessions would, in the marks’ order', () => {
    const expected = expectedMarks();
    const groupsInScope = t.app.db.sqlite.prepare(`select count(*) from groups where start_date >= ?`).pluck().get(from) as number;
    const allGroups = t.app.db.sqlite.prepare(`select count(*) from groups`).pluck().get() as number;
    // The scope leaves groups out, so the ids of marks outside it must be told apart.
    expect(groupsInScope).toBeGreaterThan(0);
    expect(groupsInScope).toBeLessThan(allGroups);
    expect(expected.length).toBeGreaterThan(1000);
    const { marks, fidelity } = read();
    expect(marks).toEqual(expected);
    expect(fidelity).toEqual(expectedFidelity());
    expect(fidelity.length).toBeGreaterThan(100);
  });

  it('matches ids of any other form byte for byte: hand-made ids are found, an id in other letter case is not', () => {
    const db = t.app.db.sqlite;
    const marked = db
      .prepare(
        `select a.rowid as rid, a.participant_id as enrolmentId, a.session_id as sessionId from attendance a
         join sessions s on s.id = a.session_id join groups g on g.id = s.group_id join participants p on p.id = a.participant_id
         where g.start_date >= ? and a.state = 'present'
           and not exists (select 1 from participants q where q.person_id = p.person_id and q.group_id = p.group_id and q.id <> p.id)
         order by a.rowid limit 40`,
      )
      .all(from) as { rid: number; enrolmentId: string; sessionId: string }[];
    const [first, second] = [marked[0]!, marked.find((m) => m.enrolmentId !== marked[0]!.enrolmentId && m.sessionId !== marked[0]!.sessionId)!];
    const before = read().marks.length;
    db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // An enrolment and a session with hand-made ids, and their marks (and the session's record) with them.
        db.prepare(`update participants set id = 'enrolment one' where id = ?`).run(first.enrolmentId);
        db.prepare(`update attendance set participant_id = 'enrolment one' where participant_id = ?`).run(first.enrolmentId);
        db.prepare(`update sessions set id = upper(id) where id = ?`).run(first.sessionId);
        db.prepare(`update attendance set session_id = upper(session_id) where session_id = ?`).run(first.sessionId);
        db.prepare(`update fidelity_records set session_id = upper(session_id) where session_id = ?`).run(first.sessionId);
        // A mark naming its enrolment in capitals names no enrolment: SQLite compares ids as bytes.
        db.prepare(`update attendance set participant_id = upper(participant_id) where rowid = ?`).run(second.rid);
      })();
    } finally {
      db.pragma('foreign_keys = ON');
    }
    const expected = expectedMarks();
    const { marks, fidelity } = read();
    expect(marks).toEqual(expected);
    expect(fidelity).toEqual(expectedFidelity());
    expect(marks.length).toBe(before - 1);
    const renamed = db.prepare(`select person_id from participants where id = 'enrolment one'`).pluck().get() as string;
    expect(marks.some((m) => m.participantId === renamed)).toBe(true);
  });
});
