import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ExportRunResult, ParsedInput } from '../contract';
import type { AuditEntry } from '../core/audit';
import { AppError, type ErrorShape } from '../core/errors';
import { exportErrors } from '../core/export/export-errors';
import { fromSources, programBeside, programThroughTsx, type WorkerProgram } from '../core/worker-program';
import { defaultExportName, writablePath, type ExportEnv } from '../core/services/export-files';

/**
 * The app's FoU export runs in a worker thread with its own connection to the database: at city
 * scale it takes some 20 seconds, during which the main thread goes on answering every other
 * call (the page's dashboard, the lock screen), and the export's short-lived rows fill a young
 * generation sized for it instead of the main thread's. The thread calls the same export service
 * as before and sends back its answer or its error unchanged.
 */

/** What the thread needs; the key goes through workerData only, never to a log or a file. */
export interface ExportJob {
  databasePath: string;
  key: Uint8Array | null;
  actor: string;
  env: ExportEnv;
  input: ParsedInput<'export.run'>;
  /** A test clock's time, or null for the system clock. */
  now: string | null;
}

export type ExportWorkerMessage =
  /** The log row is written as 'started' (the audit entry names it). */
  | { type: 'logged'; exportId: string }
  | { type: 'done'; result: ExportRunResult; audited: AuditEntry[] }
  | { type: 'refused'; error: ErrorShape; audited: AuditEntry[] }
  | { type: 'threw'; name: string; code: string | null; audited: AuditEntry[] };

export type ExportOutcome = { audited: AuditEntry[] } & ({ result: ExportRunResult } | { error: unknown });

/**
 * The same young generation as `komet export` (bin/komet.mjs says why): the export allocates a
 * steady stream of short-lived rows, and a thread's default young generation would hold some
 * 100 MB of them at city scale.
 */
export const exportThreadLimits: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

type Program = WorkerProgram;

/**
 * The worker's program beside the running code: from a bundle (Electron's out/main, the browser
 * shell's out/serve, the CLI's out/cli), the export-worker file the build put beside it or one
 * folder up (a shared chunk). From the sources (tests, `tsx`), 'sources': see sourcesProgram.
 * A bundle without it is a broken build or installation; the export then refuses (workerMissing)
 * rather than run on the thread that answers the window.
 */
function workerProgram(file: string | undefined): Program | 'sources' | { missing: string[] } {
  if (file !== undefined) return fs.existsSync(file) ? { entry: pathToFileURL(file), eval: false, data: {} } : { missing: [file] };
  const here = import.meta.url;
  if (fromSources(here)) return 'sources';
  return programBeside(here, ['export-worker.mjs', 'export-worker.js']);
}

let bundledProgram: Promise<Program> | null = null;

/**
 * From the sources, the CLI's bundled copy of the program (bin/cli-bundle.mjs builds it beside
 * out/cli/index.mjs, again whenever a source is newer): loading export-worker.ts through tsx
 * instead takes seconds at every export, most of it drizzle-orm read as ES modules. Through tsx
 * only when the bundle cannot be had.
 */
function sourcesProgram(): Promise<Program> {
  const here = import.meta.url;
  const viaTsx = (): Program => programThroughTsx(here, './export-worker.ts');
  bundledProgram ??= (async () => {
    try {
      const launcher = pathToFileURL(path.join(path.dirname(fileURLToPath(here)), '..', '..', 'bin', 'cli-bundle.mjs')).href;
      const { bundledCli } = (await import(launcher)) as { bundledCli: () => Promise<string | null> };
      const cli = await bundledCli();
      const file = cli && path.join(path.dirname(cli), 'export-worker.mjs');
      return file && fs.existsSync(file) ? { entry: pathToFileURL(file), eval: false, data: {} } : viaTsx();
    } catch {
      return viaTsx();
    }
  })();
  return bundledProgram;
}

export interface ExportThreads {
  /** Runs one export in its own thread; never rejects, the outcome carries the error. */
  run(input: ParsedInput<'export.run'>, env: ExportEnv, now: string | null): Promise<ExportOutcome>;
  /**
   * Stops every running export at once (the app locks or closes): the database is about to be
   * closed and its key overwritten, and a restore or rekey may replace the file. Their log rows
   * are marked failed while this thread's connection is still open; their calls answer that the
   * lock stopped them.
   */
  stopAll(): void;
}

export interface ExportThreadOptions {
  databasePath: string;
  key: Buffer | undefined;
  /** Marks a 'started' log row failed (the thread died or was stopped after writing it). */
  markFailed(exportId: string): void;
  resourceLimits?: ResourceLimits;
  /** The thread's program file; by default the one the build put beside the running bundle. */
  workerFile?: string;
}

