import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { createServices } from '../../../src-main/core/services';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import type { ActivityReport } from '../../../src-main/contract';
import { reportChangeTriggers } from '../../../src-main/core/repos/report-changes';
import { importTrivsel } from '../outcomes/fixtures';
import { buildLargeCells, makeReportGroup, reportNow } from './activity-fixture';

/** The service keeps the reports it made until the next write: no write may go unseen. */
describe('activity report kept between writes', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  const year = { from: '2025-01-01', to: '2025-12-31' };

  it('is made again after a write through the app and after another connection commits', async () => {
    const unit = await makeUnit(t, 'Farsta');
    const programme = await makeProgramme(t, { name: 'Komet för föräldrar', code: 'RAPPA', sessionCount: 4 });
    const leader = await makeStaff(t, { name: 'Åsa Lind' });
    const spec = { unit, programme, leaders: [leader], supervisor: null, parents: ['PPPP', 'PPPA'] };
    await makeReportGroup(t, { ...spec, startDate: '2025-03-03' });

    const first = await t.ok('reports.activity', year);
    expect(first.current.groups.total.started).toBe(1);
    // Asked again with nothing written between: the same figures, its own time of making.
    const again = await t.ok('reports.activity', year);
    expect({ ...again, createdAt: null }).toEqual({ ...first, createdAt: null });

    // A second group through the app.
    await makeReportGroup(t, { ...spec, startDate: '2025-09-01' });
    const afterWrite = await t.ok('reports.activity', year);
    expect(afterWrite.current.groups.total.started).toBe(2);

    // A unit renamed by another connection (the CLI next to a running app).
    const other = new Database(t.app.databasePath);
    try {
      other.prepare('update units set name = ? where id = ?').run('Farsta strand', unit.id);
    } finally {
      other.close();
    }
    const afterOther = await t.ok('reports.activity', year);
    expect(afterOther.current.groups.byUnit.map((r) => r.label)).toEqual(['Farsta strand']);
    expect(afterOther.current.groups.total.started).toBe(2);

    // Another period or scope is a report of its own, not the one kept for this year.
    const scoped = await t.ok('reports.activity', { ...year, unitIds: [unit.id] });
    expect(scoped.scope.units).toEqual([{ id: unit.id, name: 'Farsta strand' }]);
    const spring = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-06-30' });
    expect(spring.current.groups.total.started).toBe(1);
  });
});

/**
 * After a write on this connection the service reads again only the groups the write touched
 * (temporary triggers note them): after each kind of write the report must be the one made from
 * nothing, and must not be with the triggers on the written table set aside.
 */
