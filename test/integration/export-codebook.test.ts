// The codebook tells a reader what the codes in the files stand for: each dropout reason with
// its labels, and what a blank gender means beside `unknown`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TestApp } from '../helpers/db';
import { demoApp } from './export-service-fixtures';

let t: TestApp;
let dir: string;
beforeAll(() => {
  t = demoApp();
  dir = makeTempDir('komet-codebook-');
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the codebook', () => {
  it('lists every dropout reason code with its labels and explains blank and unknown gender', async () => {
    const passphrase = 'korrekt häst batteri häftklammer';
    const run = await t.ok('export.run', { scope: { from: '2024-01-01' }, passphrase, outPath: path.join(dir, 'c.age') });
    const opened = await t.ok('export.open', { file: run.file, passphrase, outDir: path.join(dir, 'open') });
    const codebook = fs.readFileSync(path.join(opened.outDir, 'codebook.md'), 'utf8');
    const codes = t.app.db.sqlite.prepare('select code from dropout_reasons').all() as { code: string }[];
    expect(codes.length).toBeGreaterThan(2);
    for (const { code } of codes) expect(codebook).toContain(`| \`${code}\` |`);
    // Komet's own reasons with the labels a reader knows them by.
    expect(codebook).toContain('| `moved_away` | Flyttat | Moved away |');
    expect(codebook).toContain('| `other` | Annan orsak | Other reason |');
    expect(codebook).toMatch(/Tomt fält: uppgiften registrerades inte\. `unknown`:/);
    expect(codebook).toMatch(/A blank field: the value was not recorded\. `unknown`:/);
  });
});
