import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultSession } from '../../src-main/app/vault-session';
import { openDatabase } from '../../src-main/core/db/open';
import { AppError } from '../../src-main/core/errors';
import { copyEncryptedWith, createEmptyDatabase } from '../../src-main/core/repos/backup-repo';
import * as vault from '../../src-main/core/vault';
import { readMarker, tempDataDir, testScrypt, writeMarker } from '../helpers/crash-files';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const pw1 = 'den första lösenfrasen här';
const pw2 = 'den andra lösenfrasen här';
const marker = 'Ragnhild Klartextsdotter-Sidfot';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDataDir('komet-keycopies-')));
afterEach(() => cleanup());

/** Whether a key file (any name) opens with a passphrase, through the data folder's own unlock. */
async function opens(keyFile: string, passphrase: string): Promise<boolean> {
  const probe = tempDataDir('komet-probe-');
  try {
    fs.copyFileSync(keyFile, path.join(probe.dir, 'komet.keys.json'));
    await vault.unlockWithPassphrase(probe.dir, passphrase);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'wrong_passphrase') return false;
    throw err;
  } finally {
    probe.cleanup();
  }
}

const keyFilesIn = (d: string) =>
  fs.existsSync(d)
    ? fs
        .readdirSync(d)
        .filter((n) => n.endsWith('.keys.json'))
        .map((n) => path.join(d, n))
    : [];

describe('the one writer of key files', () => {
  it('never replaces a key file by one of another key id, nor one it cannot read', async () => {
    await vault.createVault({ dataDir: dir, userName: 'Ada', passphrase: pw1, scrypt: testScrypt });
    const other = tempDataDir('komet-other-');
    try {
      await vault.createVault({ dataDir: other.dir, userName: 'Bo', passphrase: pw2, scrypt: testScrypt });
      const mine = vault.readKeyFileAt(vault.keyFilePath(dir));
      const theirs = vault.readKeyFileAt(vault.keyFilePath(other.dir));
      const before = fs.readFileSync(vault.keyFilePath(dir));
      const { checksum: _c, ...body } = theirs;
      expect(() => vault.writeKeyFileAt(vault.keyFilePath(dir), body)).toThrow(expect.objectContaining({ code: 'conflict' }));
      expect(fs.readFileSync(vault.keyFilePath(dir))).toEqual(before);

      const garbled = path.join(dir, 'garbled.keys.json');
      fs.writeFileSync(garbled, '{"keyId": 12');
      expect(() => vault.writeKeyFileAt(garbled, body)).toThrow(expect.objectContaining({ code: 'conflict' }));
      expect(fs.readFileSync(garbled, 'utf8')).toBe('{"keyId": 12');

      // Same key id: a rewrap is allowed; a successor naming this key id as its predecessor too.
      const { checksum: _m, ...own } = mine;
      vault.writeKeyFileAt(vault.keyFilePath(dir), own);
      vault.writeKeyFileAt(vault.keyFilePath(dir), { ...body, previousKeyId: mine.keyId });
      expect(vault.readKeyFileAt(vault.keyFilePath(dir)).keyId).toBe(theirs.keyId);
    } finally {
      other.cleanup();
    }
  });
});

describe('passphrase change', () => {
  it('rewraps every backup key copy, including the shared one of the old layout: the old passphrase opens nothing', async () => {
    const s = createVaultSession({ dataDir: dir, shell: 'test', scrypt: testScrypt });
    const { recoveryKey } = await s.setup({ userName: 'Ada', passphrase: pw1 });
    const first = s.backupNow('manual');
    const second = s.backupNow('manual');
    // An installation from before per-backup copies: one shared copy in backups/.
    if (fs.existsSync(`${first.file}.keys.json`)) fs.renameSync(`${first.file}.keys.json`, path.join(s.backupsDir, 'komet.keys.json'));
    await s.changePassphrase(pw1, pw2);
    s.dispose();
    const files = [vault.keyFilePath(dir), ...keyFilesIn(path.join(dir, 'backups'))];
    for (const file of files) {
      expect([file, await opens(file, pw1)]).toEqual([file, false]);
      expect([file, await opens(file, pw2)]).toEqual([file, true]);
    }
    // The main key file and one copy per backup; the shared copy is gone.
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['komet.keys.json', `${first.name}.keys.json`, `${second.name}.keys.json`].sort());
    // Each backup still opens on its own, with the new passphrase and with the recovery key.
    for (const b of [first, second]) {
      const { ring } = await vault.unlockKeyring(`${b.file}.keys.json`, { passphrase: pw2 });
      const byRecovery = await vault.unlockKeyring(`${b.file}.keys.json`, { recoveryKey });
      expect(byRecovery.ring.key.equals(ring.key)).toBe(true);
      openDatabase(b.file, { key: ring.key, readOnly: true }).close();
    }
  });
});

/** Every byte of a file system image, as someone with the disk (not the file system) reads it. */
const contains = (file: string, needle: string) => fs.readFileSync(file).includes(Buffer.from(needle));

