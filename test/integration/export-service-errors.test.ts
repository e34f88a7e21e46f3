import fs from 'node:fs';
import path from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeTempDir, type TestApp } from '../helpers/db';
import { keyPair, listAll } from './export-service-fixtures';
import { addParticipant, groupWith, laterNow } from './participants-fixtures';

/** Every refusal: a typed error with a clear Swedish message, no file, no log row, no key. */

let t: TestApp;
let dir: string;
let publicKey: string;
let keyFile: string;
beforeEach(async () => {
  t = createTestApp({ now: laterNow });
  dir = makeTempDir('komet-export-err-');
  const { group } = await groupWith(t, 4);
  await addParticipant(t, group.id);
  ({ publicKey, file: keyFile } = await keyPair(t, dir));
});
afterEach(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const out = () => path.join(dir, 'out.age');
const base = () => ({ scope: {}, recipientKeys: [publicKey], outPath: out() });

async function refusedRun(input: Record<string, unknown>, code: string, sv: RegExp) {
  const before = listAll(dir);
  const error = await t.fail('export.run', { ...base(), ...input });
  expect(error.code).toBe(code);
  expect(error.message.sv + JSON.stringify(error.issues ?? [])).toMatch(sv);
  expect(listAll(dir)).toEqual(before);
  expect(t.rowCount('export_log')).toBe(0);
  expect(t.rowCount('export_keys')).toBe(0);
  return error;
}

/** One parent cannot reach k: these packages are made below k, which is what they are opened as. */
async function goodExport(): Promise<string> {
  return (await t.ok('export.run', { ...base(), belowKReason: 'Prov av Öppna export' })).file;
}

async function refusedOpen(input: Record<string, unknown>, code: string, sv: RegExp) {
  const outDir = path.join(dir, 'opened');
  const before = listAll(dir);
  const error = await t.fail('export.open', { identityFile: keyFile, outDir, ...input });
  expect(error.code).toBe(code);
  expect(error.message.sv).toMatch(sv);
  expect(fs.existsSync(outDir)).toBe(false);
  expect(listAll(dir)).toEqual(before); // no staging folder left behind
  return error;
}

/** Decrypts a good package, lets `edit` change the ZIP's files, and encrypts it again to our key. */
async function repackaged(file: string, edit: (files: Record<string, Uint8Array>) => void): Promise<string> {
  const d = new Decrypter();
  d.addIdentity(
    fs
      .readFileSync(keyFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!,
  );
  const files = unzipSync(await d.decrypt(fs.readFileSync(file)));
  edit(files);
  const e = new Encrypter();
  e.addRecipient(publicKey);
  const target = path.join(dir, 'repackaged.age');
  fs.writeFileSync(target, await e.encrypt(zipSync(files)));
  return target;
}

describe('export.run refuses bad input before writing anything', () => {
  it('malformed, unsupported or unknown recipients', async () => {
    const error = await refusedRun({ recipientKeys: [publicKey, 'age1notakey'] }, 'validation', /Mottagarnyckel 2/);
    expect(error.issues?.[0]?.path).toBe('recipients.1');
    await refusedRun({ recipientKeys: [`${publicKey.slice(0, -1)}${publicKey.endsWith('q') ? 'p' : 'q'}`] }, 'validation', /inte en giltig age-nyckel/);
    await refusedRun({ recipientKeys: [`age1pq1${'q'.repeat(60)}`] }, 'validation', /Endast X25519/);
    await refusedRun({ recipientKeys: [], recipientIds: ['00000000-0000-4000-8000-000000000000'] }, 'not_found', /Mottagaren finns inte/);
  });

  it('no recipient and no passphrase, both, or a short passphrase', async () => {
    await refusedRun({ recipientKeys: [] }, 'validation', /minst en mottagare eller ange en lösenfras/);
    await refusedRun({ passphrase: 'lösenfras som är lång nog' }, 'validation', /antingen mottagare eller lösenfras/);
    await refusedRun({ recipientKeys: [], passphrase: 'elva tecken' }, 'validation', /minst 12 tecken/);
  });

  it('empty scope, reversed dates, unknown programme or unit', async () => {
    await refusedRun({ scope: { from: '2030-01-01' } }, 'validation', /inga grupper/);
    const reversed = await refusedRun({ scope: { from: '2025-06-01', to: '2025-01-01' } }, 'validation', /Slutdatum kan inte vara före startdatum/);
    expect(reversed.issues?.[0]?.path).toBe('scope.to');
    const unknown = await refusedRun(
      { scope: { programmeIds: ['00000000-0000-4000-8000-000000000000'] } },
      'not_found',
      /program eller en vald enhet finns inte/,
    );
    expect(unknown.issues?.[0]?.path).toBe('scope.programmeIds.0');
    expect((await t.fail('export.preview', { scope: { from: '2030-01-01' } })).message.sv).toMatch(/inga grupper/);
  });

  it('a scope no participant row can reach k with, and a reason to go below k that says nothing', async () => {
    await refusedRun({}, 'validation', /för få deltagare för att någon ska kunna exporteras som rad med k = 5/);
    const short = await refusedRun({ belowKReason: '  kort  ' }, 'validation', /minst 10 tecken/);
    expect(short.issues?.[0]?.path).toBe('belowKReason');
  });

  it('unwritable or taken output paths', async () => {
    await refusedRun({ outPath: path.join(dir, 'missing-folder', 'out.age') }, 'io', /inte att skriva/);
    fs.writeFileSync(path.join(dir, 'a-file'), 'x');
    await refusedRun({ outPath: path.join(dir, 'a-file', 'out.age') }, 'io', /inte att skriva/);
    fs.writeFileSync(out(), 'keep me');
    await refusedRun({}, 'conflict', /finns redan/);
    expect(fs.readFileSync(out(), 'utf8')).toBe('keep me');
  });
});

describe('export.open refuses bad files and credentials and leaves nothing behind', { timeout: 60_000 }, () => {
  it('a wrong identity, a missing file, a file that is not age', async () => {
    const file = await goodExport();
    const other = await keyPair(t, dir, 'other.txt');
    await refusedOpen({ file, identityFile: other.file }, 'wrong_passphrase', /kan inte öppnas med den här nyckeln/);
    await refusedOpen({ file: path.join(dir, 'nope.age') }, 'io', /finns inte eller kan inte läsas/);
    fs.writeFileSync(path.join(dir, 'plain.age'), 'groups,sessions\n1,2\n');
    await refusedOpen({ file: path.join(dir, 'plain.age') }, 'validation', /ingen krypterad Komet-export/);
    fs.writeFileSync(path.join(dir, 'bad-key.txt'), 'not a key\n');
    await refusedOpen({ file, identityFile: path.join(dir, 'bad-key.txt') }, 'validation', /ingen giltig age-nyckel/);
    await refusedOpen({ file, identityFile: undefined, identity: 'AGE-SECRET-KEY-1 nonsense' }, 'validation', /ingen giltig age-nyckel/);
    await refusedOpen({ file, passphrase: 'två sätt samtidigt' }, 'validation', /precis ett sätt/);
    await refusedOpen({ file, identityFile: undefined }, 'validation', /precis ett sätt/);
  });

  it('a tampered or truncated file', async () => {
    const file = await goodExport();
    const bytes = fs.readFileSync(file);
    const tampered = Buffer.from(bytes);
    tampered[Math.floor(tampered.length * 0.6)]! ^= 0x01;
    fs.writeFileSync(path.join(dir, 'tampered.age'), tampered);
    await refusedOpen({ file: path.join(dir, 'tampered.age') }, 'validation', /skadad, ändrad eller ofullständig/);
    fs.writeFileSync(path.join(dir, 'truncated.age'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await refusedOpen({ file: path.join(dir, 'truncated.age') }, 'validation', /skadad, ändrad eller ofullständig/);
  });

  it('a ZIP with an extra file, a missing file, or a changed file', async () => {
    const file = await goodExport();
    const extra = await repackaged(file, (f) => {
      f['notes.txt'] = new TextEncoder().encode('hej');
    });
    await refusedOpen({ file: extra }, 'validation', /okänd eller dubblerad del/);
    fs.rmSync(extra);
    const missing = await repackaged(file, (f) => {
      delete f['leaders.csv'];
    });
    await refusedOpen({ file: missing }, 'validation', /leaders\.csv saknas/);
    fs.rmSync(missing);
    const changed = await repackaged(file, (f) => {
      f['groups.csv'] = new TextEncoder().encode('group_id\r\nG-X\r\n');
    });
    await refusedOpen({ file: changed }, 'validation', /kontrollsumman för groups\.csv/);
  });

  it('still opens a package of format 1, written before k was enforced, and says it was only checked', async () => {
    const file = await goodExport();
    const older = await repackaged(file, (f) => {
      const m = JSON.parse(new TextDecoder().decode(f['manifest.json'])) as Record<string, unknown> & { disclosure: { suppression: Record<string, number> } };
      const current = {
        coarsening: { period: 'month', ageBands: false, dropUnit: false },
        changes: [],
        smallestClass: 1,
        classesBelowK: 1,
        rowsBelowK: 1,
        reachesK: false,
      };
      const { min, max, primarySuppressed, secondarySuppressed } = m.disclosure.suppression;
      const v1 = {
        ...m,
        formatVersion: 1,
        disclosure: {
          suppression: { min, max, primarySuppressed, secondarySuppressed },
          kAnonymity: { k: 5, rows: 1, current, alternatives: [], suggestion: null },
        },
      };
      f['manifest.json'] = new TextEncoder().encode(JSON.stringify(v1));
    });
    const opened = await t.ok('export.open', { file: older, identityFile: keyFile, outDir: path.join(dir, 'older') });
    expect(opened.disclosure).toMatchObject({ k: 5, reachesK: false, smallestClass: 1, quasiIdentifiers: null, generalisation: null, belowKReason: null });
  });

  it('an output folder that is not empty', async () => {
    const file = await goodExport();
    fs.mkdirSync(path.join(dir, 'opened'));
    fs.writeFileSync(path.join(dir, 'opened', 'mine.txt'), 'x');
    const error = await t.fail('export.open', { file, identityFile: keyFile, outDir: path.join(dir, 'opened') });
    expect(error.code).toBe('conflict');
    expect(fs.readdirSync(path.join(dir, 'opened'))).toEqual(['mine.txt']);
  });
});

describe('keys and saved recipients', () => {
  it('keygen never overwrites and needs a writable folder', async () => {
    const before = fs.readFileSync(keyFile, 'utf8');
    expect((await t.fail('export.keygen', { outPath: keyFile })).code).toBe('conflict');
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
    expect((await t.fail('export.keygen', { outPath: path.join(dir, 'no', 'k.txt') })).code).toBe('io');
    expect(before).toMatch(/^# created: .*\n# public key: age1[a-z0-9]{58}\nAGE-SECRET-KEY-1[A-Z0-9]{58}\n$/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('recipients: malformed key, duplicate key, empty name, unknown id — nothing written', async () => {
    const before = t.snapshot();
    const bad = await t.fail('recipients.create', { name: 'FoU', publicKey: 'age1xyz' });
    expect(bad.code).toBe('validation');
    expect(bad.issues?.[0]).toMatchObject({ path: 'publicKey' });
    expect(bad.issues?.[0]?.message.sv).toMatch(/giltig age-nyckel/);
    expect((await t.fail('recipients.create', { name: '  ', publicKey })).issues?.[0]?.path).toBe('name');
    expect((await t.fail('recipients.delete', { id: '00000000-0000-4000-8000-000000000000' })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
    await t.ok('recipients.create', { name: 'FoU', publicKey });
    const dup = await t.fail('recipients.create', { name: 'Annan', publicKey });
    expect(dup.code).toBe('conflict');
    expect(dup.message.sv).toMatch(/redan sparad som ”FoU”/);
    expect(t.rowCount('export_recipients')).toBe(1);
  });
});
