import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Decrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFile } from '../../src-main/core/export';
import { encryptToFile, generateKeyFile, readIdentityFile } from '../../src-main/core/export/encrypt';
import { defaultCoarsening } from '../../src-main/core/export/model';
import { openExport } from '../../src-main/core/export/open';
import { META, TEST_KEY, makeSource } from '../unit/export/fixtures';

/**
 * Memory must not grow with the size of the data. Figures are printed for the report; the only
 * assertion is against a gross blow-up (a buffered 200 MB file would add at least 200 MB).
 */

const MB = 1024 * 1024;
const TOTAL = 200 * MB;
const CHUNK = MB;

let dir: string;
let key: { file: string; publicKey: string };
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-mem-'));
  key = await generateKeyFile(path.join(dir, 'key.txt'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function sampler() {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    // CPU seconds as well as wall time: on a shared machine the wall clock says little.
    return { growthMb: (peak - base) / MB, baseMb: base / MB, seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}

function generated(hash: ReturnType<typeof createHash>): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= TOTAL) return controller.close();
      const chunk = new Uint8Array(CHUNK);
      for (let i = 0; i < CHUNK; i += 4096) chunk[i] = (sent / CHUNK + i) & 0xff;
      hash.update(chunk);
      sent += CHUNK;
      controller.enqueue(chunk);
    },
  });
}

describe('streaming memory', () => {
  it('encrypts and decrypts 200 MB without holding it in memory', async () => {
    const inputHash = createHash('sha256');
    const out = path.join(dir, 'big.age');
    const stopEncrypt = sampler();
    await encryptToFile(generated(inputHash), out, { recipients: [key.publicKey] });
    const enc = stopEncrypt();
    expect(fs.statSync(out).size).toBeGreaterThan(TOTAL);

    const decrypter = new Decrypter();
    decrypter.addIdentity((await readIdentityFile(key.file))[0]!);
    const stopDecrypt = sampler();
    const plain = await decrypter.decrypt(Readable.toWeb(createReadStream(out)) as unknown as ReadableStream<Uint8Array>);
    const outputHash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of plain as unknown as AsyncIterable<Uint8Array>) {
      outputHash.update(chunk);
      bytes += chunk.length;
    }
    const dec = stopDecrypt();
    expect(bytes).toBe(TOTAL);
    expect(outputHash.digest('hex')).toBe(inputHash.digest('hex'));

    console.log(
      `[export memory] encrypt 200 MB: ${enc.seconds.toFixed(1)} s wall, ${enc.cpu.toFixed(1)} s CPU (${(200 / enc.cpu).toFixed(0)} MB per CPU-second), peak RSS growth ${enc.growthMb.toFixed(1)} MB (base ${enc.baseMb.toFixed(0)} MB)\n` +
        `[export memory] decrypt 200 MB: ${dec.seconds.toFixed(1)} s wall, ${dec.cpu.toFixed(1)} s CPU (${(200 / dec.cpu).toFixed(0)} MB per CPU-second), peak RSS growth ${dec.growthMb.toFixed(1)} MB`,
    );
    expect(enc.growthMb).toBeLessThan(150);
    expect(dec.growthMb).toBeLessThan(150);
  }, 600_000);

  it('exports and opens a large package with flat memory', async () => {
    const source = makeSource({ groups: 3000, participantsPerGroup: 8 });
    const out = path.join(dir, 'large-export.age');
    const stopExport = sampler();
    const result = await exportToFile(source, { key: TEST_KEY, coarsening: defaultCoarsening }, META, { recipients: [key.publicKey] }, out);
    const exp = stopExport();
    const rows = Object.fromEntries(result.manifest.files.filter((f) => f.rows !== undefined).map((f) => [f.name, f.rows]));
    expect(rows['attendance.csv']).toBeGreaterThan(150_000);

    const stopOpen = sampler();
    const opened = await openExport(out, { identityFile: key.file }, { outDir: path.join(dir, 'opened') });
    const open = stopOpen();
    expect(opened.manifest.files).toEqual(result.manifest.files);
    const plainMb = result.manifest.files.reduce((a, f) => a + f.bytes, 0) / MB;
    console.log(
      `[export memory] package: ${source.groups.length} groups, ${source.participants.length} enrolments, rows ${JSON.stringify(rows)}; ` +
        `${plainMb.toFixed(1)} MB of files, ${(result.bytes / MB).toFixed(1)} MB encrypted\n` +
        `[export memory] export ${exp.seconds.toFixed(1)} s wall / ${exp.cpu.toFixed(1)} s CPU, peak RSS growth ${exp.growthMb.toFixed(1)} MB; open+verify ${open.seconds.toFixed(1)} s wall / ${open.cpu.toFixed(1)} s CPU, peak RSS growth ${open.growthMb.toFixed(1)} MB`,
    );
    expect(exp.growthMb).toBeLessThan(300);
    expect(open.growthMb).toBeLessThan(150);
  }, 600_000);
});
