import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Decrypter } from 'age-encryption';
import { Unzip, UnzipInflate } from 'fflate';
import type { AppError } from '../errors';
import { exists, removeQuietly, syncFolder } from './atomic';
import { readIdentityFile } from './encrypt';
import { exportErrors } from './export-errors';
import { MANIFEST_FILE, manifestSchema, type Manifest } from './manifest';
import { TABLE_NAMES } from './tables';

/**
 * Öppna export: decrypt, unzip and verify a package before anything reaches the chosen folder.
 * Files are extracted into a hidden folder beside the destination; only when every file matches
 * the manifest (names, sizes, SHA-256, CSV row counts) is that folder renamed into place.
 *
 * Note on trust: age authenticates that the bytes were not altered after encryption, not who
 * encrypted them; anyone holding the public key can make a package. The manifest check catches
 * damage and packaging faults, not a forger.
 */

export const PACKAGE_FILES: readonly string[] = [...TABLE_NAMES.map((n) => `${n}.csv`), 'datapackage.json', 'codebook.md', MANIFEST_FILE];
const AGE_MAGIC = 'age-encryption.org/v1\n';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export type OpenCredentials = { identityFile: string } | { identities: readonly string[] } | { passphrase: string };

export interface OpenOptions {
  outDir: string;
  /** Guards against a decompression bomb; default 32 GiB. */
  maxExtractedBytes?: number;
}

export interface OpenedExport {
  outDir: string;
  manifest: Manifest;
}

interface Extracted {
  name: string;
  hash: ReturnType<typeof createHash>;
  bytes: number;
  complete: boolean;
  handle: fs.FileHandle | null;
  chain: Promise<void>;
}

async function decrypterFor(credentials: OpenCredentials): Promise<Decrypter> {
  const decrypter = new Decrypter();
  if ('passphrase' in credentials) decrypter.addPassphrase(credentials.passphrase);
  else {
    const keys = 'identityFile' in credentials ? await readIdentityFile(credentials.identityFile) : [...credentials.identities];
    if (keys.length === 0) throw exportErrors.identityMalformed();
    for (const key of keys) {
      try {
        decrypter.addIdentity(key);
      } catch {
        throw exportErrors.identityMalformed();
      }
    }
  }
  return decrypter;
}

async function checkMagic(file: string): Promise<void> {
  let head: string;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(AGE_MAGIC.length);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      head = buf.toString('latin1', 0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    throw exportErrors.inputUnreadable();
  }
  if (head !== AGE_MAGIC) throw exportErrors.notAge();
}

async function prepareDestination(outDir: string): Promise<void> {
  const parent = path.dirname(path.resolve(outDir));
  try {
    await fs.access(parent, fs.constants.W_OK);
  } catch {
    throw exportErrors.outputUnwritable();
  }
  if (!(await exists(outDir))) return;
  const stat = await fs.stat(outDir);
  if (!stat.isDirectory() || (await fs.readdir(outDir)).length > 0) throw exportErrors.outputExists();
}

