// `komet export` starts again as its own process image (bin/komet.mjs): the same process, with a
// small young generation set by a flag and glibc's malloc held to one arena. A preload records what
// the image that runs the command was started with; exit handlers of an image replaced by execve
// never run, so the record is the last image's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, kometBin, projectNode } from '../helpers/cli';

interface ImageRecord {
  pid: number;
  arenas: string | null;
  mark: string | null;
  execArgv: string[];
}

let dir: string;
let preload: string;
const hasExecve = spawnSync(projectNode, ['-p', 'typeof process.execve'], { encoding: 'utf8', env: cliEnv() }).stdout.trim() === 'function';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-image-'));
  preload = path.join(dir, 'record.mjs');
  fs.writeFileSync(
    preload,
    `import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
if (isMainThread) process.on('exit', () => fs.writeFileSync(process.env.KOMET_TEST_IMAGE_FILE, JSON.stringify({
  pid: process.pid, arenas: process.env.MALLOC_ARENA_MAX ?? null, mark: process.env.KOMET_COMMAND_IMAGE ?? null, execArgv: process.execArgv,
})));
`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runRecorded(args: string[], env: Record<string, string> = {}, nodeOptions: string[] = []) {
  const record = path.join(dir, `record-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(projectNode, ['--import', preload, ...nodeOptions, kometBin, ...args], {
    env: cliEnv({ KOMET_TEST_IMAGE_FILE: record, KOMET_DATA_DIR: path.join(dir, 'data'), ...env }),
    encoding: 'utf8',
    cwd: dir,
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr, pid: r.pid, image: JSON.parse(fs.readFileSync(record, 'utf8')) as ImageRecord };
}

const semiSpaceFlags = (image: ImageRecord) => image.execArgv.filter((a) => a.startsWith('--max-semi-space-size'));
const tierFlags = (image: ImageRecord) => image.execArgv.filter((a) => /^--(no-)?(maglev|sparkplug)$/.test(a));

describe.runIf(hasExecve)('komet export as its own process image', { timeout: 180_000 }, () => {
  it('runs in the same process with one malloc arena, 8 MB semi-spaces and no middle compilers, keeping the node options it was given', () => {
    // Refused for the missing recipient after the image has started: the image is what is checked.
    const r = runRecorded(['export', '--db', path.join(dir, 'none.sqlite'), '--out', 'x.age'], { MALLOC_ARENA_MAX: '' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.image.pid).toBe(r.pid);
    expect(r.image.arenas).toBe('1');
    expect(r.image.mark).toBeNull();
    expect(semiSpaceFlags(r.image)).toEqual(['--max-semi-space-size=8']);
    expect(tierFlags(r.image)).toEqual(['--no-maglev', '--no-sparkplug']);
    expect(r.image.execArgv.slice(0, 2)).toEqual(['--import', preload]);
    expect(fs.existsSync(path.join(dir, 'x.age'))).toBe(false);
  });

  it('keeps an arena count the user set, and leaves --help and other commands in the process as started', () => {
    // The semi-space flag shows that this image was started again, and kept the user's value.
    const kept = runRecorded(['export', '--out', 'x.age'], { MALLOC_ARENA_MAX: '4' });
    expect(kept.code, kept.stderr).toBe(2);
    expect(semiSpaceFlags(kept.image)).toEqual(['--max-semi-space-size=8']);
    expect(kept.image.arenas).toBe('4');

    for (const args of [['export', '--help'], ['keygen']]) {
      const r = runRecorded(args, { MALLOC_ARENA_MAX: '' });
      expect(r.image.pid).toBe(r.pid);
      expect(r.image.arenas).toBe('');
      expect(semiSpaceFlags(r.image)).toEqual([]);
      expect(tierFlags(r.image)).toEqual([]);
    }
  });

  it('keeps a compiler tier the user named in the node options', () => {
    const r = runRecorded(['export', '--out', 'x.age'], { MALLOC_ARENA_MAX: '' }, ['--maglev']);
    expect(r.code, r.stderr).toBe(2);
    expect(semiSpaceFlags(r.image)).toEqual(['--max-semi-space-size=8']);
    expect(tierFlags(r.image)).toEqual(['--maglev', '--no-sparkplug']);
    const both = runRecorded(['export', '--out', 'x.age'], { MALLOC_ARENA_MAX: '' }, ['--no-sparkplug', '--maglev']);
    expect(both.code, both.stderr).toBe(2);
    expect(tierFlags(both.image)).toEqual(['--no-sparkplug', '--maglev']);
  });
});
