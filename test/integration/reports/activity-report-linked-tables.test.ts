import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';
import { attackParents } from './report-attack';

const times = (n: number, pattern: string) => Array.from({ length: n }, () => pattern);

/**
 * Akalla (Ö-programmet): 14 enrolled, 1 not started, 6 completed, 6 not completed, 1 dropped out.
 * Each table on its own protects its small cells, but enrolled − completed − not completed in
 * Akalla's row leaves not started + dropped out = 2 through the "started" figure the two tables
 * share, and two hidden counts of at least 1 that add up to 2 are both 1.
 */
describe('activity report when the small cells are linked through the started figure', () => {
  let t: TestApp;
  let report: ActivityReport;
  beforeEach(async () => {
    t = createTestApp({ now: reportNow });
    const akalla = await makeUnit(t, 'Akalla');
    const ostermalm = await makeUnit(t, 'Östermalm');
    const late = await makeProgramme(t, { name: 'Ö-programmet', code: 'OPROG', sessionCount: 4 });
    const early = await makeProgramme(t, { name: 'A-programmet', code: 'APROG', sessionCount: 4 });
    const leader = await makeStaff(t, { name: 'Åsa Lind' });
    await makeReportGroup(t, {
      unit: akalla,
      programme: late,
      startDate: '2025-03-03',
      leaders: [leader],
      supervisor: null,
      parents: [...times(6, 'PPPP'), 'PAAA', 'AAAA', 'PAPA', ...times(5, 'PPAA')],
      status: 'completed',
    });
    await makeReportGroup(t, {
      unit: ostermalm,
      programme: early,
      startDate: '2025-04-07',
      leaders: [leader],
      supervisor: null,
      parents: [...times(7, 'PPPP'), 'PAAA', 'PAAA', ...times(6, 'AAAA'), 'PAPA'],
      status: 'completed',
    });
    report = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
  });
  afterEach(() => t.close());

  it('hides the small counts', () => {
    const akalla = report.current.parents.byUnit.find((r) => r.label === 'Akalla')!;
    expect(akalla.notStarted.value).toBeNull();
    expect(akalla.droppedOut.value).toBeNull();
  });

  it('hides nothing a reader can work out from the rows, the totals and the shared figures', () => {
    const attack = attackParents(report.current.parents);
    expect(attack.hidden).toBeGreaterThan(0);
    expect(attack.recovered).toEqual([]);
  });

  it('hides nothing a reader can work out who also knows which unit runs which programme', () => {
    const parents = report.current.parents;
    const pairs: [number, number][] = [
      [parents.byUnit.findIndex((r) => r.label === 'Akalla'), parents.byProgramme.findIndex((r) => r.label === 'Ö-programmet')],
      [parents.byUnit.findIndex((r) => r.label === 'Östermalm'), parents.byProgramme.findIndex((r) => r.label === 'A-programmet')],
    ];
    expect(pairs.flat()).not.toContain(-1);
    const attack = attackParents(parents, pairs);
    expect(attack.recovered).toEqual([]);
  });
});
