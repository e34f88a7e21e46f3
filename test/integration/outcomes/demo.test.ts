import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { addDemoData } from '../../../src-main/core/demo/add-demo';
import { groupStates } from '../../../src-main/core/outcomes/group-states';
import { closedKey, enteredKey } from '../../../src-main/core/outcomes/worklist';
import { createRepos } from '../../../src-main/core/repos';
import { createTestApp, type TestApp } from '../../helpers/db';

const today = '2025-06-01';
let t: TestApp;
let responses: number;
const all = <T>(sql: string) => t.app.db.sqlite.prepare(sql).all() as T[];
const one = (sql: string) => (t.app.db.sqlite.prepare(sql).pluck().get() as number) ?? 0;

beforeAll(() => {
  t = createTestApp({ now: `${today}T10:00:00.000Z` });
  responses = addDemoData(t.app.db, { scale: 0.5, seed: 3, today }).responses;
}, 120_000);
afterAll(() => t.close());

describe('demo outcomes', () => {
  it('schedule SDQ-P before and after and DASS-21 also at six months, for parent programmes only', () => {
    const rows = all<{ audience: string; plan: string }>(
      `select p.audience, group_concat(s.instrument_code || ' ' || s.timepoint, ', ') as plan
       from outcome_schedules s join programmes p on p.id = s.programme_id group by p.id order by p.audience`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.audience).toBe('parents');
      expect(r.plan.split(', ').sort()).toEqual(['DASS-21 fu6', 'DASS-21 post', 'DASS-21 pre', 'SDQ-P post', 'SDQ-P pre']);
    }
  });

  it('hold responses with blank items, from dropouts too, with a score row per scale', () => {
    expect(responses).toBeGreaterThan(100);
    expect(one('select count(*) from outcome_responses')).toBe(responses);
    expect(one("select count(*) from outcome_responses where answers like '%null%'")).toBeGreaterThan(0);
    expect(
      one("select count(*) from outcome_responses r join participants p on p.id = r.participant_id where p.status = 'dropped_out' and r.timepoint = 'post'"),
    ).toBeGreaterThan(0);
    // SDQ-P has eight scales (five, total difficulties, externalising, internalising), DASS-21 three.
    expect(one("select count(*) from outcome_scores s join outcome_responses r on r.id = s.response_id where r.instrument_code = 'SDQ-P'")).toBe(
      8 * one("select count(*) from outcome_responses where instrument_code = 'SDQ-P'"),
    );
    expect(one("select count(*) from outcome_scores s join outcome_responses r on r.id = s.response_id where r.instrument_code = 'DASS-21'")).toBe(
      3 * one("select count(*) from outcome_responses where instrument_code = 'DASS-21'"),
    );
    expect(one('select count(*) from outcome_responses where date > ?'.replace('?', `'${today}'`))).toBe(0);
  });

  it('date each pre response in its window: from four weeks before the first session until it', () => {
    const late = one(
      `select count(*) from outcome_responses r join participants p on p.id = r.participant_id
       where r.timepoint = 'pre' and (r.date > (select min(coalesce(held_date, planned_date)) from sessions s where s.group_id = p.group_id and s.status <> 'cancelled')
          or r.date < date((select min(coalesce(held_date, planned_date)) from sessions s where s.group_id = p.group_id and s.status <> 'cancelled'), '-28 days'))`,
    );
    expect(late).toBe(0);
  });

  it('mark some declined and some unreachable after the group, never before it', () => {
    expect(one("select count(*) from outcome_statuses where status = 'declined'")).toBeGreaterThan(0);
    expect(one("select count(*) from outcome_statuses where status = 'unreachable'")).toBeGreaterThan(0);
    expect(one("select count(*) from outcome_statuses where timepoint = 'pre'")).toBe(0);
  });

  it('leave some questionnaires outstanding, which the worklist shows', async () => {
    const due = await t.ok('outcomes.due', {});
    expect(due.some((d) => d.status === 'due')).toBe(true);
    expect(due.some((d) => d.status === 'overdue')).toBe(true);
  });

  it('summarise the worklist for the dashboard as the full list counts and orders it', async () => {
    const full = await t.ok('outcomes.worklist', {});
    const summary = await t.ok('outcomes.worklistSummary', { limit: 7 });
    expect(summary.due).toBe(full.filter((r) => r.status === 'due').length);
    expect(summary.overdue).toBe(full.filter((r) => r.status === 'overdue').length);
    expect(summary.first).toEqual(full.slice(0, 7));
    // The summary reads only groups near the day; on other days of the demo's years it still agrees.
    for (const on of ['2023-02-10', '2024-01-08', '2024-08-20', '2025-04-30', '2025-09-15']) {
      const list = await t.ok('outcomes.worklist', { on });
      const near = await t.ok('outcomes.worklistSummary', { on, limit: 20 });
      expect([near.due, near.overdue]).toEqual([list.filter((r) => r.status === 'due').length, list.filter((r) => r.status === 'overdue').length]);
      expect(near.first).toEqual(list.slice(0, 20));
    }
    const later = await t.ok('outcomes.worklistSummary', { on: '2030-01-01' });
    expect(later).toEqual({ due: 0, overdue: 0, first: [] });
  });

  it("show a group's grid from that group's rows alone exactly as from the whole city's", async () => {
    // The grid as it was computed before: every enrolment, response and mark read, then filtered.
    const repos = createRepos(t.app.db, fixedClock(`${today}T10:00:00.000Z`));
    const cityWide = (groupId: string, programmeId: string) => {
      const enrolments = repos.outcomes.enrolmentDates().filter((e) => e.groupId === groupId);
      const ids = new Set(enrolments.map((e) => e.participantId));
      const entered = new Set(
        repos.outcomes
          .responseKeys()
          .filter((r) => ids.has(r.participantId))
          .map((r) => enteredKey(r.participantId, r.instrumentCode, r.timepoint)),
      );
      const marks = new Map(
        repos.outcomes
          .allStatuses()
          .filter((s) => ids.has(s.participantId))
          .map((s) => [closedKey(s.participantId, s.timepoint), s.status] as const),
      );
      const names = new Map(repos.outcomes.enrolmentNames().map((n) => [n.participantId, n.participantName]));
      const states = groupStates({ enrolments, schedule: repos.outcomes.schedulesFor(programmeId), entered, marks, today });
      return {
        points: states.points,
        // The demo's answers are typed into the form, none imported from a file.
        rows: states.rows
          .map((r) => ({ ...r, name: names.get(r.participantId) ?? '', imported: states.points.map(() => null) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      };
    };
    const groups = all<{ id: string; programmeId: string }>('select id, programme_id as programmeId from groups order by id');
    let withRows = 0;
    for (const g of groups) {
      const grid = await t.ok('outcomes.group', { groupId: g.id });
      const old = cityWide(g.id, g.programmeId);
      expect(grid.points).toEqual(old.points);
      // Names tie on initials: compare as sets of rows, then the order of names.
      expect([...grid.rows].sort((a, b) => a.participantId.localeCompare(b.participantId))).toEqual(
        [...old.rows].sort((a, b) => a.participantId.localeCompare(b.participantId)),
      );
      expect(grid.rows.map((r) => r.name)).toEqual(old.rows.map((r) => r.name));
      if (grid.rows.length) withRows++;
    }
    expect(withRows).toBeGreaterThan(10);
  });
});
