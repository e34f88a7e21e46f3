import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Decrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFile, prepareExport } from '../../src-main/core/export';
import { encryptToFile, generateKeyFile, readIdentityFile } from '../../src-main/core/export/encrypt';
import { defaultCoarsening } from '../../src-main/core/export/model';
import { openExport } from '../../src-main/core/export/open';
import { META, TEST_KEY, makeSource } from '../unit/export/fixtures';

/**
 * Exports stream: what they hold at once does not grow with the data. Each check runs at two sizes
 * and compares them, so a build that buffered the whole file would differ by about the difference
 * in size, while a streaming one differs by noise. No timings: `npm run bench` measures those.
 */

const MB = 1024 * 1024;
const CHUNK = MB;
const SMALL = 4 * MB;
const LARGE = 24 * MB;

// Full collections on demand, so that what is measured is what is held, not garbage not yet
// collected; buffers freed by a collection are released at once, not later on a background thread.
v8.setFlagsFromString('--expose-gc');
v8.setFlagsFromString('--no-concurrent-array-buffer-sweeping');
const gc = vm.runInNewContext('gc') as () => void;

let dir: string;
let key: { file: string; publicKey: string };
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-mem-'));
  key = await generateKeyFile(path.join(dir, 'key.txt'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const live = () => {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

/**
 * Peak live memory (JavaScript heap plus buffers, each sample after a full collection) above where
 * it stood when sampling began. Collected first, short-lived chunks and strings do not count, so a
 * stream that is busy but holds little measures little, and one that keeps the file measures the file.
 */
function liveGrowth() {
  const base = live();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, live());
  }, 200);
  return () => {
    clearInterval(timer);
    return Math.max(peak, live()) - base;
  };
}

const bytesIn = (folder: string) => fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);

/**
 * `total` bytes, pulled one chunk at a time, hashed as they go. Before each chunk it notes how many
 * bytes it has handed out that have not yet reached `folder` on disk: the most the encryption held.
 */
function generated(total: number, folder: string) {
  const hash = createHash('sha256');
  let sent = 0;
  let mostHeld = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      mostHeld = Math.max(mostHeld, sent - bytesIn(folder));
      if (sent >= total) return controller.close();
      const chunk = new Uint8Array(CHUNK);
      for (let i = 0; i < CHUNK; i += 4096) chunk[i] = (sent / CHUNK + i) & 0xff;
      hash.update(chunk);
      sent += CHUNK;
      controller.enqueue(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex'), mostHeld: () => mostHeld };
}

async function decryptedDigest(file: string): Promise<{ bytes: number; digest: string }> {
  const decrypter = new Decrypter();
  decrypter.addIdentity((await readIdentityFile(key.file))[0]!);
  const plain = await decrypter.decrypt(Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>);
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of plain as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, digest: hash.digest('hex') };
}

async function encryptOnce(total: number) {
  const folder = fs.mkdtempSync(path.join(dir, 'enc-'));
  const out = path.join(folder, 'data.age');
  const input = generated(total, folder);
  const stop = liveGrowth();
  await encryptToFile(input.stream, out, { recipients: [key.publicKey] });
  const growth = stop();
  const decrypted = await decryptedDigest(out);
  // Round trip: every byte arrives, in order.
  expect(decrypted).toEqual({ bytes: total, digest: input.digest() });
  fs.rmSync(folder, { recursive: true });
  return { held: input.mostHeld(), growth };
}

describe('streaming memory', () => {
  it('encrypts without holding the data: what it holds and its peak memory do not grow with the input', async () => {
    const small = await encryptOnce(SMALL);
    const large = await encryptOnce(LARGE);
    // Bytes taken in but not yet on disk: a few chunks of pipeline, whatever the size.
    expect(large.held).toBeLessThan(4 * CHUNK);
    expect(large.held - small.held).toBeLessThan(2 * CHUNK);
    // Buffered, the larger run would hold about LARGE - SMALL more; streaming, within noise.
    expect(large.growth - small.growth).toBeLessThan((LARGE - SMALL) / 2);
  }, 120_000);

  it('writes and opens a package with memory that does not grow with the number of groups', async () => {
    const run = async (groups: number) => {
      // The disclosure check needs every row at once, so the prepared model is built before
      // measuring; what must stay flat is everything after it: CSV, zip, encryption, the file.
      const prepared = prepareExport(makeSource({ groups, participantsPerGroup: 8 }), { key: TEST_KEY, coarsening: defaultCoarsening });
      const out = path.join(dir, `export-${groups}.age`);
      const stopExport = liveGrowth();
      const result = await exportToFile(prepared, { key: TEST_KEY, coarsening: defaultCoarsening }, META, { recipients: [key.publicKey] }, out);
      const exported = stopExport();
      const stopOpen = liveGrowth();
      const opened = await openExport(out, { identityFile: key.file }, { outDir: path.join(dir, `opened-${groups}`) });
      const open = stopOpen();
      expect(opened.manifest.files).toEqual(result.manifest.files);
      const rows = result.manifest.files.find((f) => f.name === 'attendance.csv')?.rows ?? 0;
      const plain = result.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
      return { exported, open, rows, plain, encrypted: result.bytes };
    };
    const small = await run(150);
    const large = await run(1800);
    expect(large.rows).toBeGreaterThan(5 * small.rows);
    const difference = large.plain - small.plain;
    expect(large.exported - small.exported).toBeLessThan(difference / 2);
    expect(large.open - small.open).toBeLessThan(difference / 2);
  }, 120_000);
});
