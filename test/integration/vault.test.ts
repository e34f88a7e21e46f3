import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open';
import { AppError } from '../../src-main/core/errors';
import {
  changePassphrase,
  createVault,
  defaultScrypt,
  encryptDatabaseInPlace,
  formatRecoveryKey,
  isPlaintextDatabase,
  keyFilePath,
  parseRecoveryKey,
  readVaultInfo,
  unlockDelayMs,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  vaultStatus,
} from '../../src-main/core/vault';
import { rawDatabaseBytes, readMarker, sqliteHeader, tempDataDir, testScrypt, writeMarker } from '../helpers/crash-files';

const passphrase = 'korrekt häst batteri häftklammer';
const marker = 'Ingrid Testsson-Kvarnström';

async function errorOf(run: () => unknown): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDataDir()));
afterEach(() => cleanup());

const create = (over: Partial<Parameters<typeof createVault>[0]> = {}) =>
  createVault({ dataDir: dir, userName: '  Ada Lovelace ', passphrase, scrypt: testScrypt, ...over });

describe('key file', () => {
  it('wraps one data key under the passphrase and the recovery key', async () => {
    const { recoveryKey, dataKey } = await create();
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(dataKey).toHaveLength(32);
    expect(await unlockWithPassphrase(dir, passphrase)).toEqual(dataKey);
    expect(unlockWithRecoveryKey(dir, recoveryKey)).toEqual(dataKey);
    // Typed back by a human: lower case, spaces instead of dashes, O for 0, L for 1.
    const sloppy = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(unlockWithRecoveryKey(dir, sloppy)).toEqual(dataKey);

    const text = fs.readFileSync(keyFilePath(dir), 'utf8');
    expect(text).not.toContain(dataKey.toString('base64'));
    expect(text).not.toContain(dataKey.toString('hex'));
    expect(JSON.parse(text)).toMatchObject({
      format: 'komet-keys',
      userName: 'Ada Lovelace',
      slots: { passphrase: { kdf: { name: 'scrypt', N: testScrypt.N } } },
    });
    expect(readVaultInfo(dir).userName).toBe('Ada Lovelace');
    if (process.platform !== 'win32') expect(fs.statSync(keyFilePath(dir)).mode & 0o077).toBe(0);
  });

  it('refuses a wrong passphrase or recovery key with a bilingual message', async () => {
    const { recoveryKey } = await create();
    const wrong = await errorOf(() => unlockWithPassphrase(dir, 'inte rätt lösenfras alls'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.messages.sv).toMatch(/Fel lösenfras/);
    expect(wrong.messages.en).toMatch(/Wrong passphrase/);

    const otherKey = formatRecoveryKey(Buffer.alloc(20, 7));
    expect((await errorOf(() => unlockWithRecoveryKey(dir, otherKey))).code).toBe('wrong_passphrase');

    // One character off is caught by the check group before the key file is tried.
    const typo = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1);
    expect(parseRecoveryKey(typo)).toBeNull();
    const mistyped = await errorOf(() => unlockWithRecoveryKey(dir, typo));
    expect(mistyped.code).toBe('validation');
    expect(mistyped.issues?.[0]?.path).toBe('recoveryKey');
  });

  it('enforces the passphrase policy and refuses a second vault', async () => {
    const short = await errorOf(() => create({ passphrase: 'elva tecken' }));
    expect(short.code).toBe('validation');
    expect(short.issues?.[0]?.path).toBe('passphrase');
    expect(short.issues?.[0]?.message.sv).toMatch(/minst 12 tecken/);
    expect(fs.existsSync(keyFilePath(dir))).toBe(false);
    // Twelve characters as the user counts them, even where UTF-16 counts more.
    await create({ passphrase: '😀😀😀😀😀😀😀😀😀😀😀😀' });
    expect((await errorOf(() => create())).code).toBe('conflict');
    expect((await errorOf(() => create({ userName: '   ' }))).issues?.[0]?.path).toBe('userName');
  });

  it('changes the passphrase by rewrapping the same key, and resets it with the recovery key', async () => {
    const { recoveryKey, dataKey } = await create();
    const next = 'en helt ny lösenfras 2025';
    await changePassphrase({ dataDir: dir, current: { passphrase }, next, scrypt: testScrypt });
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('wrong_passphrase');
    expect(await unlockWithPassphrase(dir, next)).toEqual(dataKey);
    expect(unlockWithRecoveryKey(dir, recoveryKey)).toEqual(dataKey);

    const before = fs.readFileSync(keyFilePath(dir));
    expect((await errorOf(() => changePassphrase({ dataDir: dir, current: { passphrase }, next: 'spelar ingen roll här', scrypt: testScrypt }))).code).toBe(
      'wrong_passphrase',
    );
    expect((await errorOf(() => changePassphrase({ dataDir: dir, current: { passphrase: next }, next: 'kort', scrypt: testScrypt }))).issues?.[0]?.path).toBe(
      'next',
    );
    expect(fs.readFileSync(keyFilePath(dir))).toEqual(before);

    const reset = 'glömde den förra helt och hållet';
    await changePassphrase({ dataDir: dir, current: { recoveryKey }, next: reset, scrypt: testScrypt });
    expect(await unlockWithPassphrase(dir, reset)).toEqual(dataKey);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('damaged or forged key file', () => {
  interface KeyFileJson {
    userName: string;
    slots: { passphrase: { wrappedKey: string; kdf: { N: number } } };
    checksum?: string;
  }
  const rewrite = (edit: (file: KeyFileJson) => void, fixChecksum: boolean) => {
    const file = JSON.parse(fs.readFileSync(keyFilePath(dir), 'utf8')) as KeyFileJson;
    edit(file);
    if (fixChecksum) {
      // A forger who knows the format recomputes the unkeyed checksum too.
      const { checksum: _old, ...rest } = file;
      const sorted = (v: unknown): unknown =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, sorted(x)]),
            )
          : v;
      file.checksum = crypto
        .createHash('sha256')
        .update(JSON.stringify(sorted(rest)))
        .digest('hex');
    }
    fs.writeFileSync(keyFilePath(dir), JSON.stringify(file));
  };

  it('reports truncation, edits and a missing file as key_file_damaged', async () => {
    const { recoveryKey } = await create();
    const original = fs.readFileSync(keyFilePath(dir));
    fs.writeFileSync(keyFilePath(dir), original.subarray(0, original.length / 2));
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('key_file_damaged');
    expect((await errorOf(() => unlockWithRecoveryKey(dir, recoveryKey))).code).toBe('key_file_damaged');

    fs.writeFileSync(keyFilePath(dir), original);
    rewrite((f) => (f.userName = 'Mallory'), false);
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('key_file_damaged');

    fs.rmSync(keyFilePath(dir));
    const missing = await errorOf(() => unlockWithPassphrase(dir, passphrase));
    expect(missing.code).toBe('key_file_damaged');
    expect(missing.messages.sv).toMatch(/saknas/);
  });

  it('detects forgery with a recomputed checksum through the authenticated associated data', async () => {
    const { recoveryKey } = await create();
    const original = fs.readFileSync(keyFilePath(dir));
    rewrite((f) => (f.userName = 'Mallory'), true);
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('key_file_damaged');
    expect((await errorOf(() => unlockWithRecoveryKey(dir, recoveryKey))).code).toBe('key_file_damaged');

    fs.writeFileSync(keyFilePath(dir), original);
    rewrite((f) => {
      const wrapped = Buffer.from(f.slots.passphrase.wrappedKey, 'base64');
      wrapped[0]! ^= 1;
      f.slots.passphrase.wrappedKey = wrapped.toString('base64');
    }, true);
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('key_file_damaged');
    expect(unlockWithRecoveryKey(dir, recoveryKey)).toHaveLength(32);

    // A lowered cost changes the derived key itself, so it cannot open the slot either.
    fs.writeFileSync(keyFilePath(dir), original);
    rewrite((f) => (f.slots.passphrase.kdf.N = 1024), true);
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('wrong_passphrase');
    rewrite((f) => (f.slots.passphrase.kdf.N = 2 ** 30), true);
    expect((await errorOf(() => unlockWithPassphrase(dir, passphrase))).code).toBe('key_file_damaged');
  });
});

describe('encrypted database', () => {
  it('never shows the SQLite header or recorded names in the raw bytes, and refuses other keys', async () => {
    const { dataKey } = await create();
    const file = path.join(dir, 'komet.db');
    const db = openDatabase(file, { key: dataKey });
    writeMarker(db, marker);
    // While open, the latest write lives in the WAL: check both files.
    const whileOpen = rawDatabaseBytes(file);
    expect(whileOpen.length).toBeGreaterThan(4096);
    db.close();
    for (const bytes of [whileOpen, rawDatabaseBytes(file)]) {
      expect(bytes.includes(sqliteHeader)).toBe(false);
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
      expect(bytes.includes(Buffer.from(marker, 'utf16le'))).toBe(false);
    }
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(vaultStatus(dir, file)).toMatchObject({ state: 'locked', userName: 'Ada Lovelace', plaintextDatabase: false });

    expect(() => openDatabase(file, { key: Buffer.alloc(32, 1) })).toThrow(expect.objectContaining({ code: 'database_unreadable' }));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'database_unreadable' }));
    const again = openDatabase(file, { key: await unlockWithPassphrase(dir, passphrase) });
    expect(readMarker(again, marker)).toBe(marker);
    again.close();
  });

  it('encrypts an existing plaintext database in place, keeping every row', async () => {
    const file = path.join(dir, 'komet.db');
    const plain = openDatabase(file);
    writeMarker(plain, marker);
    plain.close();
    // The check below can fail: the plaintext file does show the name.
    expect(rawDatabaseBytes(file).includes(Buffer.from(marker))).toBe(true);
    expect(vaultStatus(dir, file)).toEqual({ state: 'legacy' });

    const { dataKey } = await create();
    expect(vaultStatus(dir, file)).toMatchObject({ state: 'locked', plaintextDatabase: true });
    const result = encryptDatabaseInPlace(file, dataKey);
    expect(result.tables.settings).toBeGreaterThan(0);
    expect(rawDatabaseBytes(file).includes(Buffer.from(marker))).toBe(false);
    expect(rawDatabaseBytes(file).includes(sqliteHeader)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['komet.db', 'komet.keys.json']);

    const db = openDatabase(file, { key: dataKey });
    expect(readMarker(db, marker)).toBe(marker);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(() => encryptDatabaseInPlace(file, dataKey)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('reports a key file missing beside an encrypted database', async () => {
    const { dataKey } = await create();
    openDatabase(path.join(dir, 'komet.db'), { key: dataKey }).close();
    fs.rmSync(keyFilePath(dir));
    const status = vaultStatus(dir, path.join(dir, 'komet.db'));
    expect(status.state).toBe('damaged');
    expect(status.state === 'damaged' && status.error.code).toBe('key_file_damaged');
  });
});

describe('unlock throttle', () => {
  it('allows three free attempts, then doubles from one second up to five minutes', () => {
    expect([0, 1, 2].map(unlockDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(unlockDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(unlockDelayMs(11)).toBe(256_000);
    expect(unlockDelayMs(12)).toBe(300_000);
    expect(unlockDelayMs(1000)).toBe(300_000);
    expect(unlockDelayMs(Number.NaN)).toBe(0);
  });
});

describe('unlocking at the production cost', () => {
  // How long this takes is measured by `npm run bench -- --only vault`, not here.
  it('derives the 32-byte data key with the production KDF and opens the database with it', async () => {
    await create({ scrypt: defaultScrypt });
    const key = await unlockWithPassphrase(dir, passphrase);
    openDatabase(path.join(dir, 'komet.db'), { key }).close();
    expect(key).toHaveLength(32);
  });
});
