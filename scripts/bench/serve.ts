import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compileCacheEnv } from '../compile-cache.mjs';

/** The CLI's `komet serve` (TypeScript through tsx), or the prebuilt bundle `npm start` uses. */
function serveCommand(root: string, databasePath: string, bundled: boolean): { args: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
  if (!bundled) return { args: [path.join(root, 'bin', 'komet.mjs'), 'serve', '--db', databasePath, '--port', '0'], env };
  // The bundle finds its database as <KOMET_DATA_DIR>/komet.db.
  const dataDir = `${databasePath}.serve`;
  fs.mkdirSync(dataDir, { recursive: true });
  const link = path.join(dataDir, 'komet.db');
  if (!fs.existsSync(link)) fs.symlinkSync(databasePath, link);
  const bundle = path.join(root, 'out', 'serve', 'index.mjs');
  // Started as npm start starts it (scripts/browser-shell.mjs), with its compiled code kept.
  return { args: [bundle, '--port', '0'], env: { ...env, ...compileCacheEnv(bundle), KOMET_DATA_DIR: dataDir } };
}

export interface ServingShell {
  /** The single-use launch address the shell printed. */
  url: URL;
  stop(): Promise<void>;
}

/** Starts the browser shell on the database and resolves with the launch address it prints. */
export async function startServe(root: string, databasePath: string, { bundled = false, timeoutMs = 60_000 } = {}): Promise<ServingShell> {
  const command = serveCommand(root, databasePath, bundled);
  const child = spawn(process.execPath, command.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: command.env });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('http'));
        if (line) resolve(new URL(line.trim()));
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      void exited.then(() => reject(new Error(`serve exited: ${err.trim()}`)));
      setTimeout(() => reject(new Error(`serve did not print a URL within ${timeoutMs / 1000} s`)), timeoutMs).unref();
    });
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
