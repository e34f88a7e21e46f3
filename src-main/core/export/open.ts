import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exists, syncFolder } from './atomic';
import { excelName } from './csv';
import { exportErrors } from './export-errors';
import { MANIFEST_FILE, manifestSchema, type Manifest } from './manifest';
import { decrypterFor, readAgeHeader, unwrapFileKey, type OpenCredentials } from './open-header';
import { CsvRecordCounter, readPackage, type EntryFound, type EntrySink } from './open-stream';
import { createStaging } from './staging';
import { INSTRUMENTS_FILE, OUTCOME_TABLE_NAMES } from './outcome-tables';
import { TABLE_NAMES } from './tables';
import { privateFileMode } from '../private-dir';

export type { OpenCredentials } from './open-header';

/**
 * Öppna export: decrypt, unzip and verify a package before anything reaches the chosen folder.
 *
 * Two passes over the file. The first decrypts and unzips without writing anything, counting,
 * hashing and counting CSV records, and checks all of it against the manifest (which comes last in
 * the package, since it holds everyone else's checksum). Only a package that matches is read a
 * second time, into a private staging folder beside the destination, each file stopped at the size
 * the manifest declared and checked again; then the folder is renamed into place. A forged package
 * therefore costs at most CPU, bounded by an absolute cap, never the disk; an honest one is
 * decrypted twice (about a second more for the whole city's data).
 *
 * Note on trust: age authenticates that the bytes were not altered after encryption, not who
 * encrypted them; anyone holding the public key can make a package. The manifest check catches
 * damage and packaging faults, not a forger.
 */

export const PACKAGE_FILES: readonly string[] = [...TABLE_NAMES.map((n) => `${n}.csv`), 'datapackage.json', 'codebook.md', MANIFEST_FILE];
/**
 * Files a package may hold beside the required ones: the questionnaire files when its scope had
 * answers, and the Excel copies when asked for.
 */
const OPTIONAL_FILES: readonly string[] = [
  ...OUTCOME_TABLE_NAMES.map((n) => `${n}.csv`),
  INSTRUMENTS_FILE,
  ...[...TABLE_NAMES, ...OUTCOME_TABLE_NAMES].map(excelName),
];
const ALLOWED_FILES: readonly string[] = [...PACKAGE_FILES, ...OPTIONAL_FILES];
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
/**
 * What a package may expand to. The whole city's data over years is a few hundred megabytes of CSV
 * (about 100 MB at demo scale 100); this leaves an order of magnitude of room.
 */
export const MAX_EXTRACTED_BYTES = 4 * 1024 ** 3;

export interface OpenOptions {
  outDir: string;
  /** Guards against a decompression bomb; default MAX_EXTRACTED_BYTES. */
  maxExtractedBytes?: number;
  /**
   * The data folder's registry of staging folders, so that one left by a killed process is removed
   * by the next opening or start of Komet wherever it lies; see staging.ts.
   */
  stagingRegistry?: string;
}

