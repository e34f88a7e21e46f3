import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorShape, ProcedureInput, ProcedureOutput } from '../../src-main/contract';
import { makeTempDir, type TestApp } from '../helpers/db';
import { demoApp, listAll } from './export-service-fixtures';

// The browser shell is a page talking to a local server: what it may read is held to the same
// folder as what it may write, <dataDir>/exports, and a refusal says nothing about the disk.

let t: TestApp;
let outside: string;
let exportsDir: string;
const browser = { shell: 'browser' as const };

beforeEach(() => {
  t = demoApp();
  outside = makeTempDir('komet-outside-');
  exportsDir = path.join(t.dir, 'exports');
});
afterEach(() => {
  t.close();
  fs.rmSync(outside, { recursive: true, force: true });
});

async function asBrowser<P extends 'export.run' | 'export.open' | 'export.keygen'>(procedure: P, input: ProcedureInput<P>) {
  return t.app.call(procedure, input, browser) as Promise<{ ok: true; value: ProcedureOutput<P> } | { ok: false; error: ErrorShape }>;
}

/** A package and its key, both made in the exports folder the way the page makes them. */
async function packageInExports() {
  const key = await asBrowser('export.keygen', { outPath: 'nyckel.txt' });
  if (!key.ok) throw new Error(JSON.stringify(key.error));
  const run = await asBrowser('export.run', { scope: {}, recipientKeys: [key.value.publicKey], outPath: 'fou.age' });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  return { keyFile: key.value.file, packageFile: run.value.file };
}

describe('export files in the browser shell', { timeout: 120_000 }, () => {
  it('opens a package and key named as they lie in the exports folder', async () => {
    const { keyFile, packageFile } = await packageInExports();
    expect(path.dirname(packageFile)).toBe(exportsDir);
    const byName = await asBrowser('export.open', { file: 'fou.age', identityFile: 'nyckel.txt' });
    expect(byName.ok).toBe(true);
    const byFullPath = await asBrowser('export.open', { file: packageFile, identityFile: keyFile, outDir: 'andra' });
    expect(byFullPath.ok).toBe(true);
  });

  it('refuses a package outside the exports folder, the same way whether it exists or not', async () => {
    const { packageFile } = await packageInExports();
    const copy = path.join(outside, 'kopia.age');
    fs.copyFileSync(packageFile, copy);
    const existing = await asBrowser('export.open', { file: copy, identityFile: 'nyckel.txt', outDir: 'ut1' });
    const missing = await asBrowser('export.open', { file: path.join(outside, 'finns-inte.age'), identityFile: 'nyckel.txt', outDir: 'ut2' });
    const missingDir = await asBrowser('export.open', { file: path.join(outside, 'ingen', 'mapp.age'), identityFile: 'nyckel.txt', outDir: 'ut3' });
    for (const result of [existing, missing, missingDir]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.issues?.[0]?.path).toBe('file');
    }
    if (!existing.ok && !missing.ok && !missingDir.ok) {
      expect(missing.error).toEqual(existing.error);
      expect(missingDir.error).toEqual(existing.error);
    }
    for (const name of ['../kopia.age', 'sub/fou.age', `${exportsDir}/../exports/../x.age`]) {
      const refused = await asBrowser('export.open', { file: name, identityFile: 'nyckel.txt' });
      expect(refused.ok, name).toBe(false);
      if (!refused.ok) expect(refused.error, name).toEqual(existing.ok ? undefined : existing.error);
    }
    expect(listAll(exportsDir).filter((f) => f.startsWith('ut'))).toEqual([]);
  });

  it('never reads a key file outside the exports folder, even one that would open the package', async () => {
    const { keyFile } = await packageInExports();
    const outsideKey = path.join(outside, 'nyckel.txt');
    fs.copyFileSync(keyFile, outsideKey);
    const existing = await asBrowser('export.open', { file: 'fou.age', identityFile: outsideKey, outDir: 'ut1' });
    const missing = await asBrowser('export.open', { file: 'fou.age', identityFile: path.join(outside, 'saknas.txt'), outDir: 'ut2' });
    expect(existing.ok).toBe(false);
    expect(missing.ok).toBe(false);
    if (!existing.ok && !missing.ok) {
      expect(existing.error.issues?.[0]?.path).toBe('identityFile');
      expect(missing.error).toEqual(existing.error);
    }
    expect(listAll(exportsDir).filter((f) => f.startsWith('ut'))).toEqual([]);
  });

  it('follows no symlink out of the exports folder', async () => {
    const { packageFile, keyFile } = await packageInExports();
    fs.copyFileSync(packageFile, path.join(outside, 'riktig.age'));
    fs.copyFileSync(keyFile, path.join(outside, 'riktig.txt'));
    fs.symlinkSync(path.join(outside, 'riktig.age'), path.join(exportsDir, 'lank.age'));
    fs.symlinkSync(path.join(outside, 'riktig.txt'), path.join(exportsDir, 'lank.txt'));
    fs.symlinkSync(path.join(outside, 'borta.age'), path.join(exportsDir, 'dinglar.age'));
    const viaLink = await asBrowser('export.open', { file: 'lank.age', identityFile: 'nyckel.txt', outDir: 'ut1' });
    const keyViaLink = await asBrowser('export.open', { file: 'fou.age', identityFile: 'lank.txt', outDir: 'ut2' });
    const dangling = await asBrowser('export.open', { file: 'dinglar.age', identityFile: 'nyckel.txt', outDir: 'ut3' });
    const plainOutside = await asBrowser('export.open', { file: path.join(outside, 'riktig.age'), identityFile: 'nyckel.txt', outDir: 'ut4' });
    expect([viaLink.ok, keyViaLink.ok, dangling.ok]).toEqual([false, false, false]);
    if (!viaLink.ok && !dangling.ok && !plainOutside.ok && !keyViaLink.ok) {
      expect(viaLink.error).toEqual(plainOutside.error);
      expect(dangling.error).toEqual(plainOutside.error);
      expect(keyViaLink.error.issues?.[0]?.path).toBe('identityFile');
    }
    expect(listAll(exportsDir).filter((f) => f.startsWith('ut'))).toEqual([]);
  });

  it('the desktop shell and the CLI still read wherever the user points', async () => {
    const { packageFile, keyFile } = await packageInExports();
    fs.copyFileSync(packageFile, path.join(outside, 'kopia.age'));
    fs.copyFileSync(keyFile, path.join(outside, 'nyckel.txt'));
    const opened = await t.app.call(
      'export.open',
      { file: path.join(outside, 'kopia.age'), identityFile: path.join(outside, 'nyckel.txt'), outDir: path.join(outside, 'ut') },
      { shell: 'electron' },
    );
    expect(opened.ok).toBe(true);
  });
});
