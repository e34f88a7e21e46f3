import { createHash } from 'node:crypto';
import { Zip } from 'fflate';
import { codebook } from './codebook';
import { csvLine, EXCEL_BOM, excelName } from './csv';
import { dataPackage, type FileDigest } from './datapackage';
import { ALL } from './disclosure/aggregates';
import { defaultDisclosureSettings, planDisclosure, type DisclosureAssessment, type DisclosurePlan, type DisclosureSettings } from './disclosure';
import { exportErrors } from './export-errors';
import { MANIFEST_FILE, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, type CurrentManifest } from './manifest';
import type { Coarsening, ExportSource } from './model';
import { createPseudonymiser, exportKeyId, pseudonymSettings } from './pseudonym';
import { hasOutcomes, INSTRUMENTS_FILE, instrumentsJson } from './outcome-tables';
import { buildTables } from './tables';
import type { TableDef } from './table-def';
import { ENROLLED_END, ScoresFromThread, type SecondReader } from './scores-thread';
import { NativeZipDeflate } from './zip-deflate';
import { PageClaims, pageCount, pageGroups, pagesInOrder, RESPONSE_PAGE_GROUPS, type PageText } from './response-pages';

/**
 * Builds the ZIP package as a pull-driven byte stream: rows are read, written as CSV, deflated
 * and handed on only as fast as the consumer (encryption, then the disk) takes them, so memory
 * stays flat however many attendance rows there are. manifest.json comes last because it holds
 * the checksums of everything before it.
 */

export interface PackageMeta {
  exportId: string;
  /** ISO timestamp. */
  created: string;
  appVersion: string;
  schemaVersion: string | number;
}

export interface PackageOptions {
  /** The secret export key (32 bytes) from the database. */
  key: Uint8Array;
  coarsening: Coarsening;
  disclosure?: DisclosureSettings;
  /**
   * Exporting below k: the written reason the user gave. With it the files keep the requested
   * detail (nothing generalised further or hidden) and the reason goes into the manifest.
   */
  belowKReason?: string;
  /** Beside each CSV, a `;`-separated copy with a byte order mark for Swedish Excel. */
  excelCopies?: boolean;
  /**
   * The database file and key for a second connection that writes scores.csv in its own thread
   * (scores-thread.ts); without it every file is read on this thread's connection.
   */
  secondReader?: SecondReader;
}

/** The normalised source with its disclosure plan: made once, checked, then written. */
export interface PreparedExport {
  source: ExportSource;
  options: PackageOptions;
  settings: DisclosureSettings;
  plan: DisclosurePlan;
}

export interface BuiltPackage {
  /** The ZIP bytes; pull to drive the build. */
  stream: ReadableStream<Uint8Array>;
  /** Resolves with the manifest once the stream has been read to its end. */
  manifest: Promise<CurrentManifest>;
  /** Available at once: the preview shows it before anything is written. */
  disclosure: DisclosureAssessment;
}

/** Characters of CSV text gathered before they go to the deflater (its blocks are 256 KiB). */
const PIECE_CHARS = 64 * 1024;
/** Bytes of another thread's UTF-8 handed to the deflater at a time: a piece's worth. */
const PIECE_BYTES = 128 * 1024;
/** Fast deflate: CSV of ids compresses well even at level 1, and CPU is the export's bottleneck. */
const DEFLATE_LEVEL = 1;

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula; programme codes and unit names
 * are typed by users, so such a value gets a leading apostrophe (the OWASP CSV-injection advice).
 */
export const spreadsheetSafe = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** The labels users typed, made safe for spreadsheets; everything else is passed through. */
export function normaliseSource(source: ExportSource): ExportSource {
  return {
    ...source,
    programmes: source.programmes.map((p) => ({ ...p, code: spreadsheetSafe(p.code.trim()) })),
    units: source.units.map((u) => ({ ...u, name: spreadsheetSafe(u.name.trim()) })),
  };
}

