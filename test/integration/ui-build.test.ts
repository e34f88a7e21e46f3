// `komet serve` in a source checkout builds its pages on first use and when their sources are
// newer, instead of answering with a "not built" page. The end-to-end case builds for real in a
// throwaway project root whose sources are links to this checkout's, so the checkout's own out/
// folder is never touched.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uiBuildState } from '../../src-main/cli/ui-build';
import { cliEnv, projectNode, root } from '../helpers/cli';

const made: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-ui-build-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes a file dated `mtime`; the folders it lands in get that date too, as they would have. */
function write(file: string, text: string, mtime: Date) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  for (let p = file; p.includes('komet-ui-build-') && !path.basename(p).startsWith('komet-ui-build-'); p = path.dirname(p)) fs.utimesSync(p, mtime, mtime);
}

/** A checkout reduced to what the decision reads: the config, the builder, sources, maybe a page. */
function fakeCheckout(): string {
  const dir = tempDir();
  const old = new Date('2026-01-01T10:00:00Z');
  write(path.join(dir, 'electron.config.ts'), '', old);
  write(path.join(dir, 'node_modules/electron-vite/bin/electron-vite.js'), '', old);
  write(path.join(dir, 'src-renderer/main.tsx'), '', old);
  write(path.join(dir, 'src-main/contract/index.ts'), '', old);
  return dir;
}

describe('whether the pages need building', () => {
  it('is "missing" without a page, "built" with one newer than its sources, "stale" once a page or contract source is newer', () => {
    const dir = fakeCheckout();
    expect(uiBuildState(dir)).toBe('missing');
    write(path.join(dir, 'out/renderer/index.html'), '<p>page</p>', new Date('2026-01-02T10:00:00Z'));
    expect(uiBuildState(dir)).toBe('built');
    write(path.join(dir, 'src-renderer/features/new.tsx'), '', new Date('2026-01-03T10:00:00Z'));
    expect(uiBuildState(dir)).toBe('stale');
    write(path.join(dir, 'out/renderer/index.html'), '<p>page</p>', new Date('2026-01-04T10:00:00Z'));
    expect(uiBuildState(dir)).toBe('built');
    write(path.join(dir, 'src-main/contract/enums.ts'), '', new Date('2026-01-05T10:00:00Z'));
    expect(uiBuildState(dir)).toBe('stale');
  });

  it('is never a build where the builder or its config is absent (an installed copy): "built" with a page, "unbuildable" without', () => {
    const dir = fakeCheckout();
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true });
    expect(uiBuildState(dir)).toBe('unbuildable');
    write(path.join(dir, 'out/renderer/index.html'), '<p>page</p>', new Date('2020-01-01T10:00:00Z'));
    expect(uiBuildState(dir)).toBe('built');
    fs.rmSync(path.join(dir, 'electron.config.ts'));
    expect(uiBuildState(dir)).toBe('built');
  });
});

/** A project root of its own: links to this checkout's sources and packages, copies of the entry points. */
function throwawayRoot(): string {
  const dir = tempDir();
  for (const name of ['src-main', 'src-renderer', 'node_modules', 'resources', 'drizzle', 'scripts', 'package.json', 'package-lock.json'])
    fs.symlinkSync(path.join(root, name), path.join(dir, name));
  for (const name of fs.readdirSync(root).filter((n) => /^tsconfig.*\.json$/.test(n))) fs.copyFileSync(path.join(root, name), path.join(dir, name));
  fs.copyFileSync(path.join(root, 'electron.config.ts'), path.join(dir, 'electron.config.ts'));
  fs.cpSync(path.join(root, 'bin'), path.join(dir, 'bin'), { recursive: true });
  return dir;
}

describe('komet serve in a fresh checkout', () => {
  it('builds the pages first, says so on stderr, then serves the built page rather than "not built"', { timeout: 600_000 }, async () => {
    const project = throwawayRoot();
    expect(fs.existsSync(path.join(project, 'out'))).toBe(false);
    const env = cliEnv({ KOMET_DATA_DIR: path.join(project, 'data') });
    delete env.KOMET_SERVE_BUILD;
    const child = spawn(projectNode, [path.join(project, 'bin', 'komet.mjs'), 'serve', '--db', path.join(project, 'komet.db')], {
      env,
      cwd: project,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.startsWith('http'));
          if (line) resolve(line.trim());
        });
        void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
      });
      expect(stderr).toMatch(/Bygger Komets sidor första gången/);
      expect(stderr).toMatch(/Building Komet’s pages for first use/);
      expect(stderr).toMatch(/Klart på \d+ s\. \/ Done in \d+ s\./);
      expect(fs.existsSync(path.join(project, 'out', 'renderer', 'index.html'))).toBe(true);
      const launched = await fetch(url, { redirect: 'manual' });
      const cookie = (launched.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await fetch(new URL('/', url), { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="root"');
      expect(html).not.toMatch(/inte byggt|not been built/);
      expect(uiBuildState(project)).toBe('built');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
