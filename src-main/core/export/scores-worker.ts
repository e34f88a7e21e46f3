import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from '../db/sqlite-file';
import { scoresSnapshot } from '../repos/export-source';
import { csvLine } from './csv';
import { scoreRow } from './outcome-tables';
import { createPseudonymiser } from './pseudonym';
import { ENROLLED_END, type ScoresJob, type ScoresMessage } from './scores-thread';
import { NativeZipDeflate } from './zip-deflate';

/**
 * The program of the thread that writes scores.csv (scores-thread.ts starts it): its own read-only
 * connection to the database, one read transaction for the whole file, the rows made as the
 * export's own thread would make them, deflated and hashed here, and the compressed bytes sent
 * back in order. Nothing is told to the console: the job holds the database and pseudonym keys.
 */

/** Characters of CSV text gathered before they go to the deflater, as in package.ts. */
const PIECE_CHARS = 64 * 1024;

async function run(job: ScoresJob, post: (message: ScoresMessage, transfer?: ArrayBuffer[]) => void, credit: () => Promise<void>): Promise<void> {
  // Structured cloning made these copies for this thread; they are overwritten once used.
  const key = job.key ? Buffer.from(job.key.buffer, job.key.byteOffset, job.key.byteLength) : null;
  let sqlite;
  let pseudo;
  try {
    sqlite = openSqliteFile(job.databasePath, { readonly: true, fileMustExist: true, ...(key ? { key } : {}) });
    // Rows come person by person: the last pseudonym of each kind is all worth keeping.
    pseudo = createPseudonymiser(job.pseudonymKey, 'last');
  } finally {
    key?.fill(0);
    job.pseudonymKey.fill(0);
  }
  try {
    // One snapshot for the whole file: a write committed meanwhile is in none of its rows.
    const snapshot = scoresSnapshot(sqlite);
    // Group → its people, as sent; the job's arrays are let go. Rows come group by group, so
    // only the current group's people are held as a set.
    const enrolledByGroup = new Map<string, string>();
    job.groupIds.forEach((group, i) => enrolledByGroup.set(group, job.enrolledByGroup[i]!));
    const groupIds = job.groupIds;
    job.groupIds = [];
    job.enrolledByGroup = [];
    let currentGroup: string | null = null;
    let currentPeople = new Set<string>();
    const isEnrolled = (person: string, group: string) => {
      if (group !== currentGroup) {
        currentGroup = group;
        currentPeople = new Set(enrolledByGroup.get(group)?.split(ENROLLED_END));
        currentPeople.delete('');
      }
      return currentPeople.has(person);
    };
    const file = new NativeZipDeflate('scores.csv', job.level);
    const hash = createHash('sha256');
    file.onBytes = (bytes) => hash.update(bytes);
    let failure: unknown = null;
    file.ondata = (error, chunk) => {
      if (error) failure = error;
      // A copy of its own: zlib's output may lie in a larger buffer.
      else if (chunk.length) {
        const bytes = new Uint8Array(chunk);
        post({ type: 'chunk', bytes }, [bytes.buffer]);
      }
    };
    let text = job.head;
    let rows = 0;
    for (const s of snapshot.scoresOfGroups(groupIds, job.keptEnrolments)) {
      if (!isEnrolled(s.participantId, s.groupId)) continue;
      text += csvLine(scoreRow(s, pseudo));
      rows++;
      if (text.length >= PIECE_CHARS) {
        file.push(text);
        text = '';
        await file.ready();
        await credit();
        if (failure) throw failure;
      }
    }
    file.push(text, true);
    await file.done();
    if (failure) throw failure;
    snapshot.end();
    post({ type: 'done', crc: file.crc, size: file.size, sha256: hash.digest('hex'), rows });
  } finally {
    sqlite.close();
  }
}

const job = (workerData as { kometScoresJob?: ScoresJob } | null)?.kometScoresJob;
if (parentPort && job) {
  const port = parentPort;
  // Bytes sent and not yet taken by the package: past the limit the thread waits for them to be.
  let outstanding = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: { type: 'taken'; bytes: number }) => {
    outstanding -= message.bytes;
    if (outstanding < job.limit && wake) {
      const w = wake;
      wake = null;
      w();
    }
  });
  const post = (message: ScoresMessage, transfer?: ArrayBuffer[]) => {
    if (message.type === 'chunk') outstanding += message.bytes.length;
    port.postMessage(message, transfer);
  };
  const credit = () => (outstanding < job.limit ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));
  run(job, post, credit).then(
    () => port.close(),
    (err: unknown) => {
      const code = (err as { code?: unknown } | null)?.code;
      post({ type: 'failed', name: err instanceof Error ? err.name : typeof err, code: typeof code === 'string' ? code : null });
      port.close();
    },
  );
}
