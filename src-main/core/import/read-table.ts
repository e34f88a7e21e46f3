import fs from 'node:fs';
import path from 'node:path';
import { importLimits, type ImportLimits } from './limits';
import { parseInProcess, type Cell, type ParseCost, type ReadPhase } from './parse-process';
import { refuse } from './refusals';
import { checkZip } from './zip-check';

export type { Cell, ParseCost, ReadPhase } from './parse-process';

export interface ReadOptions {
  sheet?: string;
  limits?: ImportLimits;
  /** Told what the parsing process's work cost (the bench's figures). */
  onCost?: (cost: ParseCost) => void;
  /** Told the data rows the quick count found before the parse, then those the parse found. */
  onPhase?: (phase: ReadPhase, rows: number) => void;
}

/** A sheet as the mapping sees it: header texts by column, then data rows with their sheet row numbers. */
export interface ImportTable {
  format: 'csv' | 'xlsx';
  sheets: string[];
  sheet: string;
  headers: string[];
  rows: { rowNumber: number; cells: Cell[] }[];
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const odsMime = 'application/vnd.oasis.opendocument.spreadsheet';

/** Decides the format from the bytes, not the name: a renamed program or archive is refused. */
function formatOf(fileName: string, bytes: Uint8Array, limits: ImportLimits): 'csv' | 'xlsx' {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.ods' || ext === '.fods') throw refuse.ods();
  if (startsWith(bytes, oleMagic)) throw refuse.xls();
  if (startsWith(bytes, zipMagic)) {
    const entries = checkZip(bytes, limits);
    const names = new Set(entries.map((e) => e.name));
    // An OpenDocument file names its type in a first, uncompressed 'mimetype' entry.
    if (names.has('mimetype') && new TextDecoder().decode(bytes.subarray(38, 38 + odsMime.length)) === odsMime) throw refuse.ods();
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw refuse.notSpreadsheet();
    return 'xlsx';
  }
  // Text: no NUL bytes in the first block (UTF-16 and binaries have them).
  if (bytes.subarray(0, 4096).includes(0)) throw refuse.notSpreadsheet();
  return 'csv';
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

/**
 * A merged range shows one value over all its cells, and that is what the person keeping the list
 * means: a group name merged down over its participants belongs to each of them. The reader gives
 * the value only to the first cell, so it is copied over the rest of the range below the header
 * row (a merged title above or in the header row stays where it is). Ranges are clipped to the
 * sheet's rows and header columns, so a hostile range over a million rows costs nothing.
 */
function fillMerges(rows: Cell[][], merges: readonly [number, number, number, number][], headerIndex: number, width: number) {
  // Ranges in a sound workbook never overlap, so together they cover each cell at most once.
  let budget = rows.length * width;
  for (const [top, left, bottom, right] of merges) {
    if (top <= headerIndex || left >= width || top >= rows.length) continue;
    const value = rows[top]?.[left] ?? null;
    if (value === null) continue;
    for (let r = top; r <= Math.min(bottom, rows.length - 1); r++) {
      const row = rows[r]!;
      for (let c = left; c <= Math.min(right, width - 1); c++) {
        if (--budget < 0) throw refuse.overlappingMerges();
        if (row[c] === null || row[c] === undefined) row[c] = value;
      }
    }
  }
}

/** Reads a .csv or .xlsx file within the limits; the first non-empty row is the header row. */
export async function readTable(filePath: string, options: ReadOptions = {}): Promise<ImportTable> {
  const limits = options.limits ?? importLimits;
  const stat = fs.statSync(filePath);
  if (!stat.isFile()) throw refuse.notSpreadsheet();
  if (stat.size > limits.maxFileBytes) throw refuse.tooLarge(limits.maxFileBytes);
  if (stat.size === 0) throw refuse.empty();
  return readTableBytes(filePath, new Uint8Array(fs.readFileSync(filePath)), options);
}

/** The same for a file's bytes that came another way (the app sends the file the user chose); the name only tells .ods apart. */
export async function readTableBytes(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportTable> {
  const limits = options.limits ?? importLimits;
  if (bytes.byteLength > limits.maxFileBytes) throw refuse.tooLarge(limits.maxFileBytes);
  if (bytes.byteLength === 0) throw refuse.empty();
  const format = formatOf(fileName, bytes, limits);
  const parsed = await parseInProcess(format, bytes, options.sheet, limits, options.onCost, options.onPhase);
  const headerIndex = parsed.rows.findIndex((r) => r.some((c) => !isBlank(c)));
  if (headerIndex < 0) throw refuse.empty();
  const headerRow = parsed.rows[headerIndex]!;
  if (headerRow.length > limits.maxColumns) throw refuse.tooManyColumns(limits.maxColumns);
  fillMerges(parsed.rows, parsed.merges ?? [], headerIndex, headerRow.length);
  const headers = headerRow.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
  const rows: ImportTable['rows'] = [];
  parsed.rows.forEach((cells, i) => {
    if (i <= headerIndex || cells.every(isBlank)) return;
    rows.push({ rowNumber: i + 1, cells: cells.slice(0, headers.length) });
  });
  options.onPhase?.('parsed', rows.length);
  if (rows.length === 0) throw refuse.noRows();
  // The quick count can be fooled into too few (never too many); the rows parsed are the word that counts.
  if (rows.length > limits.maxRows) throw refuse.tooManyRows(limits.maxRows);
  return { format, sheets: parsed.sheets, sheet: parsed.sheet, headers, rows };
}
