import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decrypter } from 'age-encryption';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  encryptToFile,
  generateKeyFile,
  readIdentityFile,
  recipientFingerprint,
  validatePassphrase,
  validateRecipients,
} from '../../../src-main/core/export/encrypt';
import { isExportError, type ExportFailure } from '../../../src-main/core/export/export-errors';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-enc-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const bytesStream = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) });

function expectFailure(fn: () => unknown, reason: ExportFailure) {
  try {
    fn();
  } catch (e) {
    expect(isExportError(e, reason), String(e)).toBe(true);
    const m = (e as { messages: { sv: string; en: string } }).messages;
    expect(m.sv).not.toBe(m.en);
    return e;
  }
  throw new Error(`expected ${reason}`);
}

describe('recipients and passphrases', () => {
  it('accepts X25519 recipients and rejects malformed ones with typed errors', async () => {
    const { publicKey } = await generateKeyFile(path.join(dir, 'k.txt'));
    expect(validateRecipients([` ${publicKey}\n`])).toEqual([publicKey]);
    const flipped = publicKey.slice(0, -1) + (publicKey.endsWith('q') ? 'p' : 'q');
    const e = expectFailure(() => validateRecipients([publicKey, flipped]), 'recipient_malformed') as { issues: { path: string }[] };
    expect(e.issues[0]!.path).toBe('recipients.1');
    expectFailure(() => validateRecipients([publicKey.slice(0, -2)]), 'recipient_malformed');
    expectFailure(() => validateRecipients([publicKey.toUpperCase()]), 'recipient_malformed');
    expectFailure(() => validateRecipients(['ssh-ed25519 AAAAC3Nza']), 'recipient_malformed');
    expectFailure(() => validateRecipients(['age1pq1' + 'q'.repeat(60)]), 'recipient_unsupported');
    expectFailure(() => validateRecipients([]), 'no_recipient');
  });

  it('requires passphrases of at least 12 characters', () => {
    expectFailure(() => validatePassphrase('elva tecken'), 'passphrase_short');
    expect(validatePassphrase('tolv tecken!')).toBe('tolv tecken!');
    expectFailure(() => validatePassphrase('åäöåäöåäöåä'), 'passphrase_short');
  });

  it('fingerprints recipients stably and shortly', () => {
    const r = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
    expect(recipientFingerprint(r)).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/);
    expect(recipientFingerprint(` ${r} `)).toBe(recipientFingerprint(r));
    expect(recipientFingerprint(r)).not.toBe(recipientFingerprint(r.replace('ql3z', 'ql3y')));
  });
});

describe('key generation', () => {
  it('writes an owner-only key file in age-keygen format', async () => {
    const file = path.join(dir, 'key.txt');
    const { publicKey } = await generateKeyFile(file, new Date('2026-01-05T08:00:00Z'));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toMatch(/^# created: 2026-01-0[45]T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
    expect(lines[1]).toBe(`# public key: ${publicKey}`);
    expect(lines[2]).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await readIdentityFile(file)).toEqual([lines[2]]);
    const again = await generateKeyFile(file).catch((e: unknown) => e);
    expect(isExportError(again, 'output_exists')).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['key.txt']);
  });
});

describe('encryptToFile', () => {
  it('writes a complete age file that decrypts to the input', async () => {
    const { publicKey, file: keyFile } = await generateKeyFile(path.join(dir, 'k.txt'));
    const out = path.join(dir, 'x.age');
    const data = new TextEncoder().encode('hemligt '.repeat(50000));
    const result = await encryptToFile(bytesStream(data), out, { recipients: [publicKey] });
    expect(result.bytes).toBe(fs.statSync(out).size);
    const d = new Decrypter();
    d.addIdentity((await readIdentityFile(keyFile))[0]!);
    expect(Buffer.from(await d.decrypt(fs.readFileSync(out))).equals(Buffer.from(data))).toBe(true);
  });

  it('leaves nothing behind when the data fails half-way', async () => {
    const { publicKey } = await generateKeyFile(path.join(dir, 'k.txt'));
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 20) c.enqueue(new Uint8Array(100_000).fill(65));
        else c.error(new Error('database went away'));
      },
    });
    const out = path.join(dir, 'x.age');
    await expect(encryptToFile(failing, out, { recipients: [publicKey] })).rejects.toThrow('database went away');
    expect(fs.readdirSync(dir)).toEqual(['k.txt']);
  });

  it('does not overwrite unless asked, and refuses unwritable places', async () => {
    const out = path.join(dir, 'x.age');
    fs.writeFileSync(out, 'previous');
    const pass = { passphrase: 'en lång lösenfras' };
    const exists = await encryptToFile(bytesStream(new Uint8Array(10)), out, pass, { scryptWorkFactor: 10 }).catch((e: unknown) => e);
    expect(isExportError(exists, 'output_exists')).toBe(true);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous');
    await encryptToFile(bytesStream(new Uint8Array(10)), out, pass, { scryptWorkFactor: 10, overwrite: true });
    expect(fs.readFileSync(out).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    const nowhere = await encryptToFile(bytesStream(new Uint8Array(10)), path.join(dir, 'missing', 'x.age'), pass).catch((e: unknown) => e);
    expect(isExportError(nowhere, 'output_unwritable')).toBe(true);
    const short = await encryptToFile(bytesStream(new Uint8Array(10)), path.join(dir, 'y.age'), { passphrase: 'kort' }).catch((e: unknown) => e);
    expect(isExportError(short, 'passphrase_short')).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['x.age']);
  });
});
