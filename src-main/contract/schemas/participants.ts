import { z } from 'zod';
import { msg } from '../messages';
import { id, isoDate, multilineText, oneLine, optionalText, timestamp, tooLong } from './common';
import { ATTENDANCE_STATES, AUDIENCES, CHILD_GENDERS, CONSENTS, MANUAL_STATUSES, PARTICIPANT_STATUSES, RELATIONS, SESSION_STATUSES } from '../enums';
import { textLimits } from '../limits';

export const relation = z.enum(RELATIONS);
export const childGender = z.enum(CHILD_GENDERS);
export const consent = z.enum(CONSENTS);
export const attendanceState = z.enum(ATTENDANCE_STATES);
/**
 * `not_completed`: the group has ended and the participant attended less than the programme's
 * completion share; `moved`: this enrolment ended because the person moved to another group.
 */
export const participantStatus = z.enum(PARTICIPANT_STATUSES);

const displayName = z
  .string({ error: msg('displayName') })
  .trim()
  .min(1, { error: msg('displayName') })
  .max(textLimits.displayName, tooLong)
  .refine(oneLine, { error: msg('controlChars') });
const birthYear = z
  .number({ error: msg('birthYear') })
  .int({ error: msg('birthYear') })
  .min(1990, { error: msg('birthYear') })
  .max(2100, { error: msg('birthYear') });
const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const participantFields = z.object({
  displayName,
  relation,
  contact: nullable(optionalText(textLimits.contact)).transform((v) => (v ? v : null)),
  /** Joins the family of another participant (two caregivers of the same child); omitted: a new family. */
  familyId: nullable(id),
  childBirthYear: nullable(birthYear),
  childGender: nullable(childGender),
  enrolmentDate: isoDate,
  consent,
  consentDate: nullable(isoDate),
  /** A participant with the same name in the same family and group is refused unless this is true. */
  allowDuplicate: z.boolean().optional().default(false),
});
const consentDated = (p: { consent: string; consentDate: string | null }) => (p.consent === 'not_asked') === (p.consentDate === null);

export const participantInput = participantFields
  .extend({ groupId: id })
  .strict()
  .refine(consentDated, { error: msg('consentDate'), path: ['consentDate'] });
export const participantUpdate = participantFields
  .extend({ id })
  .strict()
  .refine(consentDated, { error: msg('consentDate'), path: ['consentDate'] });

/** Leader decisions about status; `auto` hands the status back to the programme's rules. */
export const participantSetStatus = z.discriminatedUnion('status', [
  z.object({ id, status: z.literal('auto') }).strict(),
  z.object({ id, status: z.literal('dropped_out'), reasonId: id, lastSessionNumber: nullable(z.number().int().min(1).max(99)) }).strict(),
  z.object({ id, status: z.literal('never_started'), reasonId: nullable(id) }).strict(),
]);
/** Keeps a participant active although the rules would mark them as dropped out. */
export const participantSetKeepActive = z.object({ id, keepActive: z.boolean() }).strict();
export const participantMove = z.object({ id, toGroupId: id, enrolmentDate: isoDate }).strict();

export const family = z.object({
  id,
  childBirthYear: z.number().int().nullable(),
  childGender: childGender.nullable(),
  /** Derived: the start year of the group minus the birth year. */
  childAgeAtStart: z.number().int().nullable(),
  /** Participants of this group in the family (1 or 2 as a rule). */
  membersInGroup: z.number().int(),
});

