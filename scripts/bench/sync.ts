import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startKomet, type KometApp } from '../../src-main/app/komet-app';
import { systemClock } from '../../src-main/core/clock';
import { createRepos } from '../../src-main/core/repos';
import { vacuumInto } from '../../src-main/core/repos/backup-repo';
import { createLaptopSync, type LaptopSync } from '../../src-main/core/sync/laptop';
import type { BenchContext, BenchSection } from './context';
import { quantile } from './stats';

/**
 * Sync: real `komet server` processes (the city, and one unit server below it) on 127.0.0.1
 * with TLS; laptops in this process on their own databases. Measured: the administrator's
 * first upload of the whole city, the server's memory holding it, one unit's first sync to a
 * fresh laptop (and, apart from it, making its enrolment code), one attendance mark from a
 * laptop through the unit server to the city (until it is in another laptop's tables at the
 * city), and a resync after 500 offline changes.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const bin = path.join(root, 'bin', 'komet.mjs');
const env = { ...process.env, KOMET_SERVER_PASSPHRASE: 'bench server passphrase', KOMET_PASSPHRASE: '', KOMET_DEBUG: '' };
const maxScale = 10;
const marks = 40;

const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;

function server(args: string[]): string {
  const r = spawnSync(node, [bin, 'server', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`komet server ${args[0]}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

async function start(dir: string, extra: string[] = []): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(node, [bin, 'server', 'start', '--data', dir, '--port', '0', ...extra], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // The server logs every connection to stderr: unread, the pipe fills and the server cannot
  // finish a write, so it never exits on SIGTERM (seen at scale 10). The last lines are kept for errors.
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    proc.once('exit', () => reject(new Error(`server exited: ${log.trim().split('\n').pop() ?? ''}`)));
    setTimeout(() => reject(new Error('server printed no address')), 120_000).unref();
  });
  return { proc, url };
}

const rssOf = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0);
  return { rss: kb('VmRSS:') / 1024, peak: kb('VmHWM:') / 1024 };
};

function laptopOn(file: string): { app: KometApp; sync: LaptopSync } {
  const app = startKomet({ databasePath: file, shell: 'cli' });
  return { app, sync: createLaptopSync({ db: app.db, repos: createRepos(app.db, systemClock), clock: systemClock }) };
}

async function measure(ctx: BenchContext): Promise<void> {
  const work = fs.mkdtempSync(path.join(ctx.dir, 'sync-'));
  const procs: ChildProcess[] = [];
  const laptops: { app: KometApp; sync: LaptopSync }[] = [];
  try {
    const cityDir = path.join(work, 'city');
    server(['init', '--data', cityDir, '--name', 'Staden']);
    const city = await start(cityDir);
    procs.push(city.proc);

    // The administrator's database is a copy of the bench database: the whole city.
    const adminFile = path.join(work, 'admin', 'komet.db');
    fs.mkdirSync(path.dirname(adminFile), { recursive: true });
    vacuumInto(ctx.app.db.sqlite, adminFile);
    const admin = laptopOn(adminFile);
    laptops.push(admin);
    const uploadStarted = performance.now();
    await admin.sync.join(server(['enrol', '--data', cityDir, '--name', 'Admin', '--role', 'admin']));
    const upload = await admin.sync.syncNow(600_000);
    ctx.record(
      'sync: first upload of the whole city from the administrator’s database (join, snapshot, sync)',
      '',
      `${seconds(performance.now() - uploadStarted)}${upload.converged ? '' : ' (not converged)'}`,
    );
    ctx.record(
      'sync: city server RSS right after receiving that upload (now / peak)',
      '',
      `${rssOf(city.proc.pid!).rss.toFixed(0)} / ${rssOf(city.proc.pid!).peak.toFixed(0)} MB`,
    );
    // Holding the whole city: a started server has loaded every scope before it listens.
    const port = new URL(city.url.replace('wss:', 'https:')).port;
    city.proc.kill('SIGTERM');
    await new Promise((r) => city.proc.once('exit', r));
    const restarted = await start(cityDir, ['--port', port]);
    procs.push(restarted.proc);
    await new Promise((r) => setTimeout(r, 2000));
    const held = rssOf(restarted.proc.pid!);
    ctx.record(
      'sync: city server RSS holding the whole city, after a restart (now / peak)',
      '< 1 GB at scale 10',
      `${held.rss.toFixed(0)} / ${held.peak.toFixed(0)} MB`,
    );
    // The administrator's laptop lost its connection with the restart; it watches for marks below.
    await admin.sync.syncNow(600_000);

    // The unit with most groups gets its own server below the city.
    const unit = ctx.app.db.sqlite
      .prepare('select u.id, u.name from units u join groups g on g.unit_id = u.id group by u.id order by count(*) desc limit 1')
      .get() as { id: string; name: string };
    const leader = ctx.app.db.sqlite.prepare('select id from staff where unit_id = ? and is_leader = 1 order by id limit 1').get(unit.id) as { id: string };

    const fresh = laptopOn(path.join(work, 'fresh', 'komet.db'));
    laptops.push(fresh);
    // The code is made at the server beforehand (its own process: key derivation, opening the
    // server's database), so it is timed apart from what the laptop does with it.
    const enrolStarted = performance.now();
    const freshCode = server(['enrol', '--data', cityDir, '--name', leader.id, '--role', 'leader']);
    ctx.record('sync: making an enrolment code (komet server enrol, its own process)', '', seconds(performance.now() - enrolStarted));
    const joinStarted = performance.now();
    await fresh.sync.join(freshCode);
    const first = await fresh.sync.syncNow(600_000);
    const groups = fresh.app.db.sqlite.prepare('select count(*) from groups').pluck().get() as number;
    ctx.record(
      'sync: one unit’s first sync to a fresh laptop, from the city (join + sync)',
      '< 5 s at scale 1',
      `${seconds(performance.now() - joinStarted)} (${groups} groups)${first.converged ? '' : ' (not converged)'}`,
    );

    const unitDir = path.join(work, 'unit');
    server(['init', '--data', unitDir, '--name', 'Enhetsservern']);
    const unitServer = await start(unitDir, [
      '--upstream-code',
      server(['enrol', '--data', cityDir, '--name', 'Enhetsservern', '--role', 'unit-server', '--unit', unit.id]),
    ]);
    procs.push(unitServer.proc);
    let code = '';
    for (let i = 0; i < 600 && !code; i++) {
      try {
        code = server(['enrol', '--data', unitDir, '--name', leader.id, '--role', 'leader']);
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const leaderLaptop = laptopOn(path.join(work, 'leader', 'komet.db'));
    laptops.push(leaderLaptop);
    await leaderLaptop.sync.join(code);
    await leaderLaptop.sync.syncNow(600_000);

    // Cells to flip: marks of held sessions in the unit's groups that are not cancelled.
    const cells = leaderLaptop.app.db.sqlite
      .prepare(
        `select a.participant_id as participantId, a.session_id as sessionId, a.state from attendance a
        join sessions s on s.id = a.session_id join groups g on g.id = s.group_id
        where g.status <> 'cancelled' and s.status = 'held' order by a.rowid limit 600`,
      )
      .all() as { participantId: string; sessionId: string; state: string }[];
    const states = ['present', 'absent', 'absent_with_notice'];
    const flip = async (cell: (typeof cells)[number]) => {
      cell.state = states[(states.indexOf(cell.state) + 1) % 3]!;
      const r = await leaderLaptop.app.call('attendance.set', { participantId: cell.participantId, sessionId: cell.sessionId, state: cell.state });
      if (!r.ok) throw new Error(`attendance.set: ${r.error.code}`);
      leaderLaptop.sync.afterWrite();
    };
    const stateAtCity = admin.app.db.sqlite.prepare('select state from attendance where participant_id = ? and session_id = ?').pluck();
    const times: number[] = [];
    for (let i = 0; i < marks && cells.length; i++) {
      const cell = cells[i % cells.length]!;
      const started = performance.now();
      await flip(cell);
      // Arrived: the administrator's laptop, connected to the city, has it in its tables.
      while (stateAtCity.get(cell.participantId, cell.sessionId) !== cell.state) {
        if (performance.now() - started > 30_000) throw new Error('a mark did not reach the city in 30 s');
        await new Promise((r) => setImmediate(r));
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    ctx.record(
      'sync: one attendance mark laptop → unit server → city, until in a city laptop’s tables (p50 / p95)',
      'p95 < 1 s',
      times.length ? `${ctx.ms(quantile(times, 0.5))} / ${ctx.ms(quantile(times, 0.95))} ms (n=${times.length})` : 'n/a (no marks)',
    );

    await leaderLaptop.sync.disconnect();
    for (let i = 0; i < 500 && cells.length; i++) await flip(cells[i % cells.length]!);
    const resyncStarted = performance.now();
    const resync = await leaderLaptop.sync.syncNow(600_000);
    ctx.record(
      'sync: resync after 500 offline changes, through the unit server',
      '',
      `${seconds(performance.now() - resyncStarted)}${resync.converged ? '' : ' (not converged)'}`,
    );
  } finally {
    for (const l of laptops) {
      await l.sync.close();
      l.app.close();
    }
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const syncSection: BenchSection = async (ctx) => {
  if (ctx.scale > maxScale) {
    ctx.record('sync: (all rows)', '', `n/a (measured up to scale ${maxScale})`);
    return;
  }
  try {
    await measure(ctx);
  } catch (err) {
    ctx.record('sync: (all rows)', '', `n/a (${err instanceof Error ? err.message : 'error'})`);
  }
};
