import { stringify } from 'csv-stringify/sync';
import type { Cell } from './table-def';

/**
 * The one place where the export's CSV text is made: RFC 4180 with a comma, CRLF between records.
 *
 * Quoting. A field is quoted when it holds a comma, a semicolon, a double quote, CR or LF. The
 * semicolon is Swedish Excel's separator, and a bare LF (without CR) would otherwise go out
 * unquoted and split a record.
 *
 * Neutralising. Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula. Quoting makes a value one cell only for a reader that splits on the comma: Excel set to
 * the semicolon splits `"Farsta;=cmd|…"` into two cells, and the second would start with "=". So
 * every text cell is read as segments, split at the start and after each comma, semicolon, tab,
 * CR and LF, and a segment whose first character after any spaces and double quotes is one of
 * = + - @ tab CR (or the full-width ＝ ＋ － ＠) gets an apostrophe (') put right before that character. The rule is safe under
 * either separator, quoted or not, and leaves every other value untouched; numbers are written as
 * numbers. The codebook tells the reader to remove such an apostrophe.
 */

// The full-width forms are there because Apple Numbers folds them to their ASCII twins.
// The separator is looked behind, not matched, so a tab both ends one segment and starts a formula.
const formulaSegment = /(?<=^|[,;\t\r\n])([ "]*)(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/g;

/** A text cell as it is written: an apostrophe before each segment that would start a formula. */
export const neutraliseCell = (text: string): string => text.replace(formulaSegment, "$1'");

const options = {
  record_delimiter: 'windows' as const,
  quoted_match: /[,;"\r\n]/,
  cast: { string: neutraliseCell },
};

/** csv-stringify with the options above: the reference the fast path below must agree with. */
const stringifyRecords = (rows: readonly (readonly Cell[])[], delimiter: ',' | ';'): string =>
  stringify(rows as Cell[][], delimiter === ',' ? options : { ...options, delimiter });

/**
 * True when a text cell goes out exactly as it is: nothing to quote (no , ; " CR LF) and no
 * segment that would start a formula. One pass over the characters, where the regular
 * expressions above cost several times more per cell over millions of cells; anything else takes
 * the reference path.
 */
function isPlain(text: string): boolean {
  let segmentStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , ; " CR LF: quoted (and a separator starts a segment); the reference path handles both.
    if (c === 44 || c === 59 || c === 34 || c === 13 || c === 10) return false;
    if (segmentStart) {
      if (c === 32) continue;
      // = + - @ tab and the full-width ＝ ＋ － ＠
      if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20) return false;
      segmentStart = false;
    } else if (c === 9) segmentStart = true;
  }
  return true;
}

/** One field as csv-stringify writes it with these options. */
export function csvField(cell: Cell, delimiter: ',' | ';'): string {
  if (typeof cell === 'string') return isPlain(cell) ? cell : stringifyRecords([[cell]], delimiter).slice(0, -2);
  if (typeof cell === 'number') return `${cell}`;
  if (cell === null || cell === undefined) return '';
  return stringifyRecords([[cell]], delimiter).slice(0, -2);
}

/** The fields of a record joined by the delimiter, without its line end: a part of a record to build on. */
export function csvFields(row: readonly Cell[], delimiter: ',' | ';' = ','): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(row[i]!, delimiter);
  }
  return line;
}

/** One record ending in CRLF, made without csv-stringify's per-field machinery. */
export const csvLine = (row: readonly Cell[], delimiter: ',' | ';' = ','): string => `${csvFields(row, delimiter)}\r\n`;

/** CSV records, each ending in CRLF. */
export const csvRecords = (rows: readonly (readonly Cell[])[]): string => {
  let text = '';
  for (const row of rows) text += csvLine(row, ',');
  return text;
};

/** The records as csv-stringify itself writes them: the reference the tests hold csvRecords to. */
export const referenceCsvRecords = (rows: readonly (readonly Cell[])[], delimiter: ',' | ';' = ','): string => stringifyRecords(rows, delimiter);

/**
 * The same records for Swedish Excel, which splits on the semicolon and reads a file as UTF-8 only
 * after a byte order mark: the quoting and the neutralising are the same, so a cell is as safe here.
 */
export const excelCsvRecords = (rows: readonly (readonly Cell[])[]): string => {
  let text = '';
  for (const row of rows) text += csvLine(row, ';');
  return text;
};
/** Starts an Excel variant: without it Excel reads UTF-8 as the local code page and garbles å, ä, ö. */
export const EXCEL_BOM = '\uFEFF';
/** The Excel variant of `participants.csv` is `participants_excel.csv`. */
export const excelName = (table: string): string => `${table}_excel.csv`;

/** How a reader of the package undoes the neutralising; part of the codebook. */
export const neutralisingNote = {
  sv: "En textcell, eller en del av den efter komma, semikolon, tabb eller radbrytning, som skulle börja med = + - @ (eller tabb eller vagnretur före ett sådant tecken) har fått en apostrof (') framför tecknet, så att inget kalkylprogram kör den som en formel, oavsett om filen öppnas med komma eller semikolon som avgränsare. Ta bort den apostrofen vid analys. Fält med komma, semikolon, citattecken eller radbrytning står inom citattecken.",
  en: "A text cell, or a part of one after a comma, semicolon, tab or line break, that would start with = + - @ (or a tab or carriage return before one) has an apostrophe (') put before that character, so that no spreadsheet runs it as a formula, whether the file is opened with the comma or the semicolon as separator. Remove that apostrophe for analysis. Fields holding a comma, semicolon, double quote or line break are quoted.",
};
