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

type Answer = { ok: true; value: ParsedSheets } | { ok: false; reason: 'not_utf8' | 'sheet_missing' | 'unreadable'; sheets?: string[] };

/**
 * The worker's program, kept as CommonJS text so the same code runs from the sources, from the
 * CLI's single-file bundle and from the packaged app: it loads the two parsers by the absolute
 * paths the main thread resolved. It only parses; everything Komet decides happens in main.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { format, bytes, sheet, paths } = workerData;

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
  const all = await readXlsx(Buffer.from(data), { trim: false });
  const names = all.map((s) => s.sheet);
  const chosen = sheet == null ? all[0] : all.find((s) => s.sheet === sheet);
  if (!chosen) return { ok: false, reason: 'sheet_missing', sheets: names };
  return { ok: true, value: { sheets: names, sheet: chosen.sheet, rows: chosen.data } };
}

run().then(
  (answer) => parentPort.postMessage(answer),
  () => parentPort.postMessage({ ok: false, reason: 'unreadable' }),
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
): Promise<ParsedSheets> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const paths = { csv: resolveFrom.resolve('csv-parse/sync'), xlsx: resolveFrom.resolve('read-excel-file/node') };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { format, bytes: buffer, sheet: sheet ?? null, paths },
      transferList: [buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(refuse.tooSlow())), limits.workerTimeoutMs);
    worker.on('message', (answer: Answer) =>
      finish(() => {
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
