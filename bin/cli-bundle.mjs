// The CLI runs from one bundled file, out/cli/index.mjs, rebuilt here whenever a source file or
// the installed packages are newer than it. Loading the sources through tsx instead costs about a
// second and 200-300 MB at every command on Node 24, most of it drizzle-orm: as ES modules from
// node_modules, its 179 kB package.json is read again for each of its files.
// Not imported: fs imported as an ES module loads its promise API too (scripts/bundle-options.mjs
// says why the bundles avoid such imports); `komet stats --help` peaked some 1.5 MiB lower.
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');

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
  // The program of the app's export thread (src-main/app/export-thread.ts, for `komet serve`), found beside the CLI.
  const worker = path.join(root, 'out', 'cli', 'export-worker.mjs');
  // The program of the thread that writes scores.csv beside the export (src-main/core/export/scores-thread.ts).
  const scoresWorker = path.join(root, 'out', 'cli', 'export-scores-worker.mjs');
  const inputs = ['src-main', 'package.json', 'package-lock.json', 'scripts/bundle-options.mjs'].map((p) => path.join(root, p));
  const sources = Math.max(...inputs.map(newestChange));
  const fresh = (file) => (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= sources;
  if (fresh(target) && fresh(worker) && fresh(scoresWorker)) return target;
  // Several commands may start at once: each builds its own files and the last rename wins.
  const temp = (name) => path.join(path.dirname(target), `.${name}-${process.pid}-${Date.now()}.mjs`);
  const builds = [
    { entry: ['src-main', 'app', 'export-worker.ts'], file: worker, temp: temp('export-worker') },
    { entry: ['src-main', 'core', 'export', 'scores-worker.ts'], file: scoresWorker, temp: temp('export-scores-worker') },
    { entry: ['src-main', 'cli', 'main.ts'], file: target, temp: temp('index') },
  ];
  try {
    const [{ build }, { nodeBundleOptions }] = await Promise.all([import('esbuild'), import('../scripts/bundle-options.mjs')]);
    // Silent: if the sources do not build, tsx runs them and reports the error itself.
    // Every build settled before any is judged: one failing must not leave another's file to be
    // written after the clean-up below.
    const settled = await Promise.allSettled(builds.map((b) => build({ ...nodeBundleOptions(root, b.entry), logLevel: 'silent', outfile: b.temp })));
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    // Stamped with the sources' time, not the build's: an edit made while building is newer.
    const stamp = new Date(Math.ceil(sources));
    // The CLI last: a fresh index.mjs never stands beside an older worker.
    for (const b of builds) {
      fs.utimesSync(b.temp, stamp, stamp);
      fs.renameSync(b.temp, b.file);
    }
    return target;
  } catch (err) {
    for (const b of builds) fs.rmSync(b.temp, { force: true });
    if (process.env.KOMET_DEBUG) console.error(err);
    return null;
  }
}
