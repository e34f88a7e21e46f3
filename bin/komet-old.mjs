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

async function loadCli() {
  const { pathToFileURL } = await import('node:url');
  const { bundledCli } = await import('./cli-bundle.mjs');
  const bundle = await bundledCli();
  if (bundle) return import(pathToFileURL(bundle).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('../src-main/cli/main.ts', import.meta.url);
}

// Commands run in a worker thread with a small young generation. V8 sizes a thread's young
// generation from the machine's memory (semi-spaces of up to 64 MB each on a desktop), and an
// export, which allocates a steady stream of short-lived rows, fills it: at city scale some 100 MB
// of its peak memory, for no less CPU than with a few megabytes. A process's own young generation
// is fixed when it starts; a worker's is set by its resourceLimits. This thread does not load the
// CLI at all, so the command's memory is the worker's alone. 24 MB (semi-spaces of 8 MB): at city
// scale 12 MB had the same peak (265-277 MB against 268-278) but some 20 % more CPU in collections.
const WORKER_COMMANDS = { export: { maxYoungGenerationSizeMb: 24 } };

async function runInWorker(bundle, argv, resourceLimits) {
  const { Worker } = await import('node:worker_threads');
  const { pathToFileURL } = await import('node:url');
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
  const limits = Object.hasOwn(WORKER_COMMANDS, argv[0]) && !argv.includes('--help') && !argv.includes('-h') ? WORKER_COMMANDS[argv[0]] : null;
  if (limits) {
    const { bundledCli } = await import('./cli-bundle.mjs');
    const bundle = await bundledCli();
    // Run from the sources (no bundle), the command stays on this thread.
    if (bundle) return runInWorker(bundle, argv, limits);
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
