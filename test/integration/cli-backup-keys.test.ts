// Key files and backups through the real `komet` command: every backup opens on its own with the
// passphrase that was current when it was made, and no command destroys the key of another.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKomet } from '../helpers/cli';

const pwA = 'installation A har den här frasen';
const pwB = 'installation B har en helt annan fras';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-keys-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const komet = (args: string[], passphrase?: string, extra: Record<string, string> = {}) =>
  runKomet(args, { ...(passphrase ? { KOMET_PASSPHRASE: passphrase } : {}), ...extra });

function ok(r: { code: number | null; stdout: string; stderr: string }) {
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const backupsIn = (dataDir: string) =>
  fs.existsSync(path.join(dataDir, 'backups'))
    ? fs
        .readdirSync(path.join(dataDir, 'backups'))
        .filter((n) => /^komet-.*\.db$/.test(n))
        .sort()
    : [];
const groups = (db: string, passphrase: string) => (JSON.parse(ok(komet(['stats', '--db', db, '--json'], passphrase))) as { groups: number }).groups;
const removeDatabase = (dataDir: string) => {
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(dataDir, `komet.db${s}`), { force: true });
};

describe('komet backup keeps every key', { timeout: 180_000 }, () => {
  it("--out into another installation's folder writes its own key copy and leaves that installation's key file alone", () => {
    const a = path.join(root, 'A');
    const b = path.join(root, 'B');
    ok(komet(['init', '--db', path.join(a, 'komet.db'), '--user', 'Anna'], pwA));
    ok(komet(['init', '--db', path.join(b, 'komet.db'), '--user', 'Bo'], pwB));
    ok(komet(['demo', '--db', path.join(b, 'komet.db'), '--scale', '0.05', '--today', '2026-03-15'], pwB));
    const keyA = sha(path.join(a, 'komet.keys.json'));

    const out = path.join(a, 'b.db');
    ok(komet(['backup', '--db', path.join(b, 'komet.db'), '--out', out], pwB));
    expect(sha(path.join(a, 'komet.keys.json'))).toBe(keyA);
    expect(fs.existsSync(`${out}.keys.json`)).toBe(true);
    // A still opens with its own passphrase; the copy opens on its own with B's.
    ok(komet(['stats', '--db', path.join(a, 'komet.db')], pwA));
    expect(
      ok(komet(['check', '--db', out], pwB))
        .trim()
        .split('\n')
        .at(-1),
    ).toBe('ok');
    expect(groups(out, pwB)).toBe(groups(path.join(b, 'komet.db'), pwB));

    // A USB folder that already holds another installation's backup: both stay openable.
    const usb = path.join(root, 'usb');
    ok(komet(['backup', '--db', path.join(a, 'komet.db'), '--out', path.join(usb, 'a.db')], pwA));
    ok(komet(['backup', '--db', path.join(b, 'komet.db'), '--out', path.join(usb, 'b.db')], pwB));
    expect(ok(komet(['check', '--db', path.join(usb, 'a.db')], pwA))).toMatch(/ok\n$/);
    expect(ok(komet(['check', '--db', path.join(usb, 'b.db')], pwB))).toMatch(/ok\n$/);
  });

  it('each dated backup has its own key copy and opens on its own', () => {
    const dir = path.join(root, 'data');
    const db = path.join(dir, 'komet.db');
    ok(komet(['init', '--db', db], pwA));
    const made = ok(komet(['backup', '--db', db], pwA)).split('\n')[0]!;
    expect(path.dirname(made)).toBe(path.join(dir, 'backups'));
    expect(fs.existsSync(`${made}.keys.json`)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'backups', 'komet.keys.json'))).toBe(false);
    expect(ok(komet(['check', '--db', made], pwA))).toMatch(/key file ok\nok\n$/);
    const wrong = komet(['check', '--db', made], pwB);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Fel lösenfras/);
  });
});

