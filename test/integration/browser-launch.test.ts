import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../helpers/db';

// Runs the launcher `npm start` falls back to (scripts/browser-shell.mjs) with a stand-in for
// Chromium, so the test sees exactly the command line the browser would get and what is left on
// disk afterwards. The real browser shell serves behind it (run from its sources by tsx, whose
// cache is the one other thing in the temporary folder).

const root = path.resolve(import.meta.dirname, '..', '..');
const launcher = path.join(root, 'scripts', 'browser-shell.mjs');
const fakeBrowser = path.join(root, 'test', 'helpers', 'fake-browser.mjs');

interface BrowserRecord {
  argv: string[];
  pid: number;
  profile?: string;
  page?: string;
  pageMode?: number;
  dirMode?: number;
  profileMode?: number;
  target?: string;
  firstStatus?: number;
  setCookie?: string | null;
  location?: string | null;
  secondStatus?: number;
  callOk?: boolean;
  error?: string;
}

let dir: string;
let tmp: string;
let recordFile: string;
let running: ReturnType<typeof spawn> | null = null;

beforeEach(() => {
  dir = makeTempDir('komet-launch-');
  tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  recordFile = path.join(dir, 'browser.json');
});
afterEach(async () => {
  // A test that failed half-way must not leave the launcher (and its server) running.
  if (running && running.exitCode === null && running.signalCode === null) {
    const gone = new Promise((resolve) => running!.once('exit', resolve));
    running.kill('SIGTERM');
    await gone;
  }
  running = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function startLauncher(stay: boolean) {
  const executable = path.join(dir, 'chromium');
  fs.writeFileSync(executable, `#!/bin/sh\nexec '${process.execPath}' '${fakeBrowser}' "$@"\n`, { mode: 0o755 });
  const child = spawn(process.execPath, [launcher, '--out', path.join(dir, 'out')], {
    cwd: root,
    env: {
      ...process.env,
      KOMET_CHROMIUM: executable,
      DISPLAY: ':99',
      KOMET_DATA_DIR: path.join(dir, 'data'),
      KOMET_PORT: '',
      TMPDIR: tmp,
      FAKE_BROWSER_RECORD: recordFile,
      ...(stay ? { FAKE_BROWSER_STAY: '1' } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const readRecord = () => JSON.parse(fs.readFileSync(recordFile, 'utf8')) as BrowserRecord;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the browser shell launcher', { timeout: 120_000 }, () => {
  it('puts nothing secret on the browser command line; the launch page inside works once and its profile is gone when the window closes', async () => {
    const { exited, output } = startLauncher(false);
    expect(await exited, output()).toBe(0);
    const record = readRecord();
    expect(record.error, output()).toBeUndefined();

    // The command line: a file page and a fresh profile, no address of the server, no nonce.
    const commandLine = record.argv.join(' ');
    expect(commandLine).not.toMatch(/nonce|token|127\.0\.0\.1|localhost/);
    const nonce = new URL(record.target!).searchParams.get('nonce')!;
    expect(nonce).toMatch(/^[\w-]{43}$/);
    expect(commandLine).not.toContain(nonce);
    expect(record.argv[0]).toMatch(/^--app=file:\/\//);
    expect(record.profile!.startsWith(`${tmp}${path.sep}`)).toBe(true);
    expect(record.profile!.startsWith(path.join(dir, 'data'))).toBe(false);
    // Only this user can read the page that carries the nonce.
    expect(record.dirMode).toBe(0o700);
    expect(record.pageMode).toBe(0o600);
    expect(record.profileMode).toBe(0o700);

    // What the browser does with it: one exchange for an HttpOnly, SameSite=Strict cookie and a
    // redirect to an address without a secret; the nonce is spent after that.
    expect(record.firstStatus).toBe(303);
    expect(record.location).toBe('/');
    expect(record.setCookie).toMatch(/; HttpOnly/);
    expect(record.setCookie).toMatch(/; SameSite=Strict/);
    expect(record.secondStatus).toBe(401);
    expect(record.callOk).toBe(true);

    // Closing the window stopped Komet and took the profile (history and all) with it.
    expect(fs.existsSync(record.profile!)).toBe(false);
    expect(fs.readdirSync(tmp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'data', 'browser-profile'))).toBe(false);
  });

  it('removes the profile and closes the window when Komet is stopped', async () => {
    const { child, exited, output } = startLauncher(true);
    await vi.waitFor(() => expect(fs.existsSync(recordFile), output()).toBe(true), { timeout: 90_000, interval: 100 });
    const record = readRecord();
    expect(fs.existsSync(record.profile!)).toBe(true);
    expect(alive(record.pid)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited, output()).toBe(0);
    expect(alive(record.pid)).toBe(false);
    expect(fs.existsSync(record.profile!)).toBe(false);
    expect(fs.readdirSync(tmp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
  });
});
