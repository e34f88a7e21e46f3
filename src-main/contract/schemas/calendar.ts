import { z } from 'zod';
import { msg } from '../messages';
import { id, isoDate, name } from './common';

const bilingual = z.object({ sv: z.string(), en: z.string() });

export const schoolBreak = z.object({ id, unitId: id, name: z.string(), startDate: z.string(), endDate: z.string() });
export const schoolBreakList = z.object({ unitId: id }).strict();
export const schoolBreakInput = z
  .object({ unitId: id, name, startDate: isoDate, endDate: isoDate })
  .strict()
  .refine((b) => b.startDate <= b.endDate, { path: ['endDate'], error: msg('breakOrder') });

/** Dates to check against Sweden's public holidays and a unit's school breaks. */
/** The unit's breaks count: give the unit, or a group whose unit it is (a move knows only its group). */
export const calendarCheck = z.object({ unitId: id.nullable().optional(), groupId: id.optional(), dates: z.array(isoDate).max(60) }).strict();
export const calendarConflict = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'school_break']),
  /** The holiday's or the break's name, for "Kristi himmelsfärdsdag" or "Sportlov". */
  name: bilingual,
  /** The next date a week later (or more) that is free, to offer as "skip this week". */
  nextFree: isoDate,
});
export const calendarCheckResult = z.object({ conflicts: z.array(calendarConflict) });

export type SchoolBreak = z.infer<typeof schoolBreak>;
export type CalendarConflict = z.infer<typeof calendarConflict>;
