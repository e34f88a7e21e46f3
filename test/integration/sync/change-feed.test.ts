import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKomet } from '../../../src-main/app/komet-app';
import { createRuntime, type Runtime } from '../../../src-main/app/runtime';
import type { ChangeEvent } from '../../../src-main/contract';
import { runKomet } from '../../helpers/cli';
import { makeTempDir } from '../../helpers/db';
import { dbPath, serverCli, startServerProcess, type ServerProcess } from '../../helpers/sync-processes';

/**
 * Sync and the runtime's one change stream: a write made through the runtime reaches sync on the
 * open database's feed, and what sync applies from another machine comes out of the runtime's
 * feed as a 'sync' event naming what it wrote in the same words as local events. A real server process, real database files.
 */
let root: string;
let cityDir: string;
let city: ServerProcess;
let runtime: Runtime | null = null;

function joinedLaptop(name: string): string {
  const file = dbPath(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  expect(runKomet(['init', '--db', file, '--unencrypted']).code).toBe(0);
  const code = serverCli(['enrol', '--data', cityDir, '--name', `Admin ${name}`, '--role', 'admin']).stdout.trim();
  const join = runKomet(['sync', 'join', '--db', file, '--code', code]);
  expect(join.code, join.stderr).toBe(0);
  return file;
}

const unitNames = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select name from units order by name').pluck().all() as string[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  root = makeTempDir('komet-sync-feed-');
  cityDir = path.join(root, 'city');
  expect(serverCli(['init', '--data', cityDir, '--name', 'Stadens server']).code).toBe(0);
  city = await startServerProcess(cityDir);
}, 120_000);

afterAll(async () => {
  runtime?.close();
  await city?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sync on the runtime’s change feed', { timeout: 120_000 }, () => {
  it('hears the runtime’s writes and announces what it applied from another machine as a sync event naming the same entities', async () => {
    const a = joinedLaptop('a');
    const b = joinedLaptop('b');
    runtime = createRuntime({
      databasePath: a,
      shell: 'test',
      keyless: { actor: 'test' },
      backupCheckMs: 0,
      start: (options) => startKomet({ ...options, sync: 'manual' }),
    });
    const seen: ChangeEvent[] = [];
    runtime.events.on((e) => seen.push(e));

    expect((await runtime.call('units.create', { name: 'Enhet Nord', kind: 'district' })).ok).toBe(true);
    expect(seen).toEqual([{ source: 'local', procedure: 'units.create', entities: ['unit'] }]);
    // Sync took the write out of the outbox as it committed, not only at the next exchange.
    expect(runtime.app()!.db.sqlite.prepare('select count(*) from sync_outbox').pluck().get()).toBe(0);
    const sent = await runtime.call('sync.now', {});
    expect(sent.ok && (sent.value as { converged: boolean }).converged).toBe(true);

    // The other machine receives it, and writes one of its own. This laptop is still connected,
    // so the server may pass that on before this laptop asks.
    const before = seen.length;
    const other = startKomet({ databasePath: b, shell: 'test', sync: 'manual' });
    try {
      expect((await other.call('sync.now', {})).ok).toBe(true);
      expect(unitNames(b)).toContain('Enhet Nord');
      expect((await other.call('units.create', { name: 'Enhet Syd', kind: 'district' })).ok).toBe(true);
      const back = await other.call('sync.now', {});
      expect(back.ok && (back.value as { converged: boolean }).converged).toBe(true);
    } finally {
      other.close();
    }

    const received = await runtime.call('sync.now', {});
    expect(received.ok).toBe(true);
    expect(unitNames(a)).toContain('Enhet Syd');
    const fromSync = seen.slice(before).filter((e) => e.source === 'sync');
    // In the local events' words: the audit trail's entity, not the table.
    expect(fromSync.some((e) => Array.isArray(e.entities) && e.entities.includes('unit'))).toBe(true);
    for (const e of fromSync) expect(e.entities).not.toContain('units');
    // Only names travel on the stream, never values.
    expect(JSON.stringify(seen)).not.toContain('Enhet Syd');
  });
});
