import path from 'node:path';
import { parseArgs } from 'node:util';
import { createKometGate, type KometGate } from '../app/komet-gate';
import { AppError } from '../core/errors';
import { startBrowserShell, type BrowserShell } from './server';

/**
 * Runs the browser shell as a process: `npm start` (when Electron is missing) and the end-to-end
 * tests start it with tsx. Prints the tokenised URL on stdout (with --ready-json, one JSON line
 * with the URL and the data folder) and serves until stopped.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.KOMET_PORT ?? '0' },
    renderer: { type: 'string' },
    'ready-json': { type: 'boolean', default: false },
    // The parent holds our stdin open; when it dies without signalling, stdin ends and we stop.
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
let app: KometGate;
let shell: BrowserShell;
try {
  app = createKometGate({ shell: 'browser' });
} catch (err) {
  fail(err);
}
try {
  shell = await startBrowserShell({ app, port, rendererDir });
} catch (err) {
  app.close();
  fail(err);
}

if (values['ready-json']) console.log(JSON.stringify({ url: shell.url, port: shell.port, dataDir: app.dataDir }));
else console.log(shell.url);

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
  process.stdin.resume();
}
