/**
 * The program that parses an import file, kept as CommonJS text so the same code runs from the
 * sources, from the CLI's single-file bundle and from the packaged app, in a process of its own
 * (see parse-host.ts): it is given the file's bytes and the absolute paths of the two parsers the
 * main process resolved, and answers with the rows. It only parses; everything Komet decides
 * happens in the main process.
 */
export const parseProgram = String.raw`
// Electron's utility process talks through process.parentPort; a Node child through its IPC channel.
const port = process.parentPort;
const onInput = (take) => (port ? port.once('message', (event) => take(event.data)) : process.once('message', take));
const answer = (message) => (port ? port.postMessage(message) : process.send(message, () => process.disconnect()));
// A Node child whose parent has gone has no one to answer: it ends at its next step rather than parse on.
if (!port) process.once('disconnect', () => process.exit(0));
let startedAt = 0;
// Linux's own peak for this program's memory. getrusage's maxRSS also counts the copy of the
// parent the process was forked from, so it reported the app's (or the bench's) size, not the parser's.
const peakRssBytes = () => {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
};
const timed = (result) => {
  const cpu = process.cpuUsage();
  const timing = { startedAt, doneAt: performance.timeOrigin + performance.now(), cpuMicros: cpu.user + cpu.system, peakRssBytes: peakRssBytes() };
  return { ...result, timing };
};

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

async function run({ format, bytes, sheet, paths, maxRows }) {
  unzipSync = require(paths.fflate).unzipSync;
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
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
let unzipSync;

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

onInput((input) => {
  startedAt = performance.timeOrigin + performance.now();
  run(input).then(
    (result) => answer(timed(result)),
    () => answer(timed({ ok: false, reason: 'unreadable' })),
  );
});
`;
