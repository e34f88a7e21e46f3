import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKomet } from '../../src-main/app/komet-app';
import { backupIfDue, backupNow, backupsDirOf, listBackups, restoreBackup, verifyDatabaseFile } from '../../src-main/core/backup';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { openDatabase, type KometDb } from '../../src-main/core/db/open';
import { AppError } from '../../src-main/core/errors';
import { openConnection } from '../../src-main/core/repos/backup-repo';
import { createVault, unlockKeyring } from '../../src-main/core/vault';
import { rawDatabaseBytes, readMarker, sqliteHeader, tempDataDir, testScrypt, writeMarker } from '../helpers/crash-files';

const vaultPassphrase = 'säkerhetskopiornas lösenfras';

const markerA = 'Karin Backupsdotter';
const markerB = 'Sven Senare-Ändring';

let dir: string;
let cleanup: () => void;
let key: Buffer;
let dbFile: string;
let backups: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDataDir('komet-backup-'));
  key = crypto.randomBytes(32);
  dbFile = path.join(dir, 'komet.db');
  backups = backupsDirOf(dir);
});
afterEach(() => cleanup());

const at = (iso: string) => new Date(iso);
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const dirState = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d).sort() : []);

function withDb<T>(run: (db: KometDb) => T, k: Buffer | undefined = key): T {
  const db = openDatabase(dbFile, k ? { key: k } : {});
  try {
    return run(db);
  } finally {
    db.close();
  }
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('backupNow', () => {
  it('writes a verified copy that stays encrypted with the same key, with its own key copy beside it', async () => {
    ({ dataKey: key } = await createVault({ dataDir: dir, userName: 'Bo Backup', passphrase: vaultPassphrase, scrypt: testScrypt }));
    const info = withDb((db) => {
      writeMarker(db, markerA);
      return backupNow(db, { dir: backups, reason: 'manual', key, keyFile: path.join(dir, 'komet.keys.json'), now: at('2025-03-04T05:06:07') });
    });
    expect(info.name).toBe('komet-20250304-050607.db');
    expect(info.ok).toBe(true);
    expect(info.counts.settings).toBeGreaterThan(0);
    expect(info.counts).toHaveProperty('audit_log');
    expect(dirState(backups)).toEqual(['komet-20250304-050607.db', 'komet-20250304-050607.db.keys.json']);
    const ownKeys = await unlockKeyring(`${info.file}.keys.json`, { passphrase: vaultPassphrase });
    expect(ownKeys.ring.key.equals(key)).toBe(true);

    const bytes = rawDatabaseBytes(info.file);
    expect(bytes.includes(sqliteHeader)).toBe(false);
    expect(bytes.includes(Buffer.from(markerA))).toBe(false);
    expect(verifyDatabaseFile(info.file, crypto.randomBytes(32))).toMatchObject({ ok: false, problem: 'unreadable' });
    const copy = openDatabase(info.file, { key, readOnly: true });
    expect(readMarker(copy, markerA)).toBe(markerA);
    copy.close();
  });

  it('carries commits still in the WAL, from this and another connection, into one self-contained file', () => {
    const walOnly = 'Walter Ocheckpointad-Bäck';
    const info = withDb((db) => {
      const other = openDatabase(dbFile, { key });
      const reader = openDatabase(dbFile, { key });
      try {
        for (const c of [db, other]) c.sqlite.pragma('wal_autocheckpoint = 0');
        writeMarker(db, markerA);
        // A reader whose snapshot predates the next commit keeps that commit's frames in the WAL.
        reader.sqlite.exec('begin');
        reader.sqlite.prepare('select count(*) from settings').get();
        writeMarker(other, walOnly);
        expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);
        return backupNow(db, { dir: backups, reason: 'manual', key, now: at('2025-03-04T05:06:07') });
      } finally {
        reader.sqlite.exec('rollback');
        reader.close();
        other.close();
      }
    });
    expect(dirState(backups)).toEqual(['komet-20250304-050607.db']);
    const bytes = rawDatabaseBytes(info.file);
    expect(bytes.includes(sqliteHeader)).toBe(false);
    expect(bytes.includes(Buffer.from(walOnly))).toBe(false);
    const copy = openDatabase(info.file, { key, readOnly: true });
    try {
      expect(readMarker(copy, markerA)).toBe(markerA);
      expect(readMarker(copy, walOnly)).toBe(walOnly);
    } finally {
      copy.close();
    }
    expect(verifyDatabaseFile(info.file, key)).toMatchObject({ ok: true, encrypted: true });
  });

  it('creates the folders it needs for the user alone', (ctx) => {
    if (process.platform === 'win32') return ctx.skip('Windows folders take their permissions from the profile, not a mode');
    const nested = path.join(dir, 'ny', 'mapp');
    const db = openDatabase(path.join(nested, 'komet.db'), { key });
    try {
      backupNow(db, { dir: path.join(nested, 'backups'), reason: 'manual', key });
    } finally {
      db.close();
    }
    for (const folder of [path.join(dir, 'ny'), nested, path.join(nested, 'backups')]) {
      expect((fs.statSync(folder).mode & 0o777).toString(8)).toBe('700');
    }
  });

  it('names two backups in the same second apart and leaves no temp files', () => {
    const names = withDb((db) => [1, 2, 3].map(() => backupNow(db, { dir: backups, reason: 'quit', key, now: at('2025-03-04T05:06:07') }).name));
    expect(names).toEqual(['komet-20250304-050607.db', 'komet-20250304-050607-2.db', 'komet-20250304-050607-3.db']);
    expect(dirState(backups).filter((n) => !n.endsWith('.db'))).toEqual([]);
  });

  it('reports a folder it cannot write clearly, leaving the database untouched', (ctx) => {
    // Root ignores permission bits, so as root write into sysfs, which refuses everyone.
    const asRoot = process.getuid?.() === 0;
    if (process.platform === 'win32' || (asRoot && process.platform !== 'linux')) return ctx.skip('no unwritable folder available on this platform and user');
    const target = asRoot ? '/sys/komet-backup-test' : path.join(dir, 'read-only');
    if (!asRoot) fs.mkdirSync(target, { mode: 0o500 });
    const before = withDb((db) => db.sqlite.prepare('select count(*) as n from settings').get());
    const err = refusal(() => withDb((db) => backupNow(db, { dir: target, reason: 'manual', key })));
    expect(err.code).toBe('io');
    expect(err.messages.sv).toMatch(/skrivskyddad/);
    expect(withDb((db) => db.sqlite.prepare('select count(*) as n from settings').get())).toEqual(before);
    if (!asRoot) expect(dirState(target)).toEqual([]);
  });

  it('writes to an exact file when asked (komet backup --out), never over an existing one', () => {
    const out = path.join(dir, 'elsewhere', 'mine.db');
    const info = withDb((db) => backupNow(db, { dir: backups, reason: 'manual', key, file: out }));
    expect(info.file).toBe(out);
    expect(verifyDatabaseFile(out, key).ok).toBe(true);
    expect(refusal(() => withDb((db) => backupNow(db, { dir: backups, reason: 'manual', key, file: out }))).code).toBe('conflict');
  });

  it('writes the copy for the user alone, whatever the database file allows', (ctx) => {
    if (process.platform === 'win32') return ctx.skip('Windows files take their permissions from the folder, not a mode');
    withDb((db) => writeMarker(db, markerA));
    fs.chmodSync(dbFile, 0o644);
    const out = path.join(dir, 'delad', 'kopia.db');
    const info = withDb((db) => backupNow(db, { dir: backups, reason: 'manual', key, file: out }));
    expect((fs.statSync(info.file).mode & 0o777).toString(8)).toBe('600');
    const copy = openDatabase(info.file, { key });
    try {
      expect(readMarker(copy, markerA)).toBe(markerA);
    } finally {
      copy.close();
    }
  });

  it('verifies a fresh copy with the quick check, which still finds one damaged byte on any page', () => {
    const app = startKomet({ dataDir: dir, shell: 'test', key });
    let info;
    try {
      addDemoData(app.db, { scale: 1, seed: 3, today: '2025-06-01' });
      info = backupNow(app.db, { dir: backups, reason: 'manual', key });
    } finally {
      app.close();
    }
    const pageSize = 4096;
    const pages = info.size / pageSize;
    expect(pages).toBeGreaterThan(50);
    const sound = verifyDatabaseFile(info.file, key, 'fresh-copy');
    expect(sound).toMatchObject({ ok: true, counts: info.counts });
    expect(verifyDatabaseFile(info.file, key, 'full').counts).toEqual(sound.counts);

    // Damage on a page of the schema (page 1 and the schema's other pages, wherever the file has
    // them) leaves the copy unreadable; damage on a page of a table or index must be found by the
    // quick check. The root pages of large tables are such pages wherever the schema
    // lies, and every page of a vacuumed file (no free pages) is one or the other.
    const roots = (() => {
      const copy = openConnection(info.file, { key, readonly: true });
      try {
        return copy
          .prepare("select rootpage from sqlite_master where name in ('attendance', 'participants', 'sessions', 'outcome_scores')")
          .pluck()
          .all() as number[];
      } finally {
        copy.close();
      }
    })();
    expect(roots).toHaveLength(4);
    for (const page of [2, Math.floor(pages / 2), pages - 1, pages, ...roots]) {
      const damaged = path.join(dir, `damaged-${page}.db`);
      const bytes = fs.readFileSync(info.file);
      bytes[(page - 1) * pageSize + 300]! ^= 0x01;
      fs.writeFileSync(damaged, bytes);
      const v = verifyDatabaseFile(damaged, key, 'fresh-copy');
      expect(v.ok, `page ${page}`).toBe(false);
      expect(['damaged', 'unreadable'], `page ${page}`).toContain(v.problem);
      if (roots.includes(page)) expect(v.problem, `page ${page}`).toBe('damaged');
    }
  });

  it('backs up once a day when due', () => {
    withDb((db) => {
      expect(backupIfDue(db, { dir: backups, key, now: at('2025-03-04T08:00:00') })?.name).toBe('komet-20250304-080000.db');
      expect(backupIfDue(db, { dir: backups, key, now: at('2025-03-04T23:59:00') })).toBeNull();
      expect(backupIfDue(db, { dir: backups, key, now: at('2025-03-05T00:00:01') })?.name).toBe('komet-20250305-000001.db');
    });
  });

  it('lists backups newest first with row counts, flagging the ones that do not verify', () => {
    withDb((db) => {
      backupNow(db, { dir: backups, reason: 'daily', key, now: at('2025-03-01T10:00:00') });
      writeMarker(db, markerA);
      backupNow(db, { dir: backups, reason: 'daily', key, now: at('2025-03-02T10:00:00') });
    });
    fs.writeFileSync(path.join(backups, 'komet-20250303-100000.db'), crypto.randomBytes(8192));
    fs.writeFileSync(path.join(backups, '.komet-backup-123-abcd.tmp'), 'half a backup');
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'not a backup');
    const list = listBackups(backups, key);
    expect(list.map((b) => [b.name, b.ok, b.problem])).toEqual([
      ['komet-20250303-100000.db', false, 'unreadable'],
      ['komet-20250302-100000.db', true, undefined],
      ['komet-20250301-100000.db', true, undefined],
    ]);
    expect(list[1]!.counts.settings).toBe(list[2]!.counts.settings! + 1);
    expect(list[1]!.size).toBeGreaterThan(0);
    expect(list[1]!.date.getDate()).toBe(2);
  });
});

