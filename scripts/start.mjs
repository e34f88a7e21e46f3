#!/usr/bin/env node
// `npm start`: builds Komet and opens it in Electron. Where Electron's binary cannot be had, it
// says so in one line and runs the browser shell instead, in a Chromium/Chrome/Edge app window,
// or prints the address when there is no browser or no display.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runBrowserShell } from './browser-shell.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = (...p) => path.join(root, 'out', ...p);
const say = (line) => console.log(line);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Komet behöver Node 22.12 eller senare (du har ${process.versions.node}); kör \`npm start\` så används projektets Node 24. / Komet needs Node ≥ 22.12; run \`npm start\`.`,
  );
  process.exit(1);
}

function build() {
  if (!fs.existsSync(path.join(root, 'electron.config.ts'))) {
    if (!fs.existsSync(out('renderer', 'index.html')))
      say('electron.config.ts saknas – gränssnittet kan inte byggas. / electron.config.ts missing – the UI cannot be built.');
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

build();
const binary = electronBinary();
const electronCode = binary && fs.existsSync(out('main', 'index.js')) ? await runElectron(binary) : null;
if (electronCode !== null) process.exit(electronCode);
say(
  'Electron kunde inte startas på den här datorn – öppnar Komet i webbläsaren i stället. / Electron could not start on this computer – opening Komet in the browser instead.',
);
await runBrowserShell({ out: out() });
