import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupNow, removeStaleBackupTemps, verifyDatabaseFile } from '../../src-main/core/backup';
import { openDatabase } from '../../src-main/core/db/open';
import { readJournal } from '../../src-main/core/db/migrate';
import {
  createVault,
  finishInterruptedRekey,
  keyFilePath,
  readKeyFileAt,
  unlockKeyring,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  writeKeyCopy,
} from '../../src-main/core/vault';
import type { CrashChildConfig } from '../helpers/crash-child';
import { tempDataDir, testScrypt } from '../helpers/crash-files';
import { bundleCrashChild, cleanBundle, runAndKill, seededRandom, type KillPlan } from '../helpers/crash-harness';

/**
 * SIGKILL at random moments, then: integrity_check ok, every transaction reported committed is
 * there, no transaction is half there. CI runs over 200 kills; locally a quick sample.
 */
const ci = process.env.CI === 'true' || process.env.CI === '1';
const kills = ci ? { writes: 80, migrate: 30, backup: 50, passphrase: 50, rekey: 40 } : { writes: 10, migrate: 6, backup: 8, passphrase: 8, rekey: 8 };
const lanes = 2;
const seed = Number(process.env.KOMET_CRASH_SEED ?? Date.now() % 1_000_000);
const timeout = 180_000;

let childFile: string;
const dirs: (() => void)[] = [];
beforeAll(async () => {
  console.log(`crash harness: seed ${seed} (repeat with KOMET_CRASH_SEED=${seed}), ${ci ? 'CI' : 'local'} kill counts`, kills);
  childFile = await bundleCrashChild();
}, 60_000);
afterAll(() => {
  cleanBundle(childFile);
  for (const cleanup of dirs) cleanup();
});

function lane(scenario: CrashChildConfig['scenario'], index: number): CrashChildConfig {
  const { dir, cleanup } = tempDataDir(`komet-crash-${scenario}-`);
  dirs.push(cleanup);
  return {
    scenario,
    dataDir: dir,
    dbFile: path.join(dir, 'komet.db'),
    keyHex: crypto.randomBytes(32).toString('hex'),
    backupsDir: path.join(dir, 'backups'),
    passphrases: [`första lösenfrasen ${index}`, `andra lösenfrasen ${index}`, `tredje lösenfrasen ${index}`],
    current: 0,
    scrypt: testScrypt,
  };
}

const keyCopiesIn = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.db.keys.json'))
        .map((n) => path.join(dir, n))
    : [];

/** The one passphrase (of those allowed) that opens a key file, and the key it gives. */
async function opensWithOneOf(keyFile: string, passphrases: string[], allowed: number[]): Promise<{ index: number; key: string }> {
  const opened: { index: number; key: string }[] = [];
  for (let i = 0; i < passphrases.length; i++) {
    try {
      opened.push({ index: i, key: (await unlockKeyring(keyFile, { passphrase: passphrases[i]! })).ring.key.toString('hex') });
    } catch (err) {
      expect((err as { code?: string }).code).toBe('wrong_passphrase');
    }
  }
  expect(opened, keyFile).toHaveLength(1);
  expect(allowed, keyFile).toContain(opened[0]!.index);
  return opened[0]!;
}

const committed = (lines: string[]) => lines.filter((l) => l.startsWith('c ')).map((l) => Number(l.slice(2)));

/** Opens as the app would after the crash and checks the three promises. */
function checkDatabase(config: CrashChildConfig, reported: number): { max: number } {
  const db = openDatabase(config.dbFile, { key: Buffer.from(config.keyHex, 'hex') });
  try {
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const hasRows = db.sqlite.prepare("select 1 from sqlite_master where name = 'crash_rows'").get();
    if (!hasRows) {
      expect(reported).toBe(0);
      return { max: 0 };
    }
    const half = db.sqlite.prepare('select n, count(*) as parts from crash_rows group by n having parts <> 3').all();
    expect(half).toEqual([]);
    const stats = db.sqlite.prepare('select count(distinct n) as d, coalesce(max(n), 0) as m from crash_rows').get() as { d: number; m: number };
    expect(stats.d).toBe(stats.m); // numbered 1..m without gaps
    expect(stats.m).toBeGreaterThanOrEqual(reported);
    return { max: stats.m };
  } finally {
    db.close();
  }
}

async function runLanes(scenario: CrashChildConfig['scenario'], total: number, step: (config: CrashChildConfig, random: () => number) => Promise<void>) {
  const perLane = Math.ceil(total / lanes);
  await Promise.all(
    Array.from({ length: lanes }, async (_, i) => {
      const config = lane(scenario, i);
      const random = seededRandom(seed * 31 + i * 7 + scenario.length);
      for (let k = 0; k < perLane; k++) await step(config, random);
    }),
  );
  return perLane * lanes;
}

