// Runs the real `komet` command the way users and npm scripts do: bin/komet.mjs under the
// project's Node 24, which comes first on PATH.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const kometBin = path.join(root, 'bin', 'komet.mjs');
const binDir = path.join(root, 'node_modules', '.bin');
export const projectNode = path.join(binDir, process.platform === 'win32' ? 'node.cmd' : 'node');

/**
 * The test runner's environment with the project's Node first on PATH, without the variables
 * the CLI reads (a passphrase or data folder set by whoever runs the tests must not leak in).
 */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, KOMET_DEBUG: '' };
  delete env.KOMET_PASSPHRASE;
  delete env.KOMET_DATA_DIR;
  // The tests call `komet serve` for its API before `npm test` builds the pages; building them
  // there is covered once, in a throwaway root, by ui-build.test.ts.
  env.KOMET_SERVE_BUILD = '0';
  return { ...env, ...extra };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `komet …` to completion. Each run starts tsx and the whole app: seconds on a busy machine. */
export function runKomet(args: string[], env: Record<string, string> = {}, options: { timeoutMs?: number; node?: string; cwd?: string } = {}): CliRun {
  const r = spawnSync(options.node ?? projectNode, [kometBin, ...args], {
    env: cliEnv(env),
    encoding: 'utf8',
    cwd: options.cwd ?? root,
    timeout: options.timeoutMs ?? 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
