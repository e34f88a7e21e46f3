#!/usr/bin/env node
// Finds a Chromium-family browser for the browser shell and the end-to-end tests.
// Usable as a module (findChromium) and as a CLI: prints the path, or exits 1 when none is found.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const isExecutable = (file) => {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function onPath(name, env) {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of dirs) for (const ext of exts) if (isExecutable(path.join(dir, name + ext))) return path.join(dir, name + ext);
  return null;
}

function playwrightChromium() {
  try {
    const file = require('playwright-core').chromium.executablePath();
    return file && isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

function platformCandidates(env, platform) {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    const roots = ['/Applications', path.join(env.HOME ?? '', 'Applications')];
    return roots.flatMap((root) => apps.map((app) => path.join(root, app)));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return roots.flatMap((root) => apps.map((app) => path.win32.join(root, app)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
  ];
}

/**
 * The first usable browser, in order: KOMET_CHROMIUM, Playwright's own Chromium, the system's
 * Chromium/Chrome/Edge. Returns null when there is none.
 */
export function findChromium({ env = process.env, platform = process.platform } = {}) {
  if (env.KOMET_CHROMIUM) return isExecutable(env.KOMET_CHROMIUM) ? path.resolve(env.KOMET_CHROMIUM) : null;
  const own = playwrightChromium();
  if (own) return own;
  for (const file of platformCandidates(env, platform)) if (isExecutable(file)) return file;
  if (platform !== 'darwin' && platform !== 'win32') {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge']) {
      const found = onPath(name, env);
      if (found) return found;
    }
  }
  return null;
}

export const noChromiumMessage =
  'Ingen Chromium/Chrome/Edge hittades: installera Chrome eller Chromium (Debian/Ubuntu: sudo apt-get install chromium) ' +
  'eller ange KOMET_CHROMIUM=/sökväg / No Chromium/Chrome/Edge found: install one or set KOMET_CHROMIUM=/path';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = findChromium();
  if (found) console.log(found);
  else {
    console.error(noChromiumMessage);
    process.exit(1);
  }
}