describe('encrypting a plaintext database leaves no plaintext behind', () => {
  function plaintextWithWal(file: string) {
    const plain = openDatabase(file);
    plain.sqlite.pragma('wal_autocheckpoint = 0');
    writeMarker(plain, marker);
    return plain;
  }

  it("overwrites the original file's bytes and its WAL's, which a second name would still show", async () => {
    const file = path.join(dir, 'komet.db');
    const plain = plaintextWithWal(file);
    plain.close();
    const plain2 = plaintextWithWal(file);
    // Held open so the WAL stays; the second names see the inodes after Komet unlinks its names.
    fs.linkSync(file, path.join(dir, 'held-main'));
    fs.linkSync(`${file}-wal`, path.join(dir, 'held-wal'));
    expect(contains(path.join(dir, 'held-main'), marker) || contains(path.join(dir, 'held-wal'), marker)).toBe(true);
    plain2.close();
    // The close checkpointed the WAL into the file; write once more so the WAL holds a frame again.
    const again = plaintextWithWal(file);
    fs.rmSync(path.join(dir, 'held-wal'));
    fs.linkSync(`${file}-wal`, path.join(dir, 'held-wal'));
    const { dataKey } = await vault.createVault({ dataDir: dir, userName: 'Ada', passphrase: pw1, scrypt: testScrypt });
    again.close();
    vault.encryptDatabaseInPlace(file, dataKey);
    for (const held of ['held-main', 'held-wal']) {
      expect([held, contains(path.join(dir, held), marker)]).toEqual([held, false]);
      expect([held, contains(path.join(dir, held), 'SQLite format 3')]).toEqual([held, false]);
    }
    const db = openDatabase(file, { key: dataKey });
    expect(readMarker(db, marker)).toBe(marker);
    db.close();
    expect(
      fs
        .readdirSync(dir)
        .filter((n) => n.startsWith('komet.db'))
        .sort(),
    ).toEqual(['komet.db']);
  });

  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  it('leaves no plaintext page anywhere on the disk, freed blocks included (an ext4 image scanned byte by byte)', async () => {
    if (!canMount) {
      if (ci) throw new Error('CI must run this test: it needs root on Linux to mount a loop image');
      console.log('skipped: needs root on Linux to mount a loop image');
      return;
    }
    const image = path.join(dir, 'disk.img');
    let encrypted: number | undefined;
    const mount = path.join(dir, 'mnt');
    fs.mkdirSync(mount);
    fs.writeFileSync(image, Buffer.alloc(0));
    fs.truncateSync(image, 48 * 1024 * 1024);
    try {
      execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'ignore' });
      execFileSync('mount', ['-o', 'loop', image, mount], { stdio: 'ignore' });
    } catch (err) {
      if (ci) throw err;
      console.log('skipped: a loop image could not be mounted here');
      return;
    }
    try {
      // Made outside the image and copied in as plain bytes, so the plaintext on the image is
      // exactly these files (what SQLite freed while making them is not Komet's to clean).
      const source = path.join(dir, 'source');
      fs.mkdirSync(source);
      const plain = plaintextWithWal(path.join(source, 'komet.db'));
      for (let i = 0; i < 200; i++) writeMarker(plain, `${marker}`.padEnd(40 + (i % 7), '.'));
      plain.sqlite.prepare('vacuum into ?').run(path.join(source, 'backup.db'));
      const dataDir = path.join(mount, 'Komet');
      fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
      fs.copyFileSync(path.join(source, 'komet.db'), path.join(dataDir, 'komet.db'));
      fs.copyFileSync(path.join(source, 'komet.db-wal'), path.join(dataDir, 'komet.db-wal'));
      fs.copyFileSync(path.join(source, 'backup.db'), path.join(dataDir, 'backups', 'komet-20250101-120000.db'));
      plain.close();
      expect(fs.statSync(path.join(dataDir, 'komet.db-wal')).size).toBeGreaterThan(4096);
      execFileSync('sync');
      const s = createVaultSession({ dataDir, shell: 'test', scrypt: testScrypt });
      const result = await s.setup({ userName: 'Ada', passphrase: pw1 });
      encrypted = (result as { backupsEncrypted?: number }).backupsEncrypted;
      expect(readMarker(s.app().db, marker)).toBe(marker);
      s.dispose();
    } finally {
      execFileSync('umount', [mount]);
    }
    // The check below can fail: before encryption the image held the name in clear.
    expect(contains(image, marker)).toBe(false);
    expect(contains(image, 'SQLite format 3')).toBe(false);
    expect(encrypted).toBe(1);
  });
});

