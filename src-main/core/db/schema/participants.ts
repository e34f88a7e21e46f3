import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn, timestamps } from './columns';
import { groups, sessions } from './groups';
import { programmes } from './organisation';
import { ATTENDANCE_STATES, CHILD_GENDERS, CONSENTS, MANUAL_STATUSES, PARTICIPANT_STATUSES, RELATIONS } from '../../../contract/enums';

/** Links caregivers of the same child, so two parents count as one family reached. */
export const families = sqliteTable('families', {
  id: idColumn(),
  childBirthYear: integer('child_birth_year'),
  childGender: text('child_gender', { enum: CHILD_GENDERS }),
  ...timestamps,
});

/** The short, editable list of reasons a leader picks from when someone drops out. */
export const dropoutReasons = sqliteTable(
  'dropout_reasons',
  {
    id: idColumn(),
    code: text('code').notNull(),
    labelSv: text('label_sv').notNull(),
    labelEn: text('label_en').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('dropout_reasons_code_unique').on(t.code)],
);

/**
 * One row per enrolment of a person in a group. A move ends the enrolment (manual status
 * `moved`, moved_to_group_id) and starts a new row with the same person_id, so the old group's
 * attendance and counts stay exactly as they were.
 *
 * status, at_risk, absent_streak, present_count, held_count and last_session_attended are
 * derived from attendance by the domain rules and rewritten on every change that affects them;
 * they are stored so statistics over 100,000 participants read one table instead of a million
 * attendance marks.
 */
export const participants = sqliteTable(
  'participants',
  {
    id: idColumn(),
    personId: text('person_id').notNull(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    familyId: text('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    displayName: text('display_name').notNull(),
    relation: text('relation', { enum: RELATIONS }).notNull(),
    contact: text('contact'),
    enrolmentDate: text('enrolment_date').notNull(),
    consent: text('consent', { enum: CONSENTS }).notNull().default('not_asked'),
    consentDate: text('consent_date'),
    manualStatus: text('manual_status', { enum: MANUAL_STATUSES }),
    keepActive: integer('keep_active', { mode: 'boolean' }).notNull().default(false),
    dropoutReasonId: text('dropout_reason_id').references(() => dropoutReasons.id, { onDelete: 'restrict' }),
    manualLastSession: integer('manual_last_session'),
    movedFromGroupId: text('moved_from_group_id').references(() => groups.id, { onDelete: 'set null' }),
    movedToGroupId: text('moved_to_group_id').references(() => groups.id, { onDelete: 'set null' }),
    status: text('status', { enum: PARTICIPANT_STATUSES }).notNull().default('active'),
    atRisk: integer('at_risk', { mode: 'boolean' }).notNull().default(false),
    absentStreak: integer('absent_streak').notNull().default(0),
    presentCount: integer('present_count').notNull().default(0),
    markedCount: integer('marked_count').notNull().default(0),
    heldCount: integer('held_count').notNull().default(0),
    lastSessionAttended: integer('last_session_attended'),
    ...timestamps,
  },
  (t) => [
    // Covering: group pages, statistics, this year's outcomes and the activity report (which also
    // reads the last session attended and, to reach questionnaires, the id) read the index, never the rows.
    index('participants_group_cover_idx').on(t.groupId, t.status, t.familyId, t.presentCount, t.markedCount, t.lastSessionAttended, t.id),
    index('participants_family_status_idx').on(t.familyId, t.status),
    index('participants_person_idx').on(t.personId),
    // The dashboard's at-risk list reads only flagged rows.
    index('participants_at_risk_idx')
      .on(t.atRisk)
      .where(sql`${t.atRisk} = 1`),
    check('participants_consent_date', sql`(${t.consent} = 'not_asked') = (${t.consentDate} is null)`),
  ],
);

/** One mark per participant and session; a missing row means nothing has been recorded. */
export const attendance = sqliteTable(
  'attendance',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ATTENDANCE_STATES }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.sessionId] }), index('attendance_session_idx').on(t.sessionId, t.state)],
);

/** Completion and dropout thresholds per programme; a programme without a row uses the defaults. */
export const programmeRules = sqliteTable(
  'programme_rules',
  {
    programmeId: text('programme_id')
      .primaryKey()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    completionPercent: integer('completion_percent').notNull().default(70),
    dropoutAfter: integer('dropout_after').notNull().default(3),
    atRiskAfter: integer('at_risk_after').notNull().default(2),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    check('programme_rules_completion_range', sql`${t.completionPercent} between 1 and 100`),
    check('programme_rules_dropout_range', sql`${t.dropoutAfter} between 1 and 20 and ${t.atRiskAfter} between 1 and ${t.dropoutAfter}`),
  ],
);

/** Per session number of a programme: a title and the components (JSON [{key, sv, en}]). */
export const sessionPlans = sqliteTable(
  'session_plans',
  {
    id: idColumn(),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    components: text('components').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('session_plans_programme_number_unique').on(t.programmeId, t.number)],
);

/**
 * What a held session covered. The components are copied in when recorded (JSON
 * [{key, sv, en, covered}]) so later plan edits never change a past session's fidelity.
 */
export const fidelityRecords = sqliteTable(
  'fidelity_records',
  {
    sessionId: text('session_id')
      .primaryKey()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    components: text('components').notNull(),
    coveredCount: integer('covered_count').notNull(),
    totalCount: integer('total_count').notNull(),
    note: text('note').notNull().default(''),
    ...timestamps,
  },
  (t) => [check('fidelity_counts', sql`${t.totalCount} > 0 and ${t.coveredCount} between 0 and ${t.totalCount}`)],
);

/**
 * Present marks per person and calendar year at held sessions of groups that keep attendance per
 * person. Kept by triggers (migration 0013) on every write to attendance, sessions, groups and
 * participants, so the dashboard counts the year's people from an index range instead of joining
 * the year's marks. Rows may hold 0 after marks are undone; readers count `marks > 0`.
 */
export const presenceYears = sqliteTable(
  'presence_years',
  {
    year: text('year').notNull(),
    personId: text('person_id').notNull(),
    marks: integer('marks').notNull(),
  },
  // Triggers find a person's rows by the key; the dashboard counts a year's people from the index.
  (t) => [primaryKey({ columns: [t.personId, t.year] }), index('presence_years_year_idx').on(t.year, t.marks)],
);
