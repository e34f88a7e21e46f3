import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRuntime, type RuntimeOptions, type Runtime } from '../../src-main/app/runtime';
import type { ErrorShape, Result } from '../../src-main/core/errors';
import type { BackupEntry, VaultStatusValue } from '../../src-main/contract';
import { runKomet } from '../helpers/cli';
import { tempDataDir, testScrypt } from '../helpers/crash-files';
import { mountSmallDisk, unmountSmallDisk } from '../helpers/small-disk';

const pw1 = 'korrekt häst batteri häftklammer';
const pw2 = 'en helt annan lösenfras i år';
const unitName = 'Enheten som ska överleva';

let dir: string;
let cleanup: () => void;
let runtimes: Runtime[];
beforeEach(() => {
  ({ dir, cleanup } = tempDataDir('komet-runtime-backups-'));
  runtimes = [];
});
afterEach(() => {
  vi.useRealTimers();
  for (const g of runtimes) g.close();
  cleanup();
});

function runtime(over: Partial<RuntimeOptions> = {}): Runtime {
  const g = createRuntime({ dataDir: dir, shell: 'test', scrypt: testScrypt, backupCheckMs: 0, ...over });
  runtimes.push(g);
  return g;
}
async function ok<T>(g: Runtime, name: string, input: unknown = {}): Promise<T> {
  const r = await g.call(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fail(g: Runtime, name: string, input: unknown = {}): Promise<ErrorShape> {
  const r: Result<unknown> = await g.call(name, input);
  if (r.ok) throw new Error(`${name} succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}
const setup = (g: Runtime, passphrase = pw1) => ok<{ recoveryKey: string }>(g, 'vault.setup', { userName: 'Agnes', passphrase, passphraseRepeat: passphrase });
const status = (g: Runtime) => ok<VaultStatusValue>(g, 'vault.status');
const backupFiles = () =>
  fs
    .readdirSync(path.join(dir, 'backups'))
    .filter((n) => /^komet-.*\.db$/.test(n))
    .sort();
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const removeDatabase = () => {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, `komet.db${s}`), { force: true });
};

describe('a new setup beside an earlier installation’s backups', () => {
  it('offers them, never prunes them (nor lets the automatic backup push them out), and restores one with its passphrase', async () => {
    const first = runtime();
    await setup(first);
    await ok(first, 'units.create', { name: unitName, kind: 'district' });
    const old = await ok<BackupEntry>(first, 'backups.create');
    first.close();
    const oldCopy = path.join(dir, 'backups', `${old.name}.keys.json`);
    const oldCopyBytes = fs.existsSync(oldCopy) ? sha(oldCopy) : null;
    removeDatabase();
    fs.rmSync(path.join(dir, 'komet.keys.json'));

    const fresh = runtime();
    const offered = await status(fresh);
    expect(offered).toMatchObject({ state: 'new', earlierBackups: [{ name: old.name }] });
    // Starting anew beside them, with the automatic backup running right after setup.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fresh.close();
    runtimes.pop();
    const anew = runtime({ backupCheckMs: 60 * 60_000, firstBackupDelayMs: 10 });
    await setup(anew, pw2);
    vi.advanceTimersByTime(20);
    vi.useRealTimers();
    await ok(anew, 'backups.create');
    anew.close({ backup: true });
    expect(backupFiles()).toContain(old.name);
    expect(backupFiles().length).toBeGreaterThanOrEqual(4);
    expect(fs.existsSync(oldCopy) ? sha(oldCopy) : null).toBe(oldCopyBytes);

    // Back to the old one: the data folder emptied again, the backup restored with its passphrase.
    removeDatabase();
    fs.rmSync(path.join(dir, 'komet.keys.json'));
    const back = runtime();
    const wrong = await fail(back, 'vault.restoreFromBackup', { name: old.name, secret: pw2 });
    expect(wrong.code).toBe('wrong_passphrase');
    expect(fs.existsSync(path.join(dir, 'komet.keys.json'))).toBe(false);
    expect((await ok<VaultStatusValue>(back, 'vault.restoreFromBackup', { name: old.name, secret: pw1 })).state).toBe('unlocked');
    expect((await ok<{ name: string }[]>(back, 'units.list')).map((u) => u.name)).toContain(unitName);
    await ok(back, 'vault.lock');
    await ok(back, 'vault.unlock', { passphrase: pw1 });
  });
});

describe('a database missing beside its key file', () => {
  it('is damaged: after unlocking, the backups are offered and one is restored; no database is created meanwhile', async () => {
    const g = runtime();
    await setup(g);
    await ok(g, 'units.create', { name: unitName, kind: 'district' });
    const backup = await ok<BackupEntry>(g, 'backups.create');
    g.close();
    runtimes.pop();

    for (const damage of ['delete', 'empty'] as const) {
      removeDatabase();
      if (damage === 'empty') fs.writeFileSync(path.join(dir, 'komet.db'), '');
      const again = runtime({ backupCheckMs: 60 * 60_000, firstBackupDelayMs: 0 });
      expect((await status(again)).state).toBe('locked');
      const damaged = await ok<VaultStatusValue>(again, 'vault.unlock', { passphrase: pw1 });
      expect(damaged).toMatchObject({ state: 'damaged', problem: { code: 'database_unreadable' } });
      expect(damaged.problem?.message.sv).toMatch(/saknas/);
      expect(damaged.backups?.map((b) => b.name)).toEqual([backup.name]);
      expect((await fail(again, 'units.list')).code).toBe('locked');
      expect(fs.existsSync(path.join(dir, 'komet.db')) ? fs.statSync(path.join(dir, 'komet.db')).size : 0).toBe(0);
      again.close({ backup: true });
      runtimes.pop();
      expect(backupFiles()).toEqual([backup.name]);
    }
    const last = runtime();
    await ok(last, 'vault.unlock', { passphrase: pw1 });
    await ok(last, 'backups.restore', { name: backup.name });
    expect((await status(last)).state).toBe('unlocked');
    expect((await ok<{ name: string }[]>(last, 'units.list')).map((u) => u.name)).toContain(unitName);
  });
});

describe('same-day backups', () => {
  it('a manual and a quit backup keep the automatic one made earlier the same day', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const g = runtime({ backupCheckMs: 60 * 60_000, firstBackupDelayMs: 10 });
    await setup(g);
    vi.advanceTimersByTime(20);
    vi.useRealTimers();
    const daily = await ok<BackupEntry[]>(g, 'backups.list');
    expect(daily).toHaveLength(1);
    const manual = await ok<BackupEntry>(g, 'backups.create');
    expect(backupFiles()).toEqual([daily[0]!.name, manual.name].sort());
    g.close({ backup: true });
    expect(backupFiles()).toHaveLength(3);
    expect(backupFiles()).toEqual(expect.arrayContaining([daily[0]!.name, manual.name]));
  });
});

describe('restore on a full disk', () => {
  it('says the disk is full, changes nothing, and restores once space is freed', async (ctx) => {
    const disk = mountSmallDisk(dir, '8m');
    if ('skip' in disk) return ctx.skip(disk.skip);
    const { mount } = disk;
    try {
      const g = createRuntime({ dataDir: mount, shell: 'test', scrypt: testScrypt, backupCheckMs: 0 });
      try {
        await setup(g);
        await ok(g, 'units.create', { name: unitName, kind: 'district' });
        const backup = await ok<BackupEntry>(g, 'backups.create');
        await ok(g, 'units.create', { name: 'Efter kopian', kind: 'district' });
        const filler = path.join(mount, 'filler');
        try {
          fs.writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024));
        } catch {
          // ENOSPC is the point: the disk is now full to the last block.
        }
        const before = await ok<{ name: string }[]>(g, 'units.list');
        const full = await fail(g, 'backups.restore', { name: backup.name });
        expect(full.code).toBe('io');
        expect(full.message.sv).toMatch(/disken är full/);
        expect(full.message.en).toMatch(/disk is full/);
        expect(fs.readdirSync(mount).filter((n) => n.includes('restoring'))).toEqual([]);
        expect((await status(g)).state).toBe('unlocked');
        // Closed and reopened around the attempt, the database holds what it held.
        expect(await ok<{ name: string }[]>(g, 'units.list')).toEqual(before);
        expect(before.map((u) => u.name)).toContain('Efter kopian');
        g.close();

        // The same through the command line, which has no router to translate the system's error.
        const cli = runKomet(['restore', '--db', path.join(mount, 'komet.db'), '--from', path.join(mount, 'backups', backup.name)], { KOMET_PASSPHRASE: pw1 });
        expect(cli.code).toBe(1);
        expect(cli.stderr).toMatch(/disken är full.* \/ .*disk is full/);
        expect(cli.stderr).not.toMatch(/oväntat|unexpected/);

        fs.rmSync(filler);
        const restored = runKomet(['restore', '--db', path.join(mount, 'komet.db'), '--from', path.join(mount, 'backups', backup.name)], {
          KOMET_PASSPHRASE: pw1,
        });
        expect(restored.code, restored.stderr).toBe(0);
        const units = runKomet(['stats', '--db', path.join(mount, 'komet.db'), '--json'], { KOMET_PASSPHRASE: pw1 });
        expect((JSON.parse(units.stdout) as { units: number }).units).toBe(before.length - 1);
      } finally {
        g.close();
      }
    } finally {
      unmountSmallDisk(mount);
    }
  });
});

describe('komet rekey', { timeout: 180_000 }, () => {
  it('prints a new recovery key; the old passphrase then opens neither the database nor a backup', () => {
    const db = path.join(dir, 'cli', 'komet.db');
    const run = (args: string[], env: Record<string, string>) => runKomet(args, env);
    const init = run(['init', '--db', db], { KOMET_PASSPHRASE: pw1 });
    expect(init.code, init.stderr).toBe(0);
    const backup = run(['backup', '--db', db], { KOMET_PASSPHRASE: pw1 }).stdout.split('\n')[0]!;
    expect(run(['rekey', '--db', db], { KOMET_PASSPHRASE: pw1 }).stderr).toMatch(/KOMET_NEW_PASSPHRASE/);
    const r = run(['rekey', '--db', db], { KOMET_PASSPHRASE: pw1, KOMET_NEW_PASSPHRASE: pw2 });
    expect(r.code, r.stderr).toBe(0);
    const newKey = r.stdout.match(/Ny återställningsnyckel: ([0-9A-Z-]+)/)?.[1];
    const oldKey = init.stdout.match(/Återställningsnyckel: ([0-9A-Z-]+)/)?.[1];
    expect(newKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(newKey).not.toBe(oldKey);
    for (const file of [db, backup]) {
      expect(run(['check', '--db', file], { KOMET_PASSPHRASE: pw1 }).stderr).toMatch(/Fel lösenfras/);
      expect(run(['check', '--db', file], { KOMET_PASSPHRASE: pw2 }).stdout).toMatch(/ok\n$/);
    }
    const restored = run(['restore', '--db', db, '--from', backup], { KOMET_PASSPHRASE: pw2 });
    expect(restored.code, restored.stderr).toBe(0);
    expect(run(['check', '--db', db], { KOMET_PASSPHRASE: pw2 }).stdout).toMatch(/ok\n$/);
  });
});
