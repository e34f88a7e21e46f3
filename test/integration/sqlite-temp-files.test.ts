// SQLite writes statement journals, sorts and temporary tables to files of its own, outside the
// cipher: on an encrypted database those pages would lie in plaintext in the temp folder. The real
// CLI runs here with SQLITE_TMPDIR and TMPDIR pointed at an empty folder that is watched for any
// file being created in it, however briefly (SQLite unlinks its temp files right after opening).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open';
import { openConnection } from '../../src-main/core/repos/backup-repo';
import { cliEnv, kometBin, projectNode, root, runKomet } from '../helpers/cli';

const passphrase = 'temporära filer är också data';
let dir: string;
let tmp: string;
let db: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-tempfiles-'));
  tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  db = path.join(dir, 'data', 'komet.db');
  const init = runKomet(['init', '--db', db, '--user', 'T'], { KOMET_PASSPHRASE: passphrase });
  expect(init.code, init.stderr).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Runs one komet command with SQLite's temp folder watched, and returns the names of the files
 * created there. A sentinel file written after the command has exited marks the end: inotify (and
 * its counterparts) report events in order, so every file the command made was reported before it.
 */
async function tempFilesCreatedBy(args: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const sentinel = `sentinel-${args[0]}`;
  let sawSentinel!: () => void;
  const done = new Promise<void>((resolve) => (sawSentinel = resolve));
  const watcher = fs.watch(tmp, (_event, name) => {
    if (!name) return;
    if (name === sentinel) sawSentinel();
    else if (!name.startsWith('sentinel-')) seen.add(name);
  });
  try {
    const child = spawn(projectNode, [kometBin, ...args], {
      env: cliEnv({ KOMET_PASSPHRASE: passphrase, SQLITE_TMPDIR: tmp, TMPDIR: tmp }),
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(0);
    fs.writeFileSync(path.join(tmp, sentinel), '');
    await done;
  } finally {
    watcher.close();
  }
  fs.rmSync(path.join(tmp, sentinel), { force: true });
  return [...seen];
}

describe('SQLite keeps its temporary data in memory', { timeout: 240_000 }, () => {
  it('bulk demo data on an encrypted database opens no temp file', async () => {
    expect(await tempFilesCreatedBy(['demo', '--db', db, '--scale', '1', '--seed', '1', '--today', '2026-03-15'])).toEqual([]);
  });

  it('a verified backup, a full check and a restore open no temp file', async () => {
    const copy = path.join(dir, 'copy.db');
    expect(await tempFilesCreatedBy(['backup', '--db', db, '--out', copy])).toEqual([]);
    expect(await tempFilesCreatedBy(['check', '--db', db])).toEqual([]);
    expect(await tempFilesCreatedBy(['restore', '--db', db, '--from', copy])).toEqual([]);
  });
});

describe('every kind of connection Komet opens', () => {
  // 2 is MEMORY. Verification, backup copies, restores and in-place encryption open their
  // connections through openConnection; the app and the CLI through openDatabase.
  it('sets temp_store = MEMORY, read-write and read-only, plain and keyed', () => {
    const plain = path.join(dir, 'plain.db');
    const app = openDatabase(plain);
    const readOnly = openDatabase(plain, { readOnly: true });
    const raw = openConnection(plain);
    const rawReadOnly = openConnection(plain, { readonly: true });
    try {
      for (const c of [app.sqlite, readOnly.sqlite, raw, rawReadOnly]) expect(c.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      for (const c of [rawReadOnly, raw, readOnly.sqlite, app.sqlite]) c.close();
    }
    const keyed = path.join(dir, 'keyed.db');
    const key = Buffer.alloc(32, 7);
    const encrypted = openDatabase(keyed, { key });
    const encryptedRaw = openConnection(keyed, { key, readonly: true });
    try {
      for (const c of [encrypted.sqlite, encryptedRaw]) expect(c.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      encryptedRaw.close();
      encrypted.close();
    }
  });
});