describe('a new setup beside old backups', { timeout: 180_000 }, () => {
  it('offers the backups instead of starting anew, never prunes them, and restores one onto an empty folder', () => {
    const dir = path.join(root, 'data');
    const db = path.join(dir, 'komet.db');
    ok(komet(['init', '--db', db], pwA));
    ok(komet(['demo', '--db', db, '--scale', '0.05', '--today', '2026-03-15'], pwA));
    const before = groups(db, pwA);
    const old = ok(komet(['backup', '--db', db], pwA)).split('\n')[0]!;
    const oldCopy = sha(`${old}.keys.json`);

    removeDatabase(dir);
    fs.rmSync(path.join(dir, 'komet.keys.json'));
    const offered = komet(['init', '--db', db], pwB);
    expect(offered.code).toBe(1);
    expect(offered.stderr).toMatch(/komet restore .*--from .*komet-\d{8}-\d{6}\.db/);
    expect(offered.stderr).toMatch(/--fresh/);
    expect(fs.existsSync(db)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'komet.keys.json'))).toBe(false);

    // Starting anew on purpose: the old backup stays, with its key copy, through later backups.
    ok(komet(['init', '--db', db, '--fresh'], pwB));
    ok(komet(['backup', '--db', db], pwB));
    ok(komet(['backup', '--db', db], pwB));
    expect(backupsIn(dir)).toContain(path.basename(old));
    expect(sha(`${old}.keys.json`)).toBe(oldCopy);
    expect(groups(old, pwA)).toBe(before);

    // And back: the old backup onto an empty folder, opened with the passphrase it was made with.
    const elsewhere = path.join(root, 'new-computer', 'komet.db');
    ok(komet(['restore', '--db', elsewhere, '--from', old], pwA));
    expect(groups(elsewhere, pwA)).toBe(before);
  });

  it('keeps an old shared backups/komet.keys.json of another key and still opens the backups it belongs to', () => {
    const dir = path.join(root, 'data');
    const db = path.join(dir, 'komet.db');
    ok(komet(['init', '--db', db], pwA));
    const old = ok(komet(['backup', '--db', db], pwA)).split('\n')[0]!;
    // The layout before per-backup copies: one shared key copy in backups/.
    fs.renameSync(`${old}.keys.json`, path.join(dir, 'backups', 'komet.keys.json'));
    const shared = sha(path.join(dir, 'backups', 'komet.keys.json'));
    expect(ok(komet(['check', '--db', old], pwA))).toMatch(/ok\n$/);

    removeDatabase(dir);
    fs.rmSync(path.join(dir, 'komet.keys.json'));
    ok(komet(['init', '--db', db, '--fresh'], pwB));
    ok(komet(['backup', '--db', db], pwB));
    expect(sha(path.join(dir, 'backups', 'komet.keys.json'))).toBe(shared);
    expect(backupsIn(dir)).toContain(path.basename(old));
    expect(ok(komet(['check', '--db', old], pwA))).toMatch(/ok\n$/);
  });
});

describe('encrypting an unencrypted database', { timeout: 180_000 }, () => {
  it('encrypts its earlier plaintext backups too and says so', () => {
    const dir = path.join(root, 'data');
    const db = path.join(dir, 'komet.db');
    ok(komet(['init', '--db', db, '--unencrypted']));
    ok(komet(['demo', '--db', db, '--scale', '0.05', '--today', '2026-03-15']));
    const plainBackup = ok(komet(['backup', '--db', db])).split('\n')[0]!;
    const name = (JSON.parse(ok(komet(['leaders', '--db', db, '--json']))) as { name: string }[])[0]!.name;
    expect(fs.readFileSync(plainBackup).includes(Buffer.from(name))).toBe(true);

    const r = komet(['init', '--db', db], pwA);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 säkerhetskopi.*krypterad/i);
    expect(r.stdout).toMatch(/1 backup.*encrypted/i);
    for (const file of backupsIn(dir).map((n) => path.join(dir, 'backups', n))) {
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes(Buffer.from(name))).toBe(false);
      expect(ok(komet(['check', '--db', file], pwA))).toMatch(/ok\n$/);
    }
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => !/^komet-.*\.db(\.keys\.json)?$/.test(n))).toEqual([]);
  });
});

describe('a database missing beside its key file', { timeout: 180_000 }, () => {
  it('is never recreated: every command says to restore a backup, and restore brings it back', () => {
    const dir = path.join(root, 'data');
    const db = path.join(dir, 'komet.db');
    ok(komet(['init', '--db', db], pwA));
    ok(komet(['demo', '--db', db, '--scale', '0.05', '--today', '2026-03-15'], pwA));
    const before = groups(db, pwA);
    const backup = ok(komet(['backup', '--db', db], pwA)).split('\n')[0]!;

    for (const damage of ['delete', 'empty'] as const) {
      removeDatabase(dir);
      if (damage === 'empty') fs.writeFileSync(db, '');
      for (const cmd of [['stats'], ['check'], ['init'], ['backup'], ['demo', '--scale', '0.05']]) {
        const r = komet([cmd[0]!, '--db', db, ...cmd.slice(1)], pwA);
        expect([cmd[0], r.code]).toEqual([cmd[0], 1]);
        expect(r.stderr).toMatch(/komet restore/);
        expect(fs.existsSync(db) ? fs.statSync(db).size : 0).toBe(0);
      }
      expect(backupsIn(dir)).toEqual([path.basename(backup)]);
    }
    ok(komet(['restore', '--db', db, '--from', backup], pwA));
    expect(groups(db, pwA)).toBe(before);
  });
});
