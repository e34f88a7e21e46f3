import type { ProcedureOutput } from '@contract';
import type { ImportKind } from '@contract/enums';
import { IMPORT_KINDS } from '@contract/enums';

export const importKinds = IMPORT_KINDS;
export const importSteps = ['file', 'mapping', 'preview', 'done'] as const;
export type ImportStep = (typeof importSteps)[number];
export type ImportPreview = ProcedureOutput<'imports.preview'>;

/** The file the user chose, as the contract carries it. */
export interface ChosenFile {
  kind: ImportKind;
  fileName: string;
  content: string;
  sheet?: string;
}

/** The largest file the app sends; the main process checks the same cap. */
export const maxFileBytes = 20 * 1024 * 1024;

/** The file's bytes as base64, read in the browser without a data-URL round trip through a string of the whole file twice. */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Field → header as the mapping step shows it; an empty string is "not in the file". */
export type MappingDraft = Record<string, string>;
export const draftOf = (preview: ImportPreview): MappingDraft => Object.fromEntries(preview.fields.map((f) => [f.field, preview.mapping[f.field] ?? '']));
export const mappingInput = (draft: MappingDraft): Record<string, string | null> =>
  Object.fromEntries(Object.entries(draft).map(([field, header]) => [field, header === '' ? null : header]));

/**
 * Attendance as a matrix: header → what the column holds as the mapping step shows it, "none",
 * "date" (the date in its header) or a session number as text.
 */
export type SessionDraft = Record<string, string>;
export const sessionDraftOf = (preview: ImportPreview): SessionDraft =>
  Object.fromEntries(preview.sessionColumns.map((c) => [c.header, c.session !== null ? String(c.session) : c.date !== null ? 'date' : 'none']));
/** What the contract carries for the columns no field has taken: a number, or null for none; a header's own date needs no word. */
export function sessionsInput(draft: SessionDraft, fields: MappingDraft): Record<string, number | null> {
  const taken = new Set(Object.values(fields));
  const out: Record<string, number | null> = {};
  for (const [header, value] of Object.entries(draft)) {
    if (taken.has(header) || value === 'date') continue;
    out[header] = value === 'none' ? null : Number(value);
  }
  return out;
}
/** The session numbers a column can be set to: enough for every programme's plan and any number already chosen. */
export const sessionNumbers = (draft: SessionDraft): number[] => {
  const highest = Math.max(
    40,
    ...Object.values(draft)
      .map((v) => Number(v))
      .filter((n) => Number.isInteger(n) && n > 0),
  );
  return Array.from({ length: highest }, (_, i) => i + 1);
};

/** "2 nya, 1 rad med fel": each count in words that agree with it, in the order given. */
export function countList(
  t: (key: string, options: { count: number }) => string,
  counts: Partial<Record<CountWord, number>>,
  order: readonly CountWord[],
): string {
  return order.map((word) => t(`import.count.${word}`, { count: counts[word] ?? 0 })).join(', ');
}
export type CountWord = 'new' | 'existing' | 'duplicate' | 'invalid' | 'skipped';
