#!/usr/bin/env node
// Runs Electronegativity (Doyensec's Electron security linter) over the Electron shell's sources
// and fails on any HIGH or MEDIUM finding (or any finding of a forbidden setting, below) that
// scripts/electronegativity-explained.json does not explain. Sources rather than the build: they exist on a fresh clone, line numbers point at code
// people edit, and the bundled renderer uses syntax the tool's parser cannot read.
//
// Offline by construction: the check that downloads Electron's release list is excluded, the
// tool's translation download is replaced by its bundled English strings, and every outgoing
// socket is refused; an attempt to connect fails the run, so a future version cannot phone home
// unnoticed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const explainedFile = path.join(root, 'scripts', 'electronegativity-explained.json');
// What the tool sees: the main-process and preload code, the page's CSP meta tag, and
// package.json (Electron version and the JSON checks).
const scanned = ['src-main/electron', 'src-renderer/index.html', 'package.json'];
// AvailableSecurityFixesGlobalCheck fetches Electron's releases from the network; the Electron
// version itself is kept current through package.json and npm audit instead.
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];
const failing = new Set(['HIGH', 'MEDIUM']);
// Settings the hardening checklist forbids outright but the tool rates LOW or INFORMATIONAL (it
// calls an explicit `nodeIntegration: true` informational): any finding of these fails as well.
const failsAtAnySeverity = new Set([
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'EXPERIMENTAL_FEATURES_HTML_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'BLINK_FEATURES_HTML_CHECK',
  'ALLOWPOPUPS_HTML_CHECK',
  'SECURITY_WARNINGS_DISABLED_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JSON_CHECK',
]);

const say = (line) => console.log(`electronegativity: ${line}`);
const die = (line) => {
  console.error(`electronegativity: ${line}`);
  process.exit(1);
};

const networkAttempts = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function refuseNetwork(...args) {
  const target = typeof args[0] === 'object' && args[0] !== null ? `${args[0].host ?? args[0].path ?? ''}:${args[0].port ?? ''}` : String(args[0]);
  networkAttempts.push(target);
  process.nextTick(() => this.destroy(new Error(`network disabled (${target})`)));
  return this;
};

const projectRequire = createRequire(path.join(root, 'package.json'));
let toolDir;
try {
  toolDir = path.dirname(projectRequire.resolve('@doyensec/electronegativity/package.json'));
} catch {
  die('@doyensec/electronegativity saknas, kör npm install / is missing, run npm install');
}
const toolRequire = createRequire(path.join(toolDir, 'dist', 'runner.js'));
const i18n = toolRequire('i18n');
const i18nLoader = toolRequire.resolve('./locales/i18n');
toolRequire.cache[i18nLoader] = {
  id: i18nLoader,
  filename: i18nLoader,
  loaded: true,
  exports: async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.join(toolDir, 'dist', 'locales'),
      updateFiles: false,
      objectNotation: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  },
};
const run = toolRequire('./runner.js');

function loadExplained() {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(explainedFile, 'utf8'));
  } catch (error) {
    die(`kan inte läsa / cannot read ${path.relative(root, explainedFile)}: ${error.message}`);
  }
  const entries = Array.isArray(data?.explained) ? data.explained : die('"explained" måste vara en lista / must be a list');
  for (const [i, e] of entries.entries()) {
    const ok = typeof e?.check === 'string' && typeof e.file === 'string' && typeof e.reason === 'string' && e.reason.trim().length >= 20;
    if (!ok) die(`förklaring ${i} behöver check, file och en reason / explanation ${i} needs check, file and a written reason`);
  }
  return entries;
}

const normalise = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
// The sample (the flagged line) is part of the match when given, so a second, new call of the
// same kind in an explained file is not waved through by the first one's explanation.
const explains = (entry, issue) =>
  entry.check === issue.id && entry.file === issue.file && (entry.sample === undefined || normalise(entry.sample) === normalise(issue.sample));

const explained = loadExplained();
for (const item of scanned) if (!fs.existsSync(path.join(root, item))) die(`${item} saknas / is missing`);
// The tool takes one folder; a staged copy holds exactly what it should see, at the same paths.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-electronegativity-'));
let result;
try {
  for (const item of scanned) fs.cpSync(path.join(root, item), path.join(stage, item), { recursive: true });
  result = await run({
    input: stage,
    customScan: [],
    excludeFromScan: excludedChecks,
    isRelative: true,
    parserPlugins: [],
  });
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
  net.Socket.prototype.connect = connect;
}

if (networkAttempts.length > 0) die(`försökte nå nätverket / tried to reach the network: ${networkAttempts.join(', ')}`);
const unreadable = result.errors.filter((e) => !e.tolerable);
for (const e of result.errors.filter((x) => x.tolerable)) say(`varning / warning ${path.basename(e.file)}: ${e.message}`);
if (unreadable.length > 0) {
  for (const e of unreadable) console.error(`electronegativity: kunde inte tolka / could not parse ${path.relative(stage, e.file)}: ${e.message}`);
  die('filer som inte kan tolkas granskas inte, så körningen räknas som misslyckad / unparsed files go unchecked, so the run fails');
}

const where = (issue) => `${issue.file}:${issue.location.line}:${issue.location.column}`;
const used = new Set();
const unexplained = [];
for (const issue of result.issues) {
  const severity = issue.severity.name;
  if (!failing.has(severity) && !failsAtAnySeverity.has(issue.id)) {
    say(`  ${severity.toLowerCase()}: ${issue.id} ${where(issue)}`);
    continue;
  }
  const entry = explained.find((e) => explains(e, issue));
  if (entry) {
    used.add(entry);
    say(`  förklarat / explained ${severity}: ${issue.id} ${where(issue)}`);
  } else {
    unexplained.push(issue);
  }
}
for (const entry of explained.filter((e) => !used.has(e))) {
  say(`  förklaring utan fynd, ta bort den / explanation without a finding, remove it: ${entry.check} ${entry.file}`);
}

// performance.now() counts from process start, so loading the tool is included.
const seconds = (performance.now() / 1000).toFixed(1);
say(`${result.globalChecks + result.atomicChecks} kontroller, ${result.issues.length} fynd, ${seconds} s / checks, findings`);
if (unexplained.length > 0) {
  for (const issue of unexplained) {
    console.error(`electronegativity: OFÖRKLARAT / UNEXPLAINED ${issue.severity.name} ${issue.id} ${where(issue)}`);
    if (issue.sample) console.error(`    ${normalise(issue.sample).slice(0, 160)}`);
    console.error(`    ${normalise(issue.description)} ${issue.shortenedURL ?? ''}`);
  }
  die(
    `${unexplained.length} fynd utan förklaring: rätta koden eller förklara dem i scripts/electronegativity-explained.json / ` +
      `findings without an explanation: fix the code or explain them there`,
  );
}
say('inga oförklarade fynd / no unexplained findings');
