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
  /** Merged cell ranges of an xlsx sheet: [firstRow, firstColumn, lastRow, lastColumn] from 0. */
  merges?: [number, number, number, number][];
  /** Data rows the quick count found before the parse: never more than the parse finds, so it only refuses what the parse would. */
  counted?: number;
}

/** The steps of a read, told as they finish with the data rows each saw: the quick count, then the full parse. */
export type ReadPhase = 'counted' | 'parsed';

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
type Answer = (
  | { ok: true; value: ParsedSheets }
  | { ok: false; reason: 'not_utf8' | 'sheet_missing' | 'unreadable'; sheets?: string[] }
  | { ok: false; reason: 'too_many_rows'; counted: number }
) & {
  timing?: Timing;
};

/**
 * The worker's program, kept as CommonJS text so the same code runs from the sources, from the
 * CLI's single-file bundle and from the packaged app: it loads the two parsers by the absolute
 * paths the main thread resolved. It only parses; everything Komet decides happens in main.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { format, bytes, sheet, paths, maxRows } = workerData;
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

// Blank as the import sees a cell: only spaces, tabs, line ends, no-break spaces.
const isSpace = (ch) => ch <= 32 || ch === 160 || ch === 0xfeff;

/**
 * The records with some text, counted in one pass before the parse: a quote opens only at a
 * field's start and "" inside quotes is one quote, as the parser reads them, so a line break in
 * a quoted cell does not count. Never more than the parse finds.
 */
function csvRecords(text, delimiter) {
  const delim = delimiter.charCodeAt(0);
  // The parser takes the first line end it meets (\r\n, \n or \r) as the one for the file; others are text.
  let eol = 0, eolCr = false;
  let records = 0, inQuotes = false, fieldStart = true, hasText = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (!inQuotes && eol === 0 && (ch === 10 || ch === 13)) {
      eol = ch;
      eolCr = ch === 13 && text.charCodeAt(i + 1) === 10;
    }
    if (inQuotes) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) { i++; hasText = true; } else inQuotes = false;
      } else if (!isSpace(ch)) hasText = true;
      continue;
    }
    if (ch === eol) {
      if (eolCr) {
        if (text.charCodeAt(i + 1) !== 10) { fieldStart = false; continue; }
        i++;
      }
      if (hasText) records++;
      hasText = false;
      fieldStart = true;
      continue;
    }
    if (ch === delim) { fieldStart = true; continue; }
    if (ch === 34 && fieldStart) { inQuotes = true; fieldStart = false; continue; }
    fieldStart = false;
    if (!isSpace(ch)) hasText = true;
  }
  return hasText ? records + 1 : records;
}

/**
 * The rows of a sheet part that hold a value (a <v> with content or inline text), counted by
 * searching the bytes, not by building the sheet: an empty, styled or self-closed row does not
 * count, so the figure is never more than the parse finds. The <dimension> element is not used:
 * it can claim anything.
 */
function xlsxRows(part) {
  const buf = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  const stop = buf.lastIndexOf('</sheetData>');
  const limit = stop < 0 ? buf.length : stop;
  let rows = 0, at = buf.indexOf('<sheetData');
  if (at < 0) return 0;
  for (;;) {
    const start = buf.indexOf('<row', at);
    if (start < 0 || start >= limit) break;
    const close = buf.indexOf('>', start);
    if (close < 0) break;
    if (buf[close - 1] === 47) { at = close + 1; continue; }
    let end = buf.indexOf('</row>', close);
    if (end < 0 || end > limit) end = limit;
    const cells = buf.subarray(close, end);
    const v = cells.indexOf('<v>');
    if ((v >= 0 && cells[v + 3] !== 60) || cells.indexOf('<t>') >= 0 || cells.indexOf('<t ') >= 0) rows++;
    at = end;
  }
  return rows;
}

/** Data rows below the header row, the first row with text. */
const dataRows = (records) => Math.max(0, records - 1);

