import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_ROW_STATUSES } from '../enums';
import { msg } from '../messages';

const bilingual = z.object({ sv: z.string(), en: z.string() });

/** The largest spreadsheet Komet reads; the core checks the decoded bytes against the same cap. */
export const importMaxFileBytes = 20 * 1024 * 1024;

/**
 * A spreadsheet chosen in the app travels as base64 (four characters for every three bytes), so
 * the text is capped at what 20 MB encode to: a larger file is refused before it is decoded.
 */
export const importFile = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    fileName: z.string().min(1).max(260),
    content: z
      .string()
      .max(Math.ceil(importMaxFileBytes / 3) * 4, { error: msg('importFileSize') })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    sheet: z.string().max(200).optional(),
    /** Field → header, over the guess; null leaves a field out. */
    mapping: z.record(z.string().max(40), z.string().max(200).nullable()).optional(),
    /** Attendance as a matrix: header → the session number the column holds, or null for none, over what the header says. */
    sessions: z.record(z.string().max(200), z.number().int().min(1).max(999).nullable()).optional(),
  })
  .strict();
export const importCommit = importFile.extend({ skipInvalid: z.boolean().optional().default(false) }).strict();

const importRow = z.object({
  row: z.number().int(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** Who or what the row is, as the file writes it. */
  label: z.string(),
  sameAsRow: z.number().int().optional(),
  issues: z.array(z.object({ column: z.string().nullable(), message: bilingual })),
});
export const importPreview = z.object({
  kind: z.enum(IMPORT_KINDS),
  sheet: z.string(),
  sheets: z.array(z.string()),
  headers: z.array(z.string()),
  /** Every field of the kind, in order, with whether it must have a column. */
  fields: z.array(z.object({ field: z.string(), required: z.boolean() })),
  mapping: z.record(z.string(), z.string().nullable()),
  /** Attendance: each column no field has taken, read as a session by number, by the header's date, or as none. */
  sessionColumns: z.array(z.object({ header: z.string(), session: z.number().int().nullable(), date: z.string().nullable() })),
  /** Data rows in the sheet. */
  rowCount: z.number().int(),
  /** False when a required field has no column yet: the rows are planned once the user chooses one. */
  complete: z.boolean(),
  counts: z.object({ new: z.number().int(), existing: z.number().int(), duplicate: z.number().int(), invalid: z.number().int() }),
  rows: z.array(importRow),
});
export const importCommitted = importPreview.extend({ importId: z.string() });
export const importLast = z.object({ id: z.string(), kind: z.enum(IMPORT_KINDS), at: z.string(), count: z.number().int() }).nullable();
export const importUndone = z.object({ kind: z.enum(IMPORT_KINDS), removed: z.number().int() });
