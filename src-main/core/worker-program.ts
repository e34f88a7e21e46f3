import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What `new Worker` is given: a file, or (from the sources) a script that loads one through tsx. */
export type WorkerProgram = { entry: string | URL; eval: boolean; data: Record<string, string> };

/**
 * A worker's program built beside the running bundle (the CLI's out/cli, the browser shell's
 * out/serve, Electron's out/main) or one folder up (the running code is a shared chunk), under
 * `names`; with the paths looked at when there is none.
 */
export function programBeside(here: string, names: readonly string[]): WorkerProgram | { missing: string[] } {
  const dir = path.dirname(fileURLToPath(here));
  const candidates = [dir, path.dirname(dir)].flatMap((folder) => names.map((name) => path.join(folder, name)));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  return found ? { entry: pathToFileURL(found), eval: false, data: {} } : { missing: candidates };
}

/** From the sources (tests, `tsx`): the TypeScript file `relative` to `here`, loaded in the thread through tsx. */
export function programThroughTsx(here: string, relative: string): WorkerProgram {
  return {
    entry:
      "const { workerData } = require('node:worker_threads'); import(workerData.tsxApi).then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));",
    eval: true,
    data: { tsxApi: pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href, entry: new URL(relative, here).href },
  };
}

/** Whether the running code is the TypeScript sources rather than a bundle. */
export const fromSources = (here: string): boolean => here.endsWith('.ts');
