import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptToFile, generateKeyFile } from '../../src-main/core/export/encrypt';
import { isExportError, type ExportFailure } from '../../src-main/core/export/export-errors';
import { defaultCoarsening } from '../../src-main/core/export/model';
import { openExport, type OpenCredentials } from '../../src-main/core/export/open';
import { buildPackage } from '../../src-main/core/export/package';
import { META, TEST_KEY, makeSource, streamToBytes, unzipText } from '../unit/export/fixtures';

let dir: string;
let key: { file: string; publicKey: string };
let files: Record<string, string>;

const bytesStream = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) });
const zipOf = (contents: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(contents).map(([n, t]) => [n, strToU8(t)])));

async function sealed(contents: Record<string, string> | Uint8Array, name = 'pkg.age'): Promise<string> {
  const out = path.join(dir, name);
  await encryptToFile(bytesStream(contents instanceof Uint8Array ? contents : zipOf(contents)), out, { recipients: [key.publicKey] });
  return out;
}

/** The whole folder: after a failed open nothing of the export may be left, not even a hidden folder. */
const leftovers = () => fs.readdirSync(dir).filter((f) => !f.endsWith('.age') && !f.endsWith('.key') && f !== 'key.txt');

async function expectRejected(file: string, reason: ExportFailure, credentials: OpenCredentials = { identityFile: key.file }) {
  const out = path.join(dir, 'opened');
  const error = await openExport(file, credentials, { outDir: out }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isExportError(error, reason), `expected ${reason}, got ${String(error)}`).toBe(true);
  const messages = (error as { messages: { sv: string; en: string } }).messages;
  expect(messages.sv.length).toBeGreaterThan(10);
  expect(messages.en.length).toBeGreaterThan(10);
  expect(leftovers()).toEqual([]);
}

