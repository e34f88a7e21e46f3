import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKomet, type KometApp, type StartOptions } from '../../src-main/app/komet-app';
import type { ChangeEvent, ProcedureOutput } from '../../src-main/contract';
import type { AuditEntry } from '../../src-main/core/audit';
import { fixedClock } from '../../src-main/core/clock';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { openDatabase } from '../../src-main/core/db/open';
// @ts-expect-error plain ESM beside the launcher, without type declarations
import { bundledCli } from '../../bin/cli-bundle.mjs';
import { ageDecryptWithIdentity, ageMissingReason, requireTool } from '../helpers/age-cli';
import { makeTempDir } from '../helpers/db';
import { exportNow, listAll } from './export-service-fixtures';

/**
 * The app's shells run `export.run` in a worker thread with its own connection (export-thread.ts).
 * These run it there on a real demo database, with the real worker program and the real `age`.
 */

const haveAge = requireTool(ageMissingReason(), 'age CLI decryption of threaded exports');

let dataDir: string;
let out: string;
let databasePath: string;

let key: ProcedureOutput<'export.keygen'>;

beforeAll(async () => {
  dataDir = makeTempDir('komet-export-thread-');
  out = makeTempDir('komet-export-thread-out-');
  databasePath = path.join(dataDir, 'komet.db');
  const seed = startKomet({ databasePath, shell: 'test', clock: fixedClock(exportNow) });
  addDemoData(seed.db, { scale: 0.5, seed: 7, today: '2025-06-15' });
  key = await ok(seed, 'export.keygen', { outPath: path.join(out, 'key.txt') });
  seed.close();
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

type Opened = { app: KometApp; audit: AuditEntry[]; events: ChangeEvent[] };

function open(exportThread: StartOptions['exportThread'], shell: StartOptions['shell'] = 'test'): Opened {
  const audit: AuditEntry[] = [];
  const events: ChangeEvent[] = [];
  const app = startKomet({ databasePath, shell, clock: fixedClock(exportNow), audit: { record: (e) => audit.push(e) }, exportThread });
  app.events.on((e) => events.push(e));
  return { app, audit, events };
}

async function ok<T>(app: KometApp, name: string, input: unknown): Promise<T> {
  const r = await app.call(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Polls the export log through the app until a row is 'started' (the test clock stands still: any row), or the export settled first. */
async function untilStarted(app: KometApp, settled: () => boolean): Promise<string | null> {
  while (!settled()) {
    const started = (await ok<ProcedureOutput<'export.log'>>(app, 'export.log', { limit: 100 })).find((e) => e.status === 'started');
    if (started) return started.exportId;
    await new Promise((r) => setTimeout(r, 2));
  }
  return null;
}

/** The decrypted package's files, by name. */
function packageFiles(file: string, identity: string): Record<string, string> {
  const zip = path.join(out, `${path.basename(file)}.zip`);
  ageDecryptWithIdentity(file, identity, zip);
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(fs.readFileSync(zip)))).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const logStatus = (exportId: string) => {
  const db = openDatabase(databasePath);
  try {
    return db.sqlite.prepare('select status from export_log where export_id = ?').pluck().get(exportId);
  } finally {
    db.close();
  }
};

describe.skipIf(!haveAge)('the app export in a worker thread', { timeout: 180_000 }, () => {
  it('answers other calls while it runs, and writes what an export on the main thread writes', async () => {
    const threaded = open(true);
    const input = { scope: {}, recipientKeys: [key.publicKey] };
    let settled = false;
    const running = threaded.app.call('export.run', { ...input, outPath: path.join(out, 'thread.age') }).finally(() => (settled = true));
    // The export is under way in its thread (its log row says so) and the page's dashboard still answers.
    expect(await untilStarted(threaded.app, () => settled)).not.toBeNull();
    const dashboard = await threaded.app.call('dashboard.get', {});
    expect(dashboard.ok).toBe(true);
    expect(settled).toBe(false);
    const result = await running;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const thread = result.value as ProcedureOutput<'export.run'>;
    expect(threaded.audit.filter((e) => e.entity === 'export').map((e) => e.entityId)).toEqual([thread.exportId]);
    expect(threaded.events.filter((e) => e.procedure === 'export.run')).toEqual([{ source: 'local', procedure: 'export.run', entities: ['export'] }]);
    expect(logStatus(thread.exportId)).toBe('completed');
    threaded.app.close();

    const inline = open(false);
    const here = await ok<ProcedureOutput<'export.run'>>(inline.app, 'export.run', { ...input, outPath: path.join(out, 'inline.age') });
    inline.app.close();

    const { file: _a, exportId: _b, bytes: _c, ...threadRest } = thread;
    const { file: _d, exportId: _e, bytes: _f, ...hereRest } = here;
    expect(threadRest).toEqual(hereRest);
    const a = packageFiles(thread.file, key.file);
    const b = packageFiles(here.file, key.file);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    // Byte for byte, but for the export's own id, and in the manifest the checksums of the files that name it.
    const withoutId = (files: Record<string, string>, id: string) => {
      const named = new Set(Object.keys(files).filter((name) => files[name]!.includes(id)));
      const manifest = JSON.parse(files['manifest.json']!.replaceAll(id, 'ID')) as { files: { name: string; sha256?: string }[] };
      manifest.files = manifest.files.map((f) => (named.has(f.name) ? { ...f, sha256: 'named' } : f));
      return { ...Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.replaceAll(id, 'ID')])), 'manifest.json': manifest };
    };
    expect(a['manifest.json']).toContain(thread.exportId);
    expect(withoutId(a, thread.exportId)).toEqual(withoutId(b, here.exportId));
    expect(Object.keys(a)).toContain('participants.csv');
    expect(a['participants.csv']!.split('\n').length).toBeGreaterThan(10);
  });

  it('refuses what the export on the main thread refuses, with the same errors, in the browser shell too', async () => {
    const badInputs = [
      // Each starts a thread: a few that are refused at different steps (recipients, scope, path, file).
      { scope: {}, recipientKeys: ['age1notakey'], outPath: 'a.age' },
      { scope: { programmeIds: ['00000000-0000-4000-8000-000000000000'] }, recipientKeys: [key.publicKey], outPath: 'd.age' },
      { scope: {}, recipientKeys: [key.publicKey], outPath: path.join(out, 'elsewhere.age') },
      { scope: {}, recipientKeys: [key.publicKey], outPath: 'key.txt' },
    ];
    const answers = async (exportThread: boolean) => {
      const opened = open(exportThread, 'browser');
      const exportsDir = path.join(dataDir, 'exports');
      fs.mkdirSync(exportsDir, { recursive: true });
      fs.writeFileSync(path.join(exportsDir, 'key.txt'), 'taken');
      try {
        const results = [];
        for (const input of badInputs) results.push(await opened.app.call('export.run', input));
        return results;
      } finally {
        opened.app.close();
        fs.rmSync(exportsDir, { recursive: true, force: true });
      }
    };
    const inline = await answers(false);
    expect(inline.every((r) => !r.ok)).toBe(true);
    expect(new Set(inline.map((r) => (r.ok ? null : r.error.code))).size).toBeGreaterThan(1);
    expect(await answers(true)).toEqual(inline);
  });

  it('a thread that dies mid-export (as out of memory would end it) answers with a clear message, leaves no file and logs the attempt as failed', async () => {
    // The real program, made to die of an uncaught error once it has logged its start (see the helper for why not a heap limit).
    const cli = (await bundledCli()) as string | null;
    expect(cli && fs.existsSync(path.join(path.dirname(cli), 'export-worker.mjs'))).toBe(true);
    const failing = open({ workerFile: path.join(import.meta.dirname, '..', 'helpers', 'export-worker-that-dies.mjs') });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = listAll(out);
    const r = await failing.app.call('export.run', { scope: {}, recipientKeys: [key.publicKey], outPath: path.join(out, 'dies.age') });
    const log = await ok<ProcedureOutput<'export.log'>>(failing.app, 'export.log', { limit: 100 });
    failing.app.close();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(r.error.message.en).toMatch(/^The export stopped before it was finished\. No file was written/);
    expect(r.error.message.sv).toMatch(/^Exporten avbröts innan den blev klar\. Ingen fil skrevs/);
    expect(listAll(out)).toEqual(before);
    // It died after writing its log row: that row is marked failed, none is left 'started'.
    expect(log.filter((e) => e.status === 'started')).toEqual([]);
    expect(log.filter((e) => e.status === 'failed')).toHaveLength(1);
    // The error's class is logged, not its message (a thread's messages could name files or data).
    expect(logged.mock.calls).toEqual([['komet: export thread failed: Error']]);
    logged.mockRestore();
  });

  it('locking while it runs stops it: the lock message, no file, the attempt logged as failed', async () => {
    const locking = open(true);
    const before = listAll(out);
    let settled = false;
    const running = locking.app
      .call('export.run', { scope: {}, recipientKeys: [key.publicKey], outPath: path.join(out, 'locked.age') })
      .finally(() => (settled = true));
    const started = await untilStarted(locking.app, () => settled);
    expect(started).not.toBeNull();
    // What the vault session does at a lock: the database closes.
    locking.app.close();
    const r = await running;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('locked');
    expect(r.error.message.en).toBe('The export was stopped because Komet was locked. No file was written. Unlock and export again.');
    expect(listAll(out)).toEqual(before);
    expect(logStatus(started!)).toBe('failed');
  });

  it("a build without the thread's program refuses the export with a clear message instead of running it on the main thread", async () => {
    const broken = open({ workerFile: path.join(out, 'no-such-export-worker.mjs') });
    const before = listAll(out);
    const logBefore = await ok<ProcedureOutput<'export.log'>>(broken.app, 'export.log', { limit: 100 });
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    try {
      const first = await broken.app.call('export.run', { scope: {}, recipientKeys: [key.publicKey], outPath: path.join(out, 'missing.age') });
      const second = await broken.app.call('export.run', { scope: {}, recipientKeys: [key.publicKey], outPath: path.join(out, 'missing.age') });
      const log = await ok<ProcedureOutput<'export.log'>>(broken.app, 'export.log', { limit: 100 });
      expect(first.ok).toBe(false);
      if (first.ok) return;
      expect(first.error.code).toBe('internal');
      expect(first.error.message.en).toMatch(/^Komet is incompletely installed: the export program is missing/);
      expect(first.error.message.sv).toMatch(/^Komet är ofullständigt installerat: exportens program saknas/);
      expect(second).toEqual(first);
      // Nothing was attempted: no file, no log row.
      expect(listAll(out)).toEqual(before);
      expect(log).toEqual(logBefore);
      // Told once, naming only the program's path.
      expect(errors).toEqual([expect.stringContaining('no-such-export-worker.mjs')]);
    } finally {
      spy.mockRestore();
      broken.app.close();
    }
  });
});
