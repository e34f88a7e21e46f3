/**
 * `npm run bench [-- --scale N …] [--iterations N] [--only WORD,…]`: times demo generation, the hot
 * read paths through the router (validation included, as every shell calls them) and the browser
 * shell's cold start, and prints a Markdown table. Measures only; nothing passes or fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startKomet, type KometApp } from '../src-main/app/komet-app';
import { systemClock } from '../src-main/core/clock';
import { generateDemo } from '../src-main/core/demo/generate';
import { generateParticipation } from '../src-main/core/demo/participation';
import { createRandom } from '../src-main/core/demo/random';
import { generateLeaderPathway } from '../src-main/core/demo/leaders';
import { generateOutcomes } from '../src-main/core/demo/outcomes';
import {
  insertDemoLeaderRows,
  insertDemoOutcomeRows,
  insertDemoRows,
  withDemoBulkWrite,
  listDemoProgrammeBands,
  listDemoProgrammes,
  listDemoReasonIds,
  listDemoUnits,
} from '../src-main/core/repos/demo-repo';
import { measurePaint } from './bench/paint';
import { startServe } from './bench/serve';
import { sections } from './bench/sections';
import { quantile } from './bench/stats';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scale: { type: 'string', multiple: true },
    iterations: { type: 'string', default: '200' },
    'cold-starts': { type: 'string', default: '3' },
    'paint-samples': { type: 'string', default: '5' },
    // One export's peak memory moves by some 10 MB from run to run at city scale.
    'export-runs': { type: 'string', default: '3' },
    // A slow query at a large scale would otherwise hold the bench for many minutes.
    budget: { type: 'string', default: '20' },
    // Comparing one change before and after needs only its own rows, many times over.
    only: { type: 'string', multiple: true },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run bench -- [options]
  --scale N[,N…]      demo scales to measure (default 1,100)
  --iterations N      calls per timed query (default 200)
  --cold-starts N     browser shell starts per scale (default 3)
  --paint-samples N   clicks per screen for the screen-paint rows (default 5; --only paint runs only those)
  --export-runs N     runs of the FoU export and of its floor, alternating; medians printed (default 3)
  --budget S          seconds a timed query may take in all before it stops early (default 20)
  --only WORD[,WORD…] measure only the rows whose name contains a word (e.g. attendance.set,groups.overview),
                      and the sections named by one (leaders, export, vault, outcomes); demo generation always runs`);
  process.exit(0);
}
const only = (values.only ?? [])
  .flatMap((s) => s.split(','))
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
const wanted = (name: string) => only.length === 0 || only.some((word) => name.toLowerCase().includes(word));
const scales = (values.scale ?? ['1', '100']).flatMap((s) => s.split(',')).map(Number);
const iterations = Number(values.iterations);
const coldStarts = Number(values['cold-starts']);
const paintSamples = Number(values['paint-samples']);
const exportRuns = Number(values['export-runs']);
const budgetMs = Number(values.budget) * 1000;
if (
  scales.some((s) => !(s > 0)) ||
  !(iterations > 0) ||
  !(coldStarts > 0) ||
  !(paintSamples > 0) ||
  !Number.isInteger(exportRuns) ||
  !(exportRuns > 0) ||
  !(budgetMs > 0)
) {
  console.error('bench: --scale, --iterations, --cold-starts, --paint-samples, --export-runs och --budget ska vara positiva tal / must be positive numbers');
  process.exit(2);
}

type Cell = string;
const rows = new Map<string, { target: string; cells: Map<number, Cell> }>();
function record(measure: string, target: string, scale: number, cell: Cell) {
  process.stderr.write(`  ${measure}: ${cell}\n`);
  const row = rows.get(measure) ?? { target, cells: new Map() };
  row.cells.set(scale, cell);
  rows.set(measure, row);
}

/** Times and records one row, unless --only leaves it out. */
async function measure(label: string, target: string, scale: number, time: () => Promise<Cell>): Promise<void> {
  if (wanted(label)) record(label, target, scale, await time());
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

async function timeCalls(app: KometApp, makeInput: () => [string, unknown]): Promise<string> {
  for (let i = 0; i < 5; i++) await app.call(...makeInput()); // warm statement caches and JIT
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < iterations && (i < 20 || performance.now() < deadline); i++) {
    const [name, input] = makeInput();
    const started = performance.now();
    const result = await app.call(name, input);
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code}`);
  }
  times.sort((a, b) => a - b);
  const shortened = times.length < iterations ? ` (n=${times.length})` : '';
  return `${ms(quantile(times, 0.5))} / ${ms(quantile(times, 0.95))} ms${shortened}`;
}

/** Times a sequence of calls as one measurement, e.g. everything `komet stats --json` asks for. */
async function timeSequence(app: KometApp, calls: [string, unknown][]): Promise<string> {
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < Math.min(iterations, 50) && (i < 5 || performance.now() < deadline); i++) {
    const started = performance.now();
    for (const [name, input] of calls) {
      const result = await app.call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}`);
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return `${ms(quantile(times, 0.5))} / ${ms(quantile(times, 0.95))} ms (n=${times.length})`;
}

