import type { Bilingual } from '../errors';
import type { Cell } from './parse-process';

/** A cell as one line of text: trimmed, inner runs of spaces made one ('' when empty). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoOf(cell);
  return String(cell).replace(/\s+/g, ' ').trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoOf(date);
}

const months = new Map<string, number>([
  ['jan', 1],
  ['januari', 1],
  ['january', 1],
  ['feb', 2],
  ['februari', 2],
  ['february', 2],
  ['mar', 3],
  ['mars', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['maj', 5],
  ['may', 5],
  ['jun', 6],
  ['juni', 6],
  ['june', 6],
  ['jul', 7],
  ['juli', 7],
  ['july', 7],
  ['aug', 8],
  ['augusti', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['okt', 10],
  ['oktober', 10],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const excelEpoch = Date.UTC(1899, 11, 30);

/**
 * A date as YYYY-MM-DD from what people type in Swedish lists: 2024-03-05, 5/3/2024 (day first,
 * as in Sweden), 5.3.2024, 5 mars 2024, or an xlsx date cell or serial number. null when the
 * cell is not a real date.
 */
export function cellDate(cell: Cell | undefined): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoOf(cell);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2958465) return null;
    return isoOf(new Date(excelEpoch + cell * 86_400_000));
  }
  const text = cellText(cell).toLowerCase();
  let m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  // Escaped, not å/ä/ö: the bundles stay ASCII (scripts/bundle-options.mjs).
  m = text.match(/^(\d{1,2})\.? ([a-z\u00e5\u00e4\u00f6]+)\.? (\d{4})$/);
  if (m && months.has(m[2]!)) return realDate(Number(m[3]), months.get(m[2]!)!, Number(m[1]));
  return null;
}

export const notADate = (raw: string): Bilingual => ({
  sv: `datumet '${raw}' är inget datum (skriv till exempel 2024-03-05 eller 5/3/2024)`,
  en: `the date '${raw}' is not a date (write for example 2024-03-05 or 5/3/2024)`,
});

/** Words for yes in a consent or role column; anything else non-empty is no. */
const yes = new Set(['ja', 'j', 'x', 'yes', 'y', '1', 'true', 'sant']);
export const cellYes = (cell: Cell | undefined) => cell === true || (typeof cell === 'number' ? cell === 1 : yes.has(cellText(cell).toLowerCase()));

/** Lower-case, accents kept (å, ä, ö are letters in Swedish), punctuation and spaces dropped. */
export const headerKey = (text: string) => text.toLowerCase().replace(/[\s_\-.:/()]+/g, '');

/** Edit distance, for offering the closest known name when a unit or programme is not found. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest of the names to what was written, if it is close enough to be a likely typo. */
export function closest(written: string, names: readonly string[]): string | null {
  const w = written.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const name of names) {
    const d = distance(w, name.toLowerCase());
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(w.length / 3)) ? best.name : null;
}