describe('activity report brought up to date group by group', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  const year = { from: '2025-01-01', to: '2025-12-31' };

  it('after each kind of write equals the report made from nothing, and needs the trigger on the table written', async () => {
    const cells = await buildLargeCells(t);
    await importTrivsel(t);
    const sqlite = t.app.db.sqlite;
    const rows = <T>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).all(...args) as T[];
    const parents = rows<{ id: string; group_id: string; status: string }>('select id, group_id, status from participants order by rowid');
    for (const [i, p] of parents.entries()) {
      const record = (timepoint: string, n: number) =>
        t.ok('responses.record', {
          participantId: p.id,
          instrument: 'TRIVSEL',
          timepoint,
          date: '2025-06-01',
          enteredBy: 'Åsa',
          answers: { t1: 1 + (n % 5), t2: 1 + ((n + 1) % 5), t3: 1 + ((n + 2) % 5), t4: 1 + ((n + 3) % 5) },
        });
      await record('pre', i);
      if (i % 3 !== 0) await record('post', i * 7);
    }
    const other = new Database(t.app.databasePath);
    // Another connection's commit makes the service read everything again: the report from nothing.
    const fromNothing = async () => {
      other.prepare('update units set name = name where id = ?').run(cells.kista.id);
      return strip(await t.ok('reports.activity', year));
    };
    const kept = async () => strip(await t.ok('reports.activity', year));
    const strip = (r: ActivityReport) => ({ ...r, createdAt: null });

    // Figures counted here from the rows, to be sure the report follows the writes at all.
    const counted = () => {
      const held = rows<{ group_id: string; fidelity_percent: number | null }>(
        "select group_id, fidelity_percent from sessions where status = 'held' and planned_date between '2025-01-01' and '2025-12-31'",
      );
      const heldGroups = new Set(held.map((s) => s.group_id));
      const cohort = rows<{ unit_id: string }>(
        "select g.unit_id from participants p join groups g on g.id = p.group_id where g.start_date between '2025-01-01' and '2025-12-31' and p.status <> 'moved'",
      );
      return {
        heldSessions: held.length,
        sessionsWithFidelity: held.filter((s) => s.fidelity_percent !== null).length,
        active: new Set(
          rows<{ group_id: string; staff_id: string }>('select group_id, staff_id from group_leaders')
            .filter((l) => heldGroups.has(l.group_id))
            .map((l) => l.staff_id),
        ).size,
        enrolledInKista: cohort.filter((p) => p.unit_id === cells.kista.id).length,
      };
    };
    const shown = (r: ReturnType<typeof strip>) => ({
      heldSessions: r.current.leaders.heldSessions,
      sessionsWithFidelity: r.current.leaders.sessionsWithFidelity,
      active: r.current.leaders.active,
      enrolledInKista: r.current.parents.byUnit.find((u) => u.key === cells.kista.id)?.enrolled.value ?? 0,
    });

    const g1Session = rows<{ id: string }>("select id from sessions where group_id = ? and status = 'held' order by number", cells.g1.id)[0]!.id;
    const completed = parents.find((p) => p.group_id === cells.g1.id && p.status === 'completed')!;
    const postResponses = rows<{ id: string }>(
      "select r.id from outcome_responses r join participants p on p.id = r.participant_id where r.timepoint = 'post' and p.status = 'completed' order by r.rowid",
    ).map((r) => r.id);
    const postScore = rows<{ rowid: number }>(
      "select x.rowid from outcome_scores x join outcome_responses r on r.id = x.response_id join participants p on p.id = r.participant_id where r.timepoint = 'post' and x.score is not null and p.status = 'completed' order by x.rowid",
    );
    // Each write twice: once with the triggers on its table set aside, once with them; the second
    // undoes the first where it can, so each shows a change.
    const writes: { table: string; first: () => void; second: () => void }[] = [
      {
        table: 'sessions',
        first: () => sqlite.prepare('update sessions set fidelity_percent = 80 where id = ?').run(g1Session),
        second: () => sqlite.prepare('update sessions set fidelity_percent = null where id = ?').run(g1Session),
      },
      {
        table: 'participants',
        first: () => sqlite.prepare("update participants set status = 'moved' where id = ?").run(completed.id),
        second: () => sqlite.prepare("update participants set status = 'completed' where id = ?").run(completed.id),
      },
      {
        table: 'groups',
        first: () => sqlite.prepare('update groups set unit_id = ? where id = ?').run(cells.kista.id, cells.g1.id),
        second: () => sqlite.prepare('update groups set unit_id = ? where id = ?').run(cells.ostermalm.id, cells.g1.id),
      },
      {
        table: 'group_leaders',
        first: () => sqlite.prepare('delete from group_leaders where group_id = ? and staff_id = ?').run(cells.g2.id, cells.l3.id),
        second: () => sqlite.prepare("insert into group_leaders (group_id, staff_id, created_at) values (?, ?, '2025-01-01')").run(cells.g2.id, cells.l3.id),
      },
      {
        table: 'outcome_scores',
        first: () => sqlite.prepare('update outcome_scores set score = score + 1 where rowid = ?').run(postScore[0]!.rowid),
        second: () => sqlite.prepare('update outcome_scores set score = score - 1 where rowid = ?').run(postScore[0]!.rowid),
      },
      {
        table: 'outcome_responses',
        first: () => sqlite.prepare("update outcome_responses set timepoint = 'fu6' where id = ?").run(postResponses[0]),
        second: () => sqlite.prepare("update outcome_responses set timepoint = 'post' where id = ?").run(postResponses[0]),
      },
    ];
    let before = await fromNothing();
    expect(shown(before)).toEqual(counted());
    for (const w of writes) {
      const aside = reportChangeTriggers().filter((x) => x.name.startsWith(`report_changes_${w.table}_`));
      expect(aside).toHaveLength(3);
      for (const x of aside) sqlite.exec(`drop trigger temp.${x.name}`);
      w.first();
      const unnoticed = await kept();
      for (const x of aside) sqlite.exec(x.sql);
      const made = await fromNothing();
      expect(made, w.table).not.toEqual(before);
      expect(unnoticed, w.table).not.toEqual(made);
      w.second();
      const after = await kept();
      expect(after, w.table).not.toEqual(made);
      expect(after, w.table).toEqual(await fromNothing());
      expect(shown(after), w.table).toEqual(counted());
      before = after;
    }
    // A write to a parent that changes nothing the report counts keeps the figures, and the next
    // write that does is still seen.
    sqlite.prepare('update participants set updated_at = updated_at where id = ?').run(completed.id);
    expect(await kept(), 'participants, no figure').toEqual(before);
    sqlite.prepare("update participants set status = 'moved' where id = ?").run(completed.id);
    const moved = await kept();
    expect(moved, 'participants, after no figure').not.toEqual(before);
    expect(moved, 'participants, after no figure').toEqual(await fromNothing());
    sqlite.prepare("update participants set status = 'completed' where id = ?").run(completed.id);
    before = await kept();
    expect(before).toEqual(await fromNothing());

    // Through the app: a mark, a status, an answer, a certification and a supervision session.
    const g2Parent = parents.find((p) => p.group_id === cells.g2.id)!;
    const g2Session = rows<{ id: string }>('select id from sessions where group_id = ? order by number', cells.g2.id)[0]!.id;
    const steps: [string, () => Promise<unknown>][] = [
      ['attendance.set', () => t.ok('attendance.set', { participantId: g2Parent.id, sessionId: g2Session, state: 'absent' })],
      ['participants.setStatus', () => t.ok('participants.setStatus', { id: completed.id, status: 'never_started', reasonId: null })],
      [
        'responses.record',
        () =>
          t.ok('responses.record', {
            participantId: parents.find((p, i) => i % 3 === 0 && p.group_id === cells.g2.id)!.id,
            instrument: 'TRIVSEL',
            timepoint: 'post',
            date: '2025-12-01',
            enteredBy: 'Åsa',
            answers: { t1: 5, t2: 5, t3: 5, t4: 5 },
          }),
      ],
      [
        'certifications.certify',
        // Certified in both programmes before the period: no longer on a supervised first group.
        async () => {
          for (const p of [cells.p1, cells.p2])
            await t.ok('certifications.certify', {
              leaderId: cells.l2.id,
              programmeId: p.id,
              date: '2024-12-01',
              supervisorId: cells.s.id,
              overrideReason: 'Beslut av handledaren.',
            });
        },
      ],
      [
        'supervision.create',
        () =>
          t.ok('supervision.create', {
            date: '2025-11-12',
            supervisorId: cells.s.id,
            format: 'group',
            mode: 'in_person',
            leaders: [{ leaderId: cells.l3.id, rating: null }],
            groupIds: [cells.g2.id],
          }),
      ],
    ];
    for (const [name, step] of steps) {
      await kept();
      await step();
      const after = await kept();
      expect(after, name).not.toEqual(before);
      expect(after, name).toEqual(await fromNothing());
      expect(shown(after), name).toEqual(counted());
      before = after;
    }
    other.close();
  });
});

