import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn, timestamps } from './columns';
import { programmes, staff, units } from './organisation';
import { GROUP_STATUSES, SESSION_STATUSES } from '../../../contract/enums';

export const groups = sqliteTable(
  'groups',
  {
    id: idColumn(),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'restrict' }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    supervisorId: text('supervisor_id').references(() => staff.id, { onDelete: 'restrict' }),
    venue: text('venue').notNull().default(''),
    startDate: text('start_date').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: GROUP_STATUSES }).notNull().default('planned'),
    /** Attendance per participant is recorded and the session counts follow from it; false: counts are typed in. */
    tracksAttendance: integer('tracks_attendance', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // Programme and unit filters read the group list in start-date order straight from these.
    index('groups_programme_start_idx').on(t.programmeId, t.startDate),
    index('groups_unit_start_idx').on(t.unitId, t.startDate),
    index('groups_supervisor_idx').on(t.supervisorId),
    index('groups_status_start_idx').on(t.status, t.startDate),
    index('groups_start_idx').on(t.startDate),
    // Groups that count heads only are few; the dashboard's people count finds them from this.
    index('groups_counts_only_idx')
      .on(t.id)
      .where(sql`${t.tracksAttendance} = 0`),
    check('groups_weekday_range', sql`${t.weekday} between 1 and 7`),
  ],
);

export const groupLeaders = sqliteTable(
  'group_leaders',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.staffId] }), index('group_leaders_staff_idx').on(t.staffId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: idColumn(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    plannedDate: text('planned_date').notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('planned'),
    heldDate: text('held_date'),
    cancelReason: text('cancel_reason'),
    participantCount: integer('participant_count'),
    /** Distinct families present, derived from attendance; null where attendance is not tracked. */
    familyCount: integer('family_count'),
    /** Covered share of the session plan in whole per cent, copied from its fidelity record; null: none recorded. */
    fidelityPercent: integer('fidelity_percent'),
    isExtra: integer('is_extra', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('sessions_group_number_unique').on(t.groupId, t.number),
    // Covers the overview and statistics (counts, participant sums, overdue per group) without
    // reading the table: 190,000 random row reads would cost tens of milliseconds.
    index('sessions_status_date_cover_idx').on(t.status, t.plannedDate, t.groupId, t.participantCount),
    index('sessions_date_idx').on(t.plannedDate),
    // The dashboard's "held but not recorded" lists read only the sessions that lack a record; with
    // the group in the index their counts leave out cancelled groups without reading a session row.
    // They hold all a list shows and the columns of their condition too: only an index that answers
    // the statement alone is chosen by the planner over the status-and-date index, whose status
    // column matches one of the conditions (0034).
    index('sessions_held_no_attendance_idx')
      .on(t.plannedDate, t.groupId, t.number, t.heldDate, t.id, t.status, t.familyCount)
      .where(sql`${t.status} = 'held' and ${t.familyCount} is null`),
    index('sessions_held_no_fidelity_idx')
      .on(t.plannedDate, t.groupId, t.number, t.heldDate, t.id, t.status, t.fidelityPercent)
      .where(sql`${t.status} = 'held' and ${t.fidelityPercent} is null`),
    index('sessions_fidelity_idx')
      .on(t.groupId, t.fidelityPercent)
      .where(sql`${t.fidelityPercent} is not null`),
    // The leader overview's per-group session figures (count, held, last held, mean fidelity) for
    // every group at once, read from this index alone: half the time of the table at city scale.
    index('sessions_group_stats_idx').on(t.groupId, t.status, t.isExtra, t.heldDate, t.plannedDate, t.fidelityPercent),
    check('sessions_participant_count_range', sql`${t.participantCount} is null or ${t.participantCount} between 0 and 99`),
  ],
);

/**
 * Each group's span of sessions that count (not cancelled; a session's date is the day it was held,
 * else the day it is planned for): the dates every questionnaire window is counted from. Derived on
 * each machine by triggers on sessions and groups (migration 0023), in the same statement as the
 * write, so the city's worklist reads only the groups near today instead of every session.
 */
export const groupSpans = sqliteTable(
  'group_spans',
  {
    groupId: text('group_id').primaryKey(),
    firstSession: text('first_session').notNull(),
    lastSession: text('last_session').notNull(),
  },
  (t) => [index('group_spans_last_idx').on(t.lastSession, t.firstSession, t.groupId)],
);