describe('restoreBackup', () => {
  it('round-trips: restores the old state and first saves the current one', () => {
    const backup = withDb((db) => {
      writeMarker(db, markerA);
      return backupNow(db, { dir: backups, reason: 'daily', key, now: at('2025-03-01T10:00:00') });
    });
    withDb((db) => writeMarker(db, markerB)); // same key (length) → overwrites the marker row
    const result = restoreBackup(backup.file, { dataDir: dir, key, now: at('2025-03-02T12:00:00') });
    expect(result.beforeRestore).toMatchObject({ name: 'komet-20250302-120000-before-restore.db', ok: true });
    withDb((db) => {
      expect(readMarker(db, markerA)).toBe(markerA);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    });
    const saved = openDatabase(path.join(backups, 'komet-20250302-120000-before-restore.db'), { key, readOnly: true });
    expect(readMarker(saved, markerB)).toBe(markerB);
    saved.close();
    expect(rawDatabaseBytes(dbFile).includes(sqliteHeader)).toBe(false);
    expect(dirState(dir).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('refuses a non-database, a foreign key, a foreign database and a plaintext copy, touching nothing', () => {
    withDb((db) => writeMarker(db, markerA));
    const foreign = path.join(dir, 'elsewhere');
    fs.mkdirSync(foreign);
    const cases: [string, () => void, string][] = [
      ['random.db', () => fs.writeFileSync(path.join(foreign, 'random.db'), crypto.randomBytes(16384)), 'database_unreadable'],
      ['text.db', () => fs.writeFileSync(path.join(foreign, 'text.db'), 'hello'), 'database_unreadable'],
      ['other-key.db', () => openDatabase(path.join(foreign, 'other-key.db'), { key: crypto.randomBytes(32) }).close(), 'database_unreadable'],
      ['plain.db', () => openDatabase(path.join(foreign, 'plain.db')).close(), 'database_unreadable'],
      ['missing.db', () => undefined, 'not_found'],
      [
        'not-komet.db',
        () => {
          const other = new Database(path.join(foreign, 'not-komet.db'));
          other.pragma(`key = "x'${key.toString('hex')}'"`);
          other.exec('create table recipes (name text)');
          other.close();
        },
        'database_unreadable',
      ],
    ];
    const before = { db: sha(dbFile), files: dirState(dir), backups: dirState(backups) };
    for (const [name, make, code] of cases) {
      make();
      const err = refusal(() => restoreBackup(path.join(foreign, name), { dataDir: dir, key }));
      expect([name, err.code]).toEqual([name, code]);
      expect(err.messages.sv.length).toBeGreaterThan(10);
      expect({ db: sha(dbFile), files: dirState(dir), backups: dirState(backups) }).toEqual(before);
    }
    expect(refusal(() => restoreBackup(path.join(foreign, 'not-komet.db'), { dataDir: dir, key })).messages.sv).toMatch(/inte en Komet/);
    expect(refusal(() => restoreBackup(dbFile, { dataDir: dir, key })).code).toBe('validation');
  });

  it('refuses a backup made by a newer Komet', () => {
    const backup = withDb((db) => backupNow(db, { dir: backups, reason: 'daily', key, now: at('2025-03-01T10:00:00') }));
    const raw = new Database(backup.file);
    raw.pragma(`key = "x'${key.toString('hex')}'"`);
    raw.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.now() + 10 ** 12);
    raw.close();
    expect(refusal(() => restoreBackup(backup.file, { dataDir: dir, key })).code).toBe('database_too_new');
  });

  it('restores over a corrupt database, keeping its raw bytes aside', () => {
    const backup = withDb((db) => {
      writeMarker(db, markerA);
      return backupNow(db, { dir: backups, reason: 'daily', key, now: at('2025-03-01T10:00:00') });
    });
    const damaged = crypto.randomBytes(fs.statSync(dbFile).size);
    fs.writeFileSync(dbFile, damaged);
    const result = restoreBackup(backup.file, { dataDir: dir, key, now: at('2025-03-02T12:00:00') });
    expect(result.beforeRestore).toMatchObject({ raw: true });
    expect(fs.readFileSync(path.join(backups, result.beforeRestore!.name))).toEqual(damaged);
    withDb((db) => expect(readMarker(db, markerA)).toBe(markerA));
  });
});

describe('backup at scale', () => {
  // How long this takes is measured by `npm run bench -- --only vault`, not here.
  it('verifies a backup of a filled database, counting every session', () => {
    const scale = Number(process.env.KOMET_BACKUP_SCALE ?? 5);
    const app = startKomet({ dataDir: dir, shell: 'test', key });
    try {
      addDemoData(app.db, { scale, seed: 7, today: '2025-06-01' });
      const info = backupNow(app.db, { dir: backups, reason: 'manual', key });
      expect(info.counts.sessions).toBe(withDbCount(app.db, 'sessions'));
    } finally {
      app.close();
    }
  });
});

const withDbCount = (db: KometDb, table: string) => (db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
