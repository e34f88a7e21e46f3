import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport, ParentCells } from '../../../src-main/contract';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';
import { attackParents } from './report-attack';

const times = (n: number, pattern: string) => Array.from({ length: n }, () => pattern);

describe('activity report with cells of 1–4 parents', () => {
  let t: TestApp;
  let report: ActivityReport;
  beforeEach(async () => {
    t = createTestApp({ now: reportNow });
    const ostermalm = await makeUnit(t, 'Östermalm');
    const kista = await makeUnit(t, 'Kista');
    const p1 = await makeProgramme(t, { name: 'Komet för föräldrar', code: 'RAPPA', sessionCount: 4 });
    const leader = await makeStaff(t, { name: 'Åsa Lind' });
    const s = await makeStaff(t, { name: 'Sara Öberg', isLeader: false, isSupervisor: true });
    // Östermalm: 5 complete, 1 leaves after session 1, 1 never comes, 1 comes to half (not completed).
    await makeReportGroup(t, {
      unit: ostermalm,
      programme: p1,
      startDate: '2025-03-03',
      leaders: [leader],
      supervisor: s,
      parents: [...times(5, 'PPPP'), 'PAAA', 'AAAA', 'PAPA'],
      status: 'completed',
    });
    // Kista: 6 complete, 2 leave after session 1.
    await makeReportGroup(t, {
      unit: kista,
      programme: p1,
      startDate: '2025-04-07',
      leaders: [leader],
      supervisor: s,
      parents: [...times(6, 'PPPP'), 'PAAA', 'PAAA'],
      status: 'completed',
    });
    report = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
  });
  afterEach(() => t.close());

  const allCells = (r: ActivityReport) =>
    [...r.current.parents.byUnit, ...r.current.parents.byProgramme, r.current.parents.total].flatMap((row) =>
      Object.entries(row as ParentCells).filter(([k]) => k !== 'attendanceRate' && k !== 'key' && k !== 'label'),
    );

  it('never shows a count of 1–4 parents', () => {
    const published = allCells(report).map(([, c]) => c.value);
    for (const d of report.current.parents.dropoutBySession) published.push(d.count.value);
    expect(published.filter((v) => v !== null && v >= 1 && v <= 4)).toEqual([]);
  });

  it('hides the small counts themselves as small cells', () => {
    const [kista, ostermalm] = report.current.parents.byUnit;
    // Östermalm: 1 not started, 1 not completed, 1 dropped out; Kista: 2 dropped out.
    expect(ostermalm!.notStarted).toEqual({ value: null, hidden: 'small_cell' });
    expect(ostermalm!.notCompleted).toEqual({ value: null, hidden: 'small_cell' });
    expect(ostermalm!.droppedOut).toEqual({ value: null, hidden: 'small_cell' });
    expect(kista!.droppedOut).toEqual({ value: null, hidden: 'small_cell' });
    expect(report.current.parents.total.droppedOut).toEqual({ value: null, hidden: 'small_cell' });
    // Kista's 6 completers are no small cell.
    expect(kista!.completed.hidden).not.toBe('small_cell');
  });

  it('hides more figures so the small ones cannot be worked out from rows and totals', () => {
    const secondary = allCells(report).filter(([, c]) => c.hidden === 'secondary');
    expect(secondary.length).toBeGreaterThan(0);
    const attack = attackParents(report.current.parents);
    expect(attack.hidden).toBeGreaterThan(0);
    expect(attack.recovered).toEqual([]);
  });

  it('hides an attendance rate over fewer than five parents and every change that a hidden figure would give away', () => {
    for (const h of report.headlines) if (h.current.value === null || h.previous.value === null) expect(h.change).toBeNull();
    const dropped = report.headlines.find((h) => h.key === 'parentsDroppedOut')!;
    expect(dropped.current.value).toBeNull();
  });
});
