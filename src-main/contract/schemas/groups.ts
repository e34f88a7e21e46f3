import { z } from 'zod';
import { msg } from '../messages';
import { clockTime, id, isoDate, multilineText, oneLine, optionalText, timestamp, tooLong } from './common';
import { GROUP_STATUSES, SESSION_STATUSES } from '../enums';
import { textLimits } from '../limits';

export const groupStatus = z.enum(GROUP_STATUSES);
export const sessionStatus = z.enum(SESSION_STATUSES);

const leaderIds = z
  .array(id, { error: msg('leaderRequired') })
  .min(1, { error: msg('leaderRequired') })
  .max(6)
  .refine((ids) => new Set(ids).size === ids.length, { error: msg('leaderDuplicate') });

const groupFields = z.object({
  programmeId: id,
  unitId: id,
  venue: optionalText(textLimits.venue).default(''),
  startDate: isoDate,
  startTime: clockTime,
  note: multilineText(textLimits.groupNote).default(''),
  leaderIds,
  supervisorId: id.nullish().transform((v) => v ?? null),
});

/** Creating a group lays out the programme's sessions weekly from the start date. */
export const groupInput = groupFields
  .extend({
    /** Lay sessions out past public holidays and the unit's school breaks (each skipped week moves the rest on). */
    skipHolidays: z.boolean().optional().default(false),
  })
  .strict();
/** Editing a group never rewrites its sessions; sessions are moved one by one. */
export const groupUpdate = groupFields
  .extend({
    id,
    status: groupStatus,
    /** When the start date changes, move the sessions not yet held by the same number of days. */
    movePlannedSessions: z.boolean().optional().default(false),
  })
  .strict();

export const groupListInput = z
  .object({
    programmeId: id.optional(),
    unitId: id.optional(),
    status: groupStatus.optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    search: z
      .string()
      .trim()
      .max(textLimits.search)
      .refine(oneLine, { error: msg('controlChars') })
      .optional(),
    limit: z.number().int().min(1).max(500).optional().default(50),
    offset: z.number().int().min(0).optional().default(0),
  })
  .strict()
  .optional()
  .default({ limit: 50, offset: 0 });

export const personRef = z.object({ id, name: z.string() });

export const groupSummary = z.object({
  id,
  programmeId: id,
  programmeName: z.string(),
  programmeCode: z.string(),
  unitId: id,
  unitName: z.string(),
  venue: z.string(),
  startDate: z.string(),
  weekday: z.number().int().min(1).max(7),
  startTime: z.string(),
  status: groupStatus,
  leaders: z.array(personRef),
  sessionCount: z.number().int(),
  heldCount: z.number().int(),
  cancelledCount: z.number().int(),
  nextSessionDate: z.string().nullable(),
});
export const groupList = z.object({ items: z.array(groupSummary), total: z.number().int() });
export const groupYears = z.array(z.number().int());

export const session = z.object({
  id,
  groupId: id,
  number: z.number().int(),
  plannedDate: z.string(),
  status: sessionStatus,
  heldDate: z.string().nullable(),
  cancelReason: z.string().nullable(),
  participantCount: z.number().int().nullable(),
  isExtra: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const groupDetail = groupSummary.extend({
  note: z.string(),
  supervisor: personRef.nullable(),
  programmeSessionLengthMinutes: z.number().int(),
  sessions: z.array(session),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const participantCount = z
  .number({ error: msg('participantCount') })
  .int({ error: msg('participantCount') })
  .min(0, { error: msg('participantCount') })
  .max(99, { error: msg('participantCount') });

/** Recording what happened at a session; each outcome carries exactly the fields it needs. */
export const sessionRecord = z.discriminatedUnion('status', [
  // null: "count the marks" (a group tracking attendance per person); the core asks for a number otherwise.
  z
    .object({
      id,
      status: z.literal('held'),
      heldDate: isoDate,
      participantCount: participantCount.nullable(),
      /** The fidelity record saved with it, in the same transaction (Registrera träff saves both at once). */
      fidelity: z
        .object({ covered: z.array(z.string().max(40)).max(20), note: multilineText(textLimits.fidelityNote).optional().default('') })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      id,
      status: z.literal('cancelled'),
      cancelReason: z
        .string({ error: msg('cancelReason') })
        .trim()
        .min(1, { error: msg('cancelReason') })
        .max(textLimits.cancelReason, tooLong)
        .refine(oneLine, { error: msg('controlChars') }),
    })
    .strict(),
  z.object({ id, status: z.literal('planned') }).strict(),
]);
export const sessionMove = z
  .object({
    id,
    plannedDate: isoDate,
    /** Shift every later session that is not held by the same number of days. */
    withFollowing: z.boolean().optional().default(false),
    /** The user has confirmed that the session may come before an earlier-numbered one. */
    allowOutOfOrder: z.boolean().optional().default(false),
  })
  .strict();
export const sessionAddExtra = z.object({ groupId: id, plannedDate: isoDate }).strict();

export const sessionWithGroup = session.extend({
  groupVenue: z.string(),
  programmeName: z.string(),
  programmeCode: z.string(),
  unitName: z.string(),
  startTime: z.string(),
});

export const dashboardInput = z.object({ today: isoDate.optional() }).strict().optional().default({});
export const dashboard = z.object({
  today: z.string(),
  activeGroups: z.number().int(),
  plannedGroups: z.number().int(),
  sessionsHeldThisYear: z.number().int(),
  /** Visits: the participants present summed over this year's held sessions (a person comes back each week). */
  participantCountThisYear: z.number().int(),
  /**
   * People: each person once, present at least once this year where attendance is kept per person,
   * or enrolled in a counts-only group that held a session this year.
   */
  peopleThisYear: z.number().int(),
  upcomingThisWeek: z.array(sessionWithGroup),
  upcomingTotal: z.number().int(),
  overdue: z.array(sessionWithGroup),
  overdueTotal: z.number().int(),
});

const breakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  groups: z.number().int(),
  sessionsHeld: z.number().int(),
  participantCount: z.number().int(),
});
export const stats = z.object({
  programmes: z.number().int(),
  units: z.number().int(),
  leaders: z.number().int(),
  supervisors: z.number().int(),
  groups: z.number().int(),
  sessions: z.object({ planned: z.number().int(), held: z.number().int(), cancelled: z.number().int() }),
  participantCount: z.number().int(),
  byProgramme: z.array(breakdownRow),
  byUnit: z.array(breakdownRow),
  byYear: z.array(breakdownRow),
});

export type GroupSummary = z.output<typeof groupSummary>;
export type GroupDetail = z.output<typeof groupDetail>;
export type Session = z.output<typeof session>;
export type SessionWithGroup = z.output<typeof sessionWithGroup>;
export type Dashboard = z.output<typeof dashboard>;
export type Stats = z.output<typeof stats>;
