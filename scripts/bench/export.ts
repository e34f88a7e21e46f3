import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyFile } from '../../src-main/core/export/encrypt';
import type { BenchContext, BenchSection } from './context';
import { median } from './stats';

/**
 * FoU export: the whole `komet export` in its own process (so its peak memory is the export's,
 * not the bench's), beside the floor from the same run: the same tables dumped as CSV by the
 * sqlite3 CLI, compressed by gzip -6 and encrypted by the age CLI, the least any compressed,
 * encrypted export of those rows can cost. Measures only.
 */

const root = path.resolve(import.meta.dirname, '..', '..');

/** Tables the export's queries read (src-main/core/repos/export-source.ts). */
const SOURCE_TABLES = [
  'programmes',
  'units',
  'groups',
  'group_leaders',
  'sessions',
  'families',
  'participants',
  'dropout_reasons',
  'attendance',
  'fidelity_records',
  'outcome_responses',
  'outcome_scores',
  'instruments',
];

// Loaded into the export's process with --import: writes its own peak RSS when it exits. On Linux
// that is VmHWM, the high-water mark of the process's own memory: getrusage's maxRSS survives the
// exec and so carries the bench's size at the fork (a --help measured 1.2 GB beside a 2 GB bench).
const RSS_PRELOAD = `import fs from 'node:fs';
const peakKb = () => {
  try {
    const hwm = /^VmHWM:\\s+(\\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
};
process.on('exit', () => {
  const cpu = process.cpuUsage();
  fs.writeFileSync(process.env.KOMET_BENCH_RSS_FILE, JSON.stringify({ peakKb: peakKb(), cpuMs: (cpu.user + cpu.system) / 1000 }));
});
`;

const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function missingTool(name: string): string | null {
  const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
  return r.error ? `${name} CLI missing` : null;
}

interface ChildRun {
  wallMs: number;
  maxRssKb: number;
  /** CPU (user + system) of the komet process itself: on a shared machine steadier than its wall time. */
  cpuMs: number;
  /** CPU the bench's own process used meanwhile (its garbage collector competes for the 2 cores). */
  benchCpuMs: number;
}

