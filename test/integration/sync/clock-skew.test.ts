import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/core/clock';
import { createRepos } from '../../../src-main/core/repos';
import { createLaptopSync } from '../../../src-main/core/sync/laptop';
import { runKomet } from '../../helpers/cli';
import { createTestApp, makeTempDir } from '../../helpers/db';
import { dbPath, serverCli, startServerProcess, type ServerProcess } from '../../helpers/sync-processes';

/**
 * Laptops whose clocks run wrong, against a real `komet server` process over TLS. The server's
 * clock is the real one; each laptop's machine clock is the real one shifted.
 */
let root: string;
let cityDir: string;
let city: ServerProcess;
let adminDb: string;

const q = <T>(file: string, text: string, ...params: unknown[]): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(text).all(...params) as T[];
  } finally {
    db.close();
  }
};

function enrol(name: string, role: string): string {
  const r = serverCli(['enrol', '--data', cityDir, '--name', name, '--role', role]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** A laptop in this process whose machine clock is off by `skew()` milliseconds. */
async function laptop(code: string, skew: () => number) {
  const t = createTestApp();
  const sync = createLaptopSync({ db: t.app.db, repos: createRepos(t.app.db, systemClock), clock: systemClock, nowMs: () => Date.now() + skew() });
  await sync.join(code);
  const group = (id: string) => t.app.db.sqlite.prepare('select venue, note from groups where id = ?').get(id) as { venue: string | null; note: string | null };
  /** Changes a group the way any write does: the capture triggers see it, then the sync is told. */
  const edit = (id: string, fields: { venue?: string; note?: string }) => {
    for (const [column, value] of Object.entries(fields)) t.app.db.sqlite.prepare(`update groups set ${column} = ? where id = ?`).run(value, id);
    sync.afterWrite();
  };
  return { t, sync, group, edit, close: async () => (await sync.close(), t.close()) };
}

let leader: { id: string; unitId: string };
let groups: string[];

beforeAll(async () => {
  root = makeTempDir('komet-sync-skew-');
  cityDir = path.join(root, 'city');
  expect(serverCli(['init', '--data', cityDir, '--name', 'Stockholms stad']).code).toBe(0);
  city = await startServerProcess(cityDir);
  adminDb = dbPath(root, 'admin');
  fs.mkdirSync(path.dirname(adminDb), { recursive: true });
  expect(runKomet(['demo', '--db', adminDb, '--unencrypted', '--scale', '0.15', '--seed', '7']).code).toBe(0);
  const join = runKomet(['sync', 'join', '--db', adminDb, '--code', enrol('Stadens administratör', 'admin')]);
  expect(join.code, join.stderr).toBe(0);
  leader = q<{ id: string; unitId: string }>(
    adminDb,
    `select s.id, s.unit_id as unitId from staff s where s.is_leader = 1 and s.unit_id is not null
     order by (select count(*) from groups g where g.unit_id = s.unit_id) desc, s.id limit 1`,
  )[0]!;
  groups = q<{ id: string }>(adminDb, 'select id from groups where unit_id = ? order by id', leader.unitId).map((g) => g.id);
  expect(groups.length).toBeGreaterThan(1);
}, 240_000);

afterAll(async () => {
  await city?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const adminGroup = (id: string) => {
  const r = runKomet(['sync', 'now', '--db', adminDb, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return q<{ venue: string | null; note: string | null }>(adminDb, 'select venue, note from groups where id = ?', id)[0]!;
};

describe('a laptop whose clock runs wrong', { timeout: 180_000 }, () => {
  it('running an hour behind follows the server’s clock: its later edit stands, other fields merge, and the clash is listed on both sides', async () => {
    const right = await laptop(enrol(leader.id, 'leader'), () => 0);
    const behind = await laptop(enrol(leader.id, 'leader'), () => -60 * 60_000);
    try {
      expect((await right.sync.syncNow(60_000)).converged).toBe(true);
      expect((await behind.sync.syncNow(60_000)).converged).toBe(true);
      const g = groups[0]!;
      await behind.sync.disconnect();

      right.edit(g, { venue: 'Lokalen på rätt klocka', note: 'Anteckning från datorn med rätt klocka' });
      expect((await right.sync.syncNow(60_000)).converged).toBe(true);
      // Made after the other edit in real time, on a machine whose clock says an hour earlier.
      behind.edit(g, { note: 'Anteckning från datorn som går efter' });
      expect((await behind.sync.syncNow(60_000)).converged).toBe(true);
      expect((await right.sync.syncNow(60_000)).converged).toBe(true);

      const expected = { venue: 'Lokalen på rätt klocka', note: 'Anteckning från datorn som går efter' };
      expect(right.group(g)).toEqual(expected);
      expect(behind.group(g)).toEqual(expected);
      expect(adminGroup(g)).toEqual(expected);
      for (const side of [right, behind]) {
        const open = side.sync.conflicts(false).filter((c) => c.tbl === 'groups' && c.rowId === g);
        expect(open).toHaveLength(1);
        expect([open[0]!.valueA, open[0]!.valueB].sort()).toEqual(
          [JSON.stringify('Anteckning från datorn med rätt klocka'), JSON.stringify('Anteckning från datorn som går efter')].sort(),
        );
      }
    } finally {
      await right.close();
      await behind.close();
    }
  });

  it('running more than four minutes ahead is told so, keeps its change, and sends it once the clocks agree', async () => {
    let skew = 0;
    const ahead = await laptop(enrol(leader.id, 'leader'), () => skew);
    const other = await laptop(enrol(leader.id, 'leader'), () => 0);
    try {
      expect((await ahead.sync.syncNow(60_000)).converged).toBe(true);
      expect((await other.sync.syncNow(60_000)).converged).toBe(true);
      const g = groups[1]!;
      const before = other.group(g);
      await ahead.sync.disconnect();
      // The machine's clock jumps ahead while offline; the change is stamped with it.
      skew = 4 * 60_000 + 30_000;
      ahead.edit(g, { venue: 'Lokalen från datorn som går före' });

      expect((await ahead.sync.syncNow(3_000)).converged).toBe(false);
      expect(ahead.sync.status().refusals.map((r) => r.sv)).toContainEqual(expect.stringMatching(/klocka går före/));
      expect(ahead.group(g).venue).toBe('Lokalen från datorn som går före');
      expect((await other.sync.syncNow(60_000)).converged).toBe(true);
      expect(other.group(g)).toEqual(before);

      // Once the server's clock is within four minutes of the stamp, the same change goes through.
      expect((await ahead.sync.syncNow(120_000)).converged).toBe(true);
      expect(ahead.sync.status().unsent).toBe(0);
      expect((await other.sync.syncNow(60_000)).converged).toBe(true);
      expect(other.group(g).venue).toBe('Lokalen från datorn som går före');
      expect(adminGroup(g).venue).toBe('Lokalen från datorn som går före');
    } finally {
      await ahead.close();
      await other.close();
    }
  });
});
