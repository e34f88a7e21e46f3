/**
 * A time point is `pre`, `post`, or a follow-up `fu<months>` (e.g. `fu4`, `fu10`): the same short
 * code in the schedule, in stored responses and in imported files.
 */
export const MAX_FOLLOWUP_MONTHS = 120;

export type ParsedTimepoint = { kind: 'pre' } | { kind: 'post' } | { kind: 'followup'; months: number };

export function parseTimepoint(text: string): ParsedTimepoint | null {
  if (text === 'pre' || text === 'post') return { kind: text };
  const m = text.match(/^fu([1-9][0-9]{0,2})$/);
  if (!m) return null;
  const months = Number(m[1]);
  return months <= MAX_FOLLOWUP_MONTHS ? { kind: 'followup', months } : null;
}

export const followupCode = (months: number): string => `fu${months}`;