/** Dangling references would break the package's foreign keys; they are the repository's bug. */
export function checkSource(source: ExportSource): void {
  if (source.groups.length === 0) throw exportErrors.emptyScope();
  const programmes = new Set(source.programmes.map((p) => p.id));
  const units = new Set(source.units.map((u) => u.id));
  const groups = new Set(source.groups.map((g) => g.id));
  const bad = (what: string) => {
    throw new Error(`export source is inconsistent: ${what}`);
  };
  for (const label of [...source.programmes.map((p) => p.code), ...source.units.map((u) => u.name)]) {
    if (label === '' || label === ALL) bad('empty or reserved programme code or unit name');
  }
  for (const g of source.groups) if (!programmes.has(g.programmeId) || !units.has(g.unitId)) bad('group without programme or unit');
  // Sessions are not checked here: they are a stream, the database keeps (group, number) unique,
  // and sessions.csv skips any outside the groups.
  // Person → their group, or groups when enrolled in several: no key string built per enrolment.
  const enrolments = new Map<string, string | Set<string>>();
  const people = source.participants;
  for (let i = 0; i < people.length; i++) {
    const id = people.id(i);
    const groupId = people.groupId(i);
    if (!groups.has(groupId)) bad('participant outside the groups');
    const seen = enrolments.get(id);
    if (seen === undefined) enrolments.set(id, groupId);
    else if (seen === groupId || (typeof seen !== 'string' && seen.has(groupId))) bad('duplicate enrolment');
    else if (typeof seen === 'string') enrolments.set(id, new Set([seen, groupId]));
    else seen.add(groupId);
  }
}

/** Normalises and checks the source and decides the detail of every quasi-identifier; writes nothing. */
export function prepareExport(original: ExportSource, options: PackageOptions): PreparedExport {
  const source = normaliseSource(original);
  checkSource(source);
  const base = options.disclosure ?? defaultDisclosureSettings;
  const settings: DisclosureSettings = { ...base, enforceK: options.belowKReason === undefined && base.enforceK !== false };
  return { source, options, settings, plan: planDisclosure(source, options.coarsening, settings) };
}

/**
 * What must hold before a package is written, in every shell: below k only with a written reason,
 * and an enforced export that would have to leave out every participant row is refused rather
 * than written without them.
 */
export function assertReleasable(prepared: PreparedExport): void {
  const k = prepared.plan.assessment.kAnonymity;
  if (!prepared.settings.enforceK && !prepared.options.belowKReason?.trim()) throw exportErrors.belowKReasonMissing();
  if (k.enforced && k.rows > 0 && k.rowsWithheld === k.rows) throw exportErrors.belowK(k.k, k.rows);
}

export function buildPackage(original: ExportSource, options: PackageOptions, meta: PackageMeta): BuiltPackage {
  const prepared = prepareExport(original, options);
  assertReleasable(prepared);
  return buildPrepared(prepared, meta);
}

export function buildPrepared(prepared: PreparedExport, meta: PackageMeta): BuiltPackage {
  const { source, options, plan } = prepared;
  const disclosure = plan.assessment;
  const tables = buildTables({ source, pseudo: createPseudonymiser(options.key), plan });
  let resolveManifest!: (m: CurrentManifest) => void;
  let rejectManifest!: (e: unknown) => void;
  const manifest = new Promise<CurrentManifest>((resolve, reject) => {
    resolveManifest = resolve;
    rejectManifest = reject;
  });
  manifest.catch(() => undefined);
  const chunks = zipChunks(tables, prepared, meta, resolveManifest);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        rejectManifest(error);
        controller.error(error);
      }
    },
    async cancel(reason) {
      rejectManifest(reason ?? new Error('package stream cancelled'));
      await chunks.return(undefined);
    },
  });
  return { stream, manifest, disclosure };
}

export interface ExportPreview {
  /** Rows each CSV will hold, in package order. */
  rows: Record<string, number>;
  disclosure: DisclosureAssessment;
}

/** What the wizard shows before anything is written: row counts and the disclosure check. */
export async function previewExport(original: ExportSource, options: PackageOptions): Promise<ExportPreview> {
  const { source, plan } = prepareExport(original, options);
  const disclosure = plan.assessment;
  const tables = buildTables({ source, pseudo: createPseudonymiser(options.key), plan });
  const rows: Record<string, number> = {};
  for (const table of tables) {
    let n = 0;
    for await (const _row of table.rows()) n++;
    rows[`${table.name}.csv`] = n;
  }
  return { rows, disclosure };
}

