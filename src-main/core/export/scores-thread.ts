import { Worker } from 'node:worker_threads';
import type { AsyncFlateStreamHandler, FlateError, ZipInputFile } from 'fflate';
import { fromSources, programBeside, programThroughTsx, type WorkerProgram } from '../worker-program';
import type { FileDigest } from './datapackage';
import { exportErrors } from './export-errors';
import type { PageBytes } from './response-pages';

/**
 * scores.csv is written by a second thread with its own read-only connection to the database,
 * while the export's own thread writes the files before it: on two cores the largest query of the
 * export (a million scores at city scale) and its rows no longer wait for the rest. The thread
 * deflates and hashes its file itself and sends the compressed bytes, which the package puts in
 * their place in the ZIP (they wait there until the files before them are written). Then it makes
 * pages of responses.csv beside the export's own thread (response-pages.ts): it is done with
 * scores.csv long before the export's own thread gets to responses.csv.
 */

/** What the thread needs; the keys go through workerData only, never to a log or a file. */
export interface ScoresJob {
  databasePath: string;
  /** The database's key, null when it is not encrypted. */
  key: Uint8Array | null;
  /** The export's pseudonym key. */
  pseudonymKey: Uint8Array;
  /** The groups in scope, in the order of their ids' bytes (SQLite's order). */
  groupIds: string[];
  /**
   * For each of groupIds, the ids of its people whose rows participants.csv holds, each followed
   * by ENROLLED_END: only their scores are written. One string per group, not two per person: the
   * thread holds no map of every person.
   */
  enrolledByGroup: string[];
  /**
   * ExportSource.outcomes.keptEnrolments: only their scores are written. The person-and-group check
   * above stays as well: this thread reads a later snapshot, where a rowid could have been reused.
   */
  keptEnrolments: Float64Array;
  /** The header record. */
  head: string;
  level: number;
  /** Compressed bytes the thread may have sent and not yet had taken. */
  limit: number;
  /**
   * After scores.csv, the thread makes pages of responses.csv (response-pages.ts) until none is
   * left: the counter it shares with the export's own thread, the pages' count and size, and each
   * group's start date (for the days from the start), in the order of groupIds.
   */
  responses: { claims: SharedArrayBuffer; count: number; perPage: number; groupStarts: string[] } | null;
}

/** Ends each person id in ScoresJob.enrolledByGroup; no id holds it. */
export const ENROLLED_END = '\u0000';

export type ScoresMessage =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'done'; crc: number; size: number; sha256: string; rows: number }
  | { type: 'page'; page: number; bytes: Uint8Array; rows: number }
  | { type: 'failed'; name: string; code: string | null };

/** What the export's own thread tells the scores thread: compressed bytes, or a page, taken. */
export type TakenMessage = { type: 'taken'; bytes: number } | { type: 'page-taken'; buffer: ArrayBuffer };

/** Where the second reader opens the database: the export's own connection's file and key. */
export interface SecondReader {
  databasePath: string;
  key: Buffer | null;
}

/**
 * Far more than scores.csv compresses to at city scale (8 MB): the thread runs ahead of the files
 * before it, and only a much larger scope waits for them.
 */
const OUTSTANDING_BYTES = 32 * 1024 * 1024;

/**
 * The thread's young generation: smaller than the export thread's (app/export-thread.ts and
 * bin/komet.mjs say why theirs is small): this thread keeps almost nothing between pages of rows,
 * so a young generation of a few megabytes collects as cheaply. At city scale 8 MB against 24
 * took some 7 MB off the export's peak (323 against 330 MB) for the same CPU. In `komet export`'s
 * own process image V8 lets that image's `--max-semi-space-size` (bin/komet.mjs) win over this
 * limit, so there the thread's young generation is the image's; clearing the flag once the main
 * thread had started gave the thread its 8 MB but did not lower the process's peak (four
 * alternating pairs at city scale), so it is left so.
 */
const SCORES_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8 };

const PROGRAM_NAMES = ['export-scores-worker.mjs', 'export-scores-worker.js'];
let missingTold = false;

/**
 * The program beside the running bundle, or from the sources through tsx (tests). A bundle
 * without it is a broken build: the export says so rather than run without it.
 */
function program(): WorkerProgram {
  const here = import.meta.url;
  if (fromSources(here)) return programThroughTsx(here, './scores-worker.ts');
  const found = programBeside(here, PROGRAM_NAMES);
  if ('entry' in found) return found;
  // Paths of the installation only, once: nothing about the data or the chosen file.
  if (!missingTold) console.error(`komet: the export's scores program is missing; looked for ${found.missing.join(', ')}`);
  missingTold = true;
  throw exportErrors.workerMissing();
}

/**
 * scores.csv as a file for fflate's Zip: its compressed bytes come from the thread. Bytes that
 * arrive before the Zip has taken the file are held; `digest` resolves with its checksum once the
 * last byte has been handed on.
 */