const withManifest = (contents: Record<string, string>, edit: (m: { files: { name: string; sha256: string; bytes: number; rows?: number }[] }) => void) => {
  const manifest = JSON.parse(contents['manifest.json']!);
  edit(manifest);
  return { ...contents, 'manifest.json': JSON.stringify(manifest) };
};
const digestOf = (text: string) => ({ sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-open-'));
  key = await generateKeyFile(path.join(dir, 'key.txt'));
  const built = buildPackage(makeSource(), { key: TEST_KEY, coarsening: defaultCoarsening }, META);
  files = unzipText(await streamToBytes(built.stream));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Öppna export', () => {
  it('decrypts, verifies and extracts a good package', async () => {
    const out = path.join(dir, 'opened');
    const opened = await openExport(await sealed(files), { identityFile: key.file }, { outDir: out });
    expect(opened.manifest.exportId).toBe(META.exportId);
    expect(fs.readdirSync(out).sort()).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) expect(fs.readFileSync(path.join(out, name), 'utf8')).toBe(text);
    expect(leftovers()).toEqual(['opened']);
  });

  it('opens into an existing empty folder but never over files', async () => {
    const out = path.join(dir, 'opened');
    fs.mkdirSync(out);
    await openExport(await sealed(files), { identityFile: key.file }, { outDir: out });
    expect(fs.readdirSync(out)).toHaveLength(Object.keys(files).length);
    const again = await openExport(await sealed(files, 'b.age'), { identityFile: key.file }, { outDir: out }).catch((e: unknown) => e);
    expect(isExportError(again, 'output_exists')).toBe(true);
  });

  it('rejects a wrong identity and a wrong passphrase', async () => {
    const file = await sealed(files);
    const other = await generateKeyFile(path.join(dir, 'other.key'));
    fs.renameSync(other.file, path.join(dir, 'other.age'));
    await expectRejected(file, 'wrong_identity', { identityFile: path.join(dir, 'other.age') });
    await expectRejected(file, 'wrong_identity', { passphrase: 'not the right passphrase' });
  });

  it('rejects a file that is not an age file at all, or is not there', async () => {
    const file = path.join(dir, 'plain.age');
    fs.writeFileSync(file, zipOf(files));
    await expectRejected(file, 'not_age');
    fs.writeFileSync(file, '');
    await expectRejected(file, 'not_age');
    await expectRejected(path.join(dir, 'absent.age'), 'input_unreadable');
  });

  it('rejects tampering anywhere in the ciphertext', async () => {
    const original = fs.readFileSync(await sealed(files));
    const macLine = original.indexOf('\n---');
    const headerEnd = macLine + 48;
    // Header MAC, nonce, middle of the payload, last chunk's tag.
    for (const at of [macLine + 10, headerEnd + 5, Math.floor(original.length / 2), original.length - 3]) {
      const copy = Buffer.from(original);
      copy[at] = copy[at]! ^ 0x01;
      const file = path.join(dir, `tampered-${at}.age`);
      fs.writeFileSync(file, copy);
      await expectRejected(file, 'corrupt');
    }
    // A damaged recipient stanza cannot be told apart from a file made for someone else.
    // Flip a character of the ephemeral share into another base64 character (the share starts
    // after "age-encryption.org/v1\n-> X25519 "), so the header still parses.
    const stanza = Buffer.from(original);
    const shareStart = original.indexOf('-> X25519 ') + '-> X25519 '.length;
    const base64 = /^[A-Za-z0-9+/]$/;
    let at = shareStart + 5;
    while (!base64.test(String.fromCharCode(stanza[at]! ^ 0x01))) at++;
    stanza[at] = stanza[at]! ^ 0x01;
    fs.writeFileSync(path.join(dir, 'stanza.age'), stanza);
    await expectRejected(path.join(dir, 'stanza.age'), 'wrong_identity');
  });

  it('rejects truncation at any point, including exactly at a chunk boundary', async () => {
    const big = { ...files, 'attendance.csv': files['attendance.csv']!.repeat(10) };
    const original = fs.readFileSync(await sealed(zipSync(Object.fromEntries(Object.entries(big).map(([n, t]) => [n, strToU8(t)])), { level: 0 })));
    const payloadStart = original.indexOf('\n---') + 1 + original.subarray(original.indexOf('\n---') + 1).indexOf('\n') + 1 + 16;
    const chunk = 64 * 1024 + 16;
    const cuts = [payloadStart - 5, payloadStart + 100, payloadStart + chunk, original.length - 1, original.length - 17];
    expect(original.length - payloadStart).toBeGreaterThan(chunk * 2);
    for (const cut of cuts) {
      const file = path.join(dir, `cut-${cut}.age`);
      fs.writeFileSync(file, original.subarray(0, cut));
      await expectRejected(file, 'corrupt');
    }
  });

  it('rejects an extra file, a path outside the folder, and a missing file', async () => {
    await expectRejected(await sealed({ ...files, 'notes.txt': 'hello' }, 'extra.age'), 'package_invalid');
    await expectRejected(await sealed({ ...files, '../escape.csv': 'x' }, 'slip.age'), 'package_invalid');
    expect(fs.existsSync(path.join(path.dirname(dir), 'escape.csv'))).toBe(false);
    const { ['fidelity.csv']: _dropped, ...missing } = files;
    await expectRejected(await sealed(missing, 'missing.age'), 'package_invalid');
    const unlisted = withManifest(files, (m) => {
      m.files = m.files.filter((f) => f.name !== 'leaders.csv');
    });
    await expectRejected(await sealed(unlisted, 'unlisted.age'), 'package_invalid');
  });

  it('rejects content that does not match the manifest: checksum and row count', async () => {
    const changed = { ...files, 'groups.csv': files['groups.csv']!.replace('completed', 'cancelled') };
    await expectRejected(await sealed(changed, 'sum.age'), 'package_invalid');
    const lines = files['leaders.csv']!.split('\r\n');
    const shorter = `${lines.slice(0, -2).join('\r\n')}\r\n`;
    const recounted = withManifest({ ...files, 'leaders.csv': shorter }, (m) => {
      Object.assign(
        m.files.find((f) => f.name === 'leaders.csv')!,
        digestOf(shorter),
      );
    });
    await expectRejected(await sealed(recounted, 'rows.age'), 'package_invalid');
    await expectRejected(await sealed({ ...files, 'manifest.json': '{"format":"something else"}' }, 'manifest.age'), 'package_invalid');
  });

  it('refuses an unwritable destination before decrypting anything', async () => {
    const file = await sealed(files);
    const error = await openExport(file, { identityFile: key.file }, { outDir: path.join(dir, 'no', 'such', 'folder') }).catch((e: unknown) => e);
    expect(isExportError(error, 'output_unwritable')).toBe(true);
  });

  it('refuses a malformed identity file', async () => {
    const bad = path.join(dir, 'bad.key');
    fs.writeFileSync(bad, '# public key: age1xyz\nAGE-SECRET-KEY-1NOTVALID\n');
    await expectRejected(await sealed(files), 'identity_malformed', { identityFile: bad });
  });
});
