import fs from 'node:fs';
import path from 'node:path';
import { createVaultSession } from '../../src-main/app/vault-session';
import { verifyDatabaseFile } from '../../src-main/core/backup';
import { openDatabase } from '../../src-main/core/db/open';
import { vacuumInto } from '../../src-main/core/repos/backup-repo';
import { readVaultInfo, unlockWithPassphrase } from '../../src-main/core/vault';
import type { BenchContext, BenchSection } from './context';
import { median } from './stats';

/**
 * Data safety: the bench database is unencrypted, so a copy of it goes through the same
 * first-run setup as a user's legacy database (key file with the production scrypt cost, then
 * encryption in place). On that vault: unlock with the passphrase (KDF + opening the database,
 * as the lock screen does) and one backup made and verified as "Säkerhetskopiera nu" makes it.
 * Each figure stands beside a reference taken in the same run on the same bytes (opening the copy
 * before it was encrypted, copying the file without verifying it), so a slow or busy machine shows
 * in both and the difference is what the vault costs.
 */

const passphrase = 'en lång lösenfras för mätningarna';
const unlockRuns = 5;

const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const reason = (err: unknown) => (err instanceof Error ? err.message : 'error');
const openRuns = 5;

/** Median wall time of opening and closing the database `openRuns` times. */
function timeOpens(databasePath: string, key?: Buffer): number {
  const times: number[] = [];
  for (let i = 0; i < openRuns; i++) {
    const started = performance.now();
    openDatabase(databasePath, key ? { key } : {}).close();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function measure(ctx: BenchContext, dataDir: string): Promise<void> {
  const databasePath = path.join(dataDir, 'komet.db');
  // VACUUM INTO reads in one transaction: a consistent copy whatever the bench's connection does.
  vacuumInto(ctx.app.db.sqlite, databasePath);
  const plainOpenMs = timeOpens(databasePath);
  const session = createVaultSession({ dataDir, databasePath, shell: 'cli', idleLockMs: 0 });
  try {
    const setupStarted = performance.now();
    await session.setup({ userName: 'Bänk Mätare', passphrase });
    const setupMs = performance.now() - setupStarted;
    const { N, r, p } = readVaultInfo(dataDir).scrypt;
    ctx.record(`vault: first-run setup of the copy (KDF + encrypt in place, scrypt N=2^${Math.log2(N)} r=${r} p=${p})`, '', seconds(setupMs));

    // CPU time beside wall time: scrypt runs on a pool thread, and a busy machine stretches only the wall.
    const unlocks: number[] = [];
    const unlockCpu: number[] = [];
    const kdfs: number[] = [];
    for (let i = 0; i < unlockRuns; i++) {
      session.lock('user');
      const cpu = process.cpuUsage();
      const started = performance.now();
      await session.unlock(passphrase);
      unlocks.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      unlockCpu.push((used.user + used.system) / 1000);
      if (session.status().state !== 'unlocked') throw new Error(`unlock ended ${session.status().state}`);
      const kdfStarted = performance.now();
      (await unlockWithPassphrase(dataDir, passphrase)).fill(0);
      kdfs.push(performance.now() - kdfStarted);
    }
    ctx.record(
      `vault: unlock with passphrase, KDF + open (median / max of ${unlockRuns}; median CPU)`,
      '< 1 s',
      `${seconds(median(unlocks))} / ${seconds(Math.max(...unlocks))}; CPU ${seconds(median(unlockCpu))}`,
    );
    ctx.record(`vault: of which the KDF alone, unwrapping the data key (median of ${unlockRuns})`, '', seconds(median(kdfs)));

    const backupCpu = process.cpuUsage();
    const backupStarted = performance.now();
    const backup = session.backupNow('manual');
    const backupMs = performance.now() - backupStarted;
    const backupUsed = process.cpuUsage(backupCpu);
    if (!backup.ok) throw new Error('the backup did not verify');
    ctx.record(
      'vault: verified backup, page copy + reopen + quick_check + row counts (wall / CPU / file size)',
      '< 10 s at scale 100',
      `${seconds(backupMs)} / ${seconds((backupUsed.user + backupUsed.system) / 1000)} / ${megabytes(backup.size)}`,
    );
    // Which half to speed up: the verification alone, repeated on the finished file.
    const key = await unlockWithPassphrase(dataDir, passphrase);
    try {
      const verifyStarted = performance.now();
      const again = verifyDatabaseFile(backup.file, key, 'fresh-copy');
      if (!again.ok) throw new Error('the backup did not verify a second time');
      ctx.record('vault: of which the verification alone (reopen + quick_check + row counts)', '', seconds(performance.now() - verifyStarted));
      const copyStarted = performance.now();
      fs.copyFileSync(backup.file, path.join(dataDir, 'plain-copy.db'));
      ctx.record('vault: reference, the same backup file copied without verification', '', `${ctx.ms(performance.now() - copyStarted)} ms`);
      // What unlocking adds after the KDF: opening with the key, against the same copy before encryption.
      ctx.record(`vault: of which opening the encrypted database with its key (median of ${openRuns})`, '', `${ctx.ms(timeOpens(databasePath, key))} ms`);
      ctx.record(`vault: reference, opening the same copy before it was encrypted (median of ${openRuns})`, '', `${ctx.ms(plainOpenMs)} ms`);
    } finally {
      key.fill(0);
    }
  } finally {
    session.dispose();
  }
}

export const vaultSection: BenchSection = async (ctx) => {
  const dataDir = path.join(ctx.dir, `vault-${ctx.scale}`);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    await measure(ctx, dataDir);
  } catch (err) {
    ctx.record('vault: unlock / verified backup', '', `n/a (${reason(err)})`);
  } finally {
    // The copy, its key file and the backup: none of it is needed after the figures.
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
