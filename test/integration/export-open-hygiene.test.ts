// Öppna export under stress, with real files and real processes: a forged package that expands
// far beyond what its manifest declares, a process killed with SIGKILL half-way through, and
// damaged age headers that must be told apart from keys that do not match.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptToFile, generateKeyFile } from '../../src-main/core/export/encrypt';
import { isExportError, type ExportFailure } from '../../src-main/core/export/export-errors';
import { defaultCoarsening } from '../../src-main/core/export/model';
import { openExport, type OpenCredentials } from '../../src-main/core/export/open';
import { buildPackage } from '../../src-main/core/export/package';
import { cliEnv, kometBin, projectNode, runKomet } from '../helpers/cli';
import { META, TEST_KEY, makeSource, streamToBytes, unzipText } from '../unit/export/fixtures';

let dir: string;
let key: { file: string; publicKey: string };
let files: Record<string, string>;

const bytesStream = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) });
const zipOf = (contents: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(contents).map(([n, t]) => [n, strToU8(t)])), { level: 9 });

async function sealed(
  contents: Record<string, string>,
  name: string,
  target: { recipients: string[] } | { passphrase: string } = { recipients: [key.publicKey] },
): Promise<string> {
  const out = path.join(dir, name);
  await encryptToFile(bytesStream(zipOf(contents)), out, target, { scryptWorkFactor: 10 });
  return out;
}

