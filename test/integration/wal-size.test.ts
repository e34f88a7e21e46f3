import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase, walSizeLimitBytes } from '../../src-main/core/db/open';
import { openServerDatabase } from '../../src-main/core/repos/sync-server/open';
import { makeTempDir } from '../helpers/db';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** Komet's own database and a sync server's: both are written in large transactions at times. */
const openers: [string, (file: string) => { sqlite: Database.Database; close: () => void }][] = [
  ['a Komet database', (file) => openDatabase(file)],
  [
    "a sync server's database",
    (file) => {
      const sqlite = openServerDatabase(file, undefined, { create: true });
      return { sqlite, close: () => sqlite.close() };
    },
  ],
];

describe.each(openers)('the write-ahead log of %s', (_name, open) => {
  it('is cut back to its limit once a large transaction has been copied into the database', () => {
    dir = makeTempDir('komet-wal-');
    const file = path.join(dir, 'komet.db');
    const db = open(file);
    try {
      db.sqlite.exec('create table bulk (b blob)');
      // One transaction larger than the limit: the log grows to hold all of it.
      const insert = db.sqlite.prepare('insert into bulk (b) values (randomblob(?))');
      const megabytes = walSizeLimitBytes / 2 ** 20 + 16;
      db.sqlite.transaction(() => {
        for (let i = 0; i < megabytes; i++) insert.run(2 ** 20);
      })();
      const grown = fs.statSync(`${file}-wal`).size;
      expect(grown).toBeGreaterThan(walSizeLimitBytes);
      // The commit's checkpoint copied it into the database; the next write starts the log afresh.
      db.sqlite.prepare('delete from bulk where rowid = 1').run();
      expect(fs.statSync(`${file}-wal`).size).toBeLessThanOrEqual(walSizeLimitBytes);
      expect((db.sqlite.prepare('select count(*) as n from bulk').get() as { n: number }).n).toBe(megabytes - 1);
    } finally {
      db.close();
    }
  });
});
