import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, kometBin, projectNode, root, runKomet } from '../helpers/cli';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function komet(args: string[], extraEnv: Record<string, string> = {}, nodeBinary = projectNode) {
  return runKomet(args, extraEnv, { timeoutMs: 60_000, node: nodeBinary });
}

/** Failures must be one line with no stack trace. */
function expectOneLineFailure(r: { code: number | null; stderr: string; stdout: string }) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(lines[0]).toMatch(/ \/ /); // Swedish / English
}

const statsJson = (db: string) => {
  const r = komet(['stats', '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown> & { groups: number; sessions: Record<string, number>; participantCount: number };
};

// Each case spawns the real CLI (tsx + the whole app), which takes seconds on a busy machine.
describe('komet CLI', { timeout: 180_000 }, () => {
  it('prints help for the tool and every command, exit 0', () => {
    for (const args of [
      ['--help'],
      ['init', '--help'],
      ['demo', '--help'],
      ['stats', '--help'],
      ['serve', '--help'],
      ['check', '--help'],
      ['backup', '--help'],
      ['restore', '--help'],
      ['audit', '--help'],
    ]) {
      const r = komet(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Användning \/ Usage: komet/);
    }
  });

  it('refuses unknown commands and options with one line and exit 2', () => {
    for (const args of [['frobnicate'], ['stats', '--bogus'], ['demo', '--scale', 'many', '--db', path.join(dir, 'never.db')]]) {
      const r = komet(args);
      expectOneLineFailure(r);
      expect(r.code).toBe(2);
    }
    expect(fs.existsSync(path.join(dir, 'never.db'))).toBe(false);
  });

  it('says how to write a value that starts with a dash, in both languages', () => {
    const r = komet(['demo', '--scale', '-1', '--db', path.join(dir, 'never.db')]);
    expectOneLineFailure(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scale: ett värde som börjar med ett minustecken skrivs --scale=VÄRDE');
    expect(r.stderr).toContain('a value starting with a dash is written --scale=VALUE');
    expect(fs.existsSync(path.join(dir, 'never.db'))).toBe(false);
  });

  it('init --unencrypted creates a migrated, seeded database and prints its path; check says ok', () => {
    const db = path.join(dir, 'init', 'komet.db');
    const r = komet(['init', '--db', db, '--unencrypted']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(db);
    expect(fs.existsSync(db)).toBe(true);
    const stats = statsJson(db);
    expect(stats.programmes).toBeGreaterThanOrEqual(7);
    expect(stats.units).toBe(13);
    expect(stats.groups).toBe(0);
    const check = komet(['check', '--db', db]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout.trim().split('\n')).toEqual(['kryptering: okrypterad / encryption: unencrypted', 'ok']);
  });

  it('init honours KOMET_DATA_DIR when --db is left out', () => {
    const dataDir = path.join(dir, 'data-dir');
    const r = komet(['init', '--unencrypted'], { KOMET_DATA_DIR: dataDir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(dataDir, 'komet.db'));
    expect(fs.existsSync(path.join(dataDir, 'komet.db'))).toBe(true);
  });

  it('demo with the same seed and day gives identical, realistic data; a second run is refused', () => {
    const a = path.join(dir, 'demo-a.db');
    const b = path.join(dir, 'demo-b.db');
    for (const db of [a, b]) {
      const r = komet(['demo', '--db', db, '--scale', '1', '--seed', '1', '--today', '2026-03-15', '--unencrypted']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Demodata tillagd/);
    }
    // Seeded units get fresh ids in every database, so compare units by name.
    const comparable = (s: ReturnType<typeof statsJson>) => ({
      ...s,
      byUnit: (s.byUnit as { key: string; label: string }[]).map((u) => ({ ...u, key: u.label })),
    });
    const stats = statsJson(a);
    expect(comparable(statsJson(b))).toEqual(comparable(stats));

    expect(stats.groups).toBeGreaterThanOrEqual(150);
    expect(stats.groups).toBeLessThanOrEqual(200);
    expect(stats.leaders).toBeGreaterThanOrEqual(50);
    expect(stats.supervisors).toBeGreaterThanOrEqual(8);
    expect(stats.sessions.held!).toBeGreaterThan(stats.sessions.cancelled! * 5);
    expect(stats.sessions.cancelled).toBeGreaterThan(0);
    expect(stats.sessions.planned).toBeGreaterThan(0);
    expect(stats.participantCount).toBeGreaterThan(stats.sessions.held! * 3);

    const again = komet(['demo', '--db', a, '--seed', '1']);
    expectOneLineFailure(again);
    expect(again.stderr).toMatch(/--force/);
    expect(statsJson(a)).toEqual(stats);
  });

  it('stats --json has the totals and breakdowns; without --json a readable table', () => {
    const db = path.join(dir, 'demo-a.db');
    const stats = statsJson(db);
    for (const key of ['programmes', 'units', 'leaders', 'supervisors', 'groups', 'sessions', 'participantCount', 'byProgramme', 'byUnit', 'byYear']) {
      expect(stats).toHaveProperty(key);
    }
    expect(Object.keys(stats.sessions).sort()).toEqual(['cancelled', 'held', 'planned']);
    const byYear = stats.byYear as { key: string; groups: number }[];
    expect(byYear.map((y) => y.key)).toEqual(expect.arrayContaining(['2023', '2024', '2025', '2026']));
    expect(byYear.reduce((n, y) => n + y.groups, 0)).toBe(stats.groups);

    const table = komet(['stats', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`Grupper / Groups\\s+${stats.groups}\\n`));
    expect(table.stdout).toMatch(/Rinkeby-Kista/);
  });

  it('stats and check on a missing file fail without creating it', () => {
    const missing = path.join(dir, 'missing.db');
    for (const cmd of ['stats', 'check']) expectOneLineFailure(komet([cmd, '--db', missing]));
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('--db naming a folder gives one clear line and exit 2 from every command that opens a database', () => {
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder, { recursive: true });
    for (const args of [['stats'], ['check'], ['backup'], ['init', '--unencrypted'], ['restore', '--from', path.join(dir, 'none.db')], ['serve']]) {
      const r = komet([...args, '--db', folder]);
      expectOneLineFailure(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/är en mapp, inte en databasfil.*is a folder, not a database file/);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('a corrupt or foreign file gives one clear line and exit 1, never a crash', () => {
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, Buffer.from(Array.from({ length: 16384 }, (_, i) => (i * 7919 + 13) % 256)));
    const before = fs.readFileSync(junk);
    for (const args of [['check'], ['stats'], ['demo'], ['init', '--unencrypted'], ['backup'], ['audit']]) {
      const r = komet([...args, '--db', junk]);
      expectOneLineFailure(r);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ingen Komet-databas.*not a Komet database/);
    }
    expect(fs.readFileSync(junk).equals(before)).toBe(true);

    const foreign = path.join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('create table notes (id integer primary key, body text)');
    other.close();
    const r = komet(['check', '--db', foreign]);
    expectOneLineFailure(r);
    expect(r.stderr).toMatch(/ingen Komet-databas/);
  });

  it('check reports a broken reference and exits 1', () => {
    const db = path.join(dir, 'broken.db');
    expect(komet(['init', '--db', db, '--unencrypted']).code).toBe(0);
    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("insert into group_leaders (group_id, staff_id, created_at) values ('no-such-group', 'no-such-staff', '2026-01-01T00:00:00.000Z')").run();
    raw.close();
    const r = komet(['check', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/foreign key: group_leaders/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('serve prints a single-use launch address, answers API calls with the session it gives and stops cleanly on SIGTERM', async () => {
    const db = path.join(dir, 'demo-a.db');
    const child = spawn(projectNode, [kometBin, 'serve', '--db', db], { env: cliEnv(), cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const printed: string[] = [];
    let waiting: ((line: string) => void) | null = null;
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        printed.push(out.slice(0, nl).trim());
        out = out.slice(nl + 1);
        waiting?.(printed.at(-1)!);
      }
    });
    const nextLine = (count: number) =>
      new Promise<string>((resolve, reject) => {
        if (printed.length >= count) return resolve(printed[count - 1]!);
        waiting = () => printed.length >= count && resolve(printed[count - 1]!);
        void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
      });
    const url = await nextLine(1);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?nonce=[\w-]{43}$/);
    const parsed = new URL(url);
    const launched = await fetch(url, { redirect: 'manual' });
    expect(launched.status).toBe(303);
    const cookie = (launched.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^komet-session-\d+=/);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
    const call = (headers: Record<string, string>) =>
      fetch(new URL('/api/call', parsed.origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ procedure: 'stats.get', input: {} }),
      });
    const ok = await call({ Cookie: cookie });
    const body = (await ok.json()) as { ok: boolean; value: { groups: number } };
    expect(body.ok).toBe(true);
    expect(body.value.groups).toBe(statsJson(db).groups);
    expect((await call({ Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call({})).status).toBe(401);
    const info = (await (
      await fetch(new URL('/api/call', parsed.origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ procedure: 'app.info', input: {} }),
      })
    ).json()) as { ok: boolean; value: { shell: string } };
    // The page talks to the browser shell, whichever command started it.
    expect(info.value.shell).toBe('browser');

    // A write from the page is logged as the person signed in to the computer, not as the program.
    const send = async (procedure: string, input: unknown) =>
      (await (
        await fetch(new URL('/api/call', parsed.origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: JSON.stringify({ procedure, input }),
        })
      ).json()) as { ok: boolean; value: { id: string; rows: { actor: string; entityId: string }[] } };
    const unit = await send('units.create', { name: 'Loggad enhet', kind: 'district' });
    expect(unit.ok, JSON.stringify(unit)).toBe(true);
    const logged = await send('audit.list', { entity: 'unit', limit: 5 });
    expect(logged.value.rows.find((r) => r.entityId === unit.value.id)?.actor).toBe(os.userInfo().username);

    // Enter gives a new address; the old one stays spent.
    child.stdin.write('\n');
    const second = await nextLine(2);
    expect(second).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?nonce=[\w-]{43}$/);
    expect(second).not.toBe(url);
    expect((await fetch(second, { redirect: 'manual' })).status).toBe(303);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('on a Node older than 22.12 it says so in one line and exits 1 (simulated)', () => {
    const r = komet(['--help'], { KOMET_MIN_NODE: '99.0' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Komet kräver Node 99\.0 eller senare \(du har \d+\.\d+\.\d+\)\. \/ Komet needs Node 99\.0 or later/);
  });

  const oldNode = findOldNode();
  it.skipIf(!oldNode)(`on a real old Node (${oldNode ?? 'none found'}) it says so in one line and exits 1`, () => {
    const r = komet(['demo', '--db', path.join(dir, 'old.db')], {}, oldNode!);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Komet kräver Node 22\.12 eller senare/);
    expect(fs.existsSync(path.join(dir, 'old.db'))).toBe(false);
  });
});

/** A system Node below 22.12, if the machine has one (Debian's is 20 on ours). */
function findOldNode(): string | undefined {
  const candidates = ['/usr/bin/node', '/usr/local/bin/node', '/bin/node'];
  for (const candidate of candidates) {
    if (!fs.existsSync(candidate)) continue;
    const v = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = v.split('.').map(Number);
    if (major > 0 && (major < 22 || (major === 22 && minor < 12))) return candidate;
  }
  if (!process.env.CI) console.log('No Node older than 22.12 on this machine: the real old-Node test is skipped.');
  return undefined;
}
