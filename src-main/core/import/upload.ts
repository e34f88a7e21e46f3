import type { ImportKind } from '../../contract/enums';
import { kindFields } from './kinds';
import { adjustMapping, describeMapping, guessMapping, type ColumnMapping } from './mapping';
import type { ImportPlan } from './plan-types';
import { readTableBytes, type ImportTable } from './read-table';

/** A file the user chose in the app, as the contract carries it. */
export interface ImportUpload {
  kind: ImportKind;
  fileName: string;
  /** The file's bytes in base64. */
  content: string;
  sheet?: string | undefined;
  mapping?: Record<string, string | null> | undefined;
}

/** Reads the uploaded file within the same limits as a file on disk, and applies the user's mapping over the guess. */
export async function readUpload(upload: ImportUpload): Promise<{ table: ImportTable; mapping: ColumnMapping }> {
  const bytes = new Uint8Array(Buffer.from(upload.content, 'base64'));
  const table = await readTableBytes(upload.fileName, bytes, upload.sheet === undefined ? {} : { sheet: upload.sheet });
  const mapping = adjustMapping(upload.kind, table.headers, guessMapping(upload.kind, table.headers), upload.mapping ?? {});
  return { table, mapping };
}

/** The plan as the app shows it: the sheet, the columns and the mapping to adjust, and every row's fate. */
export function planView(kind: ImportKind, table: ImportTable, mapping: ColumnMapping, plan: ImportPlan) {
  return {
    kind,
    sheet: table.sheet,
    sheets: table.sheets,
    headers: table.headers,
    fields: kindFields[kind].map((f) => ({ field: f.field, required: f.required })),
    mapping: describeMapping(kind, table.headers, mapping),
    counts: plan.counts,
    rows: plan.rows.map((r) => ({
      row: r.rowNumber,
      status: r.status,
      label: r.label,
      ...(r.sameAsRow === undefined ? {} : { sameAsRow: r.sameAsRow }),
      issues: r.issues,
    })),
  };
}
