import { notifyManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: { procedure: string; input: unknown }[] = [];
let answer: () => Promise<unknown> = () => Promise.resolve({});
vi.mock('../../../src-renderer/api/client', () => ({
  call: (procedure: string, input: unknown) => {
    calls.push({ procedure, input });
    return answer();
  },
  onChanged: () => () => undefined,
}));

const { prefetchTogether, queryClient, queryPart } = await import('../../../src-renderer/api/queries');
const { prefetchOutcomes } = await import('../../../src-renderer/features/outcomes/OutcomesPage');
const { prefetchReports } = await import('../../../src-renderer/features/reports/ReportsPage');

const screen = { list: { items: [{ id: 'g1' }], total: 1 }, years: [2025, 2024], programmes: [{ id: 'p1' }], units: [{ id: 'u1' }] };
const parts = [
  queryPart('groups.list', { limit: 25, offset: 0 }, (s: typeof screen) => s.list as never),
  queryPart('groups.years', {}, (s: typeof screen) => s.years),
  queryPart('programmes.list', { includeArchived: true }, (s: typeof screen) => s.programmes as never),
  queryPart('units.list', { includeArchived: true }, (s: typeof screen) => s.units as never),
];
const together = () =>
  prefetchTogether(
    'groups.listScreen',
    { list: { limit: 25, offset: 0 }, programmes: { includeArchived: true }, units: { includeArchived: true } },
    parts as never,
  );
const settled = () => new Promise((resolve) => setTimeout(resolve, 10));

afterEach(() => {
  queryClient.clear();
  calls.length = 0;
  answer = () => Promise.resolve(screen);
});

describe('prefetchTogether', () => {
  it("asks once for all the queries and gives each its part, under each query's own key", async () => {
    answer = () => Promise.resolve(screen);
    together();
    await settled();
    expect(calls).toEqual([
      { procedure: 'groups.listScreen', input: { list: { limit: 25, offset: 0 }, programmes: { includeArchived: true }, units: { includeArchived: true } } },
    ]);
    expect(queryClient.getQueryData(['groups.list', { limit: 25, offset: 0 }])).toEqual(screen.list);
    expect(queryClient.getQueryData(['groups.years', {}])).toEqual([2025, 2024]);
    expect(queryClient.getQueryData(['programmes.list', { includeArchived: true }])).toEqual(screen.programmes);
    expect(queryClient.getQueryData(['units.list', { includeArchived: true }])).toEqual(screen.units);
  });

  it('asks nothing while every answer is kept, and asks again once one of them is out of date', async () => {
    together();
    await settled();
    together();
    await settled();
    expect(calls).toHaveLength(1);
    await queryClient.invalidateQueries({ queryKey: ['groups.years'], refetchType: 'none' });
    together();
    await settled();
    expect(calls).toHaveLength(2);
  });

  it('lets a query that reads again (after a change) ask main for its own procedure, not take the answer shared before', async () => {
    answer = () => Promise.resolve(screen);
    together();
    await settled();
    answer = () => Promise.resolve([2026, 2025, 2024]);
    await queryClient.refetchQueries({ queryKey: ['groups.years', {}] });
    expect(calls.map((c) => c.procedure)).toEqual(['groups.listScreen', 'groups.years']);
    expect(calls[1]!.input).toEqual({});
    expect(queryClient.getQueryData(['groups.years', {}])).toEqual([2026, 2025, 2024]);
  });

  it('leaves every query failed with the error when the call fails', async () => {
    const failure = new Error('io');
    answer = () => Promise.reject(failure);
    together();
    await settled();
    for (const part of parts) expect(queryClient.getQueryState([part.procedure, part.input])?.error).toBe(failure);
  });
});

describe("a screen's click asks once, and each panel finds its part under the key it reads", () => {
  it("Enkäter: the worklist's first page, the library, the programmes and the first instrument's results", async () => {
    const outcomes = {
      worklist: { rows: [], total: 0, overdue: 0 },
      instruments: [{ code: 'ECBI' }],
      programmes: [{ id: 'p1' }],
      results: { instrument: 'ECBI' },
    };
    answer = () => Promise.resolve(outcomes);
    prefetchOutcomes();
    await settled();
    expect(calls).toEqual([{ procedure: 'outcomes.screen', input: { worklist: { offset: 0, limit: 100 }, programmes: {}, results: {} } }]);
    // The keys the worklist and results panels read as they open.
    expect(queryClient.getQueryData(['outcomes.worklistPage', { offset: 0, limit: 100 }])).toEqual(outcomes.worklist);
    expect(queryClient.getQueryData(['instruments.list', {}])).toEqual(outcomes.instruments);
    expect(queryClient.getQueryData(['programmes.list', {}])).toEqual(outcomes.programmes);
    expect(queryClient.getQueryData(['outcomes.results', {}])).toEqual(outcomes.results);
  });

  it("reports: the saved reports, the scope's choices and this year's report for everything", async () => {
    const reports = { savedReports: [{ id: 's1' }], units: [{ id: 'u1' }], programmes: [{ id: 'p1' }], activity: { createdAt: 'nu' } };
    answer = () => Promise.resolve(reports);
    prefetchReports();
    await settled();
    const year = new Date().getFullYear();
    const activity = { from: `${year}-01-01`, to: `${year}-12-31`, unitIds: [], programmeIds: [] };
    expect(calls).toEqual([{ procedure: 'reports.screen', input: { units: { includeArchived: true }, programmes: { includeArchived: true }, activity } }]);
    expect(queryClient.getQueryData(['savedReports.list', {}])).toEqual(reports.savedReports);
    expect(queryClient.getQueryData(['units.list', { includeArchived: true }])).toEqual(reports.units);
    expect(queryClient.getQueryData(['programmes.list', { includeArchived: true }])).toEqual(reports.programmes);
    expect(queryClient.getQueryData(['reports.activity', activity])).toEqual(reports.activity);
  });
});

describe("the queries' news", () => {
  it('is handed on in one task when it comes in the same one, in the order it came', async () => {
    const order: string[] = [];
    notifyManager.schedule(() => order.push('a'));
    setTimeout(() => order.push('a timer set between'), 0);
    await Promise.resolve();
    notifyManager.schedule(() => order.push('b'));
    await settled();
    // With a timer each, b would come after the timer set between them.
    expect(order).toEqual(['a', 'b', 'a timer set between']);
  });
});
