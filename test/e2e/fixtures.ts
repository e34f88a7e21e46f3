import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { ProcedureInput, ProcedureName, ProcedureOutput, Result } from '../../src-main/ipc/contract';

const root = path.resolve(import.meta.dirname, '..', '..');
const serveMain = path.join(root, 'src-main', 'http', 'serve-main.ts');
// KOMET_E2E_OUT lets a run use its own build, so rebuilding elsewhere cannot empty it mid-run.
const rendererDir = path.join(process.env.KOMET_E2E_OUT ? path.resolve(process.env.KOMET_E2E_OUT) : path.join(root, 'out'), 'renderer');

export interface KometServer {
  /** The tokenised address a user would open: http://127.0.0.1:PORT/#token=… */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** The vault's owner and passphrase (set up before the page opens unless `freshVault`). */
  userName: string;
  passphrase: string;
  /** Calls a procedure over HTTP as the page would, e.g. to arrange data before a UI step. */
  call<P extends ProcedureName>(procedure: P, input?: ProcedureInput<P>): Promise<Result<ProcedureOutput<P>>>;
}

interface Ready {
  url: string;
  port: number;
  dataDir: string;
}

/** Starts `serve-main.ts` the way `npm start` does, on a free port, and waits for its ready line. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; ready: Ready; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), serveMain, '--ready-json', '--exit-with-stdin', '--port', '0', '--renderer', rendererDir],
    { cwd: root, env: { ...process.env, KOMET_DATA_DIR: dataDir, KOMET_PORT: '' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser shell did not start within 90 s\n${stderr}`)), 90_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as Ready);
      } catch {
        reject(new Error(`unexpected first line from the browser shell: ${line}\n${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser shell exited with ${code} before it was ready\n${stderr}`));
    });
  });
  return { child, ready, stderr: () => stderr };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export const testUserName = 'Testa Testsson';
export const testPassphrase = 'en lång lösenfras för testerna';

export const test = base.extend<{ komet: KometServer; freshVault: boolean }>({
  /** true: leave the vault uncreated, so the page opens on first-run setup. */
  freshVault: [false, { option: true }],
  komet: async ({ freshVault }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-e2e-'));
    const { child, ready, stderr } = await startServer(dataDir);
    const url = new URL(ready.url);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const origin = url.origin;
    const server: KometServer = {
      url: ready.url,
      origin,
      token,
      dataDir,
      userName: testUserName,
      passphrase: testPassphrase,
      async call(procedure, input) {
        const res = await fetch(`${origin}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ procedure, input }),
        });
        return (await res.json()) as never;
      },
    };
    try {
      if (!freshVault) {
        const setup = await server.call('vault.setup', { userName: testUserName, passphrase: testPassphrase, passphraseRepeat: testPassphrase });
        if (!setup.ok) throw new Error(`vault.setup failed: ${JSON.stringify(setup.error)}`);
      }
      await use(server);
    } finally {
      await stopServer(child);
      if (testInfo.status !== testInfo.expectedStatus && stderr()) await testInfo.attach('browser-shell-stderr', { body: stderr() });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
  // Every test starts on Komet's start page, with its own data folder behind it.
  page: async ({ page, komet }, use) => {
    await page.goto(komet.url);
    await use(page);
  },
});

export { expect };

/** Runs axe with the WCAG 2.1 A and AA rules and fails with a readable list of what is wrong. */
export async function expectNoAxeViolations(page: Page, options: { include?: string; exclude?: string[] } = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe found WCAG 2.1 AA violations on ${page.url().replace(/#.*$/, '')}`).toEqual([]);
}