async function refusal(file: string, credentials: OpenCredentials, outDir = path.join(dir, 'opened')) {
  const error = await openExport(file, credentials, { outDir }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the package was opened').not.toBeNull();
  return error as { reason: ExportFailure; messages: { sv: string; en: string } };
}

function komet(args: string[]) {
  return runKomet(args, { KOMET_DATA_DIR: path.join(dir, 'data') }, { cwd: dir, timeoutMs: 120_000 });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-open-hygiene-'));
  key = await generateKeyFile(path.join(dir, 'key.txt'));
  const built = buildPackage(makeSource(), { key: TEST_KEY, coarsening: defaultCoarsening }, META);
  files = unzipText(await streamToBytes(built.stream));
  // The CLI bundles itself on first use; done here, outside any file-size limit.
  expect(komet(['--help']).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** attendance.csv blown up to about 48 MB of rows, with the honest package's manifest left as it was. */
function forged(): Record<string, string> {
  const [head, ...rows] = files['attendance.csv']!.split('\r\n');
  const row = rows[0]!;
  return { ...files, 'attendance.csv': `${head}\r\n${`${row}\r\n`.repeat(Math.ceil((48 * 1024 ** 2) / (row.length + 2)))}` };
}

describe('a package larger than its manifest', { timeout: 180_000 }, () => {
  it('is refused before anything is written: no staging folder is even made', async () => {
    const file = await sealed(forged(), 'forged.age');
    const created: string[] = [];
    const watcher = fs.watch(dir, (_e, name) => name && !name.endsWith('.age') && created.push(name));
    let error;
    try {
      error = await refusal(file, { identityFile: key.file });
    } finally {
      watcher.close();
    }
    expect(error.reason).toBe('package_invalid');
    expect(created).toEqual([]);
  });

  it('komet open-export under a 16 MB file-size limit refuses it in one line instead of writing 48 MB', async () => {
    const file = await sealed(forged(), 'forged-cli.age');
    // bash's ulimit -f counts KiB; a process writing past it gets SIGXFSZ or EFBIG.
    const r = spawnSync(
      'bash',
      ['-c', 'ulimit -f 16384 && exec "$0" "$@"', projectNode, kometBin, 'open-export', file, '--identity', key.file, '--out', 'limited'],
      {
        cwd: dir,
        env: cliEnv({ KOMET_DATA_DIR: path.join(dir, 'data') }),
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^komet: Exportpaketet stämmer inte med sitt innehållsregister: .* \/ The export package does not match its manifest/);
    expect(fs.readdirSync(dir).filter((n) => n.includes('limited'))).toEqual([]);
  });
});

describe('a damaged age header', { timeout: 120_000 }, () => {
  it('is damage when the recipient line itself is damaged, not a wrong key', async () => {
    const original = fs.readFileSync(await sealed(files, 'good.age'));
    const typeAt = original.indexOf('-> X25519 ') + '-> '.length;
    for (let at = typeAt; at < typeAt + 'X25519 '.length; at++) {
      const copy = Buffer.from(original);
      copy[at] = copy[at]! ^ 0x01;
      const file = path.join(dir, `type-${at}.age`);
      fs.writeFileSync(file, copy);
      const error = await refusal(file, { identityFile: key.file });
      expect(isExportError(error, 'corrupt'), `byte ${at}: ${error.reason}`).toBe(true);
      expect(error.messages.sv).toMatch(/skadad/);
    }
  });

  it('says when a passphrase was tried on a file made for keys, and a key on a passphrase file', async () => {
    const forKeys = await refusal(await sealed(files, 'for-keys.age'), { passphrase: 'en lång nog lösenfras' });
    expect(forKeys.reason).toBe('wrong_identity');
    expect(forKeys.messages.sv).toMatch(/^Filen kan inte öppnas med den här nyckeln eller lösenfrasen\. Den är krypterad till en eller flera nycklar/);
    expect(forKeys.messages.en).toMatch(/open it with the key file/);
    const forPassphrase = await refusal(await sealed(files, 'for-pass.age', { passphrase: 'en lång nog lösenfras' }), { identityFile: key.file });
    expect(forPassphrase.reason).toBe('wrong_identity');
    expect(forPassphrase.messages.sv).toMatch(/Den är krypterad med en lösenfras, inte till en nyckel/);
    expect(forPassphrase.messages.en).toMatch(/open it with the passphrase/);
  });
});

describe('an opening killed with SIGKILL', { timeout: 600_000 }, () => {
  let big: string;
  beforeAll(async () => {
    const built = buildPackage(makeSource({ groups: 2500, participantsPerGroup: 8 }), { key: TEST_KEY, coarsening: defaultCoarsening }, META);
    big = path.join(dir, 'big.age');
    await encryptToFile(built.stream, big, { recipients: [key.publicKey] });
    const init = komet(['init', '--unencrypted', '--db', path.join(dir, 'data', 'komet.db')]);
    expect(init.code, init.stderr).toBe(0);
  }, 300_000);

  /** Starts `komet open-export` into `out` and kills it once its staging folder holds a file; returns that folder. */
  async function killedWhileOpening(out: string): Promise<string> {
    const child = spawn(projectNode, [kometBin, 'open-export', big, '--identity', key.file, '--out', out], {
      cwd: dir,
      env: cliEnv({ KOMET_DATA_DIR: path.join(dir, 'data') }),
      stdio: 'ignore',
    });
    let exited = false;
    const done = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
    const prefix = `.${out}.opening-`;
    let staging: string | undefined;
    while (!staging && !exited) {
      const name = fs.readdirSync(dir).find((n) => n.startsWith(prefix));
      if (name && fs.readdirSync(path.join(dir, name)).length > 0) staging = path.join(dir, name);
      else await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await done;
    expect(staging, 'open-export finished before it could be killed').toBeDefined();
    return staging!;
  }

  it('leaves a private staging folder that the next opening, elsewhere, removes', async () => {
    const staging = await killedWhileOpening('first');
    expect(fs.statSync(staging).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(staging).some((n) => n.endsWith('.csv'))).toBe(true);

    fs.mkdirSync(path.join(dir, 'elsewhere'));
    const small = await sealed(files, 'small.age');
    const next = komet(['open-export', small, '--identity', key.file, '--out', path.join('elsewhere', 'second')]);
    expect(next.code, next.stderr).toBe(0);
    expect(fs.existsSync(staging)).toBe(false);
  });

  it('leaves one that any start of Komet removes', async () => {
    const staging = await killedWhileOpening('third');
    expect(fs.existsSync(staging)).toBe(true);
    const stats = komet(['stats', '--db', path.join(dir, 'data', 'komet.db')]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(fs.existsSync(staging)).toBe(false);
  });
});
