import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { CrashChildConfig } from './crash-child';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Bundles the child once, every package inlined except the native SQLite module, into
 * node_modules/.cache (where that import resolves): plain `node` then starts it in a fraction of
 * a second, where tsx, or loading drizzle-orm's and date-fns' hundreds of files, takes seconds.
 */
export async function bundleCrashChild(): Promise<string> {
  const outfile = path.join(root, 'node_modules', '.cache', `komet-crash-${process.pid}`, 'crash-child.mjs');
  await build({
    entryPoints: [path.join(root, 'test', 'helpers', 'crash-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  return outfile;
}

export interface KillPlan {
  /** Kill this many ms after the child says `ready`. */
  delayMs: number;
  /** Kill this many ms after the line starting with `trigger` instead (e.g. a backup starting). */
  trigger?: { prefix: string; delayMs: number };
}

export interface KillResult {
  lines: string[];
  killed: boolean;
  exitCode: number | null;
}

/** Runs the child until the plan says kill, SIGKILLs it, and returns every line it reported. */
export function runAndKill(childFile: string, config: CrashChildConfig, plan: KillPlan): Promise<KillResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile], {
      cwd: root,
      env: { ...process.env, KOMET_CRASH_CONFIG: JSON.stringify(config), KOMET_MIGRATIONS_DIR: path.join(root, 'drizzle') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    const lines: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const schedule = (ms: number) => {
      if (timer === undefined) timer = setTimeout(kill, ms);
    };
    const safety = setTimeout(kill, 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (line === 'ready' && !plan.trigger) schedule(plan.delayMs);
        if (plan.trigger && line.startsWith(plan.trigger.prefix)) schedule(plan.trigger.delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      clearTimeout(safety);
      // A partial last line was being written at the kill: it never counted as reported.
      const error = lines.find((l) => l.startsWith('error'));
      if (error || (!killed && exitCode !== 0)) reject(new Error(`crash child failed: ${error ?? stderr.slice(0, 500)}`));
      else resolve({ lines, killed, exitCode });
    });
  });
}

/** Deterministic randomness, so a failing run can be repeated with the printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export const cleanBundle = (childFile: string) => fs.rmSync(path.dirname(childFile), { recursive: true, force: true });
