import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../../src-main/core/export/csv';
import { defaultCoarsening } from '../../../src-main/core/export/model';
import { countCsvRecords } from '../../../src-main/core/export/open';
import { buildPackage } from '../../../src-main/core/export/package';
import { TABLE_NAMES } from '../../../src-main/core/export/tables';
import { META, TEST_KEY, makeSource, streamToBytes, unzipText } from './fixtures';

/**
 * Unit names as users (or an API caller, before the contract refused control characters) could
 * have typed them: formulas after a semicolon or comma, a line feed, a tab.
 */
export const hostileNames = [
  "Farsta;=cmd|' /C calc'!A0;",
  'Hägersten\nLiljeholmen',
  'Kista, +SUM(1+1)',
  'Spånga\t@A1',
  'Skärholmen\r\n-2+3+cmd',
  'Bromma; "=HYPERLINK(""http://x"")"',
];

/** A cell any spreadsheet would run: starts (after spaces) with a formula character, and is no plain number. */
const runsAsFormula = (cell: string) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell.replace(/^ +/, '')) && !/^-?\d+(\.\d+)?$/.test(cell);

/** The cells a spreadsheet makes of the text with this separator, quotes honoured where a field starts with one. */
const cellsAs = (text: string, delimiter: string): string[] =>
  (parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][]).flat();

describe('CSV cells', () => {
  it('puts an apostrophe before each segment that would start a formula, and touches nothing else', () => {
    const cases: [string, string][] = [
      ['=1+1', "'=1+1"],
      ['+46 70', "'+46 70"],
      ['-2', "'-2"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=x', "'\t'=x"],
      ["Farsta;=cmd|' /C calc'!A0;", "Farsta;'=cmd|' /C calc'!A0;"],
      ['Kista, +SUM(1)', "Kista, '+SUM(1)"],
      ['a\n-b', "a\n'-b"],
      ['a;"=b"', 'a;"\'=b"'],
      ['＝1', "'＝1"],
      ['G-ABCDEF', 'G-ABCDEF'],
      ['2024-W05', '2024-W05'],
      ['Farsta', 'Farsta'],
      ['Kista - Rinkeby', 'Kista - Rinkeby'],
      ['', ''],
    ];
    for (const [input, written] of cases) expect(neutraliseCell(input), JSON.stringify(input)).toBe(written);
  });

  it('writes every table so that neither a comma nor a semicolon reader sees a formula, and line breaks stay inside one record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-csv-'));
    const units = new Set<string>();
    try {
      // makeSource has three units: the hostile names go in three at a time.
      for (let at = 0; at < hostileNames.length; at += 3) {
        const source = makeSource();
        hostileNames.slice(at, at + 3).forEach((name, i) => (source.units[i]!.name = name));
        source.programmes[0]!.code = '-fKomet';
        // Below k with a reason, so the unit names reach the files as typed.
        const built = buildPackage(source, { key: TEST_KEY, coarsening: defaultCoarsening, belowKReason: 'Kontroll av cellskydd' }, META);
        const files = unzipText(await streamToBytes(built.stream));
        const manifest = await built.manifest;
        for (const f of manifest.files.filter((x) => x.name.endsWith('.csv'))) {
          const text = files[f.name]!;
          // One record per row and one header, as the manifest says and as Öppna export counts them.
          expect(parse(text, { relax_column_count: false }), f.name).toHaveLength(f.rows! + 1);
          fs.writeFileSync(path.join(dir, f.name), text);
          expect(await countCsvRecords(path.join(dir, f.name)), f.name).toBe(f.rows! + 1);
          for (const delimiter of [',', ';']) {
            const formulas = cellsAs(text, delimiter).filter(runsAsFormula);
            expect(formulas, `${f.name} read with "${delimiter}"`).toEqual([]);
          }
        }
        for (const r of parse(files['groups.csv']!, { columns: true }) as Record<string, string>[]) units.add(r.unit!);
        expect(files['codebook.md']).toMatch(/apostrof/);
      }
      // The names are all there, whole, as the comma reader sees them.
      expect(units).toContain("Farsta;'=cmd|' /C calc'!A0;");
      expect(units).toContain('Hägersten\nLiljeholmen');
      expect(units).toContain("Kista, '+SUM(1+1)");
      expect(units).toContain("Spånga\t'@A1");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the Excel copies with a byte order mark and semicolons, the same cells, and no formula for either separator', async () => {
    const units = new Set<string>();
    for (let at = 0; at < hostileNames.length; at += 3) {
      const source = makeSource();
      hostileNames.slice(at, at + 3).forEach((name, i) => (source.units[i]!.name = name));
      const options = { key: TEST_KEY, coarsening: defaultCoarsening, belowKReason: 'Kontroll av cellskydd', excelCopies: true };
      const built = buildPackage(source, options, META);
      const zip = await streamToBytes(built.stream);
      const files = unzipText(zip);
      const raw = unzipSync(zip);
      const manifest = await built.manifest;
      const copies = manifest.files.filter((x) => x.name.endsWith('_excel.csv'));
      expect(copies.map((f) => f.name).sort()).toEqual(TABLE_NAMES.map((n) => `${n}_excel.csv`).sort());
      for (const f of copies) {
        // The text decoder drops a byte order mark, so it is looked for in the bytes.
        expect([...raw[f.name]!.subarray(0, 3)], f.name).toEqual([0xef, 0xbb, 0xbf]);
        const body = files[f.name]!;
        expect(body.startsWith('\uFEFF'), f.name).toBe(false);
        const original = files[f.name.replace(/_excel\.csv$/, '.csv')]!;
        expect(parse(body, { delimiter: ';' }), f.name).toEqual(parse(original));
        expect(f.rows, f.name).toBe(manifest.files.find((x) => x.name === f.name.replace(/_excel\.csv$/, '.csv'))!.rows);
        for (const delimiter of [',', ';']) {
          const formulas = cellsAs(body, delimiter).filter(runsAsFormula);
          expect(formulas, `${f.name} read with "${delimiter}"`).toEqual([]);
        }
      }
      for (const r of parse(files['groups_excel.csv']!, { columns: true, delimiter: ';' }) as Record<string, string>[]) units.add(r.unit!);
    }
    expect(units).toContain("Farsta;'=cmd|' /C calc'!A0;");
    expect(units).toContain("Kista, '+SUM(1+1)");
  });
});
