// The CLI runs from one bundled file, out/cli/index.mjs, rebuilt here whenever a source file or
// the installed packages are newer than it. Loading the sources through tsx instead costs about a
// second and 200-300 MB at every command on Node 24, most of it drizzle-orm: as ES modules from
// node_modules, its 179 kB package.json is read again for each of its files.
import fs from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..');

function newestChange(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((newest, name) => Math.max(newest, newestChange(path.join(p, name))), st.mtimeMs);
}

/** The bundle's path, built if needed; null when it cannot be had (the caller runs the sources). */
export async function bundledCli(root = projectRoot) {
  if (process.env.KOMET_CLI_FROM_SOURCES) return null;
  const target = path.join(root, 'out', 'cli', 'index.mjs');
  const inputs = ['src-main', 'package.json', 'package-lock.json'].map((p) => path.join(root, p));
  const sources = Math.max(...inputs.map(newestChange));
  const built = fs.statSync(target, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= sources) return target;
  // Several commands may start at once: each builds its own file and the last rename wins.
  const temp = path.join(path.dirname(target), `.index-${process.pid}-${Date.now()}.mjs`);
  try {
    const [{ build }, { nodeBundleOptions }] = await Promise.all([import('esbuild'), import('../scripts/bundle-options.mjs')]);
    // Silent: if the sources do not build, tsx runs them and reports the error itself.
    await build({ ...nodeBundleOptions(root, ['src-main', 'cli', 'main.ts']), logLevel: 'silent', outfile: temp });
    // Stamped with the sources' time, not the build's: an edit made while building is newer.
    const stamp = new Date(Math.ceil(sources));
    fs.utimesSync(temp, stamp, stamp);
    fs.renameSync(temp, target);
    return target;
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (process.env.KOMET_DEBUG) console.error(err);
    return null;
  }
}