/**
 * The shells read this year's report ahead of its first call, one query per step, while the
 * app's own procedures may write between the steps: what is then kept must be what a call makes
 * from nothing, and a call before the last step finishes the reading rather than keep half of it.
 */
describe('activity report read ahead step by step', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  const year = { from: '2025-01-01', to: '2025-12-31', unitIds: [], programmeIds: [] };
  const strip = (r: ActivityReport) => ({ ...r, createdAt: null });
  // Another set of services on the same connection (the shells' reading ahead), and one made
  // afresh for each comparison, which keeps nothing.
  const services = () => createServices(t.app.db, { clock: fixedClock(reportNow), audit: { record: () => undefined } }).activityReport;
  const fromNothing = () => strip(services().activity(year));

  it('with writes between its steps, or a call before its end, equals the report made from nothing', async () => {
    const cells = await buildLargeCells(t);
    const sqlite = t.app.db.sqlite;
    const planned = sqlite
      .prepare(
        `select s.id, s.planned_date as plannedDate from sessions s join groups g on g.id = s.group_id
         where s.status = 'planned' and g.status in ('planned', 'running') and s.planned_date <= '2025-12-31' order by s.planned_date`,
      )
      .get() as { id: string; plannedDate: string };
    const before = fromNothing();
    const writes: (() => unknown)[] = [
      () => t.ok('sessions.record', { id: planned.id, status: 'held', heldDate: planned.plannedDate, participantCount: 3 }),
      () =>
        makeReportGroup(t, {
          unit: cells.kista,
          programme: cells.p1,
          leaders: [cells.l2],
          supervisor: null,
          parents: ['PPPP', 'PPPA'],
          startDate: '2025-10-06',
        }),
      () => sqlite.prepare('delete from group_leaders where group_id = ? and staff_id = ?').run(cells.g2.id, cells.l3.id),
      () => sqlite.prepare('update groups set unit_id = ? where id = ?').run(cells.kista.id, cells.g1.id),
    ];
    const warmed = services();
    let steps = 0;
    while (warmed.warmStep(year)) await writes[steps++]?.();
    expect(steps).toBeGreaterThan(writes.length);
    expect(warmed.warmStep(year)).toBe(false);
    const made = fromNothing();
    expect(made).not.toEqual(before);
    expect(strip(warmed.activity(year))).toEqual(made);

    // A call before the last step finishes the reading, then takes the write made meanwhile.
    const cut = services();
    expect(cut.warmStep(year)).toBe(true);
    expect(cut.warmStep(year)).toBe(true);
    sqlite.prepare('update groups set unit_id = ? where id = ?').run(cells.ostermalm.id, cells.g1.id);
    expect(strip(cut.activity(year))).toEqual(fromNothing());
    expect(cut.warmStep(year)).toBe(false);
  });

  it('keeps nothing another connection wrote beside while it read, and the next call reads it', async () => {
    const cells = await buildLargeCells(t);
    const warmed = services();
    expect(warmed.warmStep(year)).toBe(true);
    const other = new Database(t.app.databasePath);
    try {
      other.prepare('update groups set unit_id = ? where id = ?').run(cells.kista.id, cells.g1.id);
    } finally {
      other.close();
    }
    while (warmed.warmStep(year));
    expect(strip(warmed.activity(year))).toEqual(fromNothing());
  });
});