describe('setup and rekey keep the database and its key together', () => {
  it('a rekey gives a new data key, recovery key and key id; the old passphrase and recovery key open nothing', async () => {
    const s = createVaultSession({ dataDir: dir, shell: 'test', scrypt: testScrypt });
    const { recoveryKey: r1 } = await s.setup({ userName: 'Ada', passphrase: pw1 });
    writeMarker(s.app().db, marker);
    const before = s.backupNow('manual');
    const oldKeyId = vault.readKeyFileAt(vault.keyFilePath(dir)).keyId;
    const oldKey = (await vault.unlockKeyring(vault.keyFilePath(dir), { passphrase: pw1 })).ring.key;

    const { recoveryKey: r2 } = await s.rekey(pw1, pw2);
    expect(r2).not.toBe(r1);
    const main = vault.readKeyFileAt(vault.keyFilePath(dir));
    expect(main.keyId).not.toBe(oldKeyId);
    expect(main.previousKeyId).toBe(oldKeyId);
    expect(readMarker(s.app().db, marker)).toBe(marker);
    expect(s.listBackups().find((b) => b.name === before.name)).toMatchObject({ ok: true });
    const after = s.backupNow('manual');
    s.dispose();

    for (const file of [vault.keyFilePath(dir), ...keyFilesIn(path.join(dir, 'backups'))]) {
      expect([file, await opens(file, pw1)]).toEqual([file, false]);
      expect([file, await opens(file, pw2)]).toEqual([file, true]);
      await expect(vault.unlockKeyring(file, { recoveryKey: r1 })).rejects.toMatchObject({ code: 'wrong_passphrase' });
      await vault.unlockKeyring(file, { recoveryKey: r2 });
    }
    // The database is under the new key; the old backup keeps its own key, now behind the new secrets.
    const newKey = (await vault.unlockKeyring(vault.keyFilePath(dir), { passphrase: pw2 })).ring.key;
    expect(newKey.equals(oldKey)).toBe(false);
    expect(() => openDatabase(path.join(dir, 'komet.db'), { key: oldKey, readOnly: true })).toThrow();
    const oldCopy = await vault.unlockKeyring(`${before.file}.keys.json`, { passphrase: pw2 });
    expect(oldCopy.ring.key.equals(oldKey)).toBe(true);
    expect(vault.readKeyFileAt(`${after.file}.keys.json`).keyId).toBe(main.keyId);

    // The open vault restores the old backup, writing it under the current key.
    const again = createVaultSession({ dataDir: dir, shell: 'test', scrypt: testScrypt });
    await again.unlock(pw2);
    again.app().db.sqlite.prepare('delete from settings where key = ?').run(`marker-${marker.length}`);
    again.restore(before.file);
    expect(readMarker(again.app().db, marker)).toBe(marker);
    again.dispose();
    openDatabase(path.join(dir, 'komet.db'), { key: newKey, readOnly: true }).close();
    expect(fs.readdirSync(dir).filter((n) => n.includes('rekeying') || n.includes('.setup'))).toEqual([]);
  });

  it('a rekey killed after its key file was written is finished by the next unlock', async () => {
    const s = createVaultSession({ dataDir: dir, shell: 'test', scrypt: testScrypt });
    await s.setup({ userName: 'Ada', passphrase: pw1 });
    writeMarker(s.app().db, marker);
    s.dispose();
    // What step 3 of a rekey leaves: the successor key file, the database still under the old key,
    // its copy under the new key beside it.
    const file = path.join(dir, 'komet.db');
    const oldKey = await vault.unlockWithPassphrase(dir, pw1);
    const old = vault.readKeyFileAt(vault.keyFilePath(dir));
    const successor = tempDataDir('komet-successor-');
    try {
      await vault.createVault({ dataDir: successor.dir, userName: 'Ada', passphrase: pw2, scrypt: testScrypt });
      const newKey = await vault.unlockWithPassphrase(successor.dir, pw2);
      copyEncryptedWith(file, oldKey, `${file}.rekeying`, newKey);
      const { checksum: _c, ...body } = vault.readKeyFileAt(vault.keyFilePath(successor.dir));
      vault.writeKeyFileAt(vault.keyFilePath(dir), { ...body, previousKeyId: old.keyId });
    } finally {
      successor.cleanup();
    }
    const again = createVaultSession({ dataDir: dir, shell: 'test', scrypt: testScrypt });
    await again.unlock(pw2);
    expect(readMarker(again.app().db, marker)).toBe(marker);
    again.dispose();
    expect(fs.existsSync(`${file}.rekeying`)).toBe(false);
  });

  it('a setup killed after its key file was written leaves a database that opens, never a key file alone', async () => {
    const file = path.join(dir, 'komet.db');
    const { dataKey } = await vault.createVault({
      dataDir: dir,
      userName: 'Ada',
      passphrase: pw1,
      scrypt: testScrypt,
      beforeKeyFile: (key) => createEmptyDatabase(vault.setupDatabasePath(file), key),
    });
    // Killed here: the database still has its temporary name.
    expect(fs.existsSync(file)).toBe(false);
    const s = createVaultSession({ dataDir: dir, shell: 'test', scrypt: testScrypt });
    expect(s.status()).toMatchObject({ state: 'locked', userName: 'Ada' });
    await s.unlock(pw1);
    expect(s.status().state).toBe('unlocked');
    s.dispose();
    openDatabase(file, { key: dataKey, readOnly: true }).close();
  });
});