describe('crash safety under SIGKILL', () => {
  it('ordinary writes: nothing committed lost, nothing half-written', { timeout }, async () => {
    let reportedTotal = 0;
    const done = await runLanes('writes', kills.writes, async (config, random) => {
      const { lines, killed } = await runAndKill(childFile, config, { delayMs: 5 + random() * 150 });
      expect(killed).toBe(true);
      const reported = Math.max(0, ...committed(lines));
      reportedTotal += committed(lines).length;
      checkDatabase(config, reported);
    });
    console.log(`crash writes: ${done} kills, ${reportedTotal} reported commits all present`);
  });

  it('first start: killed while creating and migrating the database, it opens afterwards', { timeout }, async () => {
    const migrations = readJournal(path.resolve(import.meta.dirname, '../../drizzle')).entries.length;
    let beforeReady = 0;
    const done = await runLanes('migrate', kills.migrate, async (config, random) => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(config.dbFile + suffix, { force: true });
      const { lines } = await runAndKill(childFile, config, { delayMs: 0, trigger: { prefix: 'opening', delayMs: random() * 40 } });
      if (!lines.includes('ready')) beforeReady += 1;
      checkDatabase(config, Math.max(0, ...committed(lines)));
      const db = openDatabase(config.dbFile, { key: Buffer.from(config.keyHex, 'hex') });
      expect((db.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(migrations);
      db.close();
    });
    console.log(`crash migrate: ${done} kills, ${beforeReady} before the database was created and migrated`);
  });

  it('during backups: the database survives and every finished backup verifies and opens on its own', { timeout }, async () => {
    let backupsChecked = 0;
    const done = await runLanes('backup', kills.backup, async (config, random) => {
      if (!config.keyFile) {
        const created = await createVault({ dataDir: config.dataDir, userName: 'Krock Testare', passphrase: config.passphrases[0]!, scrypt: testScrypt });
        config.keyHex = created.dataKey.toString('hex');
        config.keyFile = keyFilePath(config.dataDir);
      }
      const plan: KillPlan = random() < 0.6 ? { delayMs: 0, trigger: { prefix: 's', delayMs: random() * 50 } } : { delayMs: 5 + random() * 150 };
      const { lines } = await runAndKill(childFile, config, plan);
      checkDatabase(config, Math.max(0, ...committed(lines)));
      const key = Buffer.from(config.keyHex, 'hex');
      const names = fs.existsSync(config.backupsDir) ? fs.readdirSync(config.backupsDir) : [];
      const finished = names.filter((name) => /^komet-.*\.db$/.test(name));
      for (const reported of lines.filter((l) => l.startsWith('b ')).map((l) => l.slice(2))) {
        expect(finished).toContain(reported);
      }
      for (const name of finished) {
        const file = path.join(config.backupsDir, name);
        expect([name, verifyDatabaseFile(file, key).ok]).toEqual([name, true]);
        // The key copy is written before the backup gets its name: a named backup always has it.
        const own = await unlockKeyring(`${file}.keys.json`, { passphrase: config.passphrases[0]! });
        expect([name, own.ring.key.toString('hex')]).toEqual([name, config.keyHex]);
        backupsChecked += 1;
        fs.rmSync(file); // keep the folder small; each backup is checked once
        fs.rmSync(`${file}.keys.json`);
      }
      removeStaleBackupTemps(config.backupsDir);
    });
    console.log(`crash backup: ${done} kills, ${backupsChecked} finished backups verified`);
  });

  it('during passphrase changes: the old or the new passphrase opens, never neither, the backups’ key copies too', { timeout }, async () => {
    let changes = 0;
    const done = await runLanes('passphrase', kills.passphrase, async (config, random) => {
      if (config.current === 0 && !fs.existsSync(path.join(config.dataDir, 'komet.keys.json'))) {
        const created = await createVault({ dataDir: config.dataDir, userName: 'Krock Testare', passphrase: config.passphrases[0]!, scrypt: testScrypt });
        config.keyHex = created.dataKey.toString('hex');
        fs.writeFileSync(path.join(config.dataDir, 'recovery.txt'), created.recoveryKey);
        // Key copies of two backups, rewrapped by every change (the backups themselves play no part).
        for (const name of ['komet-20250101-120000.db', 'komet-20250102-120000.db']) {
          writeKeyCopy(path.join(config.backupsDir, name), readKeyFileAt(keyFilePath(config.dataDir)));
        }
      }
      const { lines } = await runAndKill(childFile, config, { delayMs: 2 + random() * 600 });
      const reports = lines.filter((l) => l.startsWith('p ')).map((l) => Number(l.slice(2)));
      changes += reports.length;
      const last = reports.at(-1) ?? config.current;
      const count = config.passphrases.length;
      const opens: number[] = [];
      for (let i = 0; i < count; i++) {
        try {
          expect((await unlockWithPassphrase(config.dataDir, config.passphrases[i]!)).toString('hex')).toBe(config.keyHex);
          opens.push(i);
        } catch (err) {
          expect((err as { code?: string }).code).toBe('wrong_passphrase');
        }
      }
      // Exactly one passphrase opens: the last one reported, or the one a finished but
      // unreported change moved to.
      expect(opens).toHaveLength(1);
      expect([last, (last + 1) % count]).toContain(opens[0]);
      const recovery = fs.readFileSync(path.join(config.dataDir, 'recovery.txt'), 'utf8');
      expect(unlockWithRecoveryKey(config.dataDir, recovery).toString('hex')).toBe(config.keyHex);
      // Copies are rewrapped before the key file: each opens with its passphrase or the next one.
      for (const copy of keyCopiesIn(config.backupsDir)) {
        const by = await opensWithOneOf(copy, config.passphrases, [opens[0]!, (opens[0]! + 1) % count]);
        expect([copy, by.key]).toEqual([copy, config.keyHex]);
        expect((await unlockKeyring(copy, { recoveryKey: recovery })).ring.key.toString('hex')).toBe(config.keyHex);
      }
      config.current = opens[0]!;
    });
    console.log(`crash passphrase: ${done} kills, ${changes} reported changes`);
  });

  it('during rekeys: the database opens with the old or the new key file, and every backup with its key copy', { timeout }, async () => {
    let rekeys = 0;
    const rows = 24;
    const done = await runLanes('rekey', kills.rekey, async (config, random) => {
      if (!fs.existsSync(keyFilePath(config.dataDir))) {
        const created = await createVault({ dataDir: config.dataDir, userName: 'Krock Testare', passphrase: config.passphrases[0]!, scrypt: testScrypt });
        const db = openDatabase(config.dbFile, { key: created.dataKey });
        db.sqlite.exec('create table crash_rows (n integer not null, part integer not null, payload text not null, primary key (n, part))');
        const insert = db.sqlite.prepare('insert into crash_rows (n, part, payload) values (?, ?, 1)');
        for (let n = 1; n <= rows / 3; n++) for (let part = 1; part <= 3; part++) insert.run(n, part);
        for (const at of ['2025-01-01T12:00:00', '2025-01-02T12:00:00']) {
          backupNow(db, { dir: config.backupsDir, reason: 'manual', key: created.dataKey, keyFile: keyFilePath(config.dataDir), now: new Date(at) });
        }
        db.close();
      }
      // A rekey copies the database and rewraps every copy: a wider window reaches its later steps.
      const { lines } = await runAndKill(childFile, config, { delayMs: 2 + random() * 1500 });
      const reports = lines.filter((l) => l.startsWith('r ')).map((l) => Number(l.slice(2)));
      rekeys += reports.length;
      const last = reports.at(-1) ?? config.current;
      const count = config.passphrases.length;
      // Exactly one passphrase opens the key file: the last reported, or the next one.
      const main = await opensWithOneOf(keyFilePath(config.dataDir), config.passphrases, [last, (last + 1) % count]);
      const key = Buffer.from(main.key, 'hex');
      // What the next unlock does first, then the database must open under that key file's key.
      finishInterruptedRekey(config.dbFile, key);
      config.keyHex = main.key;
      checkDatabase(config, rows / 3);
      const db = openDatabase(config.dbFile, { key });
      expect((db.sqlite.prepare('select count(*) as n from crash_rows').get() as { n: number }).n).toBe(rows);
      db.close();
      for (const copy of keyCopiesIn(config.backupsDir)) {
        const by = await opensWithOneOf(copy, config.passphrases, [main.index, (main.index + 1) % count]);
        expect([copy, verifyDatabaseFile(copy.slice(0, -'.keys.json'.length), Buffer.from(by.key, 'hex')).ok]).toEqual([copy, true]);
      }
      expect(fs.readdirSync(config.dataDir).filter((n) => n.includes('.tmp-'))).toEqual([]);
      config.current = main.index;
    });
    console.log(`crash rekey: ${done} kills, ${rekeys} reported rekeys`);
  });
});
