import { z } from 'zod';
import { msg } from '../messages';
import { BUDGET_KINDS, LANGUAGES, REPORT_SECTIONS } from '../enums';
import { id, isoDate, multilineText, tooLong } from './common';

/**
 * The activity report (verksamhetsrapport) for committees and funders: counts for one period and
 * scope beside the previous period of equal length. Every count of parents is published through
 * small-cell suppression; a hidden figure is `null` with the reason it is hidden.
 */
const reportScope = z.object({
  from: isoDate,
  to: isoDate,
  unitIds: z.array(id).max(500).optional().default([]),
  programmeIds: z.array(id).max(200).optional().default([]),
});
const periodInOrder = (s: { from: string; to: string }) => s.from <= s.to;

export const activityReportInput = reportScope.strict().refine(periodInOrder, { error: msg('dateOrder'), path: ['to'] });

/** The same report as a PDF in the chosen language, for the page's download button; the file (a PDF or an XLSX workbook) comes back as base64. */
export const activityReportPdfInput = reportScope
  .extend({ lang: z.enum(['sv', 'en']).optional().default('sv') })
  .strict()
  .refine(periodInOrder, { error: msg('dateOrder'), path: ['to'] });
export const activityReportPdf = z.object({ fileName: z.string(), base64: z.string() });

/** Why a figure is not shown: a count of 1–4 parents, a cell hidden so a small one cannot be worked out, or a rate over too few parents. */
export const HIDDEN_REASONS = ['small_cell', 'secondary', 'few_parents'] as const;

export const reportCell = z.object({ value: z.number().nullable(), hidden: z.enum(HIDDEN_REASONS).nullable() });

const groupCounts = z.object({ started: z.number().int(), completed: z.number().int(), running: z.number().int(), cancelled: z.number().int() });
const groupRow = groupCounts.extend({ key: z.string(), label: z.string() });

const parentCells = z.object({
  enrolled: reportCell,
  notStarted: reportCell,
  unrecorded: reportCell,
  started: reportCell,
  ongoing: reportCell,
  completed: reportCell,
  notCompleted: reportCell,
  droppedOut: reportCell,
  families: reportCell,
  /** Present marks of all marks on held sessions, 0–1. */
  attendanceRate: reportCell,
});
const parentRow = parentCells.extend({ key: z.string(), label: z.string() });

const leaderFigures = z.object({
  inCourse: z.number().int(),
  supervisedFirstGroup: z.number().int(),
  certified: z.number().int(),
  active: z.number().int(),
  supervisionSessions: z.number().int(),
  /** Leaders' attendances at supervision sessions. */
  supervisionAttendances: z.number().int(),
  /** Supervision sessions record no length, so hours are not known. */
  supervisionHours: z.number().nullable(),
  heldSessions: z.number().int(),
  sessionsWithFidelity: z.number().int(),
  /** Share of held sessions with a fidelity record, 0–1. */
  fidelityRecordedRate: z.number().nullable(),
  /** Mean covered share of the session plan over recorded sessions, 0–1. */
  fidelityMean: z.number().nullable(),
});

const outcomeReturn = z.object({ timepoint: z.string(), base: reportCell, returned: reportCell, rate: reportCell });
const outcomeChange = z.object({
  instrument: z.string(),
  scale: z.string(),
  pairs: reportCell,
  meanPre: z.number().nullable(),
  meanPost: z.number().nullable(),
  meanChange: z.number().nullable(),
});
const outcomes = z.discriminatedUnion('present', [
  z.object({ present: z.literal(false) }),
  z.object({ present: z.literal(true), returns: outcomeReturn.array(), change: outcomeChange.array() }),
]);

export const reportSections = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  groups: z.object({ byUnit: groupRow.array(), byProgramme: groupRow.array(), total: groupCounts }),
  parents: z.object({
    byUnit: parentRow.array(),
    byProgramme: parentRow.array(),
    total: parentCells,
    /** Dropouts by the last session they attended (0: none attended). */
    dropoutBySession: z.object({ session: z.number().int(), count: reportCell }).array(),
  }),
  leaders: leaderFigures,
  outcomes,
});

export const previousSections = reportSections.omit({ outcomes: true });

export const HEADLINES = [
  'groupsStarted',
  'groupsCompleted',
  'parentsEnrolled',
  'parentsStarted',
  'parentsCompleted',
  'parentsDroppedOut',
  'families',
  'leadersActive',
  'leadersCertified',
] as const;

export { REPORT_SECTIONS, BUDGET_KINDS };

const budgetLine = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, { error: msg('required') })
      .max(120, tooLong),
    kind: z.enum(BUDGET_KINDS),
    /** Whole kronor. */
    amount: z.number().int().min(0).max(1_000_000_000),
  })
  .strict();

const savedFields = reportScope.extend({
  title: z
    .string()
    .trim()
    .min(1, { error: msg('required') })
    .max(200, tooLong),
  lang: z.enum(LANGUAGES).optional().default('sv'),
  sections: z
    .array(z.enum(REPORT_SECTIONS))
    .min(1, { error: msg('required') })
    .max(REPORT_SECTIONS.length)
    .refine((list) => new Set(list).size === list.length, { error: msg('required') }),
  budget: z.array(budgetLine).max(50).optional().default([]),
  notes: z.partialRecord(z.enum(REPORT_SECTIONS), multilineText(4000)).optional().default({}),
});
export const savedReportInput = savedFields
  .extend({ id: id.optional() })
  .strict()
  .refine(periodInOrder, { error: msg('dateOrder'), path: ['to'] });
export const savedReport = savedFields.extend({ id: z.string(), createdAt: z.string(), updatedAt: z.string() });

const costs = z.object({
  totalCost: z.number(),
  totalIncome: z.number(),
  net: z.number(),
  /** Net cost over the groups started in the period; null without any. */
  perStartedGroup: z.number().nullable(),
  /** Net cost over the parents who completed; hidden with their count. */
  perCompletingParent: reportCell,
});

export const activityReport = z.object({
  createdAt: z.string(),
  /** The saved report it was made from, with its title, sections and texts; null for an ad hoc report. */
  saved: savedReport.nullable(),
  /** From the saved report's budget lines; null without a saved report. */
  costs: costs.nullable(),
  /** Counts of parents from 1 to this number are hidden. */
  smallCellMax: z.number().int(),
  scope: z.object({
    units: z.object({ id: z.string(), name: z.string() }).array(),
    programmes: z.object({ id: z.string(), code: z.string(), name: z.string() }).array(),
  }),
  current: reportSections,
  /** The period compared with: its figures serve the headlines' and the leaders' comparison columns; outcomes are reported for the chosen period only. */
  previous: previousSections,
  headlines: z
    .object({
      key: z.enum(HEADLINES),
      current: reportCell,
      previous: reportCell,
      /** current − previous; null when either is hidden. */
      change: z.number().nullable(),
    })
    .array(),
});

export type ActivityReportInput = z.output<typeof activityReportInput>;
export type ActivityReport = z.output<typeof activityReport>;
export type ReportSections = z.output<typeof reportSections>;
export type PreviousSections = z.output<typeof previousSections>;
export type ReportCell = z.output<typeof reportCell>;
export type ParentRow = z.output<typeof parentRow>;
export type ParentCells = z.output<typeof parentCells>;
export type GroupRow = z.output<typeof groupRow>;
export type LeaderFigures = z.output<typeof leaderFigures>;
export type HiddenReason = (typeof HIDDEN_REASONS)[number];
export type Headline = (typeof HEADLINES)[number];
export type SavedReport = z.output<typeof savedReport>;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
