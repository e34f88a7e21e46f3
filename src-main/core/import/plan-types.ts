import type { Bilingual } from '../errors';
import type { ImportKind } from './kinds';

/** What is wrong with one cell or row, and in which column (its header in the file). */
export interface RowIssue {
  column: string | null;
  message: Bilingual;
}

/**
 * One data row's fate: `new` is created on commit, `existing` matches a record by its natural
 * key and is left as it is, `duplicate` repeats an earlier row of the same file, `invalid` is
 * refused with the issues to fix.
 */
export interface PlannedRow<Input = unknown> {
  rowNumber: number;
  status: 'new' | 'existing' | 'duplicate' | 'invalid';
  /** Who or what the row is, as written in the file (for the user's own eyes only). */
  label: string;
  issues: RowIssue[];
  /** The earlier row this one repeats. */
  sameAsRow?: number;
  input?: Input;
}

export interface ImportPlan<Input = unknown> {
  kind: ImportKind;
  rows: PlannedRow<Input>[];
  counts: { new: number; existing: number; duplicate: number; invalid: number };
}

export function countRows(rows: readonly PlannedRow[]): ImportPlan['counts'] {
  const counts = { new: 0, existing: 0, duplicate: 0, invalid: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}
