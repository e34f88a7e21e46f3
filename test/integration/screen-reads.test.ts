import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeProgramme, makeUnit, type GroupSetup } from './fixtures';

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

  it("refuses a bad part's input on that part's field, writing nothing", async () => {
    const before = t.snapshot();
    const dash = await t.fail('dashboard.screen', { ...dashboardParts, dashboard: { today: 'igår' } });
    expect(dash.code).toBe('validation');
    expect(new Set(dash.issues?.map((i) => i.path))).toEqual(new Set(['dashboard.today']));
    const groups = await t.fail('groups.listScreen', { list: { limit: 'alla' }, programmes: {}, units: {} });
    expect(groups.code).toBe('validation');
    expect(new Set(groups.issues?.map((i) => i.path))).toEqual(new Set(['list.limit']));
    expect((await t.fail('groups.listScreen', { list: {}, programmes: {}, units: {}, staff: {} })).code).toBe('validation');
    expect(t.snapshot()).toBe(before);
  });
});
