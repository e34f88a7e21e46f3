import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src-main/app/runtime';
import { startBrowserShell, maxBodyBytes, type BrowserShell } from '../../src-main/http/server';
import { contract, isProcedureName, procedureNames } from '../../src-main/contract';
import { tempDataDir, testScrypt } from '../helpers/crash-files';
import { malformedInput } from '../helpers/fuzz-inputs';
import { dbChanges, folderState } from '../helpers/fuzz-state';

/**
 * The browser shell under a few hundred bad request bodies: each is answered with a 4xx or a
 * typed error, nothing is written, and the server goes on answering good calls.
 */
const passphrase = 'korrekt häst batteri häftklammer';

let dir: string;
let dataDir: string;
let cleanup: () => void;
let gate: Runtime;
let shell: BrowserShell;

interface Reply {
  status: number;
  body: string;
}

function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: shell.port,
        method: 'POST',
        path: '/api/call',
        headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDataDir('komet-fuzz-http-'));
  dataDir = path.join(dir, 'data');
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Komet</title>');
  gate = createRuntime({ dataDir, shell: 'browser', scrypt: testScrypt, backupCheckMs: 0 });
  shell = await startBrowserShell({ app: gate, port: 0, rendererDir });
  const setup = await post(JSON.stringify({ procedure: 'vault.setup', input: { userName: 'Fuzz Webbsson', passphrase, passphraseRepeat: passphrase } }));
  expect(JSON.parse(setup.body).ok).toBe(true);
});

afterAll(async () => {
  await shell?.close();
  gate?.close();
  cleanup?.();
});

const notJson = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  fc.constantFrom('', '{', '{"procedure":', 'null', '[]', '"app.info"', '{"procedure":"app.info",}', '\uFEFF{}'),
);
const wrongShape = fc.oneof(
  fc.json(),
  fc.record({ procedure: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string()), fc.object()), input: fc.jsonValue() }).map((v) => JSON.stringify(v)),
);
const unknownProcedure = fc
  .record({
    procedure: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.info ', 'App.Info', 'units')),
    input: fc.jsonValue(),
  })
  .filter((v) => !isProcedureName(v.procedure))
  .map((v) => JSON.stringify(v));
// JSON can carry only part of what the fuzzing of the router sends; keep what survives the trip.
const badInput = fc
  .constantFrom(...procedureNames)
  .chain((procedure) => malformedInput(contract[procedure].input as z.ZodType, []).map((input) => ({ procedure, input })))
  .map(({ procedure, input }) => {
    try {
      return { procedure, text: JSON.stringify({ procedure, input }) };
    } catch {
      return null;
    }
  })
  .filter((v): v is { procedure: (typeof procedureNames)[number]; text: string } => {
    if (!v) return false;
    const sent = (JSON.parse(v.text) as { input?: unknown }).input;
    return !(contract[v.procedure].input as z.ZodType).safeParse(sent).success;
  })
  .map((v) => v.text);

const body = fc.oneof(notJson, wrongShape, unknownProcedure, badInput);

describe('the browser shell under malformed request bodies', () => {
  it('answers every one with a 4xx or a typed error, writes nothing and keeps serving', async () => {
    const changes = dbChanges(gate);
    const files = folderState(dataDir);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const reply = await post(text);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const parsed = JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: { sv: string; en: string } } };
        expect(parsed.ok).toBe(false);
        expect(typeof parsed.error?.message.sv).toBe('string');
        expect(typeof parsed.error?.message.en).toBe('string');
        if (reply.status === 200) expect(['validation', 'unknown_procedure']).toContain(parsed.error?.code);
        else expect(reply.status).toBe(400);
        expect(dbChanges(gate)).toBe(changes);
      }),
      { numRuns: 300 },
    );

    const huge = await post(Buffer.alloc(maxBodyBytes + 1024, 'x'));
    expect(huge.status).toBe(413);
    const hugeJson = await post(JSON.stringify({ procedure: 'units.create', input: { name: 'x'.repeat(maxBodyBytes), kind: 'district' } }));
    expect(hugeJson.status).toBe(413);

    expect(dbChanges(gate)).toBe(changes);
    expect(folderState(dataDir)).toBe(files);
    // Both kinds of refusal happened, and the server still answers a good call.
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(200)).toBeGreaterThan(0);
    const info = JSON.parse((await post(JSON.stringify({ procedure: 'app.info', input: {} }))).body) as { ok: boolean };
    expect(info.ok).toBe(true);
    const created = JSON.parse((await post(JSON.stringify({ procedure: 'units.create', input: { name: 'Webbdistriktet', kind: 'district' } }))).body) as {
      ok: boolean;
    };
    expect(created.ok).toBe(true);
    expect(dbChanges(gate)).toBeGreaterThan(changes);
  }, 60_000);
});
