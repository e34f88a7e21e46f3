import { z } from 'zod';
import { DUE_STATES, INSTRUMENT_SOURCES, OUTCOME_STATUSES, RESPONDENTS } from '../enums';
import { msg } from '../messages';
import { id, isoDate, name } from './common';
import { instrumentCode } from './instruments';

const bilingual = z.object({ sv: z.string(), en: z.string() });
const version = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, { error: msg('instrumentVersion') });

/** `pre`, `post`, or a follow-up `fu<months>` (1–120 months). */
export const timepoint = z.string().regex(/^(pre|post|fu(?:[1-9]|[1-9][0-9]|1[01][0-9]|120))$/, { error: msg('timepoint') });

export const instrumentSummary = z.object({
  code: z.string(),
  version: z.string(),
  name: bilingual,
  respondent: z.enum(RESPONDENTS),
  source: z.enum(INSTRUMENT_SOURCES),
  items: z.number().int(),
  scales: z.array(z.string()),
  itemTextsIncluded: z.boolean(),
  licenceHolder: z.string(),
});

/** A definition file's text; the core reads and checks it (`komet-instrument/1`). */
/**
 * What a REDCap data dictionary does not say and a definition needs: its code, version, name,
 * respondent and licence, and whether the licence lets the field labels ship as item texts.
 */
export const redcapDictionaryMeta = z
  .object({
    code: instrumentCode,
    version,
    name: z.object({ sv: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict(),
    respondent: z.enum(RESPONDENTS),
    licence: z.object({ holder: z.string().trim().min(1).max(200), terms: z.string().trim().min(1).max(2000) }).strict(),
    includeTexts: z.boolean(),
  })
  .strict();
export const instrumentImport = z
  .object({
    text: z.string().max(1_000_000, { error: msg('instrumentFileSize') }),
    source: z.enum(['imported', 'own']).optional().default('imported'),
    /** Given when the text is a REDCap data dictionary (CSV) rather than a definition file. */
    redcap: redcapDictionaryMeta.optional(),
  })
  .strict();
export const instrumentImportResult = z.object({
  instrument: instrumentSummary,
  created: z.boolean(),
  /** A REDCap dictionary's fields that did not become items, and why. */
  skipped: z.array(z.object({ variable: z.string(), reason: bilingual })).optional(),
});

export const scheduleEntry = z.object({
  id,
  programmeId: id,
  instrumentCode: z.string(),
  respondent: z.enum(RESPONDENTS),
  timepoint: z.string(),
  months: z.number().int().nullable(),
  windowDays: z.number().int().nullable(),
  missedAfterDays: z.number().int(),
  doubleEntry: z.boolean(),
});
export const scheduleList = z.object({ programmeId: id }).strict();
export const scheduleInput = z
  .object({
    programmeId: id,
    instrumentCode,
    respondent: z.enum(RESPONDENTS),
    timepoint,
    windowDays: z.number().int().min(1).max(366).nullable().optional().default(null),
    /** Days a closed window stays overdue before the questionnaire is missed (default 90). */
    missedAfterDays: z.number().int().min(1).max(730).optional().default(90),
    /** Two different users type each form; only the agreed or reconciled response counts. */
    doubleEntry: z.boolean().optional().default(false),
  })
  .strict()
  .refine((s) => (s.timepoint.startsWith('fu') ? s.windowDays !== null : s.windowDays === null), { path: ['windowDays'], error: msg('followupWindow') });

export const outcomeStatusInput = z.object({ participantId: id, timepoint, status: z.enum(OUTCOME_STATUSES).nullable() }).strict();
export const outcomeStatusValue = z.object({ participantId: id, timepoint: z.string(), status: z.enum(OUTCOME_STATUSES).nullable() });

/** `on`: the day to compute for (default today), so a list can be reproduced for a given date. */
export const dueInput = z.object({ groupId: id.optional(), on: isoDate.optional() }).strict().optional().default({});
export const dueItem = z.object({
  participantId: id,
  groupId: id,
  instrument: z.string(),
  timepoint: z.string(),
  dueFrom: isoDate,
  dueTo: isoDate,
  status: z.enum(DUE_STATES),
});

const answerValue = z.number().int().min(-1000).max(1000).nullable();
export const responseInput = z
  .object({
    participantId: id,
    instrument: instrumentCode,
    version: version.optional(),
    timepoint,
    date: isoDate,
    /** Who typed the answers in: a name, one line. */
    enteredBy: name,
    answers: z.record(z.string().max(40), answerValue),
  })
  .strict();

export const scoreRow = z.object({
  participantId: id,
  instrument: z.string(),
  version: z.string(),
  timepoint: z.string(),
  scale: z.string(),
  /** Full precision; null when too few items were answered. */
  score: z.number().nullable(),
  band: bilingual.nullable(),
});
export const responseRecorded = z.object({ id, instrument: z.string(), version: z.string(), scores: z.array(scoreRow) });

/** One form: a participant's instrument at a time point. */
export const entryKey = z.object({ participantId: id, instrument: instrumentCode, timepoint }).strict();
export const entryDifferences = z.object({
  date: z.object({ first: isoDate, second: isoDate }).nullable(),
  items: z.array(z.object({ code: z.string(), first: answerValue, second: answerValue })),
});
/** Who has typed a form so far; the answers stay hidden until both typings are in. */
export const entryState = z.object({
  doubleEntry: z.boolean(),
  recorded: z.boolean(),
  entries: z.array(z.object({ enteredBy: z.string(), userName: z.string(), date: isoDate, mine: z.boolean() })),
  /** Set when both typings are in and differ. */
  differences: entryDifferences.nullable(),
});
export const entryOutcome = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting') }),
  z.object({ state: z.literal('differences'), differences: entryDifferences }),
  z.object({ state: z.literal('recorded'), recorded: responseRecorded }),
]);
/** The decision for each item the two typings differ in (null: blank), and the date when they differ in it. */
export const reconcileInput = entryKey.extend({ date: isoDate.optional(), answers: z.record(z.string().max(40), answerValue) }).strict();

export const scoreList = z.object({ participantId: id.optional() }).strict().optional().default({});

export const responseImportInput = z.object({ text: z.string().max(50_000_000), dryRun: z.boolean(), enteredBy: name }).strict();
export const importRowError = z.object({ row: z.number().int(), column: z.string().nullable(), message: bilingual });
export const responseImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  /** Rows written; 0 on a dry run and whenever any row was refused. */
  imported: z.number().int(),
  errors: z.array(importRowError),
});

export type InstrumentSummary = z.infer<typeof instrumentSummary>;
export type ScheduleEntry = z.infer<typeof scheduleEntry>;
export type DueItemValue = z.infer<typeof dueItem>;
export type ScoreRowValue = z.infer<typeof scoreRow>;
export type EntryDifferences = z.infer<typeof entryDifferences>;
export type EntryStateValue = z.infer<typeof entryState>;
export type EntryOutcome = z.infer<typeof entryOutcome>;
export type ImportRowError = z.infer<typeof importRowError>;
export type ResponseImportResult = z.infer<typeof responseImportResult>;
