#!/usr/bin/env node
// The browser shell as `npm start` runs it where Electron cannot: serves the built app on
// 127.0.0.1 and opens it in a Chromium/Chrome/Edge app window, or prints an address when there is
// no browser or no display. Alone, `node scripts/browser-shell.mjs [--out DIR]` opens an app that
// is already built (DIR: the build folder, out/ by default).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareAppWindow } from './app-window.mjs';
import { compileCacheEnv } from './compile-cache.mjs';
import { findChromium } from './find-chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const say = (line) => console.log(line);

const hasDisplay = () => process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** A line from the server that announces a launch address ({ url, port, dataDir }), or null. */
function parseAddress(line) {
  try {
    const parsed = JSON.parse(line);
    return parsed && typeof parsed.url === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export async function runBrowserShell({ out = path.join(root, 'out') } = {}) {
  // The bundle built by `npm run build` starts several times faster than the TypeScript sources.
  const bundle = path.join(out, 'serve', 'index.mjs');
  const entry = fs.existsSync(bundle) ? [bundle] : ['--import', import.meta.resolve('tsx'), path.join(root, 'src-main', 'http', 'serve-main.ts')];
  const compileCache = entry[0] === bundle ? compileCacheEnv(bundle) : {};
  const server = spawn(process.execPath, [...entry, '--ready-json', '--exit-with-stdin', '--renderer', path.join(out, 'renderer')], {
    cwd: root,
    env: { ...process.env, ...compileCache },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const serverExited = new Promise((resolve) => server.on('exit', (code) => resolve(code ?? 0)));

  // Every address line the server prints is a single-use launch address: the first when it is
  // ready, each later one because a line was written to its stdin. They arrive through this pipe,
  // never through a command line.
  const queued = [];
  const waiting = [];
  readline.createInterface({ input: server.stdout }).on('line', (line) => {
    const address = parseAddress(line);
    if (!address) return console.log(line);
    const resolve = waiting.shift();
    if (resolve) resolve(address);
    else queued.push(address);
  });
  server.once('exit', () => waiting.splice(0).forEach((resolve) => resolve(null)));
  const nextAddress = () => {
    if (queued.length > 0) return Promise.resolve(queued.shift());
    if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve(null);
    return new Promise((resolve) => waiting.push(resolve));
  };
  const freshAddress = () => {
    const next = nextAddress();
    server.stdin.write('\n');
    return next;
  };

  const ready = await nextAddress();
  if (!ready) process.exit((await serverExited) || 1);

  let appWindow = null;
  let browser = null;
  let browserExited = Promise.resolve();
  let stopping = false;
  const removeWindow = () => {
    appWindow?.remove();
    appWindow = null;
  };
  // However Komet ends, the throwaway profile goes with it.
  process.on('exit', removeWindow);
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (browser && browser.exitCode === null && browser.signalCode === null) {
      browser.kill('SIGTERM');
      // Its profile is removed only once it can no longer write to it.
      const force = setTimeout(() => browser.kill('SIGKILL'), 5_000);
      await browserExited;
      clearTimeout(force);
    }
    removeWindow();
    if (server.exitCode === null) server.kill('SIGTERM');
    await serverExited;
    process.exit(code);
  };
  process
    .on('SIGINT', () => void stop(0))
    .on('SIGTERM', () => void stop(0))
    .on('SIGHUP', () => void stop(0));
  serverExited.then((code) => !stopping && process.exit(code || 1));

  let listening = false;
  const printAddress = (address) => {
    say(`Komet: ${address.url}`);
    say(
      'Öppna adressen i Chrome, Edge eller Chromium inom två minuter; den fungerar en gång. Enter ger en ny adress, Ctrl-C avslutar. / ' +
        'Open the address in Chrome, Edge or Chromium within two minutes; it works once. Enter gives a new one, Ctrl-C stops.',
    );
    if (listening) return;
    listening = true;
    readline.createInterface({ input: process.stdin }).on('line', () => {
      void freshAddress().then((next) => next && say(`Komet: ${next.url}`));
    });
  };
  const printFreshAddress = () => void freshAddress().then((next) => next && printAddress(next));

  const executable = findChromium();
  if (!executable || !hasDisplay()) return printAddress(ready);

  appWindow = prepareAppWindow({ launchUrl: ready.url });
  browser = spawn(executable, appWindow.args, { stdio: 'ignore' });
  browserExited = new Promise((resolve) => browser.once('exit', resolve).once('error', resolve));
  // A browser that dies at once never showed a window: keep serving and give an address instead.
  let shown = false;
  const settled = setTimeout(() => {
    shown = true;
    say(
      'Komet är öppet i ett webbläsarfönster; stäng det eller tryck Ctrl-C för att avsluta. / Komet is open in a browser window; close it or press Ctrl-C to stop.',
    );
  }, 3_000);
  browser.on('error', () => {
    clearTimeout(settled);
    removeWindow();
    printFreshAddress();
  });
  browser.on('exit', (code) => {
    clearTimeout(settled);
    if (stopping) return;
    if (code !== 0 && !shown) {
      removeWindow();
      return printFreshAddress();
    }
    void stop(0);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  await runBrowserShell(values.out ? { out: path.resolve(values.out) } : {});
}
