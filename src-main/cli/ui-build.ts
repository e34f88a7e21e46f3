import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `komet serve` in a source checkout builds the page it serves on first use, the way the CLI
// bundles itself, so a newcomer never meets a "not built" page after `npm install`.

export type UiBuildState = 'built' | 'missing' | 'stale' | 'unbuildable';

/** Folders whose files end up in the page; a newer file in one of them means the build is stale. */
const pageSources = ['src-renderer', path.join('src-main', 'contract')];

function newestChange(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((newest, name) => Math.max(newest, newestChange(path.join(p, name))), st.mtimeMs);
}

const builder = (root: string) => path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** Whether the page under `root/out/renderer` is there and as new as its sources. */
export function uiBuildState(root: string): UiBuildState {
  const page = fs.statSync(path.join(root, 'out', 'renderer', 'index.html'), { throwIfNoEntry: false });
  // An installed copy ships its page and no sources: nothing to build, nothing to compare.
  const canBuild = fs.existsSync(path.join(root, 'electron.config.ts')) && fs.existsSync(builder(root));
  if (!canBuild) return page ? 'built' : 'unbuildable';
  if (!page) return 'missing';
  const sources = Math.max(...pageSources.map((p) => newestChange(path.join(root, p))));
  return sources > page.mtimeMs ? 'stale' : 'built';
}

export interface UiBuildResult {
  ok: boolean;
  /** The builder's own output, for the user when it failed. */
  output: string;
}

/** Builds the app as `npm run build` does (electron-vite), reporting progress through `say`. */
export function buildUi(root: string, state: 'missing' | 'stale', say: (line: string) => void): UiBuildResult {
  say(
    state === 'missing'
      ? 'Bygger Komets sidor första gången (en dryg minut) … / Building Komet’s pages for first use (a minute or so) …'
      : 'Komets sidor har ändrats sedan de byggdes, bygger om … / Komet’s pages have changed since they were built, rebuilding …',
  );
  const started = Date.now();
  const r = spawnSync(process.execPath, [builder(root), 'build', '-c', 'electron.config.ts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ok = r.status === 0 && fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'));
  if (ok) say(`Klart på ${Math.round((Date.now() - started) / 1000)} s. / Done in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { ok, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
