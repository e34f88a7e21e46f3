import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Bilingual, FieldIssue } from '@contract';
import { ApiError } from '../api/errors';

/*
 * Field errors hold either an i18n key (client-side rules) or the server's bilingual text,
 * encoded as a string so react-hook-form can carry it. Both are rendered in the language
 * showing at render time, so switching language also switches visible errors.
 */
const prefix = 'bilingual:';

export const encodeBilingual = (text: Bilingual): string => prefix + JSON.stringify(text);

export function useErrorText(): (message: string | undefined) => string {
  const { t, i18n } = useTranslation();
  return (message) => {
    if (!message) return '';
    if (message.startsWith(prefix)) {
      const text = JSON.parse(message.slice(prefix.length)) as Bilingual;
      return i18n.language === 'en' ? text.en : text.sv;
    }
    return t(message);
  };
}

/**
 * Puts each server issue on the field its path names (first path segment, so "leaderIds.0"
 * lands on the leader checkboxes) and focuses the first one. Returns what no field can show.
 */
export function applyServerIssues<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  aliases: Partial<Record<string, Path<T>>> = {},
): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const unmatched: FieldIssue[] = [];
  let focused = false;
  for (const issue of err.issues) {
    const head = issue.path.split('.')[0] ?? '';
    const field = aliases[head] ?? (fields as readonly string[]).find((f) => f === head);
    if (!field) {
      unmatched.push(issue);
      continue;
    }
    setError(field as Path<T>, { type: 'server', message: encodeBilingual(issue.message) }, { shouldFocus: !focused });
    focused = true;
  }
  return unmatched;
}

/** Number inputs: empty stays empty (null) so "required" can tell it apart from zero. */
export const toNumberOrNull = (value: unknown): number | null => {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isNaN(n) ? null : n;
};