/** Spawns `komet serve` and waits for the first successful POST /api/call. */
async function coldStart(databasePath: string, bundled = false): Promise<number> {
  const started = performance.now();
  const shell = await startServe(root, databasePath, { bundled });
  try {
    const url = shell.url;
    // The printed address is a single-use launch address: spend it once, as a browser would.
    let cookie = '';
    for (;;) {
      try {
        if (!cookie) cookie = ((await fetch(url, { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0]!;
        const res = await fetch(new URL('/api/call', url.origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          // The bundle starts behind the vault lock, where the page's first question is the lock state.
          body: JSON.stringify({ procedure: bundled ? 'vault.status' : 'app.info', input: {} }),
        });
        if (res.ok && ((await res.json()) as { ok: boolean }).ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await shell.stop();
  }
}

async function benchScale(scale: number, dir: string) {
  const databasePath = path.join(dir, `bench-${scale}.db`);
  const app = startKomet({ databasePath, shell: 'cli' });
  const today = systemClock.today();
  let groupIds: string[];
  try {
    const programmes = listDemoProgrammes(app.db);
    const units = listDemoUnits(app.db);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const demo = generateDemo(programmes, units, { scale, seed: 1, today });
    const bands = listDemoProgrammeBands(app.db);
    const participation = generateParticipation(demo, bands, listDemoReasonIds(app.db), { scale, seed: 1, today });
    const pathway = generateLeaderPathway(demo, programmes, { scale, seed: 1, today });
    const outcomes = generateOutcomes(demo, participation, bands, { scale, seed: 1, today });
    const t1 = performance.now();
    withDemoBulkWrite(app.db, scale, () =>
      app.db.sqlite.transaction(() => {
        insertDemoRows(app.db, demo, participation);
        insertDemoLeaderRows(app.db, pathway);
        insertDemoOutcomeRows(app.db, outcomes, `${today}T08:00:00.000Z`);
      })(),
    );
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const seconds = (n: number) => (n / 1000).toFixed(2);
    record('demo generation: wall (generate + insert)', '< 60 s at scale 100', scale, `${seconds(t2 - t0)} s (${seconds(t1 - t0)} + ${seconds(t2 - t1)})`);
    record('demo generation: CPU time (user + system)', '', scale, `${seconds((cpu.user + cpu.system) / 1000)} s`);
    record('demo size (groups / sessions)', '', scale, `${demo.groups.length} / ${demo.sessions.length}`);
    record(
      'demo size (participants / attendance marks / fidelity records)',
      '',
      scale,
      `${participation.participants.length} / ${participation.attendance.length} / ${participation.fidelity.length}`,
    );
    record('demo size (questionnaire responses / declined or unreachable)', '', scale, `${outcomes.responses.length} / ${outcomes.statuses.length}`);
    groupIds = demo.groups.map((g) => g.id);
    // Filters taken from real groups, so every filtered query has rows to find.
    const filters = demo.groups.map((g) => ({ programmeId: g.programmeId, status: g.status, year: Number(g.startDate.slice(0, 4)) }));
    const rnd = createRandom('bench');

    await measure('groups.list, first page, unfiltered (p50 / p95)', '', scale, () => timeCalls(app, () => ['groups.list', {}]));
    await measure('groups.list, programme + status + year (p50 / p95)', 'p95 < 20 ms', scale, () => timeCalls(app, () => ['groups.list', rnd.pick(filters)]));
    await measure('dashboard.get (p50 / p95)', 'p95 < 20 ms', scale, () => timeCalls(app, () => ['dashboard.get', {}]));
    await measure('groups.get, random group (p50 / p95)', '', scale, () => timeCalls(app, () => ['groups.get', { id: rnd.pick(groupIds) }]));
    await measure('stats.get (p50 / p95)', '', scale, () => timeCalls(app, () => ['stats.get', {}]));

    // Participation: one attendance cell saved through the router (a real write, state always changes).
    // Cancelled groups refuse marks, so the cells come from the others.
    const cancelledGroups = new Set(demo.groups.filter((g) => g.status === 'cancelled').map((g) => g.id));
    const sessionGroup = new Map(demo.sessions.map((x) => [x.id, x.groupId]));
    const cells = participation.attendance.filter((a) => !cancelledGroups.has(sessionGroup.get(a.sessionId)!)).map((a) => ({ ...a }));
    const states = ['present', 'absent', 'absent_with_notice'] as const;
    await measure('attendance.set, one cell (p50 / p95)', 'p95 < 5 ms', scale, () =>
      timeCalls(app, () => {
        const cell = rnd.pick(cells);
        cell.state = states[(states.indexOf(cell.state) + 1) % 3]!;
        return ['attendance.set', { participantId: cell.participantId, sessionId: cell.sessionId, state: cell.state }];
      }),
    );
    const withParticipants = [...new Set(participation.participants.map((p) => p.groupId))];
    await measure('groups.overview, open a group page (p50 / p95)', 'p95 < 30 ms', scale, () =>
      timeCalls(app, () => ['groups.overview', { id: rnd.pick(withParticipants) }]),
    );
    await measure('dashboard.participation (p50 / p95)', '', scale, () => timeCalls(app, () => ['dashboard.participation', {}]));
    // The dashboard keeps its figures until the database changes; a one-row write before each call
    // (not timed) shows what the first visit after any change costs.
    const touchGroup = app.db.sqlite.prepare('update groups set updated_at = updated_at where id = ?');
    const afterWrite = (name: string) => (): [string, unknown] => {
      touchGroup.run(rnd.pick(groupIds));
      return [name, {}];
    };
    await measure('dashboard.get, first call after a write (p50 / p95)', 'p95 < 16 ms', scale, () => timeCalls(app, afterWrite('dashboard.get')));
    await measure('dashboard.participation, first call after a write (p50 / p95)', 'p95 < 16 ms', scale, () =>
      timeCalls(app, afterWrite('dashboard.participation')),
    );
    await measure('stats.participation (p50 / p95)', '', scale, () => timeCalls(app, () => ['stats.participation', {}]));
    await measure('stats over everything: stats.get + stats.participation (p50 / p95)', '< 1 s', scale, () =>
      timeSequence(app, [
        ['stats.get', {}],
        ['stats.participation', {}],
      ]),
    );
    for (const [name, section] of Object.entries(sections)) {
      if (!wanted(name)) continue;
      await section({
        app,
        scale,
        databasePath,
        dir,
        demo,
        participation,
        pathway,
        ms,
        exportRuns,
        record: (measure, target, cell) => record(measure, target, scale, cell),
        timeCalls: (makeInput) => timeCalls(app, makeInput),
      });
    }
  } finally {
    app.close();
  }

  if (!wanted('browser shell cold start')) {
    // --only left the cold starts out
  } else if (!fs.existsSync(path.join(root, 'src-main', 'http', 'server.ts'))) {
    record('browser shell cold start → first API answer', '< 1 s', scale, 'n/a');
  } else {
    try {
      const times: number[] = [];
      for (let i = 0; i < coldStarts; i++) times.push(await coldStart(databasePath));
      times.sort((a, b) => a - b);
      record(`browser shell cold start → first API answer (median of ${coldStarts})`, '< 1 s', scale, `${ms(quantile(times, 0.5))} ms`);
    } catch (err) {
      record(`browser shell cold start → first API answer (median of ${coldStarts})`, '< 1 s', scale, `n/a (${err instanceof Error ? err.message : 'error'})`);
    }
    const label = `browser shell cold start, built bundle (npm start) → first API answer (median of ${coldStarts})`;
    if (!fs.existsSync(path.join(root, 'out', 'serve', 'index.mjs'))) record(label, '< 1 s', scale, 'n/a (run npm run build)');
    else {
      try {
        const times: number[] = [];
        for (let i = 0; i < coldStarts; i++) times.push(await coldStart(databasePath, true));
        times.sort((a, b) => a - b);
        record(label, '< 1 s', scale, `${ms(quantile(times, 0.5))} ms`);
      } catch (err) {
        record(label, '< 1 s', scale, `n/a (${err instanceof Error ? err.message : 'error'})`);
      }
    }
  }
  if (wanted('screen paint')) {
    try {
      await measurePaint(root, databasePath, paintSamples, (measure, target, cell) => record(measure, target, scale, cell), ms);
    } catch (err) {
      record('screen paint (click → painted with data)', '< 100 ms at scale 100', scale, `n/a (${err instanceof Error ? err.message : 'error'})`);
    }
  }
  record('peak RSS of the bench process so far', '', scale, `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-bench-'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}
try {
  console.log(
    `Node ${process.versions.node}, ${os.cpus().length} CPU, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${iterations} iterations per query`,
  );
  for (const scale of scales) {
    process.stderr.write(`scale ${scale}…\n`);
    await benchScale(scale, dir);
  }
  const header = `| measure | ${scales.map((s) => `scale ${s}`).join(' | ')} | target |`;
  console.log(['', header, `|---|${scales.map(() => '---:').join('|')}|---|`].join('\n'));
  for (const [measure, row] of rows) {
    console.log(`| ${measure} | ${scales.map((s) => row.cells.get(s) ?? '').join(' | ')} | ${row.target} |`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
