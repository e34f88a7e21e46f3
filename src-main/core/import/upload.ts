import type { ImportKind } from '../../contract/enums';
import { kindFields } from './kinds';
import { adjustMapping, describeMapping, guessMapping, missingFields, type ColumnMapping } from './mapping';
import type { ImportPlan } from './plan-types';
import { readTableBytes, type ImportTable } from './read-table';
import { adjustSessionColumns, sessionColumns, type SessionChoice } from './session-columns';

/** A file the user chose in the app, as the contract carries it. */
export interface ImportUpload {
  kind: ImportKind;
  fileName: string;
  /** The file's bytes in base64. */
  content: string;
  sheet?: string | undefined;
  mapping?: Record<string, string | null> | undefined;
  /** Attendance as a matrix: header → the session number the column holds, or null for none, over what the header says. */
  sessions?: Record<string, number | null> | undefined;
}

/**
 * Reads the uploaded file within the same limits as a file on disk. The user's mapping applies
 * over the guess; on the first read, before the user has seen the columns, the mapping saved by
 * the last import of the kind applies instead (for the headers this file has too), and a required
 * field without a column is left for the user to choose rather than refused.
 */
export async function readUpload(
  upload: ImportUpload,
  saved: Record<string, string | null> | null,
  savedSessions: Record<string, number | null> | null = null,
): Promise<{ table: ImportTable; mapping: ColumnMapping; sessions: SessionChoice; complete: boolean }> {
  const bytes = new Uint8Array(Buffer.from(upload.content, 'base64'));
  const table = await readTableBytes(upload.fileName, bytes, upload.sheet === undefined ? {} : { sheet: upload.sheet });
  const guessed = guessMapping(upload.kind, table.headers);
  const sessionsOf = (mapping: ColumnMapping, chosen: Record<string, number | null>) =>
    upload.kind === 'attendance' ? adjustSessionColumns(table.headers, mapping, chosen) : new Map<number, number | null>();
  if (upload.mapping !== undefined) {
    const mapping = adjustMapping(upload.kind, table.headers, guessed, upload.mapping);
    return { table, mapping, sessions: sessionsOf(mapping, upload.sessions ?? {}), complete: true };
  }
  const reusable = Object.fromEntries(
    Object.entries(saved ?? {}).filter(
      ([field, header]) => kindFields[upload.kind].some((f) => f.field === field) && (header === null || table.headers.includes(header)),
    ),
  );
  const mapping = adjustMapping(upload.kind, table.headers, guessed, reusable, { requireAll: false });
  // The saved session columns apply to the headers this file has too, where no field has taken the column.
  const fieldHeaders = new Set([...mapping.values()].map((i) => table.headers[i]));
  const reusableSessions = Object.fromEntries(
    Object.entries(upload.sessions ?? savedSessions ?? {}).filter(([header]) => table.headers.includes(header) && !fieldHeaders.has(header)),
  );
  return { table, mapping, sessions: sessionsOf(mapping, reusableSessions), complete: missingFields(upload.kind, mapping).length === 0 };
}

/** The plan as the app shows it: the sheet, the columns and the mapping to adjust, and every row's fate. */
export function planView(kind: ImportKind, table: ImportTable, mapping: ColumnMapping, plan: ImportPlan | null, sessions: SessionChoice = new Map()) {
  return {
    kind,
    sheet: table.sheet,
    sheets: table.sheets,
    headers: table.headers,
    fields: kindFields[kind].map((f) => ({ field: f.field, required: f.required })),
    mapping: describeMapping(kind, table.headers, mapping),
    /** Attendance: every column no field has taken, with the session it is read as (a number, the header's date, or none). */
    sessionColumns:
      kind === 'attendance'
        ? sessionColumns(table.headers, mapping, sessions).map((c) => ({
            header: c.header,
            session: c.ref !== null && 'number' in c.ref ? c.ref.number : null,
            date: c.ref !== null && 'date' in c.ref ? c.ref.date : null,
          }))
        : [],
    rowCount: table.rows.length,
    /** Whether every required field has a column; without, the rows are not planned yet. */
    complete: plan !== null,
    counts: plan?.counts ?? { new: 0, existing: 0, duplicate: 0, invalid: 0 },
    rows: (plan?.rows ?? []).map((r) => ({
      row: r.rowNumber,
      status: r.status,
      label: r.label,
      ...(r.sameAsRow === undefined ? {} : { sameAsRow: r.sameAsRow }),
      issues: r.issues,
    })),
  };
}
