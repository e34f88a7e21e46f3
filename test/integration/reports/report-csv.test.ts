import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCsvFiles } from '../../../src-main/core/reports/report-csv';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';

describe('activity report as CSV', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  it('neutralises a unit name that would run as a formula and leaves hidden figures empty with their reason', async () => {
    const unit = await makeUnit(t, '=HYPERLINK("http://x";"klicka")');
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
    const files = reportCsvFiles(await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' }));
    const parents = files['parents_by_unit.csv']!;
    expect(parents).toContain(`"'=HYPERLINK(""http://x"";""klicka"")"`);
    expect(parents).not.toMatch(/(^|[,;\n])"?=/);
    // Six enrolled and started; the one who dropped out is a small cell, and the five completers are
    // hidden too, since six minus five would give the one away.
    const row = parents.split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    expect(row.split(',').slice(-20)).toEqual(['6', '', '0', '', '0', '', '6', '', '0', '', '', 'secondary', '0', '', '', 'small_cell', '6', '', '0.875', '']);
  });
});
