// Exporting below k through the browser shell, as the wizard does it: real HTTP to the loopback
// server, the same router behind it. Without a written reason an export no row can reach k with is
// refused and nothing is written; with one it is made, and the reason is in the export log and in
// the package's manifest.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../src-main/http/server';
import { createTestApp, makeTempDir, type TestApp } from '../helpers/db';
import { keyPair, listAll } from './export-service-fixtures';
import { addParticipant, groupWith, laterNow } from './participants-fixtures';

let t: TestApp;
let dir: string;
let shell: BrowserShell;
let publicKey: string;
let keyFile: string;

beforeEach(async () => {
  t = createTestApp({ now: laterNow });
  dir = makeTempDir('komet-below-k-');
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Komet</title>');
  shell = await startBrowserShell({ app: t.app, port: 0, rendererDir: renderer });
  // Three consenting parents in one group: fewer than k = 5 whatever is generalised or hidden.
  const { group } = await groupWith(t, 4);
  for (let i = 0; i < 3; i++) await addParticipant(t, group.id);
  ({ publicKey, file: keyFile } = await keyPair(t, dir));
});
afterEach(async () => {
  await shell.close();
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(
  procedure: string,
  input: unknown,
): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: { sv: string; en: string }; issues?: { path: string }[] } }> {
  const response = await fetch(`http://127.0.0.1:${shell.port}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shell.token}` },
    body: JSON.stringify({ procedure, input }),
  });
  return (await response.json()) as never;
}

const exportsDir = () => path.join(t.dir, 'exports');

describe('export below k through the browser shell', { timeout: 120_000 }, () => {
  it('refuses without a written reason and writes nothing', async () => {
    const before = t.snapshot();
    const refused = await call('export.run', { scope: {}, recipientKeys: [publicKey], outPath: 'fou.age' });
    expect(refused.ok).toBe(false);
    expect(refused.error!.code).toBe('validation');
    expect(refused.error!.message.sv).toMatch(/för få deltagare/);
    expect(refused.error!.message.en).toMatch(/below k with a written reason/);

    for (const belowKReason of ['', '   ', 'för kort']) {
      const short = await call('export.run', { scope: {}, recipientKeys: [publicKey], outPath: 'fou.age', belowKReason });
      expect(short.ok, belowKReason).toBe(false);
      expect(short.error!.issues?.[0]?.path).toBe('belowKReason');
    }
    expect(t.snapshot()).toBe(before);
    expect(listAll(exportsDir()).filter((f) => f.endsWith('.age'))).toEqual([]);
  });

  it('exports below k with the reason, which the log and the manifest keep', async () => {
    const reason = 'Etikprövad studie 2026-01234 behöver exakta åldrar';
    const preview = await call('export.preview', { scope: {}, belowK: true });
    expect((preview.value!.disclosure as { enforced: boolean; after: { reachesK: boolean } }).enforced).toBe(false);
    const run = await call('export.run', { scope: {}, recipientKeys: [publicKey], outPath: 'fou.age', belowKReason: `  ${reason}\n` });
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    expect(run.value!.belowKReason).toBe(reason);
    expect((run.value!.disclosure as { enforced: boolean; after: { reachesK: boolean } }).after.reachesK).toBe(false);

    const row = t.app.db.sqlite.prepare('select below_k_reason as reason, disclosure from export_log').get() as { reason: string; disclosure: string };
    expect(row.reason).toBe(reason);
    expect(JSON.parse(row.disclosure)).toMatchObject({ k: 5, enforced: false });
    const [entry] = (await call('export.log', {})).value as unknown as { belowKReason: string }[];
    expect(entry!.belowKReason).toBe(reason);
    expect(t.audit.some((a) => a.action === 'export' && a.fields.includes('belowKReason'))).toBe(true);

    // The browser shell reads only from its exports folder: the evaluator's key is put there.
    fs.copyFileSync(keyFile, path.join(exportsDir(), 'fou-key.txt'));
    const opened = await call('export.open', { file: 'fou.age', identityFile: 'fou-key.txt', outDir: 'opened' });
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
    expect((opened.value!.disclosure as { belowKReason: string }).belowKReason).toBe(reason);
    const manifest = JSON.parse(fs.readFileSync(path.join(exportsDir(), 'opened', 'manifest.json'), 'utf8')) as {
      disclosure: { belowKReason: string; kAnonymity: { enforced: boolean; reached: number } };
    };
    expect(manifest.disclosure.belowKReason).toBe(reason);
    expect(manifest.disclosure.kAnonymity.enforced).toBe(false);
    expect(manifest.disclosure.kAnonymity.reached).toBeLessThan(5);
  });

  it('reads back log rows written before the disclosure control was recorded', async () => {
    // A row as the previous version wrote it: no disclosure summary, no reason.
    t.app.db.sqlite
      .prepare(
        `insert into export_log (id, export_id, created_at, finished_at, status, actor, shell, scope, coarsening, recipients, key_id, file_name, bytes, row_counts)
         values ('6f1c1d4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f', 'old-export', '2025-01-01T10:00:00.000Z', '2025-01-01T10:00:05.000Z', 'completed', 'local', 'cli',
           '{"from":null,"to":null,"programmeCodes":[],"unitNames":[]}', '{"period":"month","ageBands":false,"dropUnit":false}', '"passphrase"', 'KEYID', 'old.age', 10, '[]')`,
      )
      .run();
    const log = await call('export.log', {});
    expect(log.ok, JSON.stringify(log.error)).toBe(true);
    expect((log.value as unknown as { exportId: string; disclosure: unknown; belowKReason: unknown }[]).find((e) => e.exportId === 'old-export')).toMatchObject(
      {
        disclosure: null,
        belowKReason: null,
      },
    );
  });
});
