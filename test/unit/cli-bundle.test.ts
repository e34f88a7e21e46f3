// The CLI's self-bundling: built on first use, reused while nothing changed, rebuilt after any
// source edit, never a half-written file. Run on a throwaway project folder.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cliEnv, kometBin, projectNode } from '../helpers/cli';
// @ts-expect-error plain ESM beside the launcher, without type declarations
import { bundledCli } from '../../bin/cli-bundle.mjs';

const bundle = bundledCli as (root?: string) => Promise<string | null>;
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-bundle-'));
  fs.mkdirSync(path.join(root, 'src-main', 'cli'), { recursive: true });
  // The program of the app's export thread is built beside the CLI (komet serve starts it).
  fs.mkdirSync(path.join(root, 'src-main', 'app'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src-main', 'app', 'export-worker.ts'), `export const worker = (): string => 'worker';\n`);
  // So is the program of the thread that writes scores.csv beside the export.
  fs.mkdirSync(path.join(root, 'src-main', 'core', 'export'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src-main', 'core', 'export', 'scores-worker.ts'), `export const scores = (): string => 'scores';\n`);
  fs.writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  writeMain('first');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Without `at` the file keeps the time the file system gave it, fractions of a millisecond included. */
function writeMain(answer: string, at?: Date) {
  const file = path.join(root, 'src-main', 'cli', 'main.ts');
  fs.writeFileSync(file, `export const main = (): string => '${answer}';\n`);
  if (at) fs.utimesSync(file, at, at);
}

async function run(file: string): Promise<string> {
  const cli = (await import(`${pathToFileURL(file).href}?v=${fs.statSync(file).mtimeMs}-${Math.random()}`)) as { main(): string };
  return cli.main();
}

it('builds on first use, reuses the bundle while nothing changed and rebuilds after an edit', async () => {
  const file = await bundle(root);
  expect(file).toBe(path.join(root, 'out', 'cli', 'index.mjs'));
  expect(await run(file!)).toBe('first');
  const built = fs.statSync(file!).ino;

  // The same file, not a rebuilt one renamed into place.
  expect(await bundle(root)).toBe(file);
  expect(fs.statSync(file!).ino).toBe(built);

  writeMain('second', new Date(Date.now() + 5_000));
  expect(await bundle(root)).toBe(file);
  expect(await run(file!)).toBe('second');
  // Nothing but the bundle and the export threads' programs is left in its folder.
  expect(fs.readdirSync(path.dirname(file!)).sort()).toEqual(['export-scores-worker.mjs', 'export-worker.mjs', 'index.mjs']);
});

it("builds the project's bundles as plain ASCII, which V8 holds at one byte per character", async () => {
  const file = await bundle();
  expect(file).not.toBeNull();
  for (const name of fs.readdirSync(path.dirname(file!)).filter((n) => n.endsWith('.mjs'))) {
    const bytes = fs.readFileSync(path.join(path.dirname(file!), name));
    expect(
      bytes.findIndex((b) => b > 0x7f),
      name,
    ).toBe(-1);
  }
}, 60_000);

it("reaches Node's own modules through require(), each as it is first used, and they work as imported", async () => {
  fs.writeFileSync(
    path.join(root, 'src-main', 'cli', 'main.ts'),
    `import http, { STATUS_CODES } from 'node:http';
import * as fsAll from 'node:fs';
import os from 'os';
import { createHash } from 'node:crypto';
export const main = (): string =>
  [STATUS_CODES[404], typeof http.createServer, typeof fsAll.readFileSync, os.EOL.length, createHash('sha256').update('komet').digest('hex')].join(' ');
`,
  );
  const file = await bundle(root);
  expect(await run(file!)).toBe(`Not Found function function ${os.EOL.length} ${createHash('sha256').update('komet').digest('hex')}`);
  // The one import left is the banner's, which makes require().
  const text = fs.readFileSync(file!, 'utf8');
  expect([...text.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1])).toEqual(['node:module']);
});

it("loads no part of Node's fetch and WebSocket library (undici) for a command that needs none", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-loaded-'));
  try {
    const preload = path.join(dir, 'loaded.mjs');
    const record = path.join(dir, 'loaded.json');
    fs.writeFileSync(
      preload,
      `import fs from 'node:fs';\nprocess.on('exit', () => fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList)));\n`,
    );
    const r = spawnSync(projectNode, ['--import', preload, kometBin, 'stats', '--help'], { env: cliEnv(), encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const loaded = JSON.parse(fs.readFileSync(record, 'utf8')) as string[];
    // The bundle ran: its parser of arguments is loaded.
    expect(loaded).toContain('NativeModule internal/util/parse_args/parse_args');
    expect(loaded.filter((m) => m.includes('undici'))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

it('keeps the code V8 compiled from the bundle in a folder beside it and takes it up at the next command', () => {
  const env = cliEnv();
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const help = (extra: Record<string, string> = {}) =>
    spawnSync(projectNode, [kometBin, '--help'], { env: { ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE', ...extra }, encoding: 'utf8', timeout: 120_000 });
  // The first command may be the one that builds the bundle or writes its cache.
  expect(help().status).toBe(0);
  const again = help();
  expect(again.status, again.stderr).toBe(0);
  const bundleDir = path.join(path.dirname(kometBin), '..', 'out', 'cli');
  const taken = /reading cache from (\S+) for ESM (file:\S+index\.mjs)\.\.\.[^\n]*success[\s\S]*V8 code cache for ESM \2 was accepted/.exec(again.stderr);
  expect(taken, again.stderr).not.toBeNull();
  expect(path.resolve(taken![1]!).startsWith(path.resolve(bundleDir, '.compile-cache') + path.sep)).toBe(true);
  expect(taken![2]).toBe(pathToFileURL(path.resolve(bundleDir, 'index.mjs')).href);
  // Whoever turns the cache off keeps it off.
  const off = help({ NODE_DISABLE_COMPILE_CACHE: '1' });
  expect(off.status).toBe(0);
  expect(off.stderr).not.toContain('was accepted');
}, 120_000);

it('gives up without leaving a file when the sources do not build, so the caller runs them through tsx', async () => {
  fs.writeFileSync(path.join(root, 'src-main', 'cli', 'main.ts'), 'export const main = ( => ;\n');
  expect(await bundle(root)).toBeNull();
  const out = path.join(root, 'out', 'cli');
  expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
});

it.each([
  ['export thread', 'export-worker.mjs'],
  ['scores thread', 'export-scores-worker.mjs'],
])('builds again when the %s’s program is missing beside a fresh CLI', async (_thread, program) => {
  const file = await bundle(root);
  const worker = path.join(path.dirname(file!), program);
  fs.rmSync(worker);
  expect(await bundle(root)).toBe(file);
  expect(fs.existsSync(worker)).toBe(true);
});
