import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createRuntime, type Runtime } from '../app/runtime';
import { AppError } from '../core/errors';
import { startBrowserShell, type BrowserShell } from './server';

/**
 * Runs the browser shell as a process: `npm start` (when Electron is missing) and the end-to-end
 * tests start it with tsx. Prints a single-use launch address on stdout (with --ready-json, one
 * JSON line with it, the port and the data folder) and serves until stopped. With
 * --exit-with-stdin each line the parent writes asks for a fresh launch address, printed the same
 * way; the parent reads them from a pipe, so no address reaches another process's command line.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.KOMET_PORT ?? '0' },
    renderer: { type: 'string' },
    'ready-json': { type: 'boolean', default: false },
    // The parent holds our stdin open; when it dies without signalling, stdin ends and we stop.
    // Meanwhile every line on it asks for a new launch address.
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('komet: --port måste vara ett heltal 0–65535 / --port must be an integer 0–65535');
  process.exit(2);
}

const rendererDir = path.resolve(values.renderer ?? path.join(import.meta.dirname, '..', '..', 'out', 'renderer'));
function fail(err: unknown): never {
  if (err instanceof AppError) console.error(`komet: ${err.messages.sv} / ${err.messages.en}`);
  else if ((err as { code?: unknown }).code === 'EADDRINUSE') console.error(`komet: porten ${port} är upptagen / port ${port} is in use`);
  else console.error(`komet: kunde inte starta / could not start (${err instanceof Error ? err.name : 'error'})`);
  process.exit(1);
}

// Starts locked (or at first-run setup): the page unlocks through vault.* calls.
let app: Runtime;
let shell: BrowserShell;
try {
  app = createRuntime({ shell: 'browser' });
} catch (err) {
  fail(err);
}
try {
  shell = await startBrowserShell({ app, port, rendererDir });
} catch (err) {
  app.close();
  fail(err);
}

const printLaunchUrl = () => {
  const url = shell.launchUrl();
  console.log(values['ready-json'] ? JSON.stringify({ url, port: shell.port, dataDir: app.dataDir }) : url);
};
printLaunchUrl();

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await shell.close();
  // The quit backup, as the desktop app makes one when it closes.
  app.close({ backup: true });
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
if (values['exit-with-stdin']) {
  process.stdin.on('end', () => void stop(0));
  process.stdin.on('error', () => void stop(0));
  readline.createInterface({ input: process.stdin }).on('line', printLaunchUrl);
}
