// `komet serve` on an encrypted database: the export runs in the bundled worker program with the
// key the unlock gave, the page's other calls are answered meanwhile, and the package holds what
// `komet export` (the export on its own thread) writes. The real CLI, server and `age`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecryptWithIdentity, ageKeygen, ageMissingReason, requireTool } from '../helpers/age-cli';
import { cliEnv, kometBin, projectNode, root, runKomet } from '../helpers/cli';

const haveAge = requireTool(ageMissingReason(), 'age CLI decryption of exports made through komet serve');
const passphrase = 'ett långt och hemligt lösenord';

let dir: string;
let db: string;
let identity: string;
let recipient: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-serve-export-'));
  db = path.join(dir, 'data', 'komet.db');
  const env = { KOMET_PASSPHRASE: passphrase };
  for (const args of [
    ['init', '--db', db],
    ['demo', '--db', db, '--scale', '0.5', '--seed', '7', '--today', '2025-06-15'],
  ]) {
    const r = runKomet(args, env, { timeoutMs: 170_000 });
    if (r.code !== 0) throw new Error(`komet ${args[0]}: ${r.stderr}`);
  }
  identity = path.join(dir, 'key.txt');
  recipient = ageKeygen(identity);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Answer = { ok: true; value: never } | { ok: false; error: { code: string } };

async function startServe(): Promise<{ child: ChildProcess; call: (procedure: string, input: unknown) => Promise<Answer> }> {
  const child = spawn(projectNode, [kometBin, 'serve', '--db', db], {
    env: cliEnv({ KOMET_PASSPHRASE: passphrase }),
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('serve exited')));
  });
  const launched = await fetch(url, { redirect: 'manual' });
  const cookie = (launched.headers.get('set-cookie') ?? '').split(';')[0]!;
  const api = new URL('/api/call', new URL(url).origin);
  const call = async (procedure: string, input: unknown) =>
    (await (
      await fetch(api, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ procedure, input }) })
    ).json()) as Answer;
  return { child, call };
}

function csvFiles(file: string): Record<string, string> {
  const zip = `${file}.zip`;
  ageDecryptWithIdentity(file, identity, zip);
  const files = unzipSync(new Uint8Array(fs.readFileSync(zip)));
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.csv'))
      .map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
}

describe.skipIf(!haveAge)('komet serve exports in a worker thread', { timeout: 300_000 }, () => {
  it('answers the dashboard while an export of an encrypted database runs, and writes what komet export writes', async () => {
    const { child, call } = await startServe();
    try {
      let settled = false;
      const running = call('export.run', { scope: {}, recipientKeys: [recipient], outPath: 'served.age' }).finally(() => (settled = true));
      let started = false;
      while (!settled && !started) {
        const log = await call('export.log', { limit: 100 });
        started = log.ok && (log.value as { status: string }[]).some((e) => e.status === 'started');
        if (!started) await new Promise((r) => setTimeout(r, 5));
      }
      // The export is under way (its log row says so) and the page still gets its dashboard.
      expect(started).toBe(true);
      const dashboard = await call('dashboard.get', {});
      expect(dashboard.ok).toBe(true);
      expect(settled).toBe(false);
      const result = await running;
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const served = (result as { value: { file: string; rowCounts: { file: string; rows: number }[] } }).value;
      expect(served.file).toBe(path.join(dir, 'data', 'exports', 'served.age'));

      // The CLI built the thread's program beside itself, where the served runtime looks for it.
      expect(fs.existsSync(path.join(root, 'out', 'cli', 'export-worker.mjs'))).toBe(true);
      expect(fs.existsSync(path.join(root, 'out', 'cli', 'export-scores-worker.mjs'))).toBe(true);
      // Nothing but the finished file in the exports folder: no partial file beside it.
      expect(fs.readdirSync(path.dirname(served.file))).toEqual(['served.age']);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));

      const cliOut = path.join(dir, 'cli.age');
      const r = runKomet(['export', '--db', db, '--recipient', recipient, '--out', cliOut], { KOMET_PASSPHRASE: passphrase }, { timeoutMs: 170_000 });
      expect(r.code, r.stderr).toBe(0);
      const a = csvFiles(served.file);
      const b = csvFiles(cliOut);
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      expect(Object.keys(a)).toContain('participants.csv');
      for (const name of Object.keys(a)) expect(a[name], name).toBe(b[name]);
      for (const { file, rows } of served.rowCounts) expect(a[file]!.trimEnd().split('\n').length - 1, file).toBe(rows);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  });
});
