import { z } from 'zod';
import { msg } from '../messages';

export const id = z.uuid({ error: msg('id') });
export const isoDate = z.iso
  .date({ error: msg('date') })
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { error: msg('dateRange') });
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: msg('time') });
export const timestamp = z.string();
export const name = z
  .string({ error: msg('nameRequired') })
  .trim()
  .min(1, { error: msg('nameRequired') })
  .max(200, { error: msg('tooLong') });
export const optionalText = (max: number) => z.string().trim().max(max, { error: msg('tooLong') });
export const empty = z.object({}).strict().optional().default({});
export const deleted = z.object({ deleted: z.literal(true) });
export const setActive = z.object({ id, active: z.boolean() }).strict();
export const byId = z.object({ id }).strict();
export const listArchived = z
  .object({ includeArchived: z.boolean().optional().default(false) })
  .strict()
  .optional()
  .default({ includeArchived: false });
