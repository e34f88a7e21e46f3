import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from '../db/sqlite-file';
import { scoresSnapshot } from '../repos/export-source';
import { csvLine } from './csv';
import { answerRecords, answersOf, responseHead, responsePrefix, scoreRow } from './outcome-tables';
import { PageClaims, pageGroups, PAGES_AHEAD } from './response-pages';
import { createPseudonymiser } from './pseudonym';
import { ENROLLED_END, type ScoresJob, type ScoresMessage, type TakenMessage } from './scores-thread';
import { NativeZipDeflate } from './zip-deflate';

/**
 * The program of the thread that writes scores.csv (scores-thread.ts starts it): its own read-only
 * connection to the database, one read transaction for the whole file, the rows made as the
 * export's own thread would make them, deflated and hashed here, and the compressed bytes sent
 * back in order. Then it makes pages of responses.csv as UTF-8 text, in the same transaction, for
 * the export's own thread to write (response-pages.ts). Nothing is told to the console: the job
 * holds the database and pseudonym keys.
 */

/** Characters of CSV text gathered before they go to the deflater, as in package.ts. */
const PIECE_CHARS = 64 * 1024;
/** A page of responses.csv at city scale is some 0.8 MB of UTF-8; a larger one gets a larger buffer. */
const PAGE_BYTES = 1024 * 1024;

async function run(
  job: ScoresJob,
  post: (message: ScoresMessage, transfer?: ArrayBuffer[]) => void,
  credit: () => Promise<void>,
  pageBuffer: () => Promise<ArrayBuffer>,
): Promise<void> {
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
    post({ type: 'done', crc: file.crc, size: file.size, sha256: hash.digest('hex'), rows });
    if (job.responses) {
      const { claims: shared, count, perPage, groupStarts } = job.responses;
      const claims = new PageClaims(count, shared);
      const startOf = new Map(groupIds.map((group, i) => [group, groupStarts[i]!]));
      job.responses = null;
      // Each page is taken only once there is room for it, so a page taken is always sent.
      for (;;) {
        const buffer = await pageBuffer();
        const page = claims.take();
        if (page >= count) break;
        let bytes = Buffer.from(buffer);
        let used = 0;
        let rows = 0;
        for (const r of snapshot.responsesOfGroups(pageGroups(groupIds, perPage, page), job.keptEnrolments)) {
          if (!isEnrolled(r.participantId, r.groupId)) continue;
          const answers = answersOf(r);
          if (!answers) continue;
          const records = answerRecords(responseHead(responsePrefix(r, startOf.get(r.groupId)!, pseudo), ','), answers, ',');
          // At most three bytes per UTF-16 unit: a buffer too small for that is doubled first.
          if (used + 3 * records.text.length > bytes.length) {
            const larger = Buffer.allocUnsafeSlow(Math.max(2 * bytes.length, used + 3 * records.text.length));
            bytes.copy(larger, 0, 0, used);
            bytes = larger;
          }
          used += bytes.write(records.text, used, 'utf8');
          rows += records.rows;
        }
        const sent = new Uint8Array(bytes.buffer, 0, used);
        post({ type: 'page', page, bytes: sent, rows }, [bytes.buffer as ArrayBuffer]);
      }
    }
    snapshot.end();
  } finally {
    sqlite.close();
  }
}

const job = (workerData as { kometScoresJob?: ScoresJob } | null)?.kometScoresJob;
if (parentPort && job) {
  const port = parentPort;
  // Bytes sent and not yet taken by the package: past the limit the thread waits for them to be.
  let outstanding = 0;
  // Pages of responses.csv sent and not yet written: past PAGES_AHEAD the thread takes no more.
  // Their buffers come back once written and are filled again.
  let pagesOut = 0;
  const buffers: ArrayBuffer[] = [];
  let wake: { room: () => boolean; resolve: () => void } | null = null;
  port.on('message', (message: TakenMessage) => {
    if (message.type === 'taken') outstanding -= message.bytes;
    else {
      pagesOut--;
      buffers.push(message.buffer);
    }
    if (wake?.room()) {
      const w = wake;
      wake = null;
      w.resolve();
    }
  });
  const post = (message: ScoresMessage, transfer?: ArrayBuffer[]) => {
    if (message.type === 'chunk') outstanding += message.bytes.length;
    if (message.type === 'page') pagesOut++;
    port.postMessage(message, transfer);
  };
  const waitFor = (room: () => boolean) => (room() ? Promise.resolve() : new Promise<void>((resolve) => (wake = { room, resolve })));
  const credit = () => waitFor(() => outstanding < job.limit);
  const pageBuffer = async () => {
    await waitFor(() => pagesOut < PAGES_AHEAD);
    return buffers.pop() ?? new ArrayBuffer(PAGE_BYTES);
  };
  run(job, post, credit, pageBuffer).then(
    () => port.close(),
    (err: unknown) => {
      const code = (err as { code?: unknown } | null)?.code;
      post({ type: 'failed', name: err instanceof Error ? err.name : typeof err, code: typeof code === 'string' ? code : null });
      port.close();
    },
  );
}
