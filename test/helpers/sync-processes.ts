import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { cliEnv, kometBin, projectNode, root, runKomet, type CliRun } from './cli';

export const serverPassphrase = 'server passphrase for tests';
export const serverEnv = { KOMET_SERVER_PASSPHRASE: serverPassphrase };

/** A `komet server start` process on 127.0.0.1 with real TLS. */
export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  log(): string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /**
   * SIGTERM and wait at most `ms` (a bound to tell a hang from a slow machine, not a timing):
   * how it exited, or 'still running' (then it is killed, so no test leaves it behind).
   */
  stopWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'still running'>;
  /** SIGKILL: the process gets no chance to finish anything. */
  kill9(): Promise<void>;
}

export function serverCli(args: string[], extra: Record<string, string> = {}): CliRun {
  return runKomet(['server', ...args], { ...serverEnv, ...extra });
}

export async function startServerProcess(dir: string, extraArgs: string[] = []): Promise<ServerProcess> {
  const proc = spawn(projectNode, [kometBin, 'server', 'start', '--data', dir, '--port', '0', ...extraArgs], {
    cwd: root,
    env: cliEnv(serverEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const first = out.split('\n')[0]!;
      if (out.includes('\n')) resolve(first.trim());
    });
    void exited.then(() => reject(new Error(`server exited: ${err.trim()}`)));
    setTimeout(() => reject(new Error(`server printed no address within 60 s: ${err}`)), 60_000).unref();
  });
  const port = Number(new URL(url.replace('wss:', 'https:')).port);
  return {
    url,
    port,
    proc,
    log: () => err,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
    async stopWithin(ms) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([exited, new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), ms)))]);
      clearTimeout(timer);
      if (outcome === 'still running') {
        proc.kill('SIGKILL');
        await exited;
      }
      return outcome;
    },
    async kill9() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** `komet <args>` in the background, for killing it half-way. */
export function spawnKomet(
  args: string[],
  env: Record<string, string> = {},
): { proc: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const proc = spawn(projectNode, [kometBin, ...args], { cwd: root, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { proc, done };
}

export const dbPath = (dir: string, name: string) => path.join(dir, name, 'komet.db');
