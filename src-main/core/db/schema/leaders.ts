import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn, timestamps } from './columns';
import { groups } from './groups';
import { programmes, staff } from './organisation';
import { SUPERVISION_FORMATS, SUPERVISION_MODES } from '../../../contract/enums';

/** What a leader must have done before certification, per programme; no row means the defaults. */
export const pathwayRequirements = sqliteTable(
  'pathway_requirements',
  {
    programmeId: text('programme_id')
      .primaryKey()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    minCourseDays: integer('min_course_days').notNull(),
    requireSupervisedGroup: integer('require_supervised_group', { mode: 'boolean' }).notNull(),
    supervisedGroupMinHeldPercent: integer('supervised_group_min_held_percent').notNull(),
    minSupervisionSessions: integer('min_supervision_sessions').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    check(
      'pathway_requirements_ranges',
      sql`${t.minCourseDays} between 0 and 30 and ${t.supervisedGroupMinHeldPercent} between 1 and 100
      and ${t.minSupervisionSessions} between 0 and 50`,
    ),
  ],
);

/** A group-leader training course; its days are rows of course_days. */
export const courses = sqliteTable(
  'courses',
  {
    id: idColumn(),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    trainerStaffId: text('trainer_staff_id').references(() => staff.id, { onDelete: 'restrict' }),
    trainerName: text('trainer_name').notNull().default(''),
    note: text('note').notNull().default(''),
    /** Kept equal to the first and last course day so lists sort without reading the days. */
    firstDate: text('first_date').notNull(),
    lastDate: text('last_date').notNull(),
    ...timestamps,
  },
  (t) => [index('courses_programme_date_idx').on(t.programmeId, t.firstDate)],
);

export const courseDays = sqliteTable(
  'course_days',
  {
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.date] })],
);

/** Which leader attended which course day; removing a day removes its attendance. */
export const courseAttendance = sqliteTable(
  'course_attendance',
  {
    courseId: text('course_id').notNull(),
    date: text('date').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.date, t.staffId] }),
    foreignKey({ columns: [t.courseId, t.date], foreignColumns: [courseDays.courseId, courseDays.date] }).onDelete('cascade'),
    index('course_attendance_staff_idx').on(t.staffId, t.courseId),
    // The activity report's leaders in course: a period's course days from this index alone.
    index('course_attendance_date_idx').on(t.date, t.staffId, t.courseId),
  ],
);

/** One supervision meeting: who supervised, how, and when. */
export const supervisionSessions = sqliteTable(
  'supervision_sessions',
  {
    id: idColumn(),
    date: text('date').notNull(),
    supervisorId: text('supervisor_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    format: text('format', { enum: SUPERVISION_FORMATS }).notNull(),
    mode: text('mode', { enum: SUPERVISION_MODES }).notNull(),
    notes: text('notes').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('supervision_supervisor_date_idx').on(t.supervisorId, t.date),
    // A period's sessions with their ids (the activity report counts each one's leaders) from the
    // index alone.
    index('supervision_date_id_idx').on(t.date, t.id),
    // The leader overview looks up the date of ~90,000 (leader, session) pairs at city scale; from
    // this index alone each lookup is one search instead of a search and a table read.
    index('supervision_id_date_idx').on(t.id, t.date),
  ],
);

/** Leaders present at a supervision session, each with an optional 1–4 fidelity rating. */
export const supervisionLeaders = sqliteTable(
  'supervision_leaders',
  {
    supervisionId: text('supervision_id')
      .notNull()
      .references(() => supervisionSessions.id, { onDelete: 'cascade' }),
    leaderId: text('leader_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    rating: integer('rating'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.supervisionId, t.leaderId] }),
    // With the rating, a leader's mean rating and sessions come from this index without the table.
    index('supervision_leaders_leader_idx').on(t.leaderId, t.supervisionId, t.rating),
    check('supervision_leaders_rating_range', sql`${t.rating} is null or ${t.rating} between 1 and 4`),
  ],
);

/** Groups discussed at a supervision session. */
export const supervisionGroups = sqliteTable(
  'supervision_groups',
  {
    supervisionId: text('supervision_id')
      .notNull()
      .references(() => supervisionSessions.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.supervisionId, t.groupId] }), index('supervision_groups_group_idx').on(t.groupId, t.supervisionId)],
);

/** Actions agreed at supervision; open ones stay on the dashboard until marked done. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: idColumn(),
    supervisionId: text('supervision_id')
      .notNull()
      .references(() => supervisionSessions.id, { onDelete: 'cascade' }),
    leaderId: text('leader_id').references(() => staff.id, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    dueDate: text('due_date').notNull(),
    done: integer('done', { mode: 'boolean' }).notNull().default(false),
    doneAt: text('done_at'),
    ...timestamps,
  },
  (t) => [
    index('follow_ups_supervision_idx').on(t.supervisionId),
    index('follow_ups_open_idx')
      .on(t.dueDate)
      .where(sql`${t.done} = 0`),
  ],
);

/** A leader certified for a programme, by a supervisor; at most one per leader and programme. */
export const certifications = sqliteTable(
  'certifications',
  {
    id: idColumn(),
    leaderId: text('leader_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'restrict' }),
    date: text('date').notNull(),
    supervisorId: text('supervisor_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    requirementsMet: integer('requirements_met', { mode: 'boolean' }).notNull(),
    overrideReason: text('override_reason'),
    note: text('note').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('certifications_leader_programme_unique').on(t.leaderId, t.programmeId),
    check('certifications_override_reason', sql`${t.requirementsMet} = 1 or length(${t.overrideReason}) > 0`),
  ],
);
