// The Excel copies: beside each RFC 4180 file a `;`-separated one with a byte order mark, the same
// rows and the same neutralising, listed in the manifest and opened like the rest.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src-main/core/export/tables';
import { makeTempDir, type TestApp } from '../helpers/db';
import { csvRows, demoApp } from './export-service-fixtures';

let t: TestApp;
let dir: string;
const passphrase = 'korrekt häst batteri häftklammer';
beforeAll(() => {
  t = demoApp();
  dir = makeTempDir('komet-excel-');
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const excelRows = (file: string): Record<string, string>[] => {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text.slice(1), { columns: true, delimiter: ';', skip_empty_lines: false });
};

describe('Excel copies in the export', () => {
  it('hold the same rows as the RFC 4180 files, separated by semicolons after a byte order mark, and are in the manifest and opened', async () => {
    const run = await t.ok('export.run', { scope: { from: '2024-01-01' }, passphrase, outPath: path.join(dir, 'e.age'), excelCopies: true });
    const opened = await t.ok('export.open', { file: run.file, passphrase, outDir: path.join(dir, 'open') });
    const listed = opened.files.map((f) => f.name);
    for (const table of TABLE_NAMES) {
      expect(listed).toContain(`${table}_excel.csv`);
      const rfc = csvRows(path.join(opened.outDir, `${table}.csv`));
      const excel = excelRows(path.join(opened.outDir, `${table}_excel.csv`));
      expect(excel).toEqual(rfc);
      expect(opened.files.find((f) => f.name === `${table}_excel.csv`)?.rows).toBe(rfc.length);
    }
    // Formula-like cells in the copies are covered with hostile unit names in test/unit/export/csv.test.ts.
  });

  it('are left out unless asked for, and a package without them opens as before', async () => {
    const run = await t.ok('export.run', { scope: { from: '2024-01-01' }, passphrase, outPath: path.join(dir, 'plain.age') });
    const opened = await t.ok('export.open', { file: run.file, passphrase, outDir: path.join(dir, 'plain') });
    expect(opened.files.some((f) => f.name.endsWith('_excel.csv'))).toBe(false);
  });
});
