import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRuntime, type RuntimeOptions, type Runtime } from '../../src-main/app/runtime';
import type { ErrorShape, Result } from '../../src-main/core/errors';
import type { BackupEntry, ChangeEvent, VaultStatusValue } from '../../src-main/contract';
import { rawDatabaseBytes, sqliteHeader, tempDataDir, testScrypt } from '../helpers/crash-files';
import { mountSmallDisk, unmountSmallDisk } from '../helpers/small-disk';

const passphrase = 'korrekt häst batteri häftklammer';
const userName = 'Agnes Gatesson';
const unitName = 'Hägerstensåsen-Gatedistrikt';

let dir: string;
let cleanup: () => void;
let runtimes: Runtime[];
beforeEach(() => {
  ({ dir, cleanup } = tempDataDir('komet-runtime-'));
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
const setup = (g: Runtime) => ok<{ recoveryKey: string }>(g, 'vault.setup', { userName, passphrase, passphraseRepeat: passphrase });
const status = (g: Runtime) => ok<VaultStatusValue>(g, 'vault.status');

/** A set-up runtime with what the shells hear, what the lock's listeners (the menu) hear and what the database's feed (sync) hears. */
async function listening() {
  const g = runtime();
  await setup(g);
  const heard: ChangeEvent[] = [];
  const lockHeard: string[] = [];
  const databaseFeed: ChangeEvent[] = [];
  g.events.on((event) => heard.push(event));
  g.onLockChange((p) => lockHeard.push(p));
  g.app()!.events.on((event) => databaseFeed.push(event));
  return { g, heard, lockHeard, databaseFeed };
}

describe('the runtime between the shells and the vault', () => {
  it('sets up, answers locked with a bilingual message while locked, and audits writes under the user’s name', async () => {
    const g = runtime();
    expect(await status(g)).toEqual({ state: 'new', autoLockMinutes: 10 });
    expect((await fail(g, 'units.list')).code).toBe('locked');
    const mismatch = await fail(g, 'vault.setup', { userName, passphrase, passphraseRepeat: `${passphrase}!` });
    expect(mismatch.issues?.map((i) => i.path)).toEqual(['passphraseRepeat']);
    expect((await fail(g, 'vault.setup', { userName, passphrase: 'för kort', passphraseRepeat: 'för kort' })).code).toBe('validation');

    const changes: string[] = [];
    g.onLockChange((p) => changes.push(p));
    expect((await setup(g)).recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(await status(g)).toEqual({ state: 'unlocked', userName, autoLockMinutes: 10 });
    const unit = await ok<{ id: string }>(g, 'units.create', { name: unitName, kind: 'district' });
    const audit = await ok<{ rows: { actor: string; procedure: string; entityId: string }[]; total: number }>(g, 'audit.list', { entity: 'unit' });
    // The seeded units of a first start are logged as 'startup'; the user's write names the user.
    expect(audit.rows[0]).toMatchObject({ actor: userName, procedure: 'units.create', entityId: unit.id });
    expect(audit.rows.slice(1).every((r) => r.procedure === 'startup')).toBe(true);

    expect((await ok<VaultStatusValue>(g, 'vault.lock')).state).toBe('locked');
    const locked = await fail(g, 'units.list');
    expect(locked.code).toBe('locked');
    expect(locked.message.sv).toMatch(/låst/);
    expect(locked.message.en).toMatch(/locked/);
    expect(changes).toEqual(['vault.status', 'vault.status']);
    const bytes = rawDatabaseBytes(path.join(dir, 'komet.db'));
    expect(bytes.includes(sqliteHeader) || bytes.includes(Buffer.from(unitName))).toBe(false);

    expect((await fail(g, 'vault.unlock', { passphrase: 'fel fel fel fel' })).code).toBe('wrong_passphrase');
    expect((await ok<VaultStatusValue>(g, 'vault.unlock', { passphrase })).state).toBe('unlocked');
    expect((await ok<{ name: string }[]>(g, 'units.list')).map((u) => u.name)).toContain(unitName);
    expect((await fail(g, 'no.such.thing')).code).toBe('unknown_procedure');
  });

  it('tells the page that an unencrypted database has nothing to lock, and refuses the lock with the reason', async () => {
    const plain = runtime({ keyless: { actor: 'test' } });
    expect(await status(plain)).toMatchObject({ state: 'unlocked', unencrypted: true });
    const refused = await fail(plain, 'vault.lock');
    expect(refused.code).toBe('conflict');
    expect(refused.message.sv).toMatch(/okrypterad/);
    expect((await status(plain)).state).toBe('unlocked');
    plain.close();
    // An encrypted vault does not claim it.
    const g = runtime({ dataDir: path.join(dir, 'encrypted') });
    await setup(g);
    expect((await status(g)).unencrypted).toBeUndefined();
  });

  it('keeps one vault session per database in a process', async () => {
    runtime();
    expect(() => runtime()).toThrow();
  });

  it('changes the passphrase, resets it with the recovery key, and records both in the audit log', async () => {
    const g = runtime();
    const { recoveryKey } = await setup(g);
    const wrong = await fail(g, 'vault.changePassphrase', { current: 'inte rätt alls här', next: 'en helt ny lösenfras', nextRepeat: 'en helt ny lösenfras' });
    expect(wrong.code).toBe('wrong_passphrase');
    await ok(g, 'vault.changePassphrase', { current: passphrase, next: 'en helt ny lösenfras', nextRepeat: 'en helt ny lösenfras' });
    await ok(g, 'vault.lock');
    expect((await fail(g, 'vault.unlock', { passphrase })).code).toBe('wrong_passphrase');
    await ok(g, 'vault.unlockWithRecoveryKey', { recoveryKey, newPassphrase: 'den tredje lösenfrasen', newPassphraseRepeat: 'den tredje lösenfrasen' });
    await ok(g, 'vault.lock');
    await ok(g, 'vault.unlock', { passphrase: 'den tredje lösenfrasen' });
    const audit = await ok<{ rows: { procedure: string; actor: string }[] }>(g, 'audit.list', { entity: 'vault' });
    expect(audit.rows.map((r) => r.procedure)).toEqual(['vault.unlockWithRecoveryKey', 'vault.changePassphrase']);
    expect(audit.rows.every((r) => r.actor === userName)).toBe(true);
  });

  it('stores the auto-lock time beside the database and locks after it', async () => {
    const g = runtime();
    await setup(g);
    expect((await fail(g, 'vault.setAutoLock', { minutes: 0 })).code).toBe('validation');
    expect((await ok<VaultStatusValue>(g, 'vault.setAutoLock', { minutes: 3 })).autoLockMinutes).toBe(3);
    g.close();
    const again = runtime();
    expect(await status(again)).toMatchObject({ state: 'locked', autoLockMinutes: 3 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await ok(again, 'vault.unlock', { passphrase });
    vi.advanceTimersByTime(2 * 60_000);
    await ok(again, 'units.list');
    vi.advanceTimersByTime(2 * 60_000);
    expect((await status(again)).state).toBe('unlocked');
    vi.advanceTimersByTime(60_000);
    expect((await status(again)).state).toBe('locked');
  });

  it('makes the daily backup after unlock and one on quit; restores by name only', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const g = runtime({ backupCheckMs: 60 * 60_000, firstBackupDelayMs: 10 });
    await setup(g);
    vi.advanceTimersByTime(20);
    const daily = await ok<BackupEntry[]>(g, 'backups.list');
    expect(daily).toHaveLength(1);
    expect(daily[0]).toMatchObject({ ok: true, beforeRestore: false });
    vi.useRealTimers();

    await ok(g, 'units.create', { name: unitName, kind: 'district' });
    const manual = await ok<BackupEntry>(g, 'backups.create');
    expect(manual.counts.units).toBeGreaterThan(daily[0]!.counts.units!);
    await ok(g, 'units.create', { name: 'Efter kopian', kind: 'district' });

    for (const name of ['../komet.db', '/etc/passwd', 'komet.keys.json', path.join(dir, 'komet.db')]) {
      expect((await fail(g, 'backups.restore', { name })).code).toBe('validation');
    }
    expect((await fail(g, 'backups.restore', { name: 'komet-20200101-000000.db' })).code).toBe('not_found');
    const restored = await ok<{ restored: string; beforeRestore: string | null }>(g, 'backups.restore', { name: manual.name });
    expect(restored.beforeRestore).toMatch(/before-restore/);
    const names = (await ok<{ name: string }[]>(g, 'units.list')).map((u) => u.name);
    expect(names).toContain(unitName);
    expect(names).not.toContain('Efter kopian');
    const audit = await ok<{ rows: { procedure: string; entityId: string }[] }>(g, 'audit.list', { entity: 'vault' });
    expect(audit.rows[0]).toMatchObject({ procedure: 'backups.restore', entityId: manual.name });

    const listed = () => fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^komet-.*\.db$/.test(n));
    const before = new Set(listed());
    g.close({ backup: true });
    // The retention ladder may thin out same-day copies; the quit backup itself is always there.
    expect(listed().filter((n) => !before.has(n))).toHaveLength(1);
  });

  it('announces the daily backup as a change of the backups alone, while a lock still changes everything', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Checked every minute, so that two checks come before the idle lock (ten minutes).
    const g = runtime({ backupCheckMs: 60_000, firstBackupDelayMs: 10 });
    await setup(g);
    const heard: ChangeEvent[] = [];
    const lockHeard: string[] = [];
    g.events.on((event) => heard.push(event));
    g.onLockChange((p) => lockHeard.push(p));
    vi.advanceTimersByTime(20);
    expect(await ok<BackupEntry[]>(g, 'backups.list')).toHaveLength(1);
    expect(heard).toEqual([{ source: 'local', procedure: 'backups.create', entities: ['backup'] }]);
    // The menu follows the lock state and the language; a backup moves neither.
    expect(lockHeard).toEqual([]);
    // Today's backup is made: the checks after it make none and say nothing.
    vi.advanceTimersByTime(2 * 60_000);
    expect(await ok<BackupEntry[]>(g, 'backups.list')).toHaveLength(1);
    expect(heard).toHaveLength(1);
    vi.useRealTimers();

    g.lock();
    expect(heard.slice(1)).toEqual([{ source: 'local', procedure: 'vault.status', entities: 'all' }]);
    expect(lockHeard).toEqual(['vault.status']);
  });

  it('announces a backup made by hand as a change of the backups alone, past the database feed that sync hears', async () => {
    const { g, heard, lockHeard, databaseFeed } = await listening();

    const made = await ok<BackupEntry>(g, 'backups.create');
    expect((await ok<BackupEntry[]>(g, 'backups.list')).map((b) => b.name)).toContain(made.name);
    expect(heard).toEqual([{ source: 'local', procedure: 'backups.create', entities: ['backup'] }]);
    expect(lockHeard).toEqual([]);
    expect(databaseFeed).toEqual([]);

    // A write to the data still goes through the database's feed, and on to the shells from there.
    await ok(g, 'units.create', { name: unitName, kind: 'district' });
    expect(databaseFeed).toEqual([{ source: 'local', procedure: 'units.create', entities: ['unit'] }]);
    expect(heard.slice(1)).toEqual(databaseFeed);

    // Restoring replaces the database: everything is re-read, as before.
    await ok(g, 'backups.restore', { name: made.name });
    expect(heard.at(-1)).toMatchObject({ source: 'local', entities: 'all' });
  });

  it('announces a new idle time as a change of the lock settings alone, past the database feed that sync hears', async () => {
    const { g, heard, lockHeard, databaseFeed } = await listening();

    expect((await ok<VaultStatusValue>(g, 'vault.setAutoLock', { minutes: 7 })).autoLockMinutes).toBe(7);
    expect(heard).toEqual([{ source: 'local', procedure: 'vault.setAutoLock', entities: ['vault'] }]);
    // The database stays open and unlocked: the menu has nothing to follow.
    expect(lockHeard).toEqual([]);
    expect(databaseFeed).toEqual([]);
    // The audit trail has the line the announcement tells the audit screen to read again.
    const audit = await ok<{ rows: { procedure: string }[] }>(g, 'audit.list', { entity: 'vault' });
    expect(audit.rows.map((r) => r.procedure)).toContain('vault.setAutoLock');

    // A refused value changes nothing and announces nothing.
    expect((await fail(g, 'vault.setAutoLock', { minutes: 0 })).code).toBe('validation');
    expect(heard).toHaveLength(1);

    // Locking still changes everything.
    g.lock();
    expect(heard.slice(1)).toEqual([{ source: 'local', procedure: 'vault.status', entities: 'all' }]);
  });

  it('offers the newest good backups when the database turns out damaged, and restores from there', async () => {
    const g = runtime();
    await setup(g);
    await ok(g, 'units.create', { name: unitName, kind: 'district' });
    const backup = await ok<BackupEntry>(g, 'backups.create');
    g.close();
    // Scribble over the first page (the encrypted header and schema): unreadable even with the key.
    const file = path.join(dir, 'komet.db');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    fs.closeSync(fd);

    const again = runtime();
    expect((await status(again)).state).toBe('locked');
    const damaged = await ok<VaultStatusValue>(again, 'vault.unlock', { passphrase });
    expect(damaged).toMatchObject({ state: 'damaged', userName, problem: { code: 'database_unreadable' } });
    expect(damaged.backups?.map((b) => b.name)).toEqual([backup.name]);
    expect((await fail(again, 'units.list')).code).toBe('locked');
    await ok(again, 'backups.restore', { name: backup.name });
    expect((await status(again)).state).toBe('unlocked');
    expect((await ok<{ name: string }[]>(again, 'units.list')).map((u) => u.name)).toContain(unitName);
    // The damaged file was kept beside the backups, raw, in case anything in it matters.
    expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.includes('before-restore'))).toBe(true);
  });

  it('reports a full disk while saving as io, keeps every committed row, and saves once space is freed', async (ctx) => {
    const disk = mountSmallDisk(dir, '6m');
    if ('skip' in disk) return ctx.skip(disk.skip);
    const { mount } = disk;
    try {
      const g = createRuntime({ dataDir: mount, shell: 'test', scrypt: testScrypt, backupCheckMs: 0 });
      try {
        await setup(g);
        const filler = path.join(mount, 'filler');
        try {
          fs.writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
        } catch {
          // ENOSPC is the point: the disk is now full to the last block.
        }
        let saved = 0;
        let failure: ErrorShape | undefined;
        for (let i = 0; i < 500 && !failure; i++) {
          const r = await g.call('units.create', { name: `Enhet nummer ${i} ${'x'.repeat(150)}`, kind: 'district' });
          if (r.ok) saved++;
          else failure = r.error;
        }
        expect(failure?.code).toBe('io');
        expect(failure?.message.sv).toMatch(/disken är full/);
        fs.rmSync(filler);
        const units = await ok<{ name: string }[]>(g, 'units.list');
        expect(units.filter((u) => u.name.startsWith('Enhet nummer'))).toHaveLength(saved);
        await ok(g, 'units.create', { name: 'Efter städningen', kind: 'district' });
        const integrity = g.app()!.db.sqlite.pragma('integrity_check') as { integrity_check: string }[];
        expect(integrity).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        g.close();
      }
    } finally {
      unmountSmallDisk(mount);
    }
  });
});
