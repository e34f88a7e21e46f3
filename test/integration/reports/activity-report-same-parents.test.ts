import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';
import { attackParents } from './report-attack';

const times = (n: number, pattern: string) => Array.from({ length: n }, () => pattern);

/**
 * Each unit runs one programme of its own, so the unit table and the programme table hold the
 * same rows, but sorted in opposite orders (Akalla runs Ö-programmet, Östermalm runs
 * A-programmet): a reader who knows the pairing reads each row twice.
 */
describe('activity report when a unit and a programme describe the same parents', () => {
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
      parents: [...times(6, 'PPPP'), 'PAAA', 'PAAA'],
      status: 'completed',
    });
    await makeReportGroup(t, {
      unit: ostermalm,
      programme: early,
      startDate: '2025-04-07',
      leaders: [leader],
      supervisor: null,
      parents: [...times(5, 'PPPP'), 'PAAA', 'AAAA', 'PAPA'],
      status: 'completed',
    });
    report = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
  });
  afterEach(() => t.close());

  it('hides nothing a reader can work out from the two views together', () => {
    const parents = report.current.parents;
    const unitRow = (name: string) => parents.byUnit.findIndex((r) => r.label === name);
    const programmeRow = (name: string) => parents.byProgramme.findIndex((r) => r.label === name);
    const pairs: [number, number][] = [
      [unitRow('Akalla'), programmeRow('Ö-programmet')],
      [unitRow('Östermalm'), programmeRow('A-programmet')],
    ];
    expect(pairs.flat()).not.toContain(-1);
    const attack = attackParents(parents, pairs);
    expect(attack.hidden).toBeGreaterThan(0);
    expect(attack.recovered).toEqual([]);
  });
});
