import { parentPort, workerData } from 'node:worker_threads';
import type { AuditEntry } from '../core/audit';
import { fixedClock, systemClock } from '../core/clock';
import { openDatabase } from '../core/db/open';
import { AppError } from '../core/errors';
import { createAuditSink } from '../core/repos/audit-repo';
import { createServices } from '../core/services';
import type { ExportJob, ExportWorkerMessage } from './export-thread';

/**
 * The program of the thread an app's export runs in (export-thread.ts starts it): its own
 * connection to the database, the same export service the main thread would call, and one answer
 * back. Nothing here is told to the console: the job holds the database key and the answer may
 * name files.
 */
type Audited = AuditEntry[];

/** An AppError goes back as it is; anything else by class and code alone, which the main thread's router words (disk, constraint, unexpected). */
function failure(err: unknown, audited: Audited): ExportWorkerMessage {
  if (err instanceof AppError) return { type: 'refused', error: err.toShape(), audited };
  const code = (err as { code?: unknown } | null)?.code;
  return { type: 'threw', name: err instanceof Error ? err.name : typeof err, code: typeof code === 'string' ? code : null, audited };
}

async function runJob(job: ExportJob, post: (message: ExportWorkerMessage) => void): Promise<void> {
  const audited: Audited = [];
  // Structured cloning turns the key into a plain Uint8Array; SQLite wants a Buffer, and this
  // thread's copy is overwritten once the export (whose second reader opens with it) is over.
  const key = job.key ? Buffer.from(job.key.buffer, job.key.byteOffset, job.key.byteLength) : null;
  let db;
  try {
    db = openDatabase(job.databasePath, key ? { key } : {});
  } catch (err) {
    key?.fill(0);
    post(failure(err, audited));
    return;
  }
  try {
    const clock = job.now === null ? systemClock : fixedClock(job.now);
    const logged = createAuditSink(db, () => ({ actor: job.actor, procedure: 'export.run' }), clock);
    const audit = {
      record(entry: AuditEntry) {
        logged.record(entry);
        audited.push(entry);
        // The log row now exists as 'started': should this thread die, the main thread marks it failed.
        if (entry.entity === 'export') post({ type: 'logged', exportId: entry.entityId });
      },
    };
    // The export's second reader (scores.csv) opens the database with the key, cloned into its thread.
    const { exporter } = createServices(db, { clock, audit, secondReader: { databasePath: job.databasePath, key } });
    post({ type: 'done', result: await exporter.run(job.input, job.env), audited });
  } catch (err) {
    post(failure(err, audited));
  } finally {
    db.close();
    key?.fill(0);
  }
}

const job = (workerData as { kometExportJob?: ExportJob } | null)?.kometExportJob;
if (parentPort && job) {
  const port = parentPort;
  void runJob(job, (message) => port.postMessage(message));
}
