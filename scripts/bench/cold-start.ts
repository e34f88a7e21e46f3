import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../find-chromium.mjs';
import type { BenchSection } from './context';
import { startServe } from './serve';
import { untilPaintedSource } from './screen-painted';
import { median } from './stats';

/**
 * Cold starts beside their floor in the same run: `komet` commands from spawn to the first byte
 * they print and to their exit, beside `node -e 0` on the same Node; and the app as `npm start`
 * opens it once built (the built browser-shell bundle, then a browser page) to its first screen
 * painted, beside that same Node and browser doing nothing (`node -e 0`, then a blank page).
 * Measures only.
 */

const root = path.resolve(import.meta.dirname, '..', '..');

interface Started {
  firstOutputMs: number;
  exitMs: number;
}

/** Spawns the project's Node with these arguments; times its first byte on stdout and its exit. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstOutputMs = Number.NaN;
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stdout.on('data', () => {
      if (Number.isNaN(firstOutputMs)) firstOutputMs = performance.now() - started;
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const exitMs = performance.now() - started;
      if (code !== 0) reject(new Error(`exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
      else resolve({ firstOutputMs: Number.isNaN(firstOutputMs) ? exitMs : firstOutputMs, exitMs });
    });
  });
}

const reason = (err: unknown) => (err instanceof Error ? err.message : 'error');

/** Resolves once the page shows a screen: a heading, nothing on it still loading, one frame painted. */
const painted = `(async () => {
  ${untilPaintedSource}
  await untilPainted(document, null);
})()`;

export const coldStartSection: BenchSection = async (ctx) => {
  const runs = 5;
  const env = { ...process.env, KOMET_DATA_DIR: path.join(ctx.dir, 'cold-data'), KOMET_PASSPHRASE: '' };
  const komet = path.join(root, 'bin', 'komet.mjs');
  const commands: { label: string; args: string[] }[] = [
    { label: 'node -e 0 (the floor)', args: ['-e', '0'] },
    { label: 'komet --help', args: [komet, '--help'] },
    { label: 'komet stats --json (opens the database)', args: [komet, 'stats', '--json', '--db', ctx.databasePath] },
    { label: 'komet leaders --json (opens the database)', args: [komet, 'leaders', '--json', '--db', ctx.databasePath] },
  ];
  // Once unmeasured: the first command after a source change builds the CLI bundle.
  await timeProcess([komet, '--help'], env).catch(() => undefined);
  for (const command of commands) {
    const label = `cold start: ${command.label}, spawn → first output / exit (median of ${runs})`;
    try {
      const times: Started[] = [];
      for (let i = 0; i < runs; i++) times.push(await timeProcess(command.args, env));
      ctx.record(label, '', `${ctx.ms(median(times.map((t) => t.firstOutputMs)))} / ${ctx.ms(median(times.map((t) => t.exitMs)))} ms`);
    } catch (err) {
      ctx.record(label, '', `n/a (${reason(err)})`);
    }
  }

  const appLabel = `cold start: npm start once built (bundle + browser page) → first screen painted (median of ${runs})`;
  const floorLabel = `cold start floor: node -e 0, then the same browser painting a blank page (median of ${runs})`;
  const executablePath = findChromium();
  if (!executablePath) return ctx.record(appLabel, '', 'n/a (no Chromium)');
  if (!fs.existsSync(path.join(root, 'out', 'serve', 'index.mjs'))) return ctx.record(appLabel, '', 'n/a (run npm run build)');
  /** Opens the browser at the address; resolves with the time since `started` when painted (closing is not counted). */
  const browserTo = async (url: string | null, started: number): Promise<number> => {
    const browser = await chromium.launch({ executablePath, args: ['--lang=sv-SE'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'sv-SE', bypassCSP: true });
      if (url === null) await page.goto('about:blank');
      else {
        await page.goto(url);
        await page.evaluate(painted);
      }
      return performance.now() - started;
    } finally {
      await browser.close();
    }
  };
  try {
    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      await timeProcess(['-e', '0'], env);
      floor.push(await browserTo(null, started));
      started = performance.now();
      const shell = await startServe(root, ctx.databasePath, { bundled: true });
      try {
        app.push(await browserTo(shell.url.href, started));
      } finally {
        await shell.stop();
      }
    }
    ctx.record(appLabel, '', `${ctx.ms(median(app))} ms`);
    ctx.record(floorLabel, '', `${ctx.ms(median(floor))} ms`);
  } catch (err) {
    ctx.record(appLabel, '', `n/a (${reason(err)})`);
  }
};
