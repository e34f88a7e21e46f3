/**
 * The process the crash harness kills. It does one kind of durable work in an endless loop and
 * reports each finished step on stdout only after it is durable, so the parent knows what must
 * survive a SIGKILL. Bundled once by crash-harness.ts and run with plain node.
 */
import fs from 'node:fs';
import { backupNow } from '../../src-main/core/backup';
import { openDatabase } from '../../src-main/core/db/open';
import { changePassphrase, rekeyVault } from '../../src-main/core/vault';

export interface CrashChildConfig {
  scenario: 'writes' | 'migrate' | 'backup' | 'passphrase' | 'rekey';
  dataDir: string;
  dbFile: string;
  keyHex: string;
  backupsDir: string;
  /** Rotated in order, so after reporting k the file may hold k or k+1, never another. */
  passphrases: string[];
  /** Index of the passphrase the key file holds now (passphrase scenario). */
  current: number;
  scrypt: { N: number; r: number; p: number };
  /** The vault's key file, when the scenario runs on one (backups then write their key copies). */
  keyFile?: string;
}

// Synchronous writes: a line is in the pipe before the next step starts.
const report = (line: string) => fs.writeSync(1, `${line}\n`);

async function main() {
  const config = JSON.parse(process.env.KOMET_CRASH_CONFIG ?? '{}') as CrashChildConfig;
  if (config.scenario === 'passphrase') {
    report('ready');
    const count = config.passphrases.length;
    for (let current = config.current; ; current = (current + 1) % count) {
      await changePassphrase({
        dataDir: config.dataDir,
        current: { passphrase: config.passphrases[current]! },
        next: config.passphrases[(current + 1) % count]!,
        scrypt: config.scrypt,
        backupsDir: config.backupsDir,
      });
      report(`p ${(current + 1) % count}`);
    }
  }
  if (config.scenario === 'rekey') {
    report('ready');
    const count = config.passphrases.length;
    for (let current = config.current; ; current = (current + 1) % count) {
      await rekeyVault({
        dataDir: config.dataDir,
        databasePath: config.dbFile,
        backupsDir: config.backupsDir,
        current: { passphrase: config.passphrases[current]! },
        next: config.passphrases[(current + 1) % count]!,
        scrypt: config.scrypt,
        isBackupName: (name) => /^komet-.*\.db$/.test(name),
      });
      report(`r ${(current + 1) % count}`);
    }
  }

  const key = Buffer.from(config.keyHex, 'hex');
  // Lets the parent aim its kill at creating and migrating the database.
  report('opening');
  const db = openDatabase(config.dbFile, { key });
  db.sqlite.exec('create table if not exists crash_rows (n integer not null, part integer not null, payload text not null, primary key (n, part))');
  const insert = db.sqlite.prepare('insert into crash_rows (n, part, payload) values (?, ?, ?)');
  // Several rows per transaction: all of them, or none, may be visible after a crash.
  const commit = db.sqlite.transaction((n: number) => {
    for (let part = 1; part <= 3; part++) insert.run(n, part, `row ${n}.${part} `.repeat(20));
  });
  let n = (db.sqlite.prepare('select coalesce(max(n), 0) as n from crash_rows').get() as { n: number }).n;
  report('ready');
  for (;;) {
    n += 1;
    commit(n);
    report(`c ${n}`);
    if (config.scenario === 'backup' && n % 8 === 0) {
      report('s');
      const info = backupNow(db, { dir: config.backupsDir, reason: 'manual', key, ...(config.keyFile ? { keyFile: config.keyFile } : {}) });
      report(`b ${info.name}`);
    }
  }
}

main().catch((err: unknown) => {
  report(`error ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  process.exit(1);
});
