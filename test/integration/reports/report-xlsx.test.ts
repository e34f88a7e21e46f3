import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile, { readSheet } from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { reportXlsx } from '../../../src-main/core/reports/report-xlsx';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';

// Every lead character a spreadsheet may take as the start of a formula.
const formulaLike = ['=HYPERLINK("http://x";"klicka")', '+46 8 123', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1'];

describe('activity report as XLSX', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  async function sixParentReport(): Promise<ActivityReport> {
    const unit = await makeUnit(t, 'Farsta');
    const programme = await makeProgramme(t, { name: 'Komet för föräldrar', code: 'RAPPA', sessionCount: 4 });
    const leader = await makeStaff(t, { name: 'Åsa Lind' });
    await makeReportGroup(t, {
      unit,
      programme,
      startDate: '2025-03-03',
      leaders: [leader],
      supervisor: null,
      parents: ['PPPP', 'PPPP', 'PPPP', 'PPPP', 'PPPP', 'PAAA'],
      status: 'completed',
    });
    return t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
  }

  it('writes each table as a sheet: texts as text, figures as numbers, hidden figures empty with their reason', async () => {
    const report = await sixParentReport();
    const file = await reportXlsx(report);
    const sheets = (await readXlsxFile(file)).map((s) => s.sheet);
    expect(sheets).toEqual(
      expect.arrayContaining([
        'summary',
        'groups_by_unit',
        'groups_by_programme',
        'parents_by_unit',
        'parents_by_programme',
        'dropouts_by_last_session',
        'leaders',
      ]),
    );
    const groups = await readSheet(file, 'groups_by_unit');
    expect(groups[0]).toEqual(['unit', 'started', 'completed', 'running', 'cancelled']);
    // One group started in Farsta, completed, held sessions in the period.
    expect(groups.find((row) => row[0] === 'Farsta')).toEqual(['Farsta', 1, 1, 1, 0]);
    const parents = await readSheet(file, 'parents_by_unit');
    const header = parents[0]!;
    const farsta = parents.find((row) => row[0] === 'Farsta')!;
    const cell = (name: string) => farsta[header.indexOf(name)];
    // Six enrolled and started; one dropped out (a small cell) and the five completers are hidden
    // too, since six minus five would give the one away.
    expect(cell('enrolled')).toBe(6);
    expect(cell('started')).toBe(6);
    expect(cell('droppedOut')).toBeNull();
    expect(cell('droppedOut_hidden')).toBe('small_cell');
    expect(cell('completed')).toBeNull();
    expect(cell('completed_hidden')).toBe('secondary');
    // 21 present marks of 24 on held sessions.
    expect(cell('attendanceRate')).toBe(21 / 24);
  });

  it('stores a formula-looking text as a text cell, never as a formula', async () => {
    const report = await sixParentReport();
    const byUnit = formulaLike.map((label, i) => ({ ...report.current.groups.byUnit[0]!, key: `u${i}`, label }));
    const crafted: ActivityReport = { ...report, current: { ...report.current, groups: { ...report.current.groups, byUnit } } };
    const file = await reportXlsx(crafted);
    // Read untrimmed: the leading tab is part of the text.
    const rows = await readSheet(file, 'groups_by_unit', { trim: false });
    expect(rows.slice(1, 1 + formulaLike.length).map((r) => r[0])).toEqual(formulaLike);
    expect(rows.slice(1, 1 + formulaLike.length).map((r) => typeof r[1])).toEqual(formulaLike.map(() => 'number'));
    // The sheet's XML holds no formula element at all.
    const parts = unzipSync(new Uint8Array(file));
    const sheetXml = Object.entries(parts)
      .filter(([name]) => name.startsWith('xl/worksheets/'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('');
    expect(sheetXml).toContain('<c ');
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    // The texts are string cells (shared strings), stored as they are.
    expect(sheetXml).toMatch(/<c r="A2" t="s">/);
    expect(strFromU8(parts['xl/sharedStrings.xml']!)).toMatch(/<t(?: [^>]*)?>=HYPERLINK\(/);
  });
});
