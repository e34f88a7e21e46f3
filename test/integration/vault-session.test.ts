import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startKomet, type StartOptions } from '../../src-main/app/komet-app';
import { createVaultSession, type VaultSessionOptions } from '../../src-main/app/vault-session';
import { openDatabase } from '../../src-main/core/db/open';
import { openSqliteFile } from '../../src-main/core/db/sqlite-file';
import { AppError } from '../../src-main/core/errors';
import { createVault, keyFilePath } from '../../src-main/core/vault';
import { rawDatabaseBytes, readMarker, sqliteHeader, tempDataDir, testScrypt, writeMarker } from '../helpers/crash-files';

const passphrase = 'en lång och hemlig lösenfras';
const marker = 'Britt-Marie Sessionsson';

let dir: string;
let cleanup: () => void;
let keysSeen: Buffer[];
let clockMs: number;
beforeEach(() => {
  ({ dir, cleanup } = tempDataDir('komet-session-'));
  keysSeen = [];
  clockMs = 1_000_000;
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

function session(over: Partial<VaultSessionOptions> = {}) {
  return createVaultSession({
    dataDir: dir,
    shell: 'test',
    scrypt: testScrypt,
    nowMs: () => clockMs,
    // Sees the key the way startKomet does, to check that locking overwrites it.
    start: (options: StartOptions) => {
      keysSeen.push(options.key!);
      return startKomet(options);
    },
    ...over,
  });
}

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('vault session', () => {
  it('sets up, locks (closing the database and zeroing the key) and unlocks again', async () => {
    const s = session();
    expect(s.status()).toEqual({ state: 'new' });
    const changes: string[] = [];
    s.onChange((state, reason) => changes.push(`${state.state}${reason ? `:${reason}` : ''}`));

    const { recoveryKey } = await s.setup({ userName: 'Ada', passphrase });
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    expect(s.status()).toEqual({ state: 'unlocked', userName: 'Ada' });
    writeMarker(s.app().db, marker);
    expect((await s.app().call('app.info', {})).ok).toBe(true);

    const db = s.app().db;
    s.lock();
    expect(s.status()).toMatchObject({ state: 'locked', userName: 'Ada', retryAfterMs: 0 });
    expect(db.sqlite.open).toBe(false);
    expect(keysSeen[0]!.equals(Buffer.alloc(32))).toBe(true);
    expect(await codeOf(() => s.app())).toBe('locked');
    expect(await codeOf(() => s.backupNow())).toBe('locked');
    const bytes = rawDatabaseBytes(path.join(dir, 'komet.db'));
    expect(bytes.includes(sqliteHeader) || bytes.includes(Buffer.from(marker))).toBe(false);

    await s.unlock(passphrase);
    expect(readMarker(s.app().db, marker)).toBe(marker);
    s.dispose();
    expect(changes).toEqual(['unlocked', 'locked:user', 'unlocked', 'locked:dispose']);
    expect(await codeOf(() => s.setup({ userName: 'Ada', passphrase }))).toBe('conflict');
  });

  it('slows down repeated wrong passphrases and forgives after a success', async () => {
    const s = session();
    await s.setup({ userName: 'Ada', passphrase });
    s.lock();
    for (let i = 0; i < 3; i++) expect(await codeOf(() => s.unlock('fel fel fel fel fel'))).toBe('wrong_passphrase');
    expect(s.status()).toMatchObject({ state: 'locked', retryAfterMs: 1000 });
    // Even the right passphrase waits: the delay is not a hint about correctness.
    expect(await codeOf(() => s.unlock(passphrase))).toBe('too_many_attempts');
    clockMs += 1000;
    expect(await codeOf(() => s.unlock('fel igen fel igen'))).toBe('wrong_passphrase');
    expect(s.status()).toMatchObject({ retryAfterMs: 2000 });
    clockMs += 2000;
    await s.unlock(passphrase);
    s.lock();
    expect(await codeOf(() => s.unlock('fel fel fel fel fel'))).toBe('wrong_passphrase');
    expect(s.status()).toMatchObject({ retryAfterMs: 0 });
    s.dispose();
  });

  it('locks itself when idle, and activity postpones it', async () => {
    const s = session({ idleLockMs: 60_000 });
    await s.setup({ userName: 'Ada', passphrase });
    vi.useFakeTimers();
    s.touch();
    vi.advanceTimersByTime(59_000);
    s.touch();
    vi.advanceTimersByTime(59_000);
    expect(s.status().state).toBe('unlocked');
    vi.advanceTimersByTime(1_000);
    expect(s.status().state).toBe('locked');
    vi.useRealTimers();
    await s.unlock(passphrase);
    s.setIdleLockMs(0);
    expect(s.status().state).toBe('unlocked');
    s.dispose();
  });

  it('recovers with the recovery key and sets a new passphrase; changes it while unlocked', async () => {
    const s = session();
    const { recoveryKey } = await s.setup({ userName: 'Ada', passphrase });
    s.lock();
    await s.unlockWithRecoveryKey(recoveryKey, 'den nya lösenfrasen är här');
    expect(s.status().state).toBe('unlocked');
    expect(await codeOf(() => s.changePassphrase(passphrase, 'vilken som helst 123'))).toBe('wrong_passphrase');
    await s.changePassphrase('den nya lösenfrasen är här', 'och en till efter den');
    s.lock();
    expect(await codeOf(() => s.unlock('den nya lösenfrasen är här'))).toBe('wrong_passphrase');
    await s.unlock('och en till efter den');
    s.dispose();
  });

  it('encrypts a legacy plaintext database at setup and finishes an interrupted setup at unlock', async () => {
    const file = path.join(dir, 'komet.db');
    const plain = openDatabase(file);
    writeMarker(plain, marker);
    plain.close();
    const s = session();
    expect(s.status()).toEqual({ state: 'legacy' });
    await s.setup({ userName: 'Ada', passphrase });
    expect(readMarker(s.app().db, marker)).toBe(marker);
    s.dispose();
    expect(rawDatabaseBytes(file).includes(Buffer.from(marker))).toBe(false);

    // Killed after writing the key file but before encrypting: the next unlock finishes the job.
    const other = tempDataDir('komet-session-');
    try {
      const plain2 = openDatabase(path.join(other.dir, 'komet.db'));
      writeMarker(plain2, marker);
      plain2.close();
      await createVault({ dataDir: other.dir, userName: 'Ada', passphrase, scrypt: testScrypt });
      const s2 = createVaultSession({ dataDir: other.dir, shell: 'test' });
      expect(s2.status()).toMatchObject({ state: 'locked' });
      await s2.unlock(passphrase);
      expect(readMarker(s2.app().db, marker)).toBe(marker);
      s2.dispose();
      expect(rawDatabaseBytes(path.join(other.dir, 'komet.db')).includes(sqliteHeader)).toBe(false);
    } finally {
      other.cleanup();
    }
  });

  it('shows a missing key file as a locked state with a problem, and refuses to unlock', async () => {
    const s = session();
    await s.setup({ userName: 'Ada', passphrase });
    s.dispose();
    fs.renameSync(keyFilePath(dir), `${keyFilePath(dir)}.away`);
    expect(s.status()).toMatchObject({ state: 'locked', userName: null, problem: { code: 'key_file_damaged' } });
    expect(await codeOf(() => s.unlock(passphrase))).toBe('key_file_damaged');
    // Backups keep a copy of the key file; putting it back is the way out.
    fs.renameSync(`${keyFilePath(dir)}.away`, keyFilePath(dir));
    await s.unlock(passphrase);
    s.dispose();
  });

  it('a database another program holds locked is in use, not damaged: no backup is offered and it opens once let go', { timeout: 30_000 }, async () => {
    const keys: Buffer[] = [];
    const s = session({
      start: (options: StartOptions) => {
        keys.push(Buffer.from(options.key!));
        return startKomet(options);
      },
    });
    await s.setup({ userName: 'Ada', passphrase });
    writeMarker(s.app().db, marker);
    s.lock();
    // Another program with the key takes the file for itself (SQLite's exclusive locking mode
    // keeps its lock until it closes), as a copy or sync tool might.
    // Set before its first read, the mode holds the file (the WAL included) from that read on.
    const holder = openSqliteFile(path.join(dir, 'komet.db'), { key: keys[0]! });
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.prepare('select count(*) from sqlite_master').get();
    try {
      expect(await codeOf(() => s.unlock(passphrase))).toBe('in_use');
      expect(s.status()).toMatchObject({ state: 'locked', userName: 'Ada' });
      expect(s.status()).not.toHaveProperty('problem');
    } finally {
      holder.close();
    }
    await s.unlock(passphrase);
    expect(readMarker(s.app().db, marker)).toBe(marker);
    s.dispose();
  });

  it('backs up and restores through the session, reopening the database', async () => {
    const s = session();
    await s.setup({ userName: 'Ada', passphrase });
    writeMarker(s.app().db, marker);
    const backup = s.backupNow();
    expect(fs.existsSync(`${backup.file}.keys.json`)).toBe(true);
    expect(s.backupIfDue()).toBeNull();
    writeMarker(s.app().db, 'Ändrad efteråt-xyz12');
    s.app().db.sqlite.prepare('delete from settings where key = ?').run(`marker-${marker.length}`);
    expect(readMarker(s.app().db, marker)).toBeUndefined();
    const result = s.restore(backup.file);
    expect(result.beforeRestore).not.toBeNull();
    expect(readMarker(s.app().db, marker)).toBe(marker);
    expect(s.listBackups().map((b) => b.ok)).toEqual([true, true]);
    expect(await codeOf(() => s.restore(path.join(dir, 'komet.keys.json')))).toBe('database_unreadable');
    expect(s.status().state).toBe('unlocked');
    s.lock();
    expect(await codeOf(() => s.restore(backup.file))).toBe('locked');
  });
});