async function run() {
  const data = new Uint8Array(bytes);
  if (format === 'csv') {
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
    } catch {
      return { ok: false, reason: 'not_utf8' };
    }
    const delimiter = delimiterOf(text.slice(0, 65536));
    const counted = dataRows(csvRecords(text, delimiter));
    if (counted > maxRows) return { ok: false, reason: 'too_many_rows', counted };
    const { parse } = require(paths.csv);
    const rows = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 1048576,
    });
    return { ok: true, value: { sheets: ['CSV'], sheet: 'CSV', rows, counted } };
  }
  const workbook = workbookSheets(data);
  const wanted = sheet == null ? workbook[0] : workbook.find((s) => s.name === sheet);
  let counted;
  if (wanted?.part) {
    // Counted and let go before the parser unpacks the part again, so the two never hold it at once.
    const part = unzipSync(data, { filter: (f) => f.name === wanted.part })[wanted.part];
    counted = part ? dataRows(xlsxRows(part)) : undefined;
    if (counted !== undefined && counted > maxRows) return { ok: false, reason: 'too_many_rows', counted };
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
  const part = workbook.find((s) => s.name === chosen.sheet)?.part;
  return {
    ok: true,
    value: { sheets: workbook.map((s) => s.name), sheet: chosen.sheet, rows: chosen.data, merges: part ? mergesOf(data, part) : [], counted },
  };
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : entities[e.toLowerCase()],
  );

const attributes = (tag) => {
  const out = new Map();
  for (const m of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1], unescapeXml(m[2] ?? m[3]));
  return out;
};
const partText = (data, name) => {
  const part = unzipSync(data, { filter: (f) => f.name === name })[name];
  return part ? new TextDecoder().decode(part) : '';
};
const { unzipSync } = require(paths.fflate);

/**
 * The sheets in the workbook's order with the archive part each is stored in, for the sheet
 * picker and for the merged cells, without parsing the other sheets.
 */
function workbookSheets(data) {
  const targets = new Map();
  for (const m of partText(data, 'xl/_rels/workbook.xml.rels').matchAll(/<(?:[A-Za-z_][\w.-]*:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = a.get('Target') ?? '';
    targets.set(a.get('Id'), target.startsWith('/') ? target.slice(1) : 'xl/' + target);
  }
  const sheets = [];
  for (const m of partText(data, 'xl/workbook.xml').matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = [...a].find(([k]) => /^[^:]+:id$/.test(k))?.[1];
    sheets.push({ name: a.get('name') ?? '', part: targets.get(id) });
  }
  return sheets;
}

const columnIndex = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Merged ranges as [firstRow, firstColumn, lastRow, lastColumn], counted from 0; they follow the sheet's rows in its part. */
function mergesOf(data, part) {
  const bytes = unzipSync(data, { filter: (f) => f.name === part })[part];
  if (!bytes) return [];
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf('</sheetData>');
  const tail = new TextDecoder().decode(at < 0 ? bytes : bytes.subarray(at));
  const merges = [];
  for (const m of tail.matchAll(/<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*>/g)) {
    const ref = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(attributes(m[0]).get('ref') ?? '');
    if (ref) merges.push([Number(ref[2]) - 1, columnIndex(ref[1]), Number(ref[4]) - 1, columnIndex(ref[3])]);
  }
  return merges;
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
  limits: Pick<ImportLimits, 'workerHeapMb' | 'workerTimeoutMs' | 'maxRows'>,
  onCost?: (cost: ParseCost) => void,
  onPhase?: (phase: ReadPhase, rows: number) => void,
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
      workerData: { format, bytes: buffer, sheet: sheet ?? null, paths, maxRows: limits.maxRows },
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
        if (answer.ok) {
          if (answer.value.counted !== undefined) onPhase?.('counted', answer.value.counted);
          resolve(answer.value);
        } else if (answer.reason === 'too_many_rows') {
          onPhase?.('counted', answer.counted);
          reject(refuse.tooManyRows(limits.maxRows));
        } else if (answer.reason === 'not_utf8') reject(refuse.notUtf8());
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
