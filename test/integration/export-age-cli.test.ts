import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportToFile } from '../../src-main/core/export';
import { generateKeyFile } from '../../src-main/core/export/encrypt';
import { defaultCoarsening } from '../../src-main/core/export/model';
import { openExport } from '../../src-main/core/export/open';
import { buildPackage } from '../../src-main/core/export/package';
import {
  ageDecryptWithIdentity,
  ageEncryptToRecipients,
  ageKeygen,
  ageMissingReason,
  ageRecipientOf,
  ageWithPassphrase,
  requireTool,
  scriptMissingReason,
} from '../helpers/age-cli';
import { META, TEST_KEY, makeSource, streamToBytes } from '../unit/export/fixtures';

const haveAge = requireTool(ageMissingReason(), 'age CLI round trips');
const haveTty = haveAge && requireTool(scriptMissingReason(), 'age CLI passphrase round trips');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-agecli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const packageZip = async () => streamToBytes(buildPackage(makeSource(), { key: TEST_KEY, coarsening: defaultCoarsening }, META).stream);
const names = (zip: Uint8Array) => Object.keys(unzipSync(zip)).sort();

describe.skipIf(!haveAge)('interoperability with the age CLI', () => {
  it('our export → age -d -i key.txt (key from age-keygen)', async () => {
    const keyFile = path.join(dir, 'key.txt');
    const recipient = ageKeygen(keyFile);
    const out = path.join(dir, 'komet-export.age');
    const result = await exportToFile(makeSource(), { key: TEST_KEY, coarsening: defaultCoarsening }, META, { recipients: [recipient] }, out);
    expect(result.recipientFingerprints).toHaveLength(1);
    const zipFile = path.join(dir, 'export.zip');
    ageDecryptWithIdentity(out, keyFile, zipFile);
    const zip = new Uint8Array(fs.readFileSync(zipFile));
    expect(zip).toEqual(await packageZip());
    expect(JSON.parse(strFromU8(unzipSync(zip)['manifest.json']!)).exportId).toBe(META.exportId);
  });

  it('our key file works with the CLI, and age -r age1… → Öppna export', async () => {
    const ours = await generateKeyFile(path.join(dir, 'evaluator.key'));
    expect(ageRecipientOf(ours.file)).toBe(ours.publicKey);
    const zipFile = path.join(dir, 'export.zip');
    fs.writeFileSync(zipFile, await packageZip());
    const sealed = path.join(dir, 'from-cli.age');
    ageEncryptToRecipients(zipFile, sealed, [ours.publicKey]);
    const opened = await openExport(sealed, { identityFile: ours.file }, { outDir: path.join(dir, 'opened') });
    expect(opened.manifest.exportId).toBe(META.exportId);
    expect(fs.readdirSync(opened.outDir).sort()).toEqual(names(new Uint8Array(fs.readFileSync(zipFile))));
  });

  it('several recipients: each can decrypt with the CLI', async () => {
    const a = ageKeygen(path.join(dir, 'a.txt'));
    const b = await generateKeyFile(path.join(dir, 'b.key'));
    const out = path.join(dir, 'two.age');
    await exportToFile(makeSource(), { key: TEST_KEY, coarsening: defaultCoarsening }, META, { recipients: [a, b.publicKey] }, out);
    ageDecryptWithIdentity(out, path.join(dir, 'a.txt'), path.join(dir, 'a.zip'));
    ageDecryptWithIdentity(out, b.file, path.join(dir, 'b.zip'));
    expect(fs.readFileSync(path.join(dir, 'a.zip'))).toEqual(fs.readFileSync(path.join(dir, 'b.zip')));
    const stranger = path.join(dir, 'c.txt');
    ageKeygen(stranger);
    expect(() => ageDecryptWithIdentity(out, stranger, path.join(dir, 'c.zip'))).toThrow();
  });
});

describe.skipIf(!haveTty)('passphrases with the age CLI (through a pseudo-terminal)', () => {
  const passphrase = 'korrekt häst batteri häftstift';

  it('our passphrase export → age -d', async () => {
    const out = path.join(dir, 'pass.age');
    await exportToFile(makeSource(), { key: TEST_KEY, coarsening: defaultCoarsening }, META, { passphrase }, out, { scryptWorkFactor: 15 });
    const zipFile = path.join(dir, 'export.zip');
    const run = await ageWithPassphrase(['-d', '-o', zipFile, out], passphrase);
    expect(run.code, run.output).toBe(0);
    expect(new Uint8Array(fs.readFileSync(zipFile))).toEqual(await packageZip());
    const wrong = await ageWithPassphrase(['-d', '-o', path.join(dir, 'wrong.zip'), out], 'fel lösenfras här');
    expect(wrong.code).not.toBe(0);
  });

  it('age -p → Öppna export with the passphrase', async () => {
    const zipFile = path.join(dir, 'export.zip');
    fs.writeFileSync(zipFile, await packageZip());
    const sealed = path.join(dir, 'cli-pass.age');
    const run = await ageWithPassphrase(['-p', '-o', sealed, zipFile], passphrase);
    expect(run.code, run.output).toBe(0);
    const opened = await openExport(sealed, { passphrase }, { outDir: path.join(dir, 'opened') });
    expect(opened.manifest.exportId).toBe(META.exportId);
  }, 120_000);
});