export interface OpenedExport {
  outDir: string;
  manifest: Manifest;
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

/** A sink that keeps the manifest in memory and drops every other file (the first pass). */
function surveySinks(manifestChunks: Buffer[]) {
  const none: EntrySink = { write: () => undefined, close: () => undefined };
  return (name: string): EntrySink => (name === MANIFEST_FILE ? { write: (c) => void manifestChunks.push(Buffer.from(c)), close: () => undefined } : none);
}

/** A sink that writes the file into the staging folder (the second pass). */
const fileSink =
  (staging: string) =>
  async (name: string): Promise<EntrySink> => {
    const handle = await fs.open(path.join(staging, name), 'wx', privateFileMode);
    return {
      write: async (chunk) => void (await handle.write(chunk)),
      close: async () => {
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
    };
  };

/** Refuses before writing when the disk cannot hold what the manifest declares. */
async function checkSpace(parent: string, manifest: Manifest): Promise<void> {
  const needed = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  let free: number;
  try {
    const st = await fs.statfs(parent);
    free = st.bavail * st.bsize;
  } catch {
    return;
  }
  if (needed > free) throw exportErrors.noSpace(Math.ceil(needed / 1024 ** 2));
}

/** Decrypts and verifies `file` into `options.outDir` (which must not exist or be empty). */
export async function openExport(file: string, credentials: OpenCredentials, options: OpenOptions): Promise<OpenedExport> {
  const decrypter = await decrypterFor(credentials);
  const header = await readAgeHeader(file);
  await prepareDestination(options.outDir);
  const target = path.resolve(options.outDir);
  const fileKey = await unwrapFileKey(header, decrypter, credentials);
  try {
    const maxTotal = options.maxExtractedBytes ?? MAX_EXTRACTED_BYTES;
    const manifestChunks: Buffer[] = [];
    const surveyed = await readPackage(file, fileKey, {
      allowed: ALLOWED_FILES,
      maxTotalBytes: maxTotal,
      maxEntryBytes: (name) => (name === MANIFEST_FILE ? MAX_MANIFEST_BYTES : maxTotal),
      sink: surveySinks(manifestChunks),
    });
    const manifest = verify(Buffer.concat(manifestChunks), surveyed);
    await checkSpace(path.dirname(target), manifest);

    let staging;
    try {
      staging = createStaging(target, options.stagingRegistry);
    } catch {
      throw exportErrors.outputUnwritable();
    }
    try {
      const declared = new Map(manifest.files.map((f) => [f.name, f.bytes]));
      const manifestBytes = surveyed.get(MANIFEST_FILE)!.bytes;
      const written = await readPackage(file, fileKey, {
        allowed: ALLOWED_FILES,
        maxTotalBytes: maxTotal,
        maxEntryBytes: (name) => (name === MANIFEST_FILE ? manifestBytes : (declared.get(name) ?? 0)),
        sink: fileSink(staging.dir),
      });
      // The file could have been swapped between the passes: what was written is checked again.
      for (const [name, first] of surveyed) {
        const again = written.get(name);
        if (!again || again.bytes !== first.bytes || again.sha256 !== first.sha256) throw exportErrors.corrupt();
      }
      if (written.size !== surveyed.size) throw exportErrors.corrupt();
      if (await exists(target))
        await fs.rmdir(target).catch(() => {
          throw exportErrors.outputExists();
        });
      await fs.rename(staging.dir, target);
      staging.settled();
      await syncFolder(path.dirname(target));
      return { outDir: target, manifest };
    } catch (error) {
      staging.remove();
      throw error;
    }
  } finally {
    fileKey.fill(0);
  }
}

/** Records in an RFC 4180 file (see CsvRecordCounter). */
export async function countCsvRecords(file: string): Promise<number> {
  const counter = new CsvRecordCounter();
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) counter.push(chunk);
  return counter.finish();
}

function verify(manifestText: Buffer, found: Map<string, EntryFound>): Manifest {
  if (!found.has(MANIFEST_FILE)) throw exportErrors.packageInvalid('innehållsregistret (manifest.json) saknas.', 'the manifest (manifest.json) is missing.');
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestText.toString('utf8')));
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
    if (!ALLOWED_FILES.includes(name) || name === MANIFEST_FILE)
      throw exportErrors.packageInvalid(`okänd fil ${name} i innehållsregistret.`, `unknown file ${name} in the manifest.`);
  }
  if (listed.size !== manifest.files.length) throw exportErrors.packageInvalid('innehållsregistret har dubbletter.', 'the manifest lists a file twice.');
  for (const name of found.keys()) {
    if (!listed.has(name) && name !== MANIFEST_FILE)
      throw exportErrors.packageInvalid(`${name} saknas i innehållsregistret.`, `${name} is not in the manifest.`);
  }
  for (const [name, expected] of listed) {
    const actual = found.get(name);
    if (!actual) throw exportErrors.packageInvalid(`${name} saknas.`, `${name} is missing.`);
    if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
      throw exportErrors.packageInvalid(`kontrollsumman för ${name} stämmer inte.`, `the checksum of ${name} does not match.`);
    }
    if (name.endsWith('.csv')) {
      if (actual.records === null) throw exportErrors.packageInvalid(`${name} är ingen giltig CSV-fil.`, `${name} is not a valid CSV file.`);
      if (expected.rows === undefined || actual.records - 1 !== expected.rows) {
        throw exportErrors.packageInvalid(`antalet rader i ${name} stämmer inte.`, `the row count of ${name} does not match.`);
      }
    }
  }
  return manifest;
}
