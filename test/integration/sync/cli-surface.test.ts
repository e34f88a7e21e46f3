import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { runServer, type RunningServer } from '../../../src-main/server/run-server';
import { initServer } from '../../../src-main/server/server-data';
import { makeTempDir } from '../../helpers/db';

/**
 * `komet server` and `komet sync` as a user types them, run in this process (a process per
 * command costs a second or more), against a server in this process with real TLS.
 */
const passphrase = 'server passphrase for tests';
let root: string;
let dir: string;
let server: RunningServer;

async function komet(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await main(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
const withServer = { KOMET_SERVER_PASSPHRASE: passphrase };

beforeAll(async () => {
  root = makeTempDir('komet-sync-cli-');
  dir = path.join(root, 'server');
  initServer(dir, { passphrase, name: 'Testservern', hosts: ['127.0.0.1'] });
  server = await runServer({ dir, passphrase, host: '127.0.0.1', port: 0, log: () => undefined });
});
afterAll(async () => {
  await server.close();
});

async function enrol(name: string): Promise<string> {
  const r = await komet(['server', 'enrol', '--data', dir, '--name', name, '--role', 'admin', '--url', server.url], withServer);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}
async function joinedLaptop(name: string): Promise<string> {
  const file = path.join(root, name, 'komet.db');
  expect((await komet(['init', '--db', file, '--unencrypted'])).code).toBe(0);
  const join = await komet(['sync', 'join', '--db', file, '--code', await enrol(name)]);
  expect(join.code, join.stderr).toBe(0);
  return file;
}

describe('komet server and komet sync on the command line', { timeout: 120_000 }, () => {
  it('prints help for each command and subcommand, exit 0', async () => {
    for (const [args, usage] of [
      [['server', '--help'], 'komet server'],
      [['server', 'start', '--help'], 'komet server'],
      [['server', 'enrol', '--help'], 'komet server'],
      [['server', 'revoke', '--help'], 'komet server'],
      [['sync', '--help'], 'komet sync'],
      [['sync', 'conflicts', '--help'], 'komet sync'],
    ] as const) {
      const r = await komet([...args]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain(`Användning / Usage: ${usage}`);
      expect(r.stderr).toBe('');
    }
  });

  it('refuses bad and missing flags with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['server', 'enrol', '--bogus'], /Unknown option '--bogus'/],
      [['server', 'frobnicate', '--data', dir], /Unknown subcommand "frobnicate"/],
      [['server', 'enrol', '--name', 'X', '--role', 'admin'], /Give --data DIR/],
      [['server', 'enrol', '--data', dir, '--role', 'admin'], /enrol needs --name/],
      [['server', 'enrol', '--data', dir, '--name', 'X', '--role', 'boss'], /--role must be/],
      [['server', 'revoke', '--data', dir], /revoke needs --name/],
      [['server', 'start', '--data', dir, '--port', '70000'], /0–65535/],
      [['sync', 'join', '--db', path.join(root, 'never.db')], /join needs --code CODE/],
      [['sync', 'now', '--timeout', '0', '--db', path.join(root, 'never.db')], /1–3600/],
      [['sync', 'conflicts', '--everything'], /Unknown option '--everything'/],
      [['sync', 'sideways'], /Unknown subcommand "sideways"/],
    ];
    for (const [args, message] of cases) {
      const r = await komet(args, withServer);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.split('\n'), args.join(' ')).toHaveLength(1);
    }
    // A server command without the passphrase says so, before anything is opened.
    const noKey = await komet(['server', 'enrol', '--data', dir, '--name', 'X', '--role', 'admin'], { KOMET_SERVER_PASSPHRASE: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/KOMET_SERVER_PASSPHRASE/);
  });

  it('sync now --json carries exactly sent, received, conflicts and lastSyncedAt; sync conflicts --json lists both sides of a clash', async () => {
    const a = await joinedLaptop('a');
    const b = await joinedLaptop('b');
    // The same programme renamed on both machines before they meet.
    const rename = (file: string, name: string) => {
      const db = new Database(file);
      try {
        return db.prepare("update programmes set name = ? where code = 'fKomet' returning id").pluck().get(name) as string;
      } finally {
        db.close();
      }
    };
    const programmeId = rename(a, 'Namn från A');
    rename(b, 'Namn från B');
    const nowA = await komet(['sync', 'now', '--json', '--db', a]);
    expect(nowA.code, nowA.stderr).toBe(0);
    const resultA = JSON.parse(nowA.stdout) as Record<string, unknown>;
    expect(Object.keys(resultA).sort()).toEqual(['conflicts', 'lastSyncedAt', 'received', 'sent']);
    expect(resultA).toMatchObject({ conflicts: 0, sent: expect.any(Number), received: expect.any(Number), lastSyncedAt: expect.any(String) });
    // The rename went out: it is counted (a changed field of a row both sides hold travels as a cell diff).
    expect(resultA.sent as number).toBeGreaterThan(0);
    const nowB = await komet(['sync', 'now', '--json', '--db', b]);
    expect(nowB.code, nowB.stderr).toBe(0);
    const resultB = JSON.parse(nowB.stdout) as { sent: number; received: number; conflicts: number };
    expect(resultB.conflicts).toBe(1);
    expect(resultB.sent).toBeGreaterThan(0);
    expect(resultB.received).toBeGreaterThan(0);

    const listed = await komet(['sync', 'conflicts', '--json', '--db', b]);
    expect(listed.code, listed.stderr).toBe(0);
    const conflicts = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(conflicts).toHaveLength(1);
    expect(Object.keys(conflicts[0]!).sort()).toEqual(
      [
        'id',
        'tbl',
        'rowId',
        'cell',
        'valueA',
        'hlcA',
        'atA',
        'whoA',
        'valueB',
        'hlcB',
        'atB',
        'whoB',
        'detectedAt',
        'snapshot',
        'renamedTo',
        'resolvedAt',
        'resolvedBy',
      ].sort(),
    );
    expect(conflicts[0]).toMatchObject({ tbl: 'programmes', rowId: programmeId, cell: 'name', resolvedAt: null });
    expect([conflicts[0]!.valueA, conflicts[0]!.valueB].map(String).sort()).toEqual([
      expect.stringContaining('Namn från A'),
      expect.stringContaining('Namn från B'),
    ]);
    expect(conflicts[0]!.whoA).not.toBe(conflicts[0]!.whoB);
  });

  it('server revoke --name takes a person’s full name, and says when nobody by that name has a device', async () => {
    const file = await joinedLaptop('Anna Karlsson Lind');
    const revoked = await komet(['server', 'revoke', '--data', dir, '--name', 'anna karlsson lind'], withServer);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/^1 enheter bortkopplade\. \/ 1 devices revoked\.$/);
    const after = await komet(['sync', 'now', '--db', file]);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/kopplats bort/);
    const again = await komet(['server', 'revoke', '--data', dir, '--name', 'Anna Karlsson Lind'], withServer);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^0 enheter bortkopplade/);
  });
});
