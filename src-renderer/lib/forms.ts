import { useState } from 'react';
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
 * Where a server issue goes: a list of field names (matched on the issue path's first segment, so
 * "leaderIds.0" lands on the leader checkboxes), or a function for paths that name a row of a
 * list or a field under another name. Null or undefined: no field can show it.
 */
export type IssuePlacement<T extends FieldValues> = readonly Path<T>[] | ((path: string) => Path<T> | null | undefined);

/** The first segment of an issue path: "dates.2" → "dates". */
export const pathHead = (path: string): string => path.split('.')[0] ?? '';

/**
 * Puts each server issue on the field its path names and focuses the first one. Returns what no
 * field can show, for the form's alert. Anything but an ApiError has no issues to place.
 */
export function applyServerIssues<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  placement: IssuePlacement<T>,
  aliases: Partial<Record<string, Path<T>>> = {},
): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const place =
    typeof placement === 'function'
      ? placement
      : (path: string) => {
          const head = pathHead(path);
          return aliases[head] ?? placement.find((f) => f === head);
        };
  const unmatched: FieldIssue[] = [];
  let focused = false;
  for (const issue of err.issues) {
    const field = place(issue.path);
    if (!field) {
      unmatched.push(issue);
      continue;
    }
    setError(field, { type: 'server', message: encodeBilingual(issue.message) }, { shouldFocus: !focused });
    focused = true;
  }
  return unmatched;
}

/**
 * A form's save with the server's field issues: `run` clears the last ones, awaits the write and,
 * if it fails, places the new ones; `unmatched` is what the form's alert lists.
 */
export function useServerIssues<T extends FieldValues>(setError: UseFormSetError<T>, placement: IssuePlacement<T>, aliases?: Partial<Record<string, Path<T>>>) {
  const [unmatched, setUnmatched] = useState<FieldIssue[]>([]);
  const apply = (err: unknown) => setUnmatched(applyServerIssues(err, setError, placement, aliases));
  const run = async (write: () => Promise<void>) => {
    setUnmatched([]);
    try {
      await write();
    } catch (err) {
      apply(err);
    }
  };
  return { unmatched, run, apply, clear: () => setUnmatched([]) };
}

/** Number inputs: empty stays empty (null) so "required" can tell it apart from zero. */
export const toNumberOrNull = (value: unknown): number | null => {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isNaN(n) ? null : n;
};
