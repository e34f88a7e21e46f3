import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { expectNoRawKeys } from './raw-keys';
import type { ProcedureInput, ProcedureName, ProcedureOutput, Result } from '../../src-main/contract';

const root = path.resolve(import.meta.dirname, '..', '..');
const serveMain = path.join(root, 'src-main', 'http', 'serve-main.ts');
// KOMET_E2E_OUT lets a run use its own build, so rebuilding elsewhere cannot empty it mid-run.
const rendererDir = path.join(process.env.KOMET_E2E_OUT ? path.resolve(process.env.KOMET_E2E_OUT) : path.join(root, 'out'), 'renderer');

export interface KometServer {
  /**
   * Komet's address, http://127.0.0.1:PORT/. It carries nothing secret: the page fixture has opened
   * a launch address first, so the page's browser holds a session cookie and this address (a
   * reload, a route after the #) opens Komet.
   */
  url: string;
  origin: string;
  /** A fresh single-use launch address, asked of the server as `npm start` asks for one. */
  launchUrl(): Promise<string>;
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

/**
 * Starts `serve-main.ts` the way `npm start` does, on a free port, and waits for its ready line.
 * Each later line on its stdout is a launch address it printed because a line was written to it.
 */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; ready: Ready; nextReady: () => Promise<Ready>; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), serveMain, '--ready-json', '--exit-with-stdin', '--port', '0', '--renderer', rendererDir],
    { cwd: root, env: { ...process.env, KOMET_DATA_DIR: dataDir, KOMET_PORT: '' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = readline.createInterface({ input: child.stdout! });
  const nextReady = () =>
    new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser shell printed no address within 90 s\n${stderr}`)), 90_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as Ready);
        } catch {
          reject(new Error(`unexpected line from the browser shell: ${line}\n${stderr}`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`browser shell exited with ${code}\n${stderr}`));
      });
    });
  const ready = await nextReady();
  return { child, ready, nextReady, stderr: () => stderr };
}

/** Spends a launch address as a browser would and returns the session cookie it gives. */
async function sessionCookieFrom(launchUrl: string): Promise<string> {
  const res = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (res.status !== 303 || !cookie) throw new Error(`the launch address gave no session (${res.status})`);
  return cookie;
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
    const { child, ready, nextReady, stderr } = await startServer(dataDir);
    const origin = new URL(ready.url).origin;
    // The harness arranges data over HTTP with a session of its own, from the first address.
    const cookie = await sessionCookieFrom(ready.url);
    const server: KometServer = {
      url: `${origin}/`,
      origin,
      async launchUrl() {
        const next = nextReady();
        child.stdin!.write('\n');
        return (await next).url;
      },
      dataDir,
      userName: testUserName,
      passphrase: testPassphrase,
      async call(procedure, input) {
        const res = await fetch(`${origin}/api/call`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
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
  // Every test starts on Komet's start page, with its own data folder behind it, entered the way
  // `npm start` enters it: through a fresh launch address.
  page: async ({ page, komet }, use) => {
    await page.goto(await komet.launchUrl());
    await use(page);
  },
});

export { expect };

/**
 * Runs axe with the WCAG 2.1 A and AA rules and fails with a readable list of what is wrong. Every
 * screen that is scanned is also checked for translation key paths shown in place of words.
 */
export async function expectNoAxeViolations(page: Page, options: { include?: string; exclude?: string[] } = {}): Promise<void> {
  await expectNoRawKeys(page);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe found WCAG 2.1 AA violations on ${page.url().replace(/#.*$/, '')}`).toEqual([]);
}
