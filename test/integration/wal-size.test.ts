import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, walSizeLimitBytes } from '../../src-main/core/db/open';
import { makeTempDir } from '../helpers/db';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('the write-ahead log', () => {
  it('is cut back to its limit once a large transaction has been copied into the database', () => {
    dir = makeTempDir('komet-wal-');
    const file = path.join(dir, 'komet.db');
    const db = openDatabase(file);
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
