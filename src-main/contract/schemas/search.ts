import { z } from 'zod';
import { msg } from '../messages';
import { textLimits } from '../limits';
import { id, oneLine, tooLong } from './common';

export const searchInput = z
  .object({
    term: z
      .string()
      .trim()
      .min(1, { error: msg('required') })
      .max(textLimits.search, tooLong)
      .refine(oneLine, { error: msg('controlChars') }),
  })
  .strict();

/** What the header's search finds, a few of each kind: enough to pick from, never a whole register. */
export const searchResult = z.object({
  participants: z.array(z.object({ id, displayName: z.string(), groupId: id, programmeCode: z.string(), unitName: z.string(), startDate: z.string() })),
  groups: z.array(z.object({ id, programmeCode: z.string(), unitName: z.string(), venue: z.string(), startDate: z.string() })),
  leaders: z.array(z.object({ id, name: z.string(), unitName: z.string().nullable() })),
});
export type SearchResult = z.output<typeof searchResult>;