async function* zipChunks(tables: TableDef[], prepared: PreparedExport, meta: PackageMeta, done: (m: CurrentManifest) => void): AsyncGenerator<Uint8Array> {
  const { source, options, settings } = prepared;
  const disclosure = prepared.plan.assessment;
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  /** Called when the Zip has handed on bytes from outside this generator (the scores thread's). */
  let wake: (() => void) | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else if (chunk.length) pending.push(chunk);
    const w = wake;
    wake = null;
    w?.();
  });
  const mtime = new Date(meta.created);
  const drain = function* () {
    if (failure) throw failure;
    while (pending.length) yield pending.shift()!;
  };
  const digests = new Map<string, FileDigest>();

  const openFile = (name: string) => {
    const file = new NativeZipDeflate(name, DEFLATE_LEVEL);
    file.mtime = mtime;
    zip.add(file);
    const hash = createHash('sha256');
    // The hash reads the bytes the deflater encoded, block by block: each text is encoded once.
    file.onBytes = (bytes) => hash.update(bytes);
    return {
      push(text: string, final = false) {
        file.push(text, final);
      },
      pushBytes: (bytes: Uint8Array) => file.pushBytes(bytes),
      ready: () => file.ready(),
      done: () => file.done(),
      digest: (rows?: number): FileDigest => ({ name, bytes: file.size, sha256: hash.digest('hex'), ...(rows === undefined ? {} : { rows }) }),
    };
  };
  const writeWhole = async function* (name: string, text: string) {
    const file = openFile(name);
    file.push(text, true);
    if (name !== MANIFEST_FILE) digests.set(name, file.digest());
    await file.done();
    yield* drain();
  };

  type OpenFile = ReturnType<typeof openFile>;
  /**
   * Writes CSV records, handed to the deflater in pieces of about a block: the next records are
   * read while the thread pool compresses the last ones, and reading waits whenever a few blocks
   * are still out, so what is held stays small. Records are appended to one string rather than
   * collected first: no array of rows lives between reads. The items are rows turned into records
   * by `line`, or records a table writes itself. Returns the rows and the text not yet handed on.
   */
  const writeItems = async function* <T>(
    file: OpenFile,
    start: string,
    source: Iterable<T> | AsyncIterable<T>,
    line: (item: T) => string,
  ): AsyncGenerator<Uint8Array, { rows: number; text: string }> {
    let text = start;
    let rows = 0;
    const items = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    for (;;) {
      const next = items.next();
      // A synchronous source is read synchronously: awaiting every row would add a promise per row.
      const item = next instanceof Promise ? await next : next;
      if (item.done) break;
      text += line(item.value);
      rows++;
      if (text.length >= PIECE_CHARS) {
        file.push(text);
        text = '';
        yield* drain();
        await file.ready();
      }
    }
    return { rows, text };
  };
  /** Ends a file with its last text; its checksum goes into the manifest. */
  const endFile = async function* (name: string, file: OpenFile, text: string, rows: number) {
    file.push(text, true);
    digests.set(name, file.digest(rows));
    await file.done();
    yield* drain();
  };
  /** Writes one table's CSV records (writeItems). */
  const writeTable = async function* <T>(name: string, head: string, source: Iterable<T> | AsyncIterable<T>, line: (item: T) => string) {
    const file = openFile(name);
    const { rows, text } = yield* writeItems(file, head, source, line);
    yield* endFile(name, file, text, rows);
  };
  const asRecord = (record: string) => record;

  // Pages of groups, in the order of their ids' bytes (SQLite's order), for the files written by
  // pages (response-pages.ts) and for the scores thread.
  const groupIds = source.groups.map((g) => g.id).sort(compareUtf8);
  const pages = pageCount(groupIds.length, RESPONSE_PAGE_GROUPS);
  /**
   * Writes a table page by page: pages this thread makes, and pages the scores thread made when
   * `fromThread` is given (they are taken through `claims`, the counter both threads share). A
   * page made whole is handed to the deflater a piece at a time, as writeItems does, and the other
   * thread's buffer goes back to it once copied.
   */
  const writePages = async function* (name: string, head: string, table: TableDef, delimiter: ',' | ';', claims: PageClaims, fromThread?: ScoresFromThread) {
    const file = openFile(name);
    const recordsOf = (page: number) => table.recordsOfGroups!(pageGroups(groupIds, RESPONSE_PAGE_GROUPS, page), delimiter);
    const whole = (page: number): PageText => {
      const made: PageText = { pieces: [], rows: 0 };
      let text = '';
      for (const record of recordsOf(page)) {
        text += record;
        made.rows++;
        if (text.length >= PIECE_CHARS) {
          made.pieces.push(text);
          text = '';
        }
      }
      made.pieces.push(text);
      return made;
    };
    const other = (page: number) => (fromThread ? fromThread.pageFromThread(page) : Promise.reject(new Error(`page ${page} was taken by no thread`)));
    let text = head;
    let rows = 0;
    const arrived = (page: number) => fromThread?.hasPage(page) ?? false;
    for await (const page of pagesInOrder(claims, whole, other, arrived)) {
      if ('make' in page) {
        const written = yield* writeItems(file, text, recordsOf(page.make), asRecord);
        text = written.text;
        rows += written.rows;
        continue;
      }
      file.push(text);
      text = '';
      if ('pieces' in page) {
        for (const piece of page.pieces) {
          file.push(piece);
          yield* drain();
          await file.ready();
        }
      } else {
        for (let at = 0; at < page.bytes.length; at += PIECE_BYTES) {
          file.pushBytes(page.bytes.subarray(at, at + PIECE_BYTES));
          yield* drain();
          await file.ready();
        }
        fromThread?.giveBack(page.bytes);
      }
      rows += page.rows;
    }
    yield* endFile(name, file, text, rows);
  };

  // Started before the first file, so that it runs beside them; its bytes wait for their turn.
  // A source made by hand has no enrolment rowids for the thread to keep rows by; its scores are written here.
  const keptEnrolments = source.outcomes?.keptEnrolments;
  const scoresTable = tables.find((t) => t.name === 'scores');
  // After scores.csv the thread makes pages of responses.csv, taken through this counter (which,
  // without a thread, this thread alone takes from).
  const sharedClaims = tables.some((t) => t.name === 'responses' && t.recordsOfGroups) ? new PageClaims(pages) : null;
  const scoresThread =
    scoresTable && options.secondReader && keptEnrolments
      ? startScoresThread(scoresTable, prepared, options.secondReader, keptEnrolments, mtime, groupIds, sharedClaims)
      : null;
  /** Puts the thread's file in its place and hands on its bytes as they come. */
  const writeFromThread = async function* (file: ScoresFromThread) {
    zip.add(file);
    let digest: FileDigest | null = null;
    let error: unknown = null;
    const settled = file.digest.then(
      (d) => (digest = d),
      (e: unknown) => (error = e),
    );
    for (;;) {
      yield* drain();
      if (error) throw error;
      if (digest) break;
      await Promise.race([settled, new Promise<void>((resolve) => (wake = resolve))]);
    }
    digests.set(file.filename, digest);
    // The last bytes and the data descriptor are handed on with the digest.
    yield* drain();
  };

  try {
    for (const table of tables) {
      const header = table.columns.map((c) => c.name);
      if (table === scoresTable && scoresThread) yield* writeFromThread(scoresThread);
      else if (table.recordsOfGroups) {
        yield* writePages(`${table.name}.csv`, csvLine(header), table, ',', sharedClaims ?? new PageClaims(pages), scoresThread ?? undefined);
      } else if (table.records) yield* writeTable(`${table.name}.csv`, csvLine(header), table.records(','), asRecord);
      else yield* writeTable(`${table.name}.csv`, csvLine(header), table.rows(), (row) => csvLine(row));
      // A second read of the table's rows, not a copy of the first file: memory stays flat.
      if (!options.excelCopies) continue;
      const excelHead = EXCEL_BOM + csvLine(header, ';');
      if (table.recordsOfGroups) yield* writePages(excelName(table.name), excelHead, table, ';', new PageClaims(pages));
      else if (table.records) yield* writeTable(excelName(table.name), excelHead, table.records(';'), asRecord);
      else yield* writeTable(excelName(table.name), excelHead, table.rows(), (row) => csvLine(row, ';'));
    }
  } finally {
    // Stopped with the package, should it fail or be cancelled before scores.csv was written.
    scoresThread?.stop();
  }

  if (hasOutcomes(source.outcomes)) yield* writeWhole(INSTRUMENTS_FILE, instrumentsJson(source.outcomes.instruments));
  const title = 'Komet – pseudonymiserad FoU-export / pseudonymised evaluation export';
  yield* writeWhole(
    'datapackage.json',
    `${JSON.stringify(dataPackage(tables, digests, { exportId: meta.exportId, created: meta.created, title }), null, 2)}\n`,
  );
  const belowKReason = settings.enforceK ? null : (options.belowKReason?.trim() ?? null);
  yield* writeWhole(
    'codebook.md',
    codebook(tables, { exportId: meta.exportId, created: meta.created, disclosure, belowKReason, dropoutReasonCodes: source.dropoutReasonCodes ?? [] }),
  );

  const manifest: CurrentManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    exportId: meta.exportId,
    created: meta.created,
    appVersion: meta.appVersion,
    schemaVersion: meta.schemaVersion,
    scope: {
      from: source.scope.from,
      to: source.scope.to,
      programmeCodes: [...source.scope.programmeCodes],
      unitNames: [...source.scope.unitNames],
    },
    pseudonymisation: {
      ...pseudonymSettings,
      prefixes: { ...pseudonymSettings.prefixes },
      keyId: exportKeyId(options.key),
      coarsening: { ...options.coarsening },
    },
    files: [...digests.values()],
    disclosure: {
      quasiIdentifiers: [...disclosure.quasiIdentifiers],
      kAnonymity: disclosure.kAnonymity,
      belowKReason,
      suppression: {
        min: settings.suppression.min,
        max: settings.suppression.max,
        primarySuppressed: disclosure.aggregates.primarySuppressed,
        secondarySuppressed: disclosure.aggregates.secondarySuppressed,
        publishedAsInRows: disclosure.aggregates.publishedAsInRows,
      },
    },
  };
  yield* writeWhole(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  zip.end();
  yield* drain();
  done(manifest);
}