export class ScoresFromThread implements ZipInputFile {
  readonly compression = 8;
  /** Level 1, as NativeZipDeflate marks it. */
  readonly flag = 3;
  size = 0;
  crc = 0;
  mtime?: Date;
  private handler: AsyncFlateStreamHandler | null = null;
  private held: Uint8Array[] = [];
  private ended: { crc: number; size: number } | null = null;
  private worker: Worker;
  private finished = false;
  private exited = false;
  /** Why the thread can send nothing more; pages waited for are refused with it. */
  private gone: Error | null = null;
  /** Pages of responses.csv the thread made, until the export's own thread takes them. */
  private readonly pages = new Map<number, PageBytes>();
  private readonly pageWaiters = new Map<number, { resolve: (page: PageBytes) => void; reject: (error: Error) => void }>();
  readonly digest: Promise<FileDigest>;

  constructor(
    readonly filename: string,
    reader: SecondReader,
    job: Omit<ScoresJob, 'databasePath' | 'key' | 'limit'>,
  ) {
    const chosen = program();
    // The copies cloned into the thread are its own; this thread's key stays with its owner.
    this.worker = new Worker(chosen.entry, {
      eval: chosen.eval,
      workerData: {
        kometScoresJob: { ...job, databasePath: reader.databasePath, key: reader.key, limit: OUTSTANDING_BYTES } satisfies ScoresJob,
        ...chosen.data,
      },
      resourceLimits: SCORES_THREAD_LIMITS,
    });
    let resolveDigest!: (d: FileDigest) => void;
    let rejectDigest!: (e: unknown) => void;
    this.digest = new Promise<FileDigest>((resolve, reject) => {
      resolveDigest = resolve;
      rejectDigest = reject;
    });
    this.digest.catch(() => undefined);
    const fail = (error: Error) => {
      this.gone ??= error;
      for (const waiter of this.pageWaiters.values()) waiter.reject(error);
      this.pageWaiters.clear();
      if (this.finished) return;
      this.finished = true;
      rejectDigest(error);
      this.handler?.(error as FlateError, null as unknown as Uint8Array<ArrayBuffer>, true);
      this.stop();
    };
    this.worker.on('message', (message: ScoresMessage) => {
      if (message.type === 'chunk') this.take(message.bytes);
      else if (message.type === 'page') this.pageMade(message.page, { bytes: message.bytes, rows: message.rows });
      else if (message.type === 'done') {
        this.ended = { crc: message.crc, size: message.size };
        this.finished = true;
        resolveDigest({ name: filename, bytes: message.size, sha256: message.sha256, rows: message.rows });
        this.flushEnd();
      } else fail(Object.assign(new Error('the scores thread failed'), { name: message.name }, message.code === null ? {} : { code: message.code }));
    });
    this.worker.on('error', (err) => fail(err));
    this.worker.on('exit', () => {
      this.exited = true;
      fail(new Error('the scores thread stopped before its files were written'));
    });
  }

  /** Whether a page of responses.csv the thread took has come. */
  hasPage(page: number): boolean {
    return this.pages.has(page);
  }

  /** A page of responses.csv the thread took (response-pages.ts), once it has been made. */
  pageFromThread(page: number): Promise<PageBytes> {
    const made = this.pages.get(page);
    if (made) {
      this.pages.delete(page);
      return Promise.resolve(made);
    }
    if (this.gone) return Promise.reject(this.gone);
    return new Promise((resolve, reject) => this.pageWaiters.set(page, { resolve, reject }));
  }

  private pageMade(page: number, made: PageBytes): void {
    const waiter = this.pageWaiters.get(page);
    if (!waiter) {
      this.pages.set(page, made);
      return;
    }
    this.pageWaiters.delete(page);
    waiter.resolve(made);
  }

  /** A page's bytes, written: their buffer goes back to the thread for a later page. */
  giveBack(bytes: Uint8Array): void {
    if (!this.exited)
      this.worker.postMessage({ type: 'page-taken', buffer: bytes.buffer as ArrayBuffer } satisfies TakenMessage, [bytes.buffer as ArrayBuffer]);
  }

  /** Set by Zip.add: from then on the bytes go straight on. */
  set ondata(handler: AsyncFlateStreamHandler) {
    this.handler = handler;
    const held = this.held;
    this.held = [];
    for (const bytes of held) this.hand(bytes);
    this.flushEnd();
  }

  get ondata(): AsyncFlateStreamHandler {
    return this.handler ?? (() => undefined);
  }

  /** Stops the thread (the export failed or was cancelled, or has everything it made). */
  stop(): void {
    this.finished = true;
    if (!this.exited) void this.worker.terminate();
  }

  private take(bytes: Uint8Array): void {
    if (this.handler) this.hand(bytes);
    else this.held.push(bytes);
  }

  private hand(bytes: Uint8Array): void {
    this.handler!(null, bytes as Uint8Array<ArrayBuffer>, false);
    this.worker.postMessage({ type: 'taken', bytes: bytes.length } satisfies TakenMessage);
  }

  private flushEnd(): void {
    if (!this.handler || !this.ended) return;
    this.crc = this.ended.crc;
    this.size = this.ended.size;
    this.ended = null;
    this.handler(null, new Uint8Array(0), true);
  }
}
