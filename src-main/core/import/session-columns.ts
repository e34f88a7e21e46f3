import { AppError } from '../errors';
import { cellDate } from './cell-values';
import type { ColumnMapping } from './mapping';

/** How a session is named: by its number in the group or by the date it was (or is to be) held. */
export type SessionRef = { number: number } | { date: string };

/**
 * The user's word on a matrix's columns, over what the headers say: column index → the session
 * number it holds, or null for a column that holds no session. Columns not in it keep the guess.
 */
export type SessionChoice = Map<number, number | null>;

/** The highest session number a column can be set to; no programme has more meetings. */
export const maxSessionNumber = 999;

/** "Tillfälle 3", "Träff 3", "Session 3", "3" or a date: the header of a matrix's session column. */
export function sessionOfHeader(header: string): SessionRef | null {
  const m = header
    .trim()
    .toLowerCase()
    // Escaped, not å/ä/ö: the bundles stay ASCII (scripts/bundle-options.mjs).
    .match(/^(?:tillf\u00e4lle|tr\u00e4ff|session|g\u00e5ng|nr|#)?\s*(\d{1,3})$/);
  if (m) return Number(m[1]) > 0 ? { number: Number(m[1]) } : null;
  const date = cellDate(header);
  return date ? { date } : null;
}

const badShape = () =>
  new AppError('validation', {
    sv: 'Träffkolumnerna ska vara ett JSON-objekt med rubriker som nycklar och träffnummer (1–999) eller null som värden.',
    en: 'The session columns must be a JSON object with headers as keys and session numbers (1–999) or null as values.',
  });

/**
 * Checks a header → session number (or null) object against the sheet: every header must be a
 * column of it that no field has taken, and each number a whole number from 1 up.
 */
export function adjustSessionColumns(headers: readonly string[], mapping: ColumnMapping, chosen: unknown): SessionChoice {
  // Read as the parsed JSON's own keys, so a "__proto__" header is an ordinary unknown header.
  const entries = chosen !== null && typeof chosen === 'object' && !Array.isArray(chosen) ? Object.entries(chosen) : null;
  if (!entries) throw badShape();
  const fieldColumns = new Set(mapping.values());
  const choice: SessionChoice = new Map();
  for (const [header, value] of entries) {
    if (value !== null && !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= maxSessionNumber)) throw badShape();
    const index = headers.indexOf(header.trim());
    if (index < 0) {
      throw new AppError('validation', {
        sv: `Kolumnen "${header}" finns inte i bladet. Rubrikerna är: ${headers.join(', ')}.`,
        en: `There is no column "${header}" in the sheet. The headers are: ${headers.join(', ')}.`,
      });
    }
    if (fieldColumns.has(index)) {
      throw new AppError('validation', {
        sv: `Kolumnen "${header}" är redan vald för ett fält och kan inte också vara en träff.`,
        en: `The column "${header}" is already chosen for a field and cannot also be a session.`,
      });
    }
    choice.set(index, value as number | null);
  }
  return choice;
}

export interface SessionColumn {
  index: number;
  header: string;
  /** The session the column holds, or null when it holds none. */
  ref: SessionRef | null;
}

/** Every column no field has taken, with the session it holds: the user's choice, else what its header says. */
export function sessionColumns(headers: readonly string[], mapping: ColumnMapping, choice: SessionChoice = new Map()): SessionColumn[] {
  const fieldColumns = new Set(mapping.values());
  const columns: SessionColumn[] = [];
  headers.forEach((header, index) => {
    if (fieldColumns.has(index) || header === '') return;
    const chosen = choice.get(index);
    const ref = chosen === undefined ? sessionOfHeader(header) : chosen === null ? null : { number: chosen };
    columns.push({ index, header, ref });
  });
  return columns;
}

/** The matrix's session columns; two columns for the same session number are refused, as nothing says which one is right. */
export function matrixColumns(headers: readonly string[], mapping: ColumnMapping, choice?: SessionChoice) {
  const columns = sessionColumns(headers, mapping, choice).filter((c): c is SessionColumn & { ref: SessionRef } => c.ref !== null);
  const byNumber = new Map<number, string>();
  for (const c of columns) {
    if (!('number' in c.ref)) continue;
    const other = byNumber.get(c.ref.number);
    if (other !== undefined) {
      throw new AppError('validation', {
        sv: `Kolumnerna "${other}" och "${c.header}" är båda träff ${c.ref.number}. Välj en annan träff för den ena, eller "Ingen träff".`,
        en: `The columns "${other}" and "${c.header}" are both session ${c.ref.number}. Choose another session for one of them, or "Not a session".`,
      });
    }
    byNumber.set(c.ref.number, c.header);
  }
  return columns;
}

/**
 * The choices that differ from what the headers say, as header → number or null: what is saved
 * for the next file of the kind and what the app sends back.
 */
export function describeSessionChoice(headers: readonly string[], mapping: ColumnMapping, choice: SessionChoice): Record<string, number | null> {
  const out: Record<string, number | null> = Object.create(null) as Record<string, number | null>;
  for (const c of sessionColumns(headers, mapping, choice)) {
    // A date can only come from the header, so a choice that differs is a number or null.
    if (JSON.stringify(c.ref) !== JSON.stringify(sessionOfHeader(c.header))) out[c.header] = c.ref !== null && 'number' in c.ref ? c.ref.number : null;
  }
  return out;
}