export const participant = z.object({
  id,
  /** The same for every enrolment of one person, so a move keeps the history together. */
  personId: id,
  groupId: id,
  displayName: z.string(),
  relation,
  contact: z.string().nullable(),
  family,
  enrolmentDate: z.string(),
  consent,
  consentDate: z.string().nullable(),
  status: participantStatus,
  /** Set by a leader (dropped out / never started / moved); null when the rules decide. */
  manualStatus: z.enum(MANUAL_STATUSES).nullable(),
  keepActive: z.boolean(),
  atRisk: z.boolean(),
  /** Current run of absences without notice. */
  absentStreak: z.number().int(),
  dropoutReasonId: id.nullable(),
  lastSessionAttended: z.number().int().nullable(),
  presentCount: z.number().int(),
  /** Held sessions since enrolment. */
  heldCount: z.number().int(),
  movedFromGroupId: id.nullable(),
  movedToGroupId: id.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const participantList = z.object({ groupId: id, includeMoved: z.boolean().optional().default(true) }).strict();
export const groupRef = z.object({ groupId: id }).strict();

export const sessionCounts = z.object({
  id,
  number: z.number().int(),
  status: z.enum(SESSION_STATUSES),
  plannedDate: z.string(),
  heldDate: z.string().nullable(),
  /** Derived from attendance in tracking groups (distinct participants present). */
  participantCount: z.number().int().nullable(),
  /** Distinct families present; null where attendance is not tracked. */
  familyCount: z.number().int().nullable(),
  markedCount: z.number().int(),
});

/**
 * markHeld: whether a mark on a past session still planned also records that session as held on
 * its date. Off unless asked for: a session becomes held when someone records it so (the
 * "Registrera träff" flow's save, or the session's own form), never as a side effect of a mark.
 */
const markHeld = z.boolean().optional();
export const attendanceSet = z.object({ participantId: id, sessionId: id, state: attendanceState.nullable(), markHeld }).strict();
export const attendanceSetColumn = z
  .object({
    sessionId: id,
    state: attendanceState,
    /** Leave cells that already have a mark as they are. */
    onlyUnmarked: z.boolean().optional().default(false),
    markHeld,
  })
  .strict();
export const participantBrief = z.object({
  id,
  status: participantStatus,
  atRisk: z.boolean(),
  absentStreak: z.number().int(),
  presentCount: z.number().int(),
});
export const attendanceResult = z.object({
  session: sessionCounts,
  participants: z.array(participantBrief),
  /** The cells as stored after the write. */
  marks: z.array(z.object({ participantId: id, sessionId: id, state: attendanceState.nullable() })),
});
export const mark = z.object({ participantId: id, sessionId: id, state: attendanceState });
export const attendanceGrid = z.object({
  groupId: id,
  tracksAttendance: z.boolean(),
  participants: z.array(participant),
  sessions: z.array(sessionCounts),
  marks: z.array(mark),
});

export const planComponent = z.object({
  key: z.string(),
  sv: z.string(),
  en: z.string(),
});
const componentInput = z
  .object({
    /** Kept when editing so earlier fidelity records still match; omitted for a new component. */
    key: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/)
      .optional(),
    sv: z
      .string({ error: msg('componentLabel') })
      .trim()
      .min(1, { error: msg('componentLabel') })
      .max(textLimits.componentLabel, tooLong)
      .refine(oneLine, { error: msg('controlChars') }),
    en: optionalText(textLimits.componentLabel).optional().default(''),
  })
  .strict();
export const sessionPlanItem = z.object({
  number: z.number().int(),
  title: z.string(),
  components: z.array(planComponent),
  /** True when the programme has no plan of its own for this session and the generic one applies. */
  isDefault: z.boolean(),
});
export const sessionPlan = z.object({ programmeId: id, sessions: z.array(sessionPlanItem) });
export const programmeRef = z.object({ programmeId: id }).strict();
export const sessionPlanUpdate = z
  .object({
    programmeId: id,
    number: z.number().int().min(1).max(60),
    title: z
      .string({ error: msg('planTitle') })
      .trim()
      .min(1, { error: msg('planTitle') })
      .max(textLimits.planTitle, tooLong)
      .refine(oneLine, { error: msg('controlChars') }),
    components: z
      .array(componentInput)
      .min(1, { error: msg('componentsRequired') })
      .max(20)
      .refine((cs) => new Set(cs.map((c) => c.key).filter(Boolean)).size === cs.filter((c) => c.key).length, { error: msg('componentDuplicate') }),
  })
  .strict();

export const fidelityRecord = z
  .object({
    sessionId: id,
    /** Keys of the plan components covered. */
    covered: z.array(z.string().max(40)).max(20),
    note: multilineText(textLimits.fidelityNote).optional().default(''),
  })
  .strict();
export const sessionRef = z.object({ sessionId: id }).strict();
export const fidelity = z.object({
  sessionId: id,
  sessionNumber: z.number().int(),
  title: z.string(),
  /** The components as they were when recorded (or the current plan, before anything is recorded). */
  components: z.array(planComponent.extend({ covered: z.boolean() })),
  note: z.string(),
  recorded: z.boolean(),
  /** Covered share in whole per cent; null before anything is recorded. */
  percent: z.number().int().nullable(),
  updatedAt: timestamp.nullable(),
});

export const programmeRules = z.object({
  programmeId: id,
  /** Completed when present at least this share of held sessions (per cent). */
  completionPercent: z.number().int(),
  /** Dropped out automatically after this many absences without notice in a row. */
  dropoutAfter: z.number().int(),
  /** At risk after this many absences without notice in a row. */
  atRiskAfter: z.number().int(),
  isDefault: z.boolean(),
});
export const programmeRulesUpdate = z
  .object({
    programmeId: id,
    completionPercent: z
      .number({ error: msg('completionPercent') })
      .int({ error: msg('completionPercent') })
      .min(1, { error: msg('completionPercent') })
      .max(100, { error: msg('completionPercent') }),
    dropoutAfter: z
      .number({ error: msg('dropoutAfter') })
      .int({ error: msg('dropoutAfter') })
      .min(1, { error: msg('dropoutAfter') })
      .max(20, { error: msg('dropoutAfter') }),
    atRiskAfter: z
      .number({ error: msg('atRiskAfter') })
      .int({ error: msg('atRiskAfter') })
      .min(1, { error: msg('atRiskAfter') })
      .max(20, { error: msg('atRiskAfter') }),
  })
  .strict()
  .refine((r) => r.atRiskAfter <= r.dropoutAfter, { error: msg('atRiskOrder'), path: ['atRiskAfter'] });

export const dropoutReason = z.object({
  id,
  code: z.string(),
  sv: z.string(),
  en: z.string(),
  active: z.boolean(),
  usedCount: z.number().int(),
});
const reasonFields = z.object({
  sv: z
    .string({ error: msg('reasonLabel') })
    .trim()
    .min(1, { error: msg('reasonLabel') })
    .max(textLimits.reasonLabel, tooLong)
    .refine(oneLine, { error: msg('controlChars') }),
  en: optionalText(textLimits.reasonLabel).optional().default(''),
});
export const dropoutReasonInput = reasonFields.strict();
export const dropoutReasonUpdate = reasonFields.extend({ id }).strict();

export const groupSetTracksAttendance = z.object({ id, tracksAttendance: z.boolean() }).strict();

export const fidelityCell = z.object({ sessionId: id, number: z.number().int(), percent: z.number().int().nullable(), note: z.string() });
export const groupOverview = z.object({
  groupId: id,
  programmeId: id,
  programmeAudience: z.enum(AUDIENCES),
  tracksAttendance: z.boolean(),
  rules: programmeRules,
  participants: z.array(participant),
  sessions: z.array(sessionCounts),
  marks: z.array(mark),
  fidelity: z.array(fidelityCell),
  /** Chart series with one point per session; the same rows serve as the table alternative. */
  series: z.object({
    attendance: z.array(
      z.object({
        sessionId: id,
        number: z.number().int(),
        date: z.string(),
        status: z.enum(SESSION_STATUSES),
        present: z.number().int(),
        absent: z.number().int(),
        absentWithNotice: z.number().int(),
        families: z.number().int(),
      }),
    ),
    /** Participants who had dropped out by each held session (cumulative). */
    cumulativeDropout: z.array(z.object({ number: z.number().int(), droppedOut: z.number().int() })),
  }),
  summary: z.object({
    participants: z.number().int(),
    families: z.number().int(),
    /** Families with at least one participant present at least once; null where only head counts are recorded. */
    familiesReached: z.number().int().nullable(),
    active: z.number().int(),
    completed: z.number().int(),
    droppedOut: z.number().int(),
    neverStarted: z.number().int(),
    atRisk: z.number().int(),
    /** Completed out of those whose outcome is known (completed, not completed, dropped out); null while anyone is still active, or if none. */
    completionRate: z.number().nullable(),
    /** Present marks out of all marks on held sessions (0–1); null without marks. */
    meanAttendance: z.number().nullable(),
    /** Mean of the per-session fidelity percentages (0–100); null without records. */
    meanFidelity: z.number().nullable(),
  }),
});

export const participationDashboardInput = z.object({ today: isoDate.optional() }).strict().optional().default({});
const sessionRefRow = z.object({
  sessionId: id,
  groupId: id,
  number: z.number().int(),
  date: z.string(),
  programmeCode: z.string(),
  unitName: z.string(),
  groupVenue: z.string(),
});
export const participationDashboard = z.object({
  atRisk: z.array(
    z.object({ participantId: id, displayName: z.string(), groupId: id, programmeCode: z.string(), groupVenue: z.string(), absentStreak: z.number().int() }),
  ),
  atRiskTotal: z.number().int(),
  heldWithoutAttendance: z.array(sessionRefRow),
  heldWithoutAttendanceTotal: z.number().int(),
  heldWithoutFidelity: z.array(sessionRefRow),
  heldWithoutFidelityTotal: z.number().int(),
  /** Completed out of known outcomes among participants of groups that started this year; null if none. */
  completionRateThisYear: z.number().nullable(),
});

const participationRow = z.object({
  key: z.string(),
  label: z.string(),
  participants: z.number().int(),
  completed: z.number().int(),
  droppedOut: z.number().int(),
  families: z.number().int(),
  /** Present marks out of all marks on held sessions (0–1); null without marks. */
  attendanceRate: z.number().nullable(),
  /** Mean per-session fidelity (0–1); null without records. */
  fidelityRate: z.number().nullable(),
});
export const participationStats = z.object({
  participants: z.object({ total: z.number().int(), completed: z.number().int(), droppedOut: z.number().int(), families: z.number().int() }),
  attendanceRate: z.number().nullable(),
  fidelityRate: z.number().nullable(),
  byProgramme: z.array(participationRow),
});

export type Participant = z.output<typeof participant>;
export type ParticipantStatus = z.output<typeof participantStatus>;
export type AttendanceState = z.output<typeof attendanceState>;
export type SessionCounts = z.output<typeof sessionCounts>;
export type AttendanceResult = z.output<typeof attendanceResult>;
export type AttendanceGrid = z.output<typeof attendanceGrid>;
export type SessionPlan = z.output<typeof sessionPlan>;
export type SessionPlanItem = z.output<typeof sessionPlanItem>;
export type Fidelity = z.output<typeof fidelity>;
export type ProgrammeRules = z.output<typeof programmeRules>;
export type DropoutReason = z.output<typeof dropoutReason>;
export type GroupOverview = z.output<typeof groupOverview>;
export type ParticipationDashboard = z.output<typeof participationDashboard>;
export type ParticipationStats = z.output<typeof participationStats>;
