import { z } from 'zod';
import { msg } from '../messages';
import { id, isoDate, multilineText, oneLine, optionalText, timestamp, tooLong } from './common';
import { ATTENTION_RULES, GROUP_STATUSES, PATHWAY_CHECKS, PATHWAY_STATUSES, SUPERVISION_FORMATS, SUPERVISION_MODES } from '../enums';
import { textLimits } from '../limits';

/** Bilingual text as the UI shows it. */
const bilingual = z.object({ sv: z.string(), en: z.string() });
const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const int = (key: Parameters<typeof msg>[0], min: number, max: number) =>
  z
    .number({ error: msg(key) })
    .int({ error: msg(key) })
    .min(min, { error: msg(key) })
    .max(max, { error: msg(key) });
const noDuplicates = <T>(xs: T[]) => new Set(xs).size === xs.length;

// ---------------------------------------------------------------------------------------------
// Pathway requirements (per programme, editable)

export const pathwayRequirements = z.object({
  programmeId: id,
  /** Course days the leader must have attended (courses of this programme). */
  minCourseDays: z.number().int(),
  /** A group of this programme led with a supervisor assigned and enough sessions held. */
  requireSupervisedGroup: z.boolean(),
  /** Held share of the group's (non-extra) sessions for the supervised group to count, per cent. */
  supervisedGroupMinHeldPercent: z.number().int(),
  /** Supervision sessions the leader attended (about groups of this programme, or general ones). */
  minSupervisionSessions: z.number().int(),
  /** True while the programme uses the built-in defaults (4 days, supervised group at 80 %, 4 sessions). */
  isDefault: z.boolean(),
});
export const pathwayRequirementsUpdate = z
  .object({
    programmeId: id,
    minCourseDays: int('courseDays', 0, 30),
    requireSupervisedGroup: z.boolean(),
    supervisedGroupMinHeldPercent: int('heldPercent', 1, 100),
    minSupervisionSessions: int('supervisionCount', 0, 50),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Leader settings (inactivity and the attention rules' parameters)

export const leaderSettings = z.object({
  /** A certified leader who has led no group for this many months is shown as inactive (default 24). */
  inactiveAfterMonths: z.number().int(),
  /** A running group without a supervision session about it for this many weeks needs attention (default 4). */
  noSupervisionWeeks: z.number().int(),
  /** A group's attendance below this per cent needs attention (default 60). */
  lowAttendancePercent: z.number().int(),
  /** A group's mean session fidelity below this per cent needs attention (default 70). */
  lowFidelityPercent: z.number().int(),
});
export const leaderSettingsUpdate = z
  .object({
    inactiveAfterMonths: int('inactiveMonths', 1, 120),
    noSupervisionWeeks: int('noSupervisionWeeks', 1, 52),
    lowAttendancePercent: int('attentionPercent', 1, 100),
    lowFidelityPercent: int('attentionPercent', 1, 100),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Courses

const courseDates = z
  .array(isoDate, { error: msg('courseDatesRequired') })
  .min(1, { error: msg('courseDatesRequired') })
  .max(20)
  .refine(noDuplicates, { error: msg('courseDateDuplicate') });

const courseFields = z.object({
  programmeId: id,
  title: z
    .string({ error: msg('nameRequired') })
    .trim()
    .min(1, { error: msg('nameRequired') })
    .max(textLimits.courseTitle, tooLong)
    .refine(oneLine, { error: msg('controlChars') }),
  /** A trainer among the staff, or null with a free-text trainerName (e.g. an external psychologist). */
  trainerStaffId: nullable(id),
  trainerName: optionalText(textLimits.trainerName).optional().default(''),
  /** The course days. Removing a date removes the attendance recorded for it. */
  dates: courseDates,
  note: multilineText(textLimits.courseNote).optional().default(''),
});
const trainerGiven = (c: { trainerStaffId: string | null; trainerName: string }) => c.trainerStaffId !== null || c.trainerName !== '';
export const courseInput = courseFields.strict().refine(trainerGiven, { error: msg('trainerRequired'), path: ['trainerName'] });
export const courseUpdate = courseFields
  .extend({ id })
  .strict()
  .refine(trainerGiven, { error: msg('trainerRequired'), path: ['trainerName'] });
export const courseList = z.object({ programmeId: id.optional(), leaderId: id.optional() }).strict().optional().default({});

export const courseAttendee = z.object({ leaderId: id, name: z.string(), dates: z.array(z.string()) });
export const course = z.object({
  id,
  programmeId: id,
  programmeCode: z.string(),
  title: z.string(),
  trainerStaffId: id.nullable(),
  /** The staff member's name when trainerStaffId is set, otherwise the free text. */
  trainerName: z.string(),
  dates: z.array(z.string()),
  firstDate: z.string(),
  lastDate: z.string(),
  note: z.string(),
  attendees: z.array(courseAttendee),
  createdAt: timestamp,
  updatedAt: timestamp,
});
/** Replaces the days one leader attended (an empty list removes the leader from the course). */
export const courseSetAttendance = z
  .object({
    courseId: id,
    leaderId: id,
    dates: z
      .array(isoDate)
      .max(20)
      .refine(noDuplicates, { error: msg('courseDateDuplicate') }),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Supervision

export const supervisionFormat = z.enum(SUPERVISION_FORMATS);
export const supervisionMode = z.enum(SUPERVISION_MODES);
export const fidelityRating = z
  .number({ error: msg('ratingScale') })
  .int({ error: msg('ratingScale') })
  .min(1, { error: msg('ratingScale') })
  .max(4, { error: msg('ratingScale') });

export { ratingScale } from '../rating-scale';
export const ratingScaleItem = z.object({ value: z.number().int(), label: bilingual, description: bilingual });

const presentLeader = z
  .object({
    leaderId: id,
    /** 1–4 on the anchored scale; null when not rated this time. */
    rating: nullable(fidelityRating),
    note: multilineText(textLimits.supervisionLeaderNote).optional().default(''),
  })
  .strict();
const followUpInput = z
  .object({
    text: z
      .string({ error: msg('followUpText') })
      .trim()
      .min(1, { error: msg('followUpText') })
      .max(textLimits.followUpText, tooLong)
      .refine(oneLine, { error: msg('controlChars') }),
    dueDate: isoDate,
    /** The leader the action concerns; null: the whole supervision group. */
    leaderId: nullable(id),
  })
  .strict();

const supervisionFields = z.object({
  date: isoDate,
  supervisorId: id,
  format: supervisionFormat,
  mode: supervisionMode,
  leaders: z
    .array(presentLeader, { error: msg('leaderRequired') })
    .min(1, { error: msg('leaderRequired') })
    .max(12)
    .refine((ls) => noDuplicates(ls.map((l) => l.leaderId)), { error: msg('leaderDuplicate') }),
  groupIds: z
    .array(id)
    .max(20)
    .optional()
    .default([])
    .refine(noDuplicates, { error: msg('groupDuplicate') }),
  notes: multilineText(textLimits.supervisionNotes).optional().default(''),
});
export const supervisionInput = supervisionFields.extend({ followUps: z.array(followUpInput).max(20).optional().default([]) }).strict();
/** Editing replaces leaders, ratings and groups; follow-ups are edited with the followUps.* procedures. */
export const supervisionUpdate = supervisionFields.extend({ id }).strict();
export const supervisionList = z
  .object({
    supervisorId: id.optional(),
    leaderId: id.optional(),
    groupId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.number().int().min(1).max(500).optional().default(100),
  })
  .strict()
  .optional()
  .default({ limit: 100 });

export const followUp = z.object({
  id,
  supervisionId: id,
  supervisionDate: z.string(),
  supervisorId: id,
  supervisorName: z.string(),
  leaderId: id.nullable(),
  leaderName: z.string().nullable(),
  text: z.string(),
  dueDate: z.string(),
  done: z.boolean(),
  doneAt: timestamp.nullable(),
  /** Not done and due before today. */
  overdue: z.boolean(),
});
export const followUpAdd = followUpInput.extend({ supervisionId: id }).strict();
export const followUpUpdate = followUpInput.extend({ id }).strict();
export const followUpSetDone = z.object({ id, done: z.boolean() }).strict();
export const followUpsOpenInput = z
  .object({ today: isoDate.optional(), supervisorId: id.optional(), leaderId: id.optional(), limit: z.number().int().min(1).max(500).optional().default(50) })
  .strict()
  .optional()
  .default({ limit: 50 });
export const followUpsOpen = z.object({ items: z.array(followUp), total: z.number().int(), overdue: z.number().int() });

export const supervisionSession = z.object({
  id,
  date: z.string(),
  supervisorId: id,
  supervisorName: z.string(),
  format: supervisionFormat,
  mode: supervisionMode,
  leaders: z.array(z.object({ leaderId: id, name: z.string(), rating: z.number().int().nullable(), note: z.string() })),
  groups: z.array(z.object({ groupId: id, programmeCode: z.string(), unitName: z.string(), venue: z.string(), startDate: z.string() })),
  notes: z.string(),
  followUps: z.array(followUp),
  createdAt: timestamp,
  updatedAt: timestamp,
});

// ---------------------------------------------------------------------------------------------
// Pathway progress (computed) and certification

export const pathwayStatus = z.enum(PATHWAY_STATUSES);
export const checklistItem = z.object({
  key: z.enum(PATHWAY_CHECKS),
  label: bilingual,
  required: z.number().int(),
  done: z.number().int(),
  met: z.boolean(),
  /** E.g. the supervised group that counts, or the best candidate so far. */
  detail: bilingual.nullable(),
  groupId: id.nullable(),
});
export const certification = z.object({
  id,
  leaderId: id,
  leaderName: z.string(),
  programmeId: id,
  programmeCode: z.string(),
  programmeName: z.string(),
  date: z.string(),
  supervisorId: id,
  supervisorName: z.string(),
  /** Whether the requirements were met when certified; false means an override with a reason. */
  requirementsMet: z.boolean(),
  overrideReason: z.string().nullable(),
  note: z.string(),
  createdAt: timestamp,
});
export const pathway = z.object({
  programmeId: id,
  programmeCode: z.string(),
  programmeName: z.string(),
  status: pathwayStatus,
  requirements: pathwayRequirements,
  checklist: z.array(checklistItem),
  requirementsMet: z.boolean(),
  certification: certification.nullable(),
  /** The end (or last held session) of the leader's latest group of this programme. */
  lastLedDate: z.string().nullable(),
  /** Date from which a certified leader counts as inactive unless they lead a group. */
  inactiveFrom: z.string().nullable(),
});
export const certify = z
  .object({
    leaderId: id,
    programmeId: id,
    date: isoDate,
    supervisorId: id,
    /** Required (at least 10 characters) when the requirements are not met. */
    overrideReason: multilineText(textLimits.overrideReason).optional().default(''),
    note: multilineText(textLimits.certificationNote).optional().default(''),
  })
  .strict();
export const certificationList = z.object({ leaderId: id.optional(), programmeId: id.optional() }).strict().optional().default({});

// ---------------------------------------------------------------------------------------------
// Attention rules

export const attentionRule = z.enum(ATTENTION_RULES);
export const attentionFlag = z.object({
  rule: attentionRule,
  /** Self-explaining text with the figures, e.g. "Gruppen X har haft 52 % närvaro (gräns 60 %)". */
  message: bilingual,
  groupId: id.nullable(),
  programmeId: id.nullable(),
  followUpId: id.nullable(),
  /** The figure the rule looked at (weeks, per cent, days overdue) and its threshold. */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
});
/** What each rule means, with its current parameter, for the overview's legend. */
export const attentionRuleInfo = z.object({ rule: attentionRule, title: bilingual, explanation: bilingual, threshold: z.number().nullable() });

// ---------------------------------------------------------------------------------------------
// Supervisor overview and leader page

export const overviewSort = z.enum(['name', 'status', 'attention', 'attendance', 'fidelity', 'lastSupervision', 'groups']);
export const leadersOverviewInput = z
  .object({
    /** With scope 'supervised': only leaders of groups this supervisor supervises or supervision sessions they held. */
    supervisorId: id.optional(),
    scope: z.enum(['supervised', 'all']).optional().default('all'),
    programmeId: id.optional(),
    status: pathwayStatus.optional(),
    attentionOnly: z.boolean().optional().default(false),
    search: z
      .string()
      .trim()
      .max(textLimits.search)
      .refine(oneLine, { error: msg('controlChars') })
      .optional(),
    sort: overviewSort.optional().default('attention'),
    direction: z.enum(['asc', 'desc']).optional(),
    includeArchived: z.boolean().optional().default(false),
    today: isoDate.optional(),
    /** The page of rows to return, after filtering and sorting; without a limit, every row. */
    offset: z.number().int().min(0).max(10_000_000).optional().default(0),
    limit: z.number().int().min(1).max(1000).optional(),
    /** How many of the leaders needing attention (in the same order) to return beside the page. */
    attentionLimit: z.number().int().min(0).max(1000).optional().default(0),
  })
  .strict()
  .refine((i) => i.scope === 'all' || i.supervisorId !== undefined, { error: msg('supervisorRequired'), path: ['supervisorId'] })
  .optional()
  .default({ scope: 'all', attentionOnly: false, sort: 'attention', includeArchived: false, offset: 0, attentionLimit: 0 });

export const leaderRow = z.object({
  leaderId: id,
  name: z.string(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  /** The most advanced status over the leader's programmes. */
  status: pathwayStatus,
  pathways: z.array(z.object({ programmeId: id, programmeCode: z.string(), status: pathwayStatus })),
  groupsLed: z.number().int(),
  runningGroups: z.number().int(),
  /** Present marks out of all marks over the leader's groups (0–1); null without marks. */
  meanAttendance: z.number().nullable(),
  /** Mean session fidelity over the leader's groups (0–100); null without records. */
  meanFidelity: z.number().nullable(),
  /** Mean supervisor rating (1–4); null without ratings. */
  meanRating: z.number().nullable(),
  lastSupervisionDate: z.string().nullable(),
  openFollowUps: z.number().int(),
  attention: z.array(attentionFlag),
});
export const leadersOverview = z.object({
  today: z.string(),
  /** The requested page of the filtered, sorted leaders; `total` counts them all. */
  rows: z.array(leaderRow),
  total: z.number().int(),
  /** The first `attentionLimit` filtered leaders with a flag, and how many have one. */
  attention: z.object({ rows: z.array(leaderRow), total: z.number().int() }),
  rules: z.array(attentionRuleInfo),
});

export const leaderGroup = z.object({
  groupId: id,
  programmeId: id,
  programmeCode: z.string(),
  unitName: z.string(),
  venue: z.string(),
  startDate: z.string(),
  status: z.enum(GROUP_STATUSES),
  supervisorId: id.nullable(),
  supervisorName: z.string().nullable(),
  coLeaders: z.array(z.object({ id, name: z.string() })),
  sessionCount: z.number().int(),
  heldCount: z.number().int(),
  participants: z.number().int(),
  completed: z.number().int(),
  droppedOut: z.number().int(),
  /** Completed out of known outcomes; null while none is known. */
  completionRate: z.number().nullable(),
  meanAttendance: z.number().nullable(),
  meanFidelity: z.number().nullable(),
  lastSupervisionDate: z.string().nullable(),
});
export const trendPoint = z.object({ date: z.string(), groupId: id.nullable(), value: z.number() });
export const leaderPageInput = z.object({ leaderId: id, today: isoDate.optional() }).strict();
export const leaderPage = z.object({
  today: z.string(),
  leader: z.object({
    id,
    name: z.string(),
    unitName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
    isSupervisor: z.boolean(),
  }),
  pathways: z.array(pathway),
  groups: z.array(leaderGroup),
  courses: z.array(
    z.object({
      courseId: id,
      programmeCode: z.string(),
      title: z.string(),
      trainerName: z.string(),
      daysAttended: z.array(z.string()),
      totalDays: z.number().int(),
    }),
  ),
  supervision: z.array(supervisionSession),
  followUps: z.array(followUp),
  certifications: z.array(certification),
  /** Chart series, one point per held session (attendance 0–1, fidelity 0–100) and per rating (1–4); the same rows serve as the table alternative. */
  trends: z.object({ attendance: z.array(trendPoint), fidelity: z.array(trendPoint), rating: z.array(trendPoint) }),
  attention: z.array(attentionFlag),
  ratingScale: z.array(ratingScaleItem),
});

export const certificateSummaryInput = z.object({ leaderId: id, programmeId: id, today: isoDate.optional() }).strict();
export const certificateSummary = z.object({
  printedOn: z.string(),
  leader: z.object({ id, name: z.string(), unitName: z.string().nullable() }),
  programme: z.object({ id, code: z.string(), name: z.string() }),
  pathway,
  courses: z.array(z.object({ title: z.string(), trainerName: z.string(), daysAttended: z.array(z.string()) })),
  groups: z.array(leaderGroup),
  supervision: z.array(
    z.object({ date: z.string(), supervisorName: z.string(), format: supervisionFormat, mode: supervisionMode, rating: z.number().int().nullable() }),
  ),
  certification: certification.nullable(),
});

export type PathwayRequirements = z.output<typeof pathwayRequirements>;
export type LeaderSettings = z.output<typeof leaderSettings>;
export type Course = z.output<typeof course>;
export type SupervisionSession = z.output<typeof supervisionSession>;
export type FollowUp = z.output<typeof followUp>;
export type FollowUpsOpen = z.output<typeof followUpsOpen>;
export type PathwayStatus = z.output<typeof pathwayStatus>;
export type ChecklistItem = z.output<typeof checklistItem>;
export type Pathway = z.output<typeof pathway>;
export type Certification = z.output<typeof certification>;
export type AttentionRule = z.output<typeof attentionRule>;
export type AttentionFlag = z.output<typeof attentionFlag>;
export type AttentionRuleInfo = z.output<typeof attentionRuleInfo>;
export type LeaderRow = z.output<typeof leaderRow>;
export type LeadersOverview = z.output<typeof leadersOverview>;
export type LeaderGroup = z.output<typeof leaderGroup>;
export type LeaderPage = z.output<typeof leaderPage>;
export type CertificateSummary = z.output<typeof certificateSummary>;
export type RatingScaleItem = z.output<typeof ratingScaleItem>;
export type SupervisionFormat = z.output<typeof supervisionFormat>;
export type SupervisionMode = z.output<typeof supervisionMode>;
