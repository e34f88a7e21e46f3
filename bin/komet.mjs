#!/usr/bin/env node
// Entry point of the `komet` command. Kept to syntax every Node can parse so that an old Node
// reaches the version check below and says so in one line instead of crashing in the native
// SQLite module. No build step is needed: the CLI bundles itself on first use (cli-bundle.mjs)
// and runs the TypeScript sources through tsx if it cannot.

const required = [22, 12];
// Tests simulate an old Node with KOMET_MIN_NODE (e.g. "99.0"); nothing else sets it.
const minimum = (process.env.KOMET_MIN_NODE || '').match(/^(\d+)\.(\d+)/) ? process.env.KOMET_MIN_NODE.split('.').slice(0, 2).map(Number) : required;
const current = process.versions.node.split('.').map(Number);
const tooOld = current[0] < minimum[0] || (current[0] === minimum[0] && current[1] < minimum[1]);

if (tooOld) {
  const need = `${minimum[0]}.${minimum[1]}`;
  process.stderr.write(
    `Komet kräver Node ${need} eller senare (du har ${process.versions.node}). / Komet needs Node ${need} or later (you have ${process.versions.node}).\n`,
  );
  process.exit(1);
}

const { fileURLToPath, pathToFileURL } = await import('node:url');

async function loadCli() {
  const { bundledCli } = await import('./cli-bundle.mjs');
  const bundle = await bundledCli();
  if (!bundle) return fromSources();
  // V8 keeps the code it compiled from the bundle and reuses it next time, as long as the bundle,
  // Node and its flags are the same: `komet --help` answered in 0.17 s instead of 0.22 s and peaked
  // some 5 MiB lower. A folder that cannot be written only means no cache (Node reports that in
  // the returned value, it does not throw).
  const { compileCacheDir } = await import('../scripts/compile-cache.mjs');
  process.getBuiltinModule('node:module').enableCompileCache(compileCacheDir(bundle));
  return import(pathToFileURL(bundle).href);
}

async function fromSources() {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('../src-main/cli/main.ts', import.meta.url);
}

// Commands that run with a small young generation. V8 sizes a thread's young generation from the
// machine's memory (semi-spaces of up to 64 MB each on a desktop), and an export, which allocates a
// steady stream of short-lived rows, fills it: at city scale some 100 MB of its peak memory, for no
// less CPU than with a few megabytes. 24 MB (semi-spaces of 8 MB): at city scale 12 MB had the same
// peak (265-277 MB against 268-278) but some 20 % more CPU in collections.
const SMALL_YOUNG_COMMANDS = { export: { maxYoungGenerationSizeMb: 24 } };

// Set in the environment of the process image an export starts again as (below), and read once.
const OWN_IMAGE = 'KOMET_COMMAND_IMAGE';

/**
 * Where the system allows it, the command starts this program again in place of this process
 * (execve: same process, nothing left behind) with the young generation set by a flag and glibc's
 * malloc held to one arena. A process's young generation is fixed when it starts, so the command
 * then runs on the main thread rather than in a worker beside an idle one. glibc otherwise gives
 * each thread that allocates (the export's, the scores thread's, libuv's pool compressing) an arena
 * of its own, and freed memory stays in the arena it came from. At city scale the export's peak
 * RSS had a median of 259 MB in a worker, 244 MB as its own image with two arenas and 229 MB with
 * one (5 runs each, alternating), for the same CPU; with one arena the threads wait for it a
 * little, and the wall time was some 0.6 s longer (11.3 against 10.7 s). Returns only if the
 * system has no execve (Windows, Node before 22.15) or refused it.
 */
function startAgainAsOwnImage(argv, limits) {
  if (typeof process.execve !== 'function') return;
  const semiSpaceMb = Math.max(1, Math.floor(limits.maxYoungGenerationSizeMb / 3));
  const args = [
    process.execPath,
    ...process.execArgv,
    `--max-semi-space-size=${semiSpaceMb}`,
    ...lowMemoryTiers(process.execArgv),
    fileURLToPath(import.meta.url),
    ...argv,
  ];
  // Someone who has tuned glibc's arenas for this machine keeps their setting.
  const env = { ...process.env, [OWN_IMAGE]: '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '1' };
  try {
    process.execve(process.execPath, args, env);
  } catch (err) {
    if (process.env.KOMET_DEBUG) console.error(err);
  }
}

/**
 * V8's two middle compilers, Sparkplug and Maglev, left out of the export's image: code then runs
 * in the interpreter until TurboFan optimises what is hot. Without them the export's peak was some
 * 7 MB lower at city scale (medians 211 against 218 MB in 7 alternating pairs), for no more CPU. A
 * tier named among the node options the user gave is left as they set it.
 */
function lowMemoryTiers(execArgv) {
  const named = (tier) => execArgv.some((a) => a === `--${tier}` || a === `--no-${tier}`);
  return ['maglev', 'sparkplug'].filter((tier) => !named(tier)).map((tier) => `--no-${tier}`);
}

async function runInWorker(bundle, argv, resourceLimits) {
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolve) => {
    let code = null;
    const worker = new Worker(pathToFileURL(bundle), { workerData: { kometCliArgv: argv }, resourceLimits });
    worker.on('message', (message) => {
      if (typeof message === 'number') code = message;
    });
    // The command reports its own failures; this is the worker itself failing (out of memory).
    worker.on('error', (err) => {
      process.stderr.write('Kommandot avbröts (KOMET_DEBUG=1 visar orsaken). / The command was stopped (KOMET_DEBUG=1 shows why).\n');
      if (process.env.KOMET_DEBUG) console.error(err);
      code = 1;
    });
    worker.on('exit', (exit) => resolve(code ?? (exit === 0 ? 1 : exit)));
  });
}

async function run(argv) {
  const ownImage = process.env[OWN_IMAGE] === '1';
  // The export's own children (none today) should not think they were started again.
  delete process.env[OWN_IMAGE];
  const limits = Object.hasOwn(SMALL_YOUNG_COMMANDS, argv[0]) && !argv.includes('--help') && !argv.includes('-h') ? SMALL_YOUNG_COMMANDS[argv[0]] : null;
  if (limits && !ownImage) {
    const { bundledCli } = await import('./cli-bundle.mjs');
    const bundle = await bundledCli();
    // Run from the sources (no bundle), the command stays on this thread as it is.
    if (bundle) {
      startAgainAsOwnImage(argv, limits);
      return runInWorker(bundle, argv, limits);
    }
  }
  const cli = await loadCli();
  return cli.main(argv);
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  process.stderr.write(
    err && err.code === 'ERR_MODULE_NOT_FOUND'
      ? 'Komet saknar paket: kör npm install. / Komet is missing packages: run npm install.\n'
      : 'Komet kunde inte starta (KOMET_DEBUG=1 visar orsaken). / Komet could not start (KOMET_DEBUG=1 shows why).\n',
  );
  if (process.env.KOMET_DEBUG) console.error(err);
  process.exitCode = 1;
}