/**
 * Orders two strings as their UTF-8 bytes compare (SQLite's order of text), without encoding them:
 * code point order is UTF-8 byte order. Two buffers per comparison were some 350,000 allocations
 * for the groups of city scale, all garbage at the moment the scores thread starts.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate is half of a code point above U+FFFF, which follows every other one.
    const xHigh = x >= 0xd800 && x <= 0xdfff;
    const yHigh = y >= 0xd800 && y <= 0xdfff;
    return xHigh === yHigh ? x - y : xHigh ? 1 : -1;
  }
  return a.length - b.length;
}

/**
 * The thread writing scores.csv: the groups in scope in SQLite's order of their ids, and the
 * people whose rows participants.csv holds (the same decisions as buildTables asks for). With
 * `claims` it then makes pages of responses.csv (response-pages.ts).
 */
export function startScoresThread(
  table: TableDef,
  prepared: PreparedExport,
  reader: SecondReader,
  keptEnrolments: Float64Array,
  mtime: Date,
  groupIds: string[],
  claims: PageClaims | null,
): ScoresFromThread {
  const { source, plan, options } = prepared;
  const startOf = new Map(source.groups.map((g) => [g.id, g.startDate]));
  // The rows written, ordered by group (a counting sort), so that each group's string is joined
  // at once: one string grown a row at a time kept a chain of pieces per person alive until sent.
  const rank = new Map(groupIds.map((id, i) => [id, i]));
  const people = source.participants;
  const groupOf = new Int32Array(people.length).fill(-1);
  const starts = new Int32Array(groupIds.length + 1);
  for (let index = 0; index < people.length; index++) {
    const decision = plan.row(index);
    const group = decision && !decision.withheld ? rank.get(people.groupId(index)) : undefined;
    if (group === undefined) continue;
    groupOf[index] = group;
    starts[group + 1]!++;
  }
  for (let g = 0; g < groupIds.length; g++) starts[g + 1]! += starts[g]!;
  const byGroup = new Int32Array(starts[groupIds.length]!);
  const placed = starts.slice(0, groupIds.length);
  for (let index = 0; index < people.length; index++) if (groupOf[index]! >= 0) byGroup[placed[groupOf[index]!]!++] = index;
  const enrolledByGroup = groupIds.map((_, g) => {
    const ids: string[] = [];
    for (let at = starts[g]!; at < starts[g + 1]!; at++) ids.push(people.id(byGroup[at]!), ENROLLED_END);
    return ids.join('');
  });
  const file = new ScoresFromThread(`${table.name}.csv`, reader, {
    pseudonymKey: options.key,
    groupIds,
    enrolledByGroup,
    keptEnrolments,
    head: csvLine(table.columns.map((c) => c.name)),
    level: DEFLATE_LEVEL,
    responses: claims && {
      claims: claims.shared,
      count: claims.count,
      perPage: RESPONSE_PAGE_GROUPS,
      groupStarts: groupIds.map((id) => startOf.get(id)!),
    },
  });
  file.mtime = mtime;
  return file;
}
