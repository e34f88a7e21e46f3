import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Decrypter } from 'age-encryption';
import { Unzip, UnzipInflate } from 'fflate';
import type { AppError } from '../errors';
import { exportErrors } from './export-errors';

/**
 * One pass over a package: decrypt with a known file key, unzip, and hand each entry's bytes to a
 * sink while counting, hashing and (for CSV files) counting records as they stream by. Öppna
 * export makes two such passes: the first writes nothing and so can check the manifest before a
 * byte reaches the disk, the second writes each file, never more than the manifest declared.
 */

export interface EntrySink {
  write(chunk: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
}

export interface EntryFound {
  name: string;
  bytes: number;
  sha256: string;
  /** CSV records (header included); null for other files, or for a CSV with an unclosed quote. */
  records: number | null;
}

export interface PassOptions {
  /** The only entry names a package may hold. */
  allowed: readonly string[];
  /** Bytes all entries together may expand to. */
  maxTotalBytes: number;
  /** Bytes one entry may expand to. */
  maxEntryBytes: (name: string) => number;
  /** Where an entry's bytes go. */
  sink: (name: string) => Promise<EntrySink> | EntrySink;
}

/**
 * Records in an RFC 4180 file, fed in pieces: line ends outside quoted fields (a doubled quote
 * inside a field toggles twice, so it cancels out). The content is pinned by its SHA-256; this
 * only checks the manifest's count.
 */
export class CsvRecordCounter {
  private records = 0;
  private quoted = false;
  private pending = false;

  push(chunk: Uint8Array): void {
    let { records, quoted, pending } = this;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) quoted = !quoted;
      if (byte === 0x0a && !quoted) {
        records++;
        pending = false;
      } else if (byte !== 0x0d) pending = true;
    }
    Object.assign(this, { records, quoted, pending });
  }

  /** The count; throws on an unterminated quoted field. */
  finish(): number {
    if (this.quoted) throw new Error('unterminated quoted field');
    return this.records + (this.pending ? 1 : 0);
  }
}

interface Item {
  hash: ReturnType<typeof createHash>;
  bytes: number;
  counter: CsvRecordCounter | null;
  complete: boolean;
  sink: EntrySink | null;
  chain: Promise<void>;
}

export async function readPackage(file: string, fileKey: Uint8Array, options: PassOptions): Promise<Map<string, EntryFound>> {
  const decrypter = new Decrypter();
  decrypter.addIdentity({ unwrapFileKey: () => fileKey });
  const source = Readable.toWeb(createReadStream(file, { highWaterMark: 64 * 1024 })) as unknown as ReadableStream<Uint8Array>;
  let plaintext: ReadableStream<Uint8Array>;
  try {
    plaintext = await decrypter.decrypt(source);
  } catch {
    await source.cancel().catch(() => undefined);
    throw exportErrors.corrupt();
  }
  const items = new Map<string, Item>();
  let failure: AppError | null = null;
  let total = 0;
  const unzip = new Unzip((entry) => {
    if (failure) return;
    if (!options.allowed.includes(entry.name) || items.has(entry.name)) {
      failure = exportErrors.packageInvalid('filen innehåller en okänd eller dubblerad del.', 'the file holds an unknown or duplicated part.');
      return;
    }
    const limit = options.maxEntryBytes(entry.name);
    const item: Item = {
      hash: createHash('sha256'),
      bytes: 0,
      counter: entry.name.endsWith('.csv') ? new CsvRecordCounter() : null,
      complete: false,
      sink: null,
      chain: Promise.resolve(),
    };
    item.chain = Promise.resolve(options.sink(entry.name)).then((s) => {
      item.sink = s;
    });
    items.set(entry.name, item);
    entry.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = exportErrors.corrupt();
        return;
      }
      item.bytes += data.length;
      total += data.length;
      if (total > options.maxTotalBytes) {
        failure = exportErrors.packageInvalid('innehållet är för stort.', 'the content is too large.');
        return;
      }
      if (item.bytes > limit) {
        failure = exportErrors.packageInvalid(`${entry.name} är större än innehållsregistret anger.`, `${entry.name} is larger than the manifest says.`);
        return;
      }
      item.hash.update(data);
      item.counter?.push(data);
      const copy = Buffer.from(data);
      item.chain = item.chain.then(async () => {
        await item.sink!.write(copy);
      });
      if (final) item.complete = true;
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const settle = async () => {
    await Promise.all([...items.values()].map((i) => i.chain));
    if (failure) throw failure;
  };
  const reader = plaintext.getReader();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch {
        throw exportErrors.corrupt();
      }
      try {
        unzip.push(next.done ? new Uint8Array(0) : next.value, next.done);
      } catch {
        throw exportErrors.corrupt();
      }
      await settle();
      if (next.done) break;
    }
  } finally {
    reader.releaseLock();
    await Promise.allSettled([...items.values()].map((i) => i.chain));
    await Promise.allSettled([...items.values()].map((i) => i.sink?.close()));
  }
  const found = new Map<string, EntryFound>();
  for (const [name, item] of items) {
    if (!item.complete) throw exportErrors.corrupt();
    found.set(name, { name, bytes: item.bytes, sha256: item.hash.digest('hex'), records: item.counter ? recordsOf(item.counter) : null });
  }
  return found;
}

function recordsOf(counter: CsvRecordCounter): number | null {
  try {
    return counter.finish();
  } catch {
    return null;
  }
}