const partialName = (base: string) => new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.partial$`);

/** The hidden partial files of `target` (core/export/atomic.ts names them) now in its folder. */
function partialsOf(target: string): Set<string> {
  const pattern = partialName(path.basename(target));
  try {
    return new Set(fs.readdirSync(path.dirname(target)).filter((name) => pattern.test(name)));
  } catch {
    return new Set();
  }
}

export function createExportThreads(options: ExportThreadOptions): ExportThreads {
  const program = workerProgram(options.workerFile);
  let missingTold = false;
  const running = new Set<() => void>();

  /**
   * The file the service would write, decided here so that a thread that dies leaves no partial
   * file behind it either. When the input is refused, the thread refuses it with the service's
   * own error, in the service's order.
   */
  function outFileOf(input: ParsedInput<'export.run'>, env: ExportEnv, now: string): string | null {
    try {
      return writablePath(input.outPath, env, 'outPath', defaultExportName(now));
    } catch {
      return null;
    }
  }

  let closed = false;

  async function run(input: ParsedInput<'export.run'>, env: ExportEnv, now: string | null): Promise<ExportOutcome> {
    if (typeof program === 'object' && 'missing' in program) {
      // Paths of the installation only, once: nothing about the data or the chosen file.
      if (!missingTold) console.error(`komet: the export thread's program is missing; looked for ${program.missing.join(', ')}`);
      missingTold = true;
      return { audited: [], error: exportErrors.workerMissing() };
    }
    const chosen = program === 'sources' ? await sourcesProgram() : program;
    // Locked while the program was being found: the export never starts.
    if (closed) return { audited: [], error: exportErrors.stoppedByLock() };
    const outFile = outFileOf(input, env, now ?? new Date().toISOString());
    const before = outFile ? partialsOf(outFile) : new Set<string>();
    const job: ExportJob = {
      databasePath: options.databasePath,
      key: options.key ?? null,
      // The audit names the caller, as the router's call context does on this thread.
      actor: env.actor,
      env,
      input: outFile ? { ...input, outPath: outFile } : input,
      now,
    };
    return new Promise((resolve) => {
      let exportId: string | null = null;
      let outcome: ExportOutcome | null = null;
      let stoppedByLock = false;
      let failure: unknown = null;
      const worker = new Worker(chosen.entry, {
        eval: chosen.eval,
        workerData: { kometExportJob: job, ...chosen.data },
        resourceLimits: options.resourceLimits ?? exportThreadLimits,
      });
      const markFailed = () => {
        if (exportId === null) return;
        try {
          options.markFailed(exportId);
        } catch (err) {
          logThreadFailure('marking the export failed', err);
        }
        exportId = null;
      };
      const stop = () => {
        if (outcome) return;
        stoppedByLock = true;
        markFailed();
        void worker.terminate();
      };
      running.add(stop);
      worker.on('message', (message: ExportWorkerMessage) => {
        if (message.type === 'logged') exportId = message.exportId;
        else if (message.type === 'done') outcome = { audited: message.audited, result: message.result };
        else if (message.type === 'refused') {
          outcome = { audited: message.audited, error: new AppError(message.error.code, message.error.message, message.error.issues) };
        } else {
          const error = Object.assign(new Error('the export failed'), { name: message.name }, message.code === null ? {} : { code: message.code });
          outcome = { audited: message.audited, error };
        }
      });
      // The thread itself failed (out of memory, or its program could not load).
      worker.on('error', (err) => {
        failure = err;
      });
      worker.on('exit', () => {
        running.delete(stop);
        if (outcome) return resolve(outcome);
        if (failure) logThreadFailure('export thread', failure);
        if (!stoppedByLock) markFailed();
        // Its partial file would have been removed by the export itself, had it ended on its own.
        if (outFile) for (const name of partialsOf(outFile)) if (!before.has(name)) fs.rmSync(path.join(path.dirname(outFile), name), { force: true });
        resolve({ audited: [], error: stoppedByLock ? exportErrors.stoppedByLock() : exportErrors.interrupted() });
      });
    });
  }

  return {
    run,
    stopAll() {
      closed = true;
      for (const stop of [...running]) stop();
    },
  };
}

/** Only the error's class: the thread's messages could name files or data. */
function logThreadFailure(what: string, err: unknown): void {
  const code = (err as { code?: unknown } | null)?.code;
  console.error(`komet: ${what} failed: ${typeof code === 'string' ? code : err instanceof Error ? err.name : typeof err}`);
  if (process.env.KOMET_DEBUG) console.error(err);
}
