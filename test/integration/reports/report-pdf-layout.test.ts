import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { reportPdf } from '../../../src-main/core/reports/report-pdf';
import { requireTool } from '../../helpers/age-cli';
import { createTestApp, type TestApp } from '../../helpers/db';
import { popplerMissingReason } from '../../helpers/poppler';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';

// Skipped with a printed reason where poppler-utils is missing; under CI=true that is a failure.
const pdfTools = requireTool(popplerMissingReason(), 'PDF tests');

// The report's section headings and subheadings as the Swedish PDF prints them.
const headings = new Set([
  'Innehåll',
  'Sammanfattning',
  'Grupper per enhet',
  'Grupper per program',
  'Föräldrar per enhet',
  'Föräldrar per program',
  'Avhopp per sista träff',
  'Gruppledare, handledning och programtrohet',
  'Formulär',
  'Kostnader',
]);

/** The last line of text on each page above its footer ("Sida N av M"). */
function lastLinesPerPage(file: string): string[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) => {
    const text = execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' });
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/^Sida \d+ av \d+$/.test(l));
    return lines.at(-1) ?? '';
  });
}

describe('activity report PDF layout', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  it.skipIf(!pdfTools)(
    'never ends a page with a heading whose content went to the next page',
    async () => {
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
      const base = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
      const seen: string[] = [];
      // Cities of as many units: the tables and charts grow with them, and at these sizes a heading
      // of each level fell at the foot of a page (found by trying 1 to 60 units, all of which pass).
      for (const units of [6, 9, 11, 13, 26, 32, 38, 42]) {
        const r = withUnits(base, units);
        const file = path.join(t.dir, `units-${units}.pdf`);
        fs.writeFileSync(file, await reportPdf(r, 'sv'));
        const alone = lastLinesPerPage(file)
          .map((line, page) => ({ line, page: page + 1 }))
          .filter((p) => headings.has(p.line));
        for (const p of alone) seen.push(`${units} units: page ${p.page} ends with "${p.line}"`);
      }
      expect(seen).toEqual([]);
    },
    300_000,
  );
});

/** The same report with the first unit's rows repeated for as many units. */
function withUnits(r: ActivityReport, n: number): ActivityReport {
  const g = r.current.groups.byUnit[0]!;
  const p = r.current.parents.byUnit[0]!;
  const names = Array.from({ length: n }, (_, i) => ({ key: `u${i}`, label: `Stadsdel ${i + 1}` }));
  return {
    ...r,
    current: {
      ...r.current,
      groups: { ...r.current.groups, byUnit: names.map((x) => ({ ...g, ...x })) },
      parents: { ...r.current.parents, byUnit: names.map((x) => ({ ...p, ...x })) },
    },
  };
}