/** Decrypts and verifies `file` into `options.outDir` (which must not exist or be empty). */
export async function openExport(file: string, credentials: OpenCredentials, options: OpenOptions): Promise<OpenedExport> {
  const decrypter = await decrypterFor(credentials);
  await checkMagic(file);
  await prepareDestination(options.outDir);
  const target = path.resolve(options.outDir);
  let staging: string;
  try {
    staging = await fs.mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.opening-`));
  } catch {
    throw exportErrors.outputUnwritable();
  }
  try {
    const found = await extract(file, decrypter, staging, options.maxExtractedBytes ?? 32 * 1024 ** 3);
    const manifest = await verify(staging, found);
    if (await exists(target)) await fs.rmdir(target).catch(() => {
      throw exportErrors.outputExists();
    });
    await fs.rename(staging, target);
    await syncFolder(path.dirname(target));
    return { outDir: target, manifest };
  } catch (error) {
    await removeQuietly(staging);
    throw error;
  }
}

function classifyHeaderError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : '';
  return /no identity matched/.test(message) ? exportErrors.wrongIdentity() : exportErrors.corrupt();
}

async function extract(file: string, decrypter: Decrypter, staging: string, maxBytes: number): Promise<Map<string, Extracted>> {
  const source = Readable.toWeb(createReadStream(file, { highWaterMark: 64 * 1024 })) as unknown as ReadableStream<Uint8Array>;
  let plaintext: ReadableStream<Uint8Array>;
  try {
    plaintext = await decrypter.decrypt(source);
  } catch (error) {
    await source.cancel().catch(() => undefined);
    throw classifyHeaderError(error);
  }
  const found = new Map<string, Extracted>();
  let failure: AppError | null = null;
  let total = 0;
  const unzip = new Unzip((entry) => {
    if (failure) return;
    if (!PACKAGE_FILES.includes(entry.name) || found.has(entry.name)) {
      failure = exportErrors.packageInvalid('filen innehåller en okänd eller dubblerad del.', 'the file holds an unknown or duplicated part.');
      return;
    }
    const item: Extracted = { name: entry.name, hash: createHash('sha256'), bytes: 0, complete: false, handle: null, chain: Promise.resolve() };
    item.chain = fs.open(path.join(staging, entry.name), 'wx', 0o600).then((h) => {
      item.handle = h;
    });
    found.set(entry.name, item);
    entry.ondata = (error, data, final) => {
      if (error) {
        failure ??= exportErrors.corrupt();
        return;
      }
      item.hash.update(data);
      item.bytes += data.length;
      total += data.length;
      if (total > maxBytes) failure ??= exportErrors.packageInvalid('innehållet är för stort.', 'the content is too large.');
      const copy = Buffer.from(data);
      item.chain = item.chain.then(async () => {
        await item.handle!.write(copy);
      });
      if (final) item.complete = true;
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const settle = async () => {
    await Promise.all([...found.values()].map((f) => f.chain));
    if (failure) throw failure;
  };
  const reader = plaintext.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
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
    await Promise.all([...found.values()].map((f) => f.handle?.sync()));
  } finally {
    reader.releaseLock();
    await Promise.allSettled([...found.values()].map((f) => f.chain));
    await Promise.all([...found.values()].map((f) => f.handle?.close().catch(() => undefined)));
  }
  for (const item of found.values()) if (!item.complete) throw exportErrors.corrupt();
  return found;
}

/**
 * Records in an RFC 4180 file: line ends outside quoted fields (a doubled quote inside a field
 * toggles twice, so it cancels out). A full parse costs several times more and adds nothing here:
 * the content is already pinned by its SHA-256; this only checks the manifest's count.
 */
export async function countCsvRecords(file: string): Promise<number> {
  let records = 0;
  let quoted = false;
  let pending = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) quoted = !quoted;
      if (byte === 0x0a && !quoted) {
        records++;
        pending = false;
      } else if (byte !== 0x0d) pending = true;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  return records + (pending ? 1 : 0);
}

async function verify(staging: string, found: Map<string, Extracted>): Promise<Manifest> {
  const manifestItem = found.get(MANIFEST_FILE);
  if (!manifestItem) throw exportErrors.packageInvalid('innehållsregistret (manifest.json) saknas.', 'the manifest (manifest.json) is missing.');
  if (manifestItem.bytes > MAX_MANIFEST_BYTES) throw exportErrors.packageInvalid('innehållsregistret är för stort.', 'the manifest is too large.');
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(staging, MANIFEST_FILE), 'utf8')));
  } catch {
    throw exportErrors.packageInvalid('innehållsregistret går inte att läsa.', 'the manifest cannot be read.');
  }
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  for (const name of PACKAGE_FILES) {
    if (name === MANIFEST_FILE) continue;
    if (!listed.has(name)) throw exportErrors.packageInvalid(`${name} saknas i innehållsregistret.`, `${name} is not in the manifest.`);
    if (!found.has(name)) throw exportErrors.packageInvalid(`${name} saknas.`, `${name} is missing.`);
  }
  for (const name of listed.keys()) {
    if (!PACKAGE_FILES.includes(name) || name === MANIFEST_FILE) throw exportErrors.packageInvalid(`okänd fil ${name} i innehållsregistret.`, `unknown file ${name} in the manifest.`);
  }
  if (listed.size !== manifest.files.length) throw exportErrors.packageInvalid('innehållsregistret har dubbletter.', 'the manifest lists a file twice.');
  for (const [name, expected] of listed) {
    const actual = found.get(name)!;
    if (actual.bytes !== expected.bytes || actual.hash.digest('hex') !== expected.sha256) {
      throw exportErrors.packageInvalid(`kontrollsumman för ${name} stämmer inte.`, `the checksum of ${name} does not match.`);
    }
    if (name.endsWith('.csv')) {
      let records: number;
      try {
        records = await countCsvRecords(path.join(staging, name));
      } catch {
        throw exportErrors.packageInvalid(`${name} är ingen giltig CSV-fil.`, `${name} is not a valid CSV file.`);
      }
      if (expected.rows === undefined || records - 1 !== expected.rows) {
        throw exportErrors.packageInvalid(`antalet rader i ${name} stämmer inte.`, `the row count of ${name} does not match.`);
      }
    }
  }
  return manifest;
}
