import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ImportLimits } from './limits';
import { refuse } from './refusals';

/** One spreadsheet cell as the reader gives it; CSV cells are always text. */
export type Cell = string | number | boolean | Date | null;

export interface ParsedSheets {
  sheets: string[];
  sheet: string;
  rows: Cell[][];
}

/** What one parse cost, as the worker and the main thread saw it (the bench reports these). */
export interface ParseCost {
  /** From asking for the worker until its program ran, parsers not yet loaded. */
  startMs: number;
  /** Loading the parser and parsing, inside the worker. */
  parseMs: number;
  /** The worker thread's own CPU time (user + system), when the runtime can tell. */
  cpuMs: number | null;
  /** Highest V8 heap in use plus memory outside it held by the worker's objects, sampled while it ran. */
  peakBytes: number;
}

type Timing = { startedAt: number; doneAt: number; cpuMicros: number | null };
type Answer = ({ ok: true; value: ParsedSheets } | { ok: false; reason: 'not_utf8' | 'sheet_missing' | 'unreadable'; sheets?: string[] }) & {
  timing?: Timing;
};

/**
 * The worker's program, kept as CommonJS text so the same code runs from the sources, from the
 * CLI's single-file bundle and from the packaged app: it loads the two parsers by the absolute
 * paths the main thread resolved. It only parses; everything Komet decides happens in main.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { format, bytes, sheet, paths } = workerData;
const startedAt = performance.timeOrigin + performance.now();
const cpu = () => {
  if (typeof process.threadCpuUsage !== 'function') return null;
  const u = process.threadCpuUsage();
  return u.user + u.system;
};
const timed = (answer) => ({ ...answer, timing: { startedAt, doneAt: performance.timeOrigin + performance.now(), cpuMicros: cpu() } });

function delimiterOf(text) {
  let inQuotes = false, semicolons = 0, commas = 0;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) { if (semicolons + commas > 0) break; }
    else if (!inQuotes && ch === ';') semicolons++;
    else if (!inQuotes && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

async function run() {
  const data = new Uint8Array(bytes);
  if (format === 'csv') {
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
    } catch {
      return { ok: false, reason: 'not_utf8' };
    }
    const { parse } = require(paths.csv);
    const rows = parse(text, {
      delimiter: delimiterOf(text.slice(0, 65536)),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 1048576,
    });
    return { ok: true, value: { sheets: ['CSV'], sheet: 'CSV', rows } };
  }
  const readXlsx = require(paths.xlsx);
  let chosen;
  try {
    // Only the chosen sheet is parsed: a workbook with one sheet per group would otherwise cost
    // every group's rows for the one being imported.
    [chosen] = await readXlsx(Buffer.from(data), { trim: false, sheets: [sheet == null ? 1 : sheet] });
  } catch (err) {
    if (err && err.name === 'SheetNotFoundError') return { ok: false, reason: 'sheet_missing', sheets: err.sheets };
    throw err;
  }
  return { ok: true, value: { sheets: sheetNames(data), sheet: chosen.sheet, rows: chosen.data } };
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : entities[e.toLowerCase()],
  );

/** The sheet names in the workbook's order, for the sheet picker, without parsing the other sheets. */
function sheetNames(data) {
  const { unzipSync } = require(paths.fflate);
  const part = unzipSync(data, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml'];
  const xml = new TextDecoder().decode(part);
  const names = [];
  for (const m of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*?\sname=(?:"([^"]*)"|'([^']*)')/g)) names.push(unescapeXml(m[1] ?? m[2]));
  return names;
}

run().then(
  (answer) => parentPort.postMessage(timed(answer)),
  () => parentPort.postMessage(timed({ ok: false, reason: 'unreadable' })),
);
`;

const resolveFrom = createRequire(import.meta.url);

/**
 * Parses in a worker thread with a capped heap and a deadline, so a file built to exhaust the
 * parser ends the worker, not Komet. Formulas are never evaluated: xlsx cells give the value
 * Excel stored, CSV cells their text.
 */
export function parseInWorker(
  format: 'csv' | 'xlsx',
  bytes: Uint8Array,
  sheet: string | undefined,
  limits: Pick<ImportLimits, 'workerHeapMb' | 'workerTimeoutMs'>,
  onCost?: (cost: ParseCost) => void,
): Promise<ParsedSheets> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const paths = {
    csv: resolveFrom.resolve('csv-parse/sync'),
    xlsx: resolveFrom.resolve('read-excel-file/node'),
    fflate: resolveFrom.resolve('fflate'),
  };
  return new Promise((resolve, reject) => {
    const askedAt = performance.timeOrigin + performance.now();
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { format, bytes: buffer, sheet: sheet ?? null, paths },
      transferList: [buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    let peakBytes = 0;
    // Heap statistics are taken by interrupting the worker, so samples arrive mid-parse too.
    const sampler = onCost
      ? setInterval(() => {
          worker.getHeapStatistics().then(
            (h) => (peakBytes = Math.max(peakBytes, h.used_heap_size + h.external_memory)),
            () => undefined,
          );
        }, 10)
      : null;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(refuse.tooSlow())), limits.workerTimeoutMs);
    worker.on('message', (answer: Answer) =>
      finish(() => {
        if (onCost && answer.timing)
          onCost({
            startMs: answer.timing.startedAt - askedAt,
            parseMs: answer.timing.doneAt - answer.timing.startedAt,
            cpuMs: answer.timing.cpuMicros === null ? null : answer.timing.cpuMicros / 1000,
            peakBytes,
          });
        if (answer.ok) resolve(answer.value);
        else if (answer.reason === 'not_utf8') reject(refuse.notUtf8());
        else if (answer.reason === 'sheet_missing') reject(refuse.sheetMissing(sheet ?? '', answer.sheets ?? []));
        else reject(refuse.unreadable());
      }),
    );
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refuse.tooSlow() : refuse.unreadable())),
    );
    worker.on('exit', () => finish(() => reject(refuse.unreadable())));
  });
}
