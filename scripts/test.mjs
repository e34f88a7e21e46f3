#!/usr/bin/env node
// `npm test`: makes sure the outside tools exist, then typecheck, lint, format check, Electron security scan,
// unit + integration tests, build, end-to-end tests. Stops at the first failing step; ends with
// "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { findChromium, noChromiumMessage } from './find-chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const say = (line) => console.log(`npm test: ${line}`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`npm test: Node ${process.versions.node} är för gammal, kör via npm (projektets Node 24) / too old, run through npm (the project's Node 24)`);
  process.exit(1);
}

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
const canApt = () => process.platform === 'linux' && fs.existsSync('/etc/debian_version') && process.getuid?.() === 0 && hasCommand('apt-get');

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  for (const args of [
    ['update', ...lock],
    ['install', '-y', ...lock, ...packages],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) return false;
  }
  return true;
}

function ensureTools() {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (process.platform !== 'win32' && !hasCommand('age')) missing.push('age');
  // The activity report's tests read back the PDFs with pdftotext and pdfinfo.
  if (process.platform !== 'win32' && !(hasCommand('pdftotext') && hasCommand('pdfinfo'))) missing.push('poppler-utils');
  if (missing.length === 0) return;
  if (canApt()) {
    say(`installerar ${missing.join(' och ')} med apt-get / installing ${missing.join(' and ')} with apt-get`);
    if (aptInstall(missing)) {
      say(`installerade ${missing.join(', ')} med apt-get / installed ${missing.join(', ')} with apt-get`);
    } else {
      console.error(`npm test: apt-get install ${missing.join(' ')} misslyckades / failed`);
      process.exit(1);
    }
  }
  if (!findChromium()) {
    console.error(`npm test: ${noChromiumMessage}`);
    process.exit(1);
  }
  // Tests that need age skip with a printed reason; this line says why up front.
  if (missing.includes('age') && !hasCommand('age'))
    say('age saknas, tester som behöver det hoppas över / age missing, tests that need it are skipped (apt-get install age)');
  if (missing.includes('poppler-utils') && !hasCommand('pdftotext'))
    say('pdftotext saknas, PDF-testerna hoppas över / pdftotext missing, the PDF tests are skipped (apt-get install poppler-utils)');
}

const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-test-'));
const vitestJson = path.join(tmp, 'vitest.json');
const playwrightJson = path.join(tmp, 'playwright.json');

function run(label, script, args, env = {}) {
  say(label);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
    child.on('error', () => resolve(1));
  });
}

function fail(label, code) {
  console.error(`npm test: ${label} misslyckades / failed (exit ${code})`);
}

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

ensureTools();

const steps = [];
// Node code, the page and the page tests each have their own runtime's types; see tsconfig.json.
for (const part of ['node', 'renderer', 'page-tests']) {
  steps.push([`typkontroll / typecheck (${part})`, bin('typescript', 'bin/tsc'), ['-p', `tsconfig.${part}.json`]]);
}
const eslintConfig = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts'].some((f) => fs.existsSync(path.join(root, f)));
if (eslintConfig) steps.push(['lint', bin('eslint', 'bin/eslint.js'), ['.', '--max-warnings', '0']]);
else say('ingen eslint-konfiguration, lint hoppas över / no eslint config, lint skipped');
// One formatting for the whole tree (`npm run format` fixes it), so diffs show changes, not style.
steps.push(['format (prettier --check)', bin('prettier', 'bin/prettier.cjs'), ['--check', '--log-level', 'warn', '**/*.{ts,tsx,js,mjs,cjs,css}']]);
// Static security review of the Electron shell's sources, offline; see scripts/electronegativity.mjs.
steps.push(['electronegativity (Electron-säkerhet / Electron security)', path.join(root, 'scripts', 'electronegativity.mjs'), []]);
steps.push(['vitest', bin('vitest', 'vitest.mjs'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]]);
if (fs.existsSync(path.join(root, 'electron.config.ts'))) {
  steps.push(['bygger / building (electron-vite)', bin('electron-vite', 'bin/electron-vite.js'), ['build', '-c', 'electron.config.ts']]);
} else {
  say('electron.config.ts saknas, bygget hoppas över / electron.config.ts missing, build skipped');
}
steps.push([
  'playwright',
  bin('@playwright/test', 'cli.js'),
  ['test', '--reporter=list,json', '--pass-with-no-tests'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
]);

// Stop at the first failure, except that a failing last step still leaves every step run, so the
// summary is printed then too.
let lastCode = 0;
for (const [index, [label, script, args, env]] of steps.entries()) {
  lastCode = await run(label, script, args, env);
  if (lastCode === 0) continue;
  fail(label, lastCode);
  if (index < steps.length - 1) {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(lastCode);
  }
}

const vitest = readJson(vitestJson);
const playwright = readJson(playwrightJson);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || lastCode !== 0 ? 1 : 0);
