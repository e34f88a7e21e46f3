import { z } from 'zod';
import { DUE_STATES, GROUP_OUTCOME_STATES, PENDING_ENTRY_STATES, RESPONDENTS } from '../enums';
import { msg } from '../messages';
import { id, isoDate } from './common';
import { instrumentCode } from './instruments';
import { dueInput, dueItem } from './outcomes';

/** What the screens read of the outcome data: names beside ids, a group's grid, results per scale. */

const bilingual = z.object({ sv: z.string(), en: z.string() });

export const instrumentGet = z
  .object({
    code: instrumentCode,
    /** Left out: the latest version. */
    version: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, { error: msg('instrumentVersion') })
      .optional(),
  })
  .strict();

/** One definition as an entry form needs it: every item's range and, where the site holds them, its texts. */
export const instrumentDetail = z.object({
  code: z.string(),
  version: z.string(),
  name: bilingual,
  respondent: z.enum(RESPONDENTS),
  licence: z.object({ holder: z.string(), terms: z.string(), itemTextsIncluded: z.boolean() }),
  items: z.array(z.object({ code: z.string(), min: z.number().int(), max: z.number().int(), reverse: z.boolean(), text: bilingual.optional() })),
  scales: z.array(z.object({ code: z.string(), bands: z.array(z.object({ from: z.number(), to: z.number(), label: bilingual })) })),
});

export const worklistInput = dueInput;
export const worklistRow = dueItem.extend({
  participantName: z.string(),
  programmeName: z.string(),
  unitName: z.string(),
  groupStartDate: isoDate,
  /** Set where the form is typed twice and is no response yet: waiting for its second typing, or for reconciliation. */
  pending: z.enum(PENDING_ENTRY_STATES).nullable(),
});

/**
 * One page of the worklist as the Enkäter screen shows it: by group (programme, unit, start date),
 * then by closing date. A city has thousands of points due; the screen shows a page of them.
 */
export const worklistPageInput = z
  .object({
    on: isoDate.optional(),
    groupId: id.optional(),
    status: z.enum(DUE_STATES).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional().default(0),
    limit: z.number().int().min(1).max(1000),
  })
  .strict();
export const worklistGroup = z.object({ groupId: id, programmeName: z.string(), unitName: z.string(), groupStartDate: isoDate });
export const worklistPage = z.object({
  rows: z.array(worklistRow),
  /** Rows the filters match, over all pages. */
  total: z.number().int(),
  /** Overdue points on the whole worklist, whatever the filters. */
  overdue: z.number().int(),
});

/**
 * Every group with a point on the worklist, for the page's group filter, in the list's order. Its
 * own read, not part of each page: a city has thousands of such groups, and a page's turn or
 * filter does not change them.
 */
export const worklistGroupsInput = z.object({ on: isoDate.optional() }).strict().optional().default({});
export const worklistGroups = z.array(worklistGroup);

/** The dashboard's glance: how many are due and overdue, and the first few to close. */
export const worklistSummaryInput = z
  .object({ on: isoDate.optional(), limit: z.number().int().min(1).max(20).optional().default(5) })
  .strict()
  .optional()
  .default({ limit: 5 });
export const worklistSummary = z.object({ due: z.number().int(), overdue: z.number().int(), first: z.array(worklistRow) });

export const groupOutcomesInput = z.object({ groupId: id }).strict();
/** Each participant's state at every scheduled instrument and time point, in the order of `points`. */
export const groupOutcomes = z.object({
  points: z.array(z.object({ instrument: z.string(), timepoint: z.string() })),
  rows: z.array(
    z.object({
      participantId: id,
      name: z.string(),
      states: z.array(z.enum(GROUP_OUTCOME_STATES)),
      /** Beside each state: the day (UTC) an entered response was imported from a file; null otherwise. */
      imported: z.array(isoDate.nullable()),
    }),
  ),
});

/** A cohort: groups that started from `from` to `to` (both inclusive, either open). */
const period = { from: isoDate.optional(), to: isoDate.optional() };
const periodInOrder = (s: { from?: string; to?: string }) => s.from === undefined || s.to === undefined || s.from <= s.to;
/**
 * An instrument's results for a cohort. Without `instrument`, the library's first (the one Enkäter
 * shows until another is chosen), named in the answer, so the screen asks for it together with the
 * library instead of after it; with an empty library the answer is for no instrument (`''`).
 */
export const resultsInput = z
  .object({ instrument: instrumentCode.optional(), programmeId: id.optional(), ...period })
  .strict()
  .refine(periodInOrder, { error: msg('dateOrder'), path: ['to'] });
/** Every instrument's results for a cohort of groups; `komet outcomes report` prints it. */
export const outcomesReportInput = z
  .object({ programmeId: id.optional(), ...period })
  .strict()
  .refine(periodInOrder, { error: msg('dateOrder'), path: ['to'] })
  .optional()
  .default({});
/**
 * A scale at one time point: how many have a score, their mean, standard deviation and the mean's
 * 95 % confidence interval (Student's t); every figure is hidden for few respondents, the count kept.
 */
export const resultLevel = z.object({
  scale: z.string(),
  timepoint: z.string(),
  n: z.number().int(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  suppressed: z.boolean(),
});
/**
 * Change from `pre` to `timepoint` among those scored at both: the paired mean difference, its SD
 * and 95 % confidence interval, and the standardised effect sizes d_z (difference / SD of the
 * differences) and d_av (difference / mean of the before and after SDs).
 */
export const resultChange = z.object({
  scale: z.string(),
  timepoint: z.string(),
  n: z.number().int(),
  meanChange: z.number().nullable(),
  sd: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  dz: z.number().nullable(),
  dav: z.number().nullable(),
  suppressed: z.boolean(),
});
/**
 * At one scheduled time point: how many enrolments it has opened for (dropouts, declined and
 * unreachable included) and how many returned the questionnaire; the rate is hidden for few.
 */
export const responseRate = z.object({
  timepoint: z.string(),
  due: z.number().int(),
  returned: z.number().int(),
  rate: z.number().nullable(),
  suppressed: z.boolean(),
});
export const outcomeResults = z.object({
  instrument: z.string(),
  /** The smallest number of respondents whose figures are shown. */
  minRespondents: z.number().int(),
  /** The confidence level of every interval. */
  confidence: z.number(),
  timepoints: z.array(z.string()),
  responseRates: z.array(responseRate),
  levels: z.array(resultLevel),
  changes: z.array(resultChange),
});

export const outcomesReport = z.object({
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  programmeId: id.nullable(),
  /** One entry per instrument with a schedule or a score in the cohort, by code. */
  instruments: z.array(outcomeResults),
});

export type OutcomesReport = z.infer<typeof outcomesReport>;
export type InstrumentDetail = z.infer<typeof instrumentDetail>;
export type WorklistRow = z.infer<typeof worklistRow>;
export type WorklistSummary = z.infer<typeof worklistSummary>;
export type WorklistPage = z.infer<typeof worklistPage>;
export type WorklistGroupOption = z.infer<typeof worklistGroup>;
export type GroupOutcomes = z.infer<typeof groupOutcomes>;
export type OutcomeResults = z.infer<typeof outcomeResults>;
