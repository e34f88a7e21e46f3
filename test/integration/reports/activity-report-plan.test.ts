import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { activityReportRepo } from '../../../src-main/core/repos/activity-report';
import { createTestApp, type TestApp } from '../../helpers/db';
import { statementsPreparedBy } from '../../helpers/prepared';
import { importTrivsel } from '../outcomes/fixtures';
import { buildLargeCells, reportNow } from './activity-fixture';

/** The statements the report's repository prepares, in order. */
const reportStatements = (sqlite: Database.Database) => statementsPreparedBy(sqlite, activityReportRepo);

describe('activity report at city scale', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  // Without statistics the planner's choices do not depend on how many rows there are, so the plans
  // on an empty database are those on a city's: no statement walks a whole table of the data, and
  // parents, questionnaire answers and supervision sessions are read from their indexes alone, never
  // from their rows.
  it('reads each period through index ranges and never reads a parent, an answer or a supervision row', () => {
    // `ids`: the groups a write touched, for the statements that read only those.
    const window = { from: '2025-01-01', to: '2025-12-31', units: '[]', programmes: '[]', ids: '["g"]' };
    const problems: string[] = [];
    for (const source of reportStatements(t.app.db.sqlite)) {
      const args = source.includes('@ids') ? window : { from: window.from, to: window.to, units: window.units, programmes: window.programmes };
      const plan = t.app.db.sqlite.prepare(`explain query plan ${source}`).all(...(source.includes('@') ? [args] : [])) as { detail: string }[];
      for (const { detail } of plan) {
        const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
        // Scans of a CTE, a subquery or a JSON list of ids are fine; so are the programmes' schedule list,
        // the certifications (one row per leader and programme, read by the leader overview too) and
        // the names of the units and programmes.
        if (
          scan &&
          ![
            'c',
            'd',
            'h',
            'f',
            'j',
            'pg',
            'pairs',
            'json_each',
            'os',
            'outcome_schedules',
            'outcome_responses',
            'CONSTANT',
            'ce',
            'units',
            'programmes',
          ].includes(scan[1]!)
        )
          problems.push(detail);
        // outcome_responses is scanned only for "is there any answer at all" (limit 1).
        if (scan?.[1] === 'outcome_responses' && !source.includes('limit 1')) problems.push(detail);
        if (/^SEARCH (p|a|b|r|sa|sb|ca|ss) USING INDEX/.test(detail)) problems.push(detail);
      }
    }
    expect(problems).toEqual([]);
  });

  it('agrees with figures worked out from the rows themselves', async () => {
    await buildLargeCells(t);
    await importTrivsel(t);
    const low = { t1: 2, t2: 4, t3: 2, t4: 2 };
    const mid = { t1: 4, t2: 3, t3: 3, t4: 5 };
    const high = { t1: 5, t2: 1, t3: 5, t4: 4 };
    const rows = <T>(sql: string, ...args: unknown[]) => t.app.db.sqlite.prepare(sql).all(...args) as T[];
    const parents = rows<{ id: string; group_id: string; family_id: string; status: string; present_count: number }>(
      'select id, group_id, family_id, status, present_count from participants order by rowid',
    );
    // Answers of varied shape: pre only, post only, both, and pre and post of a parent who never came.
    for (const [i, p] of parents.entries()) {
      const record = (timepoint: string, answers: Record<string, number>) =>
        t.ok('responses.record', { participantId: p.id, instrument: 'TRIVSEL', timepoint, date: '2025-06-01', enteredBy: 'Åsa', answers });
      if (i % 2 === 0) await record('pre', i % 4 ? low : mid);
      if (i % 3 !== 0) await record('post', i % 5 ? high : mid);
    }
    // The questionnaire figures and families, worked out from the rows as they stand.
    const agrees = async (parentCells: boolean) => {
      const report: ActivityReport = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
      const parents = rows<{ id: string; group_id: string; family_id: string; status: string; present_count: number }>(
        'select id, group_id, family_id, status, present_count from participants order by rowid',
      );

      // The cohort and who started, from the rows and the rule in the README: enrolments (moves
      // excepted) of groups that started in the period; started = attended at least once.
      const groups = new Map(
        rows<{ id: string; unit_id: string; programme_id: string; start_date: string; tracks_attendance: number }>('select * from groups').map((g) => [
          g.id,
          g,
        ]),
      );
      const cohort = parents.filter((p) => {
        const g = groups.get(p.group_id)!;
        return g.start_date >= '2025-01-01' && g.start_date <= '2025-12-31' && p.status !== 'moved';
      });
      const started = cohort.filter(
        (p) =>
          !['never_started', 'ended_unrecorded'].includes(p.status) &&
          !(p.status === 'active' && (p.present_count === 0 || groups.get(p.group_id)!.tracks_attendance === 0)),
      );
      const familiesOf = (key: 'unit_id' | 'programme_id') => {
        const by = new Map<string, Set<string>>();
        for (const p of cohort) {
          const k = groups.get(p.group_id)![key];
          by.set(k, (by.get(k) ?? new Set()).add(p.family_id));
        }
        return Object.fromEntries([...by].map(([k, s]) => [k, s.size]));
      };
      if (parentCells) {
        expect(Object.fromEntries(report.current.parents.byUnit.map((r) => [r.key, r.families.value]))).toEqual(familiesOf('unit_id'));
        expect(Object.fromEntries(report.current.parents.byProgramme.map((r) => [r.key, r.families.value]))).toEqual(familiesOf('programme_id'));
        expect(report.current.parents.total.started.value).toBe(started.length);
      }

      // Answers and scores as stored, paired in the test.
      const responses = rows<{ id: string; participant_id: string; timepoint: string }>('select id, participant_id, timepoint from outcome_responses');
      const scores = rows<{ response_id: string; scale: string; score: number | null }>('select response_id, scale, score from outcome_scores');
      const startedIds = new Set(started.map((p) => p.id));
      if (!report.current.outcomes.present) throw new Error('expected outcome data');
      for (const timepoint of ['pre', 'post']) {
        const n = new Set(responses.filter((r) => r.timepoint === timepoint && startedIds.has(r.participant_id)).map((r) => r.participant_id)).size;
        expect(report.current.outcomes.returns.find((r) => r.timepoint === timepoint)!.returned.value).toBe(n);
      }
      const scoreOf = (participantId: string, timepoint: string, scale: string) => {
        const r = responses.find((x) => x.participant_id === participantId && x.timepoint === timepoint);
        return r ? (scores.find((s) => s.response_id === r.id && s.scale === scale)?.score ?? null) : null;
      };
      const expected = [...new Set(scores.map((s) => s.scale))].sort().map((scale) => {
        const pairs = started
          .map((p) => [scoreOf(p.id, 'pre', scale), scoreOf(p.id, 'post', scale)] as const)
          .filter((x): x is readonly [number, number] => x[0] !== null && x[1] !== null);
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const pre = mean(pairs.map((x) => x[0]));
        const post = mean(pairs.map((x) => x[1]));
        const r3 = (x: number) => Math.round(x * 1000) / 1000;
        return { scale, pairs: pairs.length, meanPre: r3(pre), meanPost: r3(post), meanChange: r3(post - pre) };
      });
      expect(expected.every((e) => e.pairs > 5)).toBe(true);
      expect(
        report.current.outcomes.change.map((c) => ({
          scale: c.scale,
          pairs: c.pairs.value,
          meanPre: c.meanPre,
          meanPost: c.meanPost,
          meanChange: c.meanChange,
        })),
      ).toEqual(expected);
      return report;
    };
    const report = await agrees(true);
    // Every parent answers before and after; then one of them moves to another group of the period (the enrolment
    // left behind is no longer in the cohort, and the new one has no answers), and a group that
    // started in the period stops taking attendance (its parents become unrecorded): the figures
    // still agree with the rows (the parents' tables now hold cells of one to four, so they are
    // suppressed; the questionnaire figures are not).
    for (const p of parents)
      for (const timepoint of ['pre', 'post'])
        if (rows('select 1 from outcome_responses where participant_id = ? and timepoint = ?', p.id, timepoint).length === 0)
          await t.ok('responses.record', {
            participantId: p.id,
            instrument: 'TRIVSEL',
            timepoint,
            date: '2025-06-01',
            enteredBy: 'Åsa',
            answers: timepoint === 'pre' ? low : mid,
          });
    const answered = parents.find((p, i) => i % 2 === 0 && i % 3 !== 0 && p.status === 'completed')!;
    const other = rows<{ id: string }>(
      "select id from groups where start_date between '2025-01-01' and '2025-12-31' and status <> 'cancelled' and id <> ? order by start_date",
      answered.group_id,
    )[0]!;
    await t.ok('participants.move', { id: answered.id, toGroupId: other.id, enrolmentDate: '2025-05-01' });
    const running = rows<{ id: string }>(
      "select g.id from groups g where g.start_date between '2025-01-01' and '2025-12-31' and exists (select 1 from participants p where p.group_id = g.id and p.status = 'active' and p.present_count > 0)",
    )[0]!;
    await t.ok('groups.setTracksAttendance', { id: running.id, tracksAttendance: false });
    await agrees(false);

    // Active leaders: everyone leading a group that held a session planned in the period.
    const heldGroups = new Set(
      rows<{ group_id: string }>("select group_id from sessions where status = 'held' and planned_date between '2025-01-01' and '2025-12-31'").map(
        (s) => s.group_id,
      ),
    );
    const leaders = new Set(
      rows<{ group_id: string; staff_id: string }>('select * from group_leaders')
        .filter((l) => heldGroups.has(l.group_id))
        .map((l) => l.staff_id),
    );
    expect(report.current.leaders.active).toBe(leaders.size);
  });
});
