#!/usr/bin/env node
// `npm start`: builds Komet and opens it in Electron. Where Electron's binary cannot be had, it
// says so in one line and runs the browser shell instead, in a Chromium/Chrome/Edge app window,
// or prints the address when there is no browser or no display.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { findChromium } from './find-chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = (...p) => path.join(root, 'out', ...p);
const say = (line) => console.log(line);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Komet behöver Node 22.12 eller senare (du har ${process.versions.node}); kör \`npm start\` så används projektets Node 24. / Komet needs Node ≥ 22.12; run \`npm start\`.`);
  process.exit(1);
}

function build() {
  if (!fs.existsSync(path.join(root, 'electron.config.ts'))) {
    if (!fs.existsSync(out('renderer', 'index.html'))) say('electron.config.ts saknas – gränssnittet kan inte byggas. / electron.config.ts missing – the UI cannot be built.');
    return;
  }
  say('Bygger Komet … / Building Komet …');
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build', '-c', 'electron.config.ts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    console.error('Bygget misslyckades (se ovan). / The build failed (see above).');
    process.exit(1);
  }
  const serve = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-serve.mjs')], { cwd: root, stdio: 'inherit' });
  if (serve.status !== 0) {
    console.error('Bygget misslyckades (se ovan). / The build failed (see above).');
    process.exit(1);
  }
}

/** The Electron binary without triggering the electron package's own noisy download-on-require. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const resolve = () => {
    const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return rel ? path.join(pkg, 'dist', rel) : null;
  };
  let binary = resolve();
  if ((!binary || !fs.existsSync(binary)) && fs.existsSync(path.join(pkg, 'install.js')) && !process.env.CI && !process.env.KOMET_NO_ELECTRON_DOWNLOAD) {
    // Electron 45 fetches its binary on first use; where the network allows it, let it, quietly.
    spawnSync(process.execPath, [path.join(pkg, 'install.js')], { cwd: pkg, stdio: 'ignore', timeout: 180_000 });
    binary = resolve();
  }
  return binary && fs.existsSync(binary) ? binary : null;
}

/** Resolves with the exit code, or null when Electron could not start (spawn error or a crash at launch). */
function runElectron(binary) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [root], { cwd: root, stdio: 'inherit', windowsHide: false });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', () => resolve(null));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      if (code !== 0 && !signal && Date.now() - started < 5_000) resolve(null);
      else resolve(code ?? 0);
    });
  });
}

const hasDisplay = () => process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

async function runBrowserShell() {
  // The bundle built by `npm run build` starts several times faster than the TypeScript sources.
  const bundle = out('serve', 'index.mjs');
  const entry = fs.existsSync(bundle)
    ? [bundle]
    : ['--import', import.meta.resolve('tsx'), path.join(root, 'src-main', 'http', 'serve-main.ts')];
  const server = spawn(
    process.execPath,
    [...entry, '--ready-json', '--exit-with-stdin', '--renderer', out('renderer')],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const serverExited = new Promise((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
  const lines = readline.createInterface({ input: server.stdout });
  const ready = await new Promise((resolve) => {
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve(null);
      }
    });
    server.once('exit', () => resolve(null));
  });
  if (!ready) process.exit((await serverExited) || 1);
  lines.on('line', (line) => console.log(line));

  let browser = null;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (browser && browser.exitCode === null) browser.kill('SIGTERM');
    if (server.exitCode === null) server.kill('SIGTERM');
    await serverExited;
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0)).on('SIGTERM', () => void stop(0)).on('SIGHUP', () => void stop(0));
  serverExited.then((code) => !stopping && process.exit(code || 1));

  const printAddress = () => {
    say(`Komet: ${ready.url}`);
    say('Öppna adressen i Chrome, Edge eller Chromium. Ctrl-C avslutar. / Open the address in Chrome, Edge or Chromium. Ctrl-C stops.');
  };
  const executable = findChromium();
  if (!executable || !hasDisplay()) return printAddress();

  const args = [
    `--app=${ready.url}`,
    `--user-data-dir=${path.join(ready.dataDir, 'browser-profile')}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to run as root with its sandbox on Linux (containers, live systems).
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
  browser = spawn(executable, args, { stdio: 'ignore' });
  // A browser that dies at once never showed a window: keep serving and give the address instead.
  let shown = false;
  const settled = setTimeout(() => {
    shown = true;
    say('Komet är öppet i ett webbläsarfönster; stäng det eller tryck Ctrl-C för att avsluta. / Komet is open in a browser window; close it or press Ctrl-C to stop.');
  }, 3_000);
  browser.on('error', () => {
    clearTimeout(settled);
    printAddress();
  });
  browser.on('exit', (code) => {
    if (stopping) return;
    if (code !== 0 && !shown) {
      clearTimeout(settled);
      return printAddress();
    }
    void stop(0);
  });
}

build();
const binary = electronBinary();
const electronCode = binary && fs.existsSync(out('main', 'index.js')) ? await runElectron(binary) : null;
if (electronCode !== null) process.exit(electronCode);
say('Electron kunde inte startas på den här datorn – öppnar Komet i webbläsaren i stället. / Electron could not start on this computer – opening Komet in the browser instead.');
await runBrowserShell();
