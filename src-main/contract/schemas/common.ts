import { z } from 'zod';
import { isNoteText, isOneLine } from '../text';
import { msg } from '../messages';
import { textLimits } from '../limits';

/**
 * The refusal of a too long text names the limit: zod hands the limit to the error function, so
 * the number is written once, in the schema's own `.max`.
 */
export const tooLong = { error: (issue: { maximum?: unknown }) => `msg:tooLong:${String(issue.maximum)}` };

export const id = z.uuid({ error: msg('id') });
export const isoDate = z.iso.date({ error: msg('date') }).refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { error: msg('dateRange') });
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: msg('time') });
export const timestamp = z.string();

/**
 * Names, labels, titles, contacts and every other one-line field refuse control characters, and
 * multi-line notes (edited in a textarea) allow only line breaks and tabs among them: see
 * core/domain/text for why.
 */
export const oneLine = isOneLine;

/** A string for a one-line field, trimmed and without control characters. */
export const singleLine = () =>
  z
    .string()
    .trim()
    .refine(oneLine, { error: msg('controlChars') });

export const name = z
  .string({ error: msg('nameRequired') })
  .trim()
  .min(1, { error: msg('nameRequired') })
  .max(textLimits.name, tooLong)
  .refine(oneLine, { error: msg('controlChars') });
/** An optional one-line text: a venue, a contact, a label's English form. */
export const optionalText = (max: number) => singleLine().max(max, tooLong);
/** An optional note edited in a textarea: line breaks and tabs allowed, other control characters not. */
export const multilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine(isNoteText, { error: msg('controlCharsInNote') });
export const empty = z.object({}).strict().optional().default({});
export const deleted = z.object({ deleted: z.literal(true) });
export const setActive = z.object({ id, active: z.boolean() }).strict();
export const byId = z.object({ id }).strict();
export const listArchived = z
  .object({ includeArchived: z.boolean().optional().default(false) })
  .strict()
  .optional()
  .default({ includeArchived: false });