/** One `komet …` in its own process, with its wall time and its own peak RSS. */
async function runKomet(ctx: BenchContext, args: string[]): Promise<ChildRun> {
  const preload = path.join(ctx.dir, 'rss-preload.mjs');
  const rssFile = path.join(ctx.dir, `komet-rss-${ctx.scale}.txt`);
  fs.writeFileSync(preload, RSS_PRELOAD);
  fs.rmSync(rssFile, { force: true });
  const started = performance.now();
  const benchCpu = process.cpuUsage();
  const child = spawn(process.execPath, ['--import', path.toNamespacedPath(preload), path.join(root, 'bin', 'komet.mjs'), ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    // The export's default folders go to the bench's scratch folder, never the user's data.
    env: { ...process.env, KOMET_DATA_DIR: path.join(ctx.dir, 'export-data'), KOMET_BENCH_RSS_FILE: rssFile, KOMET_PASSPHRASE: '' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`komet ${args[0]} exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
  const used = process.cpuUsage(benchCpu);
  const own = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { peakKb: number; cpuMs: number };
  return { wallMs, maxRssKb: own.peakKb, cpuMs: own.cpuMs, benchCpuMs: (used.user + used.system) / 1000 };
}

/** sqlite3 -csv -header db "select * from …; …" | gzip -6 | age -r RECIPIENT -o FILE, timed end to end. */
async function runBaseline(ctx: BenchContext, recipient: string, outFile: string): Promise<{ wallMs: number; bytes: number }> {
  const sql = SOURCE_TABLES.map((t) => `select * from ${t};`).join(' ');
  const started = performance.now();
  const dump = spawn('sqlite3', ['-readonly', '-csv', '-header', ctx.databasePath, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
  const gzip = spawn('gzip', ['-6'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const encrypt = spawn('age', ['-r', recipient, '-o', outFile], { stdio: ['pipe', 'ignore', 'pipe'] });
  dump.stdout.pipe(gzip.stdin);
  gzip.stdout.pipe(encrypt.stdin);
  let errors = '';
  for (const p of [dump, gzip, encrypt]) p.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = (p: ReturnType<typeof spawn>) =>
    new Promise<number | null>((resolve, reject) => {
      p.on('error', reject);
      p.on('close', resolve);
    });
  const [dumpCode, gzipCode, ageCode] = await Promise.all([exited(dump), exited(gzip), exited(encrypt)]);
  const wallMs = performance.now() - started;
  if (dumpCode !== 0 || gzipCode !== 0 || ageCode !== 0) {
    throw new Error(`sqlite3 ${dumpCode} / gzip ${gzipCode} / age ${ageCode}: ${errors.trim().split('\n').pop() ?? ''}`);
  }
  return { wallMs, bytes: fs.statSync(outFile).size };
}

const reason = (err: unknown) => (err instanceof Error ? err.message : 'error');

/** "median (of N: lowest–highest)", or the one figure when there was one run. */
const spread = (values: number[], format: (n: number) => string): string =>
  values.length === 1
    ? format(values[0]!)
    : `${format(median(values))} (median of ${values.length}: ${format(Math.min(...values))}–${format(Math.max(...values))})`;

export const exportSection: BenchSection = async (ctx) => {
  const work = path.join(ctx.dir, `export-${ctx.scale}`);
  fs.mkdirSync(work, { recursive: true });
  const { publicKey } = await generateKeyFile(path.join(work, 'key.txt'));

  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  const wallLabel = 'FoU export: komet export, whole run in its own process (wall / CPU / file size)';
  const rssLabel = 'FoU export: peak RSS of the komet export process';
  const rssTarget = '< 200 MB, flat across scales';
  const floorLabel = 'FoU export: floor of the same process, komet export --help (wall / peak RSS)';
  const baselineLabel = 'FoU export floor: sqlite3 -csv of the same tables piped to gzip -6 and age -r (wall / file size)';
  const ratioLabel = 'FoU export: wall time ÷ floor wall time';
  const missing = missingTool('sqlite3') ?? missingTool('gzip') ?? missingTool('age');
  const exports: ChildRun[] = [];
  const baselines: { wallMs: number; bytes: number }[] = [];
  let exportBytes = 0;
  let exportFailed: string | null = null;
  let baselineFailed: string | null = missing;
  // Once unmeasured first: the first command after a source change builds the CLI bundle.
  await runKomet(ctx, ['export', '--help']).catch(() => undefined);
  // The export and its floor alternate, so a change in the machine's load falls on both alike.
  for (let i = 0; i < ctx.exportRuns && exportFailed === null; i++) {
    const outFile = path.join(work, 'komet-export.age');
    fs.rmSync(outFile, { force: true });
    try {
      exports.push(await runKomet(ctx, ['export', '--db', ctx.databasePath, '--recipient', publicKey, '--out', outFile]));
      exportBytes = fs.statSync(outFile).size;
    } catch (err) {
      exportFailed = reason(err);
    }
    if (baselineFailed !== null) continue;
    try {
      baselines.push(await runBaseline(ctx, publicKey, path.join(work, 'baseline.csv.gz.age')));
    } catch (err) {
      baselineFailed = reason(err);
    }
  }
  if (exportFailed !== null) {
    ctx.record(wallLabel, '', `n/a (${exportFailed})`);
    ctx.record(rssLabel, rssTarget, 'n/a');
  } else {
    const walls = exports.map((r) => r.wallMs);
    ctx.record(wallLabel, '', `${spread(walls, seconds)} / ${seconds(median(exports.map((r) => r.cpuMs)))} / ${megabytes(exportBytes)}`);
    ctx.record(
      rssLabel,
      rssTarget,
      spread(
        exports.map((r) => r.maxRssKb),
        mb,
      ),
    );
    ctx.record('FoU export: CPU the bench process itself used while the export ran', '', seconds(median(exports.map((r) => r.benchCpuMs))));
  }
  // The floor under both figures: the same command line starting Node and printing its help,
  // which opens no database.
  try {
    const floors: ChildRun[] = [];
    for (let i = 0; i < ctx.exportRuns; i++) floors.push(await runKomet(ctx, ['export', '--help']));
    ctx.record(floorLabel, '', `${seconds(median(floors.map((r) => r.wallMs)))} / ${mb(median(floors.map((r) => r.maxRssKb)))}`);
  } catch (err) {
    ctx.record(floorLabel, '', `n/a (${reason(err)})`);
  }
  if (baselineFailed !== null) ctx.record(baselineLabel, '', `n/a (${baselineFailed})`);
  else if (baselines.length > 0) {
    ctx.record(
      baselineLabel,
      '',
      `${spread(
        baselines.map((b) => b.wallMs),
        seconds,
      )} / ${megabytes(baselines.at(-1)!.bytes)}`,
    );
    const ratio = exports.length === 0 ? 'n/a' : (median(exports.map((r) => r.wallMs)) / median(baselines.map((b) => b.wallMs))).toFixed(2);
    ctx.record(ratioLabel, '≤ 1.5 at scale 100', exports.length > 1 ? `${ratio} (of the medians)` : ratio);
  }
  fs.rmSync(work, { recursive: true, force: true });
};
