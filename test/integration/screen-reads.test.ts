import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeProgramme, makeUnit, type GroupSetup } from './fixtures';
import { importTrivsel } from './outcomes/fixtures';
import { addParticipant, groupWith } from './participants-fixtures';
import { buildLargeCells, reportNow } from './reports/activity-fixture';

// Today is Wednesday 2025-03-12 (the test app's clock).
let t: TestApp;
let s: GroupSetup;
beforeEach(async () => {
  t = createTestApp();
  s = await groupSetup(t, 4);
});
afterEach(() => t.close());

const dashboardParts = { dashboard: {}, participation: {}, worklistSummary: { limit: 5 }, followUps: { limit: 20 } };

describe("a screen's opening reads in one call", () => {
  it("answers the dashboard's four reads as each procedure answers it", async () => {
    // Sessions every Monday from 3 March: those of 3 and 10 March are past and not recorded.
    await makeGroup(t, s, { startDate: '2025-03-03' });
    const screen = await t.ok('dashboard.screen', dashboardParts);

    expect(screen.dashboard.today).toBe('2025-03-12');
    expect(screen.dashboard.overdueTotal).toBe(2);
    expect(screen.dashboard.overdue.map((x) => x.plannedDate).sort()).toEqual(['2025-03-03', '2025-03-10']);
    expect(screen.followUps).toEqual({ items: [], total: 0, overdue: 0 });

    expect(screen.dashboard).toEqual(await t.ok('dashboard.get', {}));
    expect(screen.participation).toEqual(await t.ok('dashboard.participation', {}));
    expect(screen.worklistSummary).toEqual(await t.ok('outcomes.worklistSummary', { limit: 5 }));
    expect(screen.followUps).toEqual(await t.ok('followUps.open', { limit: 20 }));
  });

  it("passes each part its own input: another day for the dashboard's figures", async () => {
    await makeGroup(t, s, { startDate: '2025-03-03' });
    const screen = await t.ok('dashboard.screen', { ...dashboardParts, dashboard: { today: '2025-03-05' }, participation: { today: '2025-03-05' } });
    expect(screen.dashboard.today).toBe('2025-03-05');
    // On 5 March only the session of 3 March had passed.
    expect(screen.dashboard.overdueTotal).toBe(1);
    expect(screen.dashboard).toEqual(await t.ok('dashboard.get', { today: '2025-03-05' }));
    expect(screen.participation).toEqual(await t.ok('dashboard.participation', { today: '2025-03-05' }));
  });

  it("answers the group list's four reads as each procedure answers it, with the list's filters", async () => {
    const other = await makeProgramme(t, { name: 'Annat program', code: 'AP' } as never);
    const archivedUnit = await makeUnit(t, 'Nedlagd enhet');
    await t.ok('units.setActive', { id: archivedUnit.id, active: false });
    // Two groups in 2025, none in 2022 or 2023.
    const created = [
      await makeGroup(t, s, { startDate: '2025-03-03' }),
      await makeGroup(t, s, { startDate: '2025-01-13' }),
      await makeGroup(t, s, { startDate: '2024-09-02' }),
      await makeGroup(t, s, { startDate: '2021-01-11', programmeId: other.id }),
    ];
    const options = { includeArchived: true };
    const all = await t.ok('groups.listScreen', { list: { limit: 25, offset: 0 }, programmes: options, units: options });
    expect(all.list.total).toBe(4);
    expect(all.list.items.map((g) => g.id).sort()).toEqual(created.map((g) => g.id).sort());
    expect(all.years).toEqual([2025, 2024, 2021]);
    expect(all.programmes.map((p) => p.id)).toEqual(expect.arrayContaining([s.programme.id, other.id]));
    // The archived unit is among the choices, as the filters keep old choices.
    expect(all.units.map((u) => u.id)).toEqual(expect.arrayContaining([s.unit.id, archivedUnit.id]));

    const list = { programmeId: s.programme.id, limit: 1, offset: 1 };
    const filtered = await t.ok('groups.listScreen', { list, programmes: options, units: {} });
    expect(filtered.list.total).toBe(3);
    expect(filtered.list.items).toHaveLength(1);
    expect(filtered.units.map((u) => u.id)).toContain(s.unit.id);
    expect(filtered.units.map((u) => u.id)).not.toContain(archivedUnit.id);

    expect(filtered.list).toEqual(await t.ok('groups.list', list));
    expect(filtered.years).toEqual(await t.ok('groups.years', {}));
    expect(filtered.programmes).toEqual(await t.ok('programmes.list', options));
    expect(filtered.units).toEqual(await t.ok('units.list', {}));
  });

  it("answers Enkäter's four reads as each procedure answers it, the results for the library's first", async () => {
    const e = createTestApp({ now: '2025-04-01T10:00:00.000Z' });
    try {
      // A code sorting before the seeded DASS-21, ECBI and SDQ-P: the library's first.
      await importTrivsel(e, { code: 'A-TRIVSEL' });
      const { setup, group } = await groupWith(e, 4);
      for (const timepoint of ['pre', 'post'])
        await e.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'A-TRIVSEL', respondent: 'parent', timepoint });
      const names = ['P1', 'P2', 'P3', 'P4', 'P5'];
      for (const [i, displayName] of names.entries()) {
        const person = await addParticipant(e, group.id, { displayName, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' });
        // t1, t3, t4 answered x, t2 answered 3 (reversed: 3): sums 3x + 3 for x = 1 … 5.
        const x = i + 1;
        const answers = { t1: x, t2: 3, t3: x, t4: x };
        await e.ok('responses.record', {
          participantId: person.id,
          instrument: 'A-TRIVSEL',
          timepoint: 'pre',
          date: '2025-03-30',
          enteredBy: 'Anna Lind',
          answers,
        });
      }
      const input = { worklist: { limit: 100 }, programmes: {}, results: {} };
      const screen = await e.ok('outcomes.screen', input);

      // The group of four weekly sessions from 3 March ended on 24 March: everyone's post is due, no one's pre.
      expect(screen.worklist.total).toBe(5);
      expect(screen.worklist.rows.map((r) => [r.participantName, r.instrument, r.timepoint]).sort()).toEqual(names.map((n) => [n, 'A-TRIVSEL', 'post']));
      expect(screen.instruments.map((i) => i.code)).toEqual(expect.arrayContaining(['A-TRIVSEL', 'DASS-21', 'ECBI', 'SDQ-P']));
      expect(screen.programmes.map((p) => p.id)).toContain(setup.programme.id);
      expect(screen.results.instrument).toBe('A-TRIVSEL');
      // Sums 6, 9, 12, 15, 18: mean 12, deviations −6, −3, 0, 3, 6, variance 90 / 4.
      expect(screen.results.levels.find((l) => l.scale === 'sum')).toMatchObject({
        timepoint: 'pre',
        n: 5,
        mean: 12,
        sd: expect.closeTo(Math.sqrt(90 / 4), 6),
      });

      expect(screen.worklist).toEqual(await e.ok('outcomes.worklistPage', input.worklist));
      expect(screen.instruments).toEqual(await e.ok('instruments.list', {}));
      expect(screen.programmes).toEqual(await e.ok('programmes.list', {}));
      expect(screen.results).toEqual(await e.ok('outcomes.results', {}));

      // Each part its own input: a later page, another instrument, one programme.
      const other = {
        worklist: { limit: 2, offset: 4 },
        programmes: { includeArchived: true },
        results: { instrument: 'ECBI', programmeId: setup.programme.id },
      };
      const asked = await e.ok('outcomes.screen', other);
      expect(asked.worklist.rows).toHaveLength(1);
      expect(asked.results.instrument).toBe('ECBI');
      expect(asked.results.levels).toEqual([]);
      expect(asked.worklist).toEqual(await e.ok('outcomes.worklistPage', other.worklist));
      expect(asked.results).toEqual(await e.ok('outcomes.results', other.results));
    } finally {
      e.close();
    }
  });

  it("answers the reports screen's four reads as each procedure answers it", async () => {
    const r = createTestApp({ now: reportNow });
    try {
      const f = await buildLargeCells(r);
      const saved = await r.ok('savedReports.save', { title: 'Året till nämnden', from: '2025-01-01', to: '2025-12-31', sections: ['summary'] });
      const year = { from: '2025-01-01', to: '2025-12-31', unitIds: [], programmeIds: [] };
      const input = { units: { includeArchived: true }, programmes: { includeArchived: true }, activity: year };
      const screen = await r.ok('reports.screen', input);

      expect(screen.savedReports.map((x) => [x.id, x.title])).toEqual([[saved.id, 'Året till nämnden']]);
      expect(screen.units.map((u) => u.name)).toEqual(expect.arrayContaining(['Östermalm', 'Kista']));
      expect(screen.programmes.map((p) => p.id)).toEqual(expect.arrayContaining([f.p1.id, f.p2.id]));
      // Worked out by hand in reports/activity-report.test.ts from the fixture's lines.
      expect(screen.activity.current.groups.total).toEqual({ started: 3, completed: 2, running: 3, cancelled: 1 });

      expect(screen.savedReports).toEqual(await r.ok('savedReports.list', {}));
      expect(screen.units).toEqual(await r.ok('units.list', input.units));
      expect(screen.programmes).toEqual(await r.ok('programmes.list', input.programmes));
      expect(screen.activity).toEqual(await r.ok('reports.activity', year));

      // The report's scope is its own part's: Östermalm's P1 only.
      const scoped = { ...year, unitIds: [f.ostermalm.id], programmeIds: [f.p1.id] };
      const narrow = await r.ok('reports.screen', { ...input, activity: scoped });
      expect(narrow.activity.current.groups.total).toEqual({ started: 1, completed: 1, running: 1, cancelled: 0 });
      expect(narrow.activity).toEqual(await r.ok('reports.activity', scoped));
    } finally {
      r.close();
    }
  });

  it("refuses a bad part's input on that part's field, writing nothing", async () => {
    const before = t.snapshot();
    const dash = await t.fail('dashboard.screen', { ...dashboardParts, dashboard: { today: 'igår' } });
    expect(dash.code).toBe('validation');
    expect(new Set(dash.issues?.map((i) => i.path))).toEqual(new Set(['dashboard.today']));
    const groups = await t.fail('groups.listScreen', { list: { limit: 'alla' }, programmes: {}, units: {} });
    expect(groups.code).toBe('validation');
    expect(new Set(groups.issues?.map((i) => i.path))).toEqual(new Set(['list.limit']));
    expect((await t.fail('groups.listScreen', { list: {}, programmes: {}, units: {}, staff: {} })).code).toBe('validation');
    const outcomes = await t.fail('outcomes.screen', { worklist: { limit: 100, status: 'missed' }, programmes: {}, results: { instrument: '' } });
    expect(outcomes.code).toBe('validation');
    expect(new Set(outcomes.issues?.map((i) => i.path))).toEqual(new Set(['worklist.status', 'results.instrument']));
    const reports = await t.fail('reports.screen', { units: {}, programmes: { includeArchived: 'ja' }, activity: { from: '2025-12-31', to: '2025-01-01' } });
    expect(reports.code).toBe('validation');
    expect(new Set(reports.issues?.map((i) => i.path))).toEqual(new Set(['programmes.includeArchived', 'activity.to']));
    expect((await t.fail('reports.screen', { units: {}, programmes: {}, activity: { from: '2025-01-01', to: '2025-12-31' }, saved: {} })).code).toBe(
      'validation',
    );
    expect(t.snapshot()).toBe(before);
  });
});
