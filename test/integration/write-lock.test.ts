// One writing process per database, proven with real processes on real files: a running
// `komet serve` holds the database; a restore, a second server and the other writing commands are
// refused with the holder named; reports still read beside it; and after the holder is killed
// with SIGKILL the lock is free again without anyone cleaning up.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, readJournal } from '../../src-main/core/db/migrate';
import { acquireWriteLock } from '../../src-main/core/db/write-lock';
import { cliEnv, kometBin, projectNode, root, runKomet } from '../helpers/cli';

const passphrase = 'ett lås i taget, tack så mycket';
const env = { KOMET_PASSPHRASE: passphrase };
let dir: string;
let db: string;
let backup: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-write-lock-'));
  db = path.join(dir, 'data', 'komet.db');
  backup = path.join(dir, 'before.db');
  for (const args of [
    ['init', '--db', db, '--user', 'T'],
    ['backup', '--db', db, '--out', backup],
  ]) {
    const r = runKomet(args, env);
    expect(r.code, r.stderr).toBe(0);
  }
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
  call(procedure: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
}

/** `komet serve --db` unlocked through KOMET_PASSPHRASE; resolves once it prints its address. */
async function serve(): Promise<Served> {
  const child = spawn(projectNode, [kometBin, 'serve', '--db', db], { env: cliEnv(env), cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  const parsed = new URL(url);
  // The printed address is a single-use launch address: spent here for the session cookie.
  const launched = await fetch(url, { redirect: 'manual' });
  const cookie = (launched.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    child,
    exited,
    stderr: () => stderr,
    async call(procedure, input) {
      const res = await fetch(new URL('/api/call', parsed.origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ procedure, input }),
      });
      return (await res.json()) as never;
    },
  };
}

const unitNames = () => {
  const r = runKomet(['stats', '--db', db, '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { units: number }).units;
};

/** One line on stderr, exit 1, naming the holder in Swedish and English. */
function expectRefusedBy(r: { code: number | null; stderr: string }, program: string, pid: number) {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  const since = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;
  expect(lines[0]).toMatch(
    new RegExp(
      `^komet: Databasen används redan av ${program} \\(process ${pid}, sedan ${since}\\)\\..* / The database is already in use by ${program} \\(process ${pid}, since ${since}\\)\\.`,
    ),
  );
}

describe('one writing process per database', { timeout: 240_000 }, () => {
  it('a running komet serve keeps restore, a second server and other writers out; reports still read; its writes are kept', async () => {
    const server = await serve();
    const pid = server.child.pid!;
    const before = unitNames();

    expectRefusedBy(runKomet(['restore', '--db', db, '--from', backup], env), 'komet serve', pid);
    expectRefusedBy(runKomet(['demo', '--db', db, '--scale', '0.1', '--force'], env), 'komet serve', pid);
    expectRefusedBy(runKomet(['backup', '--db', db], env), 'komet serve', pid);

    // A second runtime on the same database, in another process, never starts.
    const second = spawn(projectNode, [kometBin, 'serve', '--db', db], { env: cliEnv(env), cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(second);
    let secondErr = '';
    second.stderr.on('data', (d: Buffer) => (secondErr += d.toString()));
    const secondCode = await new Promise<number | null>((resolve) => second.on('exit', (code) => resolve(code)));
    expectRefusedBy({ code: secondCode, stderr: secondErr }, 'komet serve', pid);

    // The write the restore would have thrown away is answered ok and is still there afterwards.
    const created = await server.call('units.create', { name: 'Skriven under låset', kind: 'other' });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    expect(unitNames()).toBe(before + 1);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.stderr()).toBe('');
    expect(unitNames()).toBe(before + 1);
    // A clean exit leaves no lock file behind in the data folder.
    expect(fs.readdirSync(path.dirname(db)).filter((n) => n.includes('.lock'))).toEqual([]);
  });

  it('the lock is free again after its holder is killed with SIGKILL', async () => {
    const server = await serve();
    const pid = server.child.pid!;
    expectRefusedBy(runKomet(['restore', '--db', db, '--from', backup], env), 'komet serve', pid);
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');

    const restored = runKomet(['restore', '--db', db, '--from', backup], env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Återställd/);
    // And a new server takes the database as usual.
    const again = await serve();
    expect((await again.call('units.list', {})).ok).toBe(true);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  });
});

/** The first `count` migrations applied by hand, as an older Komet would have left the file. */
function olderDatabase(file: string, count: number): void {
  const journal = readJournal(defaultMigrationsFolder());
  const sqlite = new Database(file);
  sqlite.exec('create table "__drizzle_migrations" (id integer primary key autoincrement, hash text not null, created_at numeric)');
  for (const entry of journal.entries.slice(0, count)) {
    const text = fs.readFileSync(path.join(defaultMigrationsFolder(), `${entry.tag}.sql`), 'utf8');
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) sqlite.exec(statement);
    sqlite
      .prepare('insert into "__drizzle_migrations" (hash, created_at) values (?, ?)')
      .run(crypto.createHash('sha256').update(text).digest('hex'), entry.when);
  }
  sqlite.close();
}

describe('a report on a database an older Komet left', { timeout: 120_000 }, () => {
  it('does not migrate it under another writer, names the writer, and migrates it once the lock is free', () => {
    const file = path.join(dir, 'older', 'komet.db');
    fs.mkdirSync(path.dirname(file));
    olderDatabase(file, readJournal(defaultMigrationsFolder()).entries.length - 1);
    const before = fs.readFileSync(file);
    // This test process is the writer now.
    const release = acquireWriteLock(file);
    try {
      expectRefusedBy(runKomet(['stats', '--db', file, '--json']), 'Komet', process.pid);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      release();
    }
    const r = runKomet(['stats', '--db', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { programmes: number }).programmes).toBeGreaterThan(0);
  });
});
