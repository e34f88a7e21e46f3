import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { INSTRUMENT_SOURCES, OUTCOME_STATUSES, RESPONDENTS, RESPONSE_SOURCES } from '../../../contract/enums';
import { idColumn, timestamps } from './columns';
import { programmes } from './organisation';
import { participants } from './participants';

/**
 * Questionnaire definitions (`komet-instrument/1` JSON), one row per code and version. A version
 * is never rewritten (a trigger in the migration refuses it): responses are scored under the
 * version they were entered with, so a changed definition is a new version.
 */
export const instruments = sqliteTable(
  'instruments',
  {
    // Keyed by what it is, so the same version imported on two machines is one row when they sync.
    code: text('code').notNull(),
    version: text('version').notNull(),
    definition: text('definition').notNull(),
    source: text('source', { enum: INSTRUMENT_SOURCES }).notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

/**
 * Which questionnaires a programme's participants answer, by whom and when: `pre`, `post`, or a
 * follow-up (`fu<months>`) with its window in days. The worklist is computed from these rows;
 * what may be entered is not limited by them.
 */
export const outcomeSchedules = sqliteTable(
  'outcome_schedules',
  {
    id: idColumn(),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    instrumentCode: text('instrument_code').notNull(),
    respondent: text('respondent', { enum: RESPONDENTS }).notNull(),
    timepoint: text('timepoint').notNull(),
    /** Months after the last session; set for follow-ups only. */
    months: integer('months'),
    /** Days the follow-up stays open after it falls due; set for follow-ups only. */
    windowDays: integer('window_days'),
    /** Days a closed window stays overdue on the worklist; after them the questionnaire is missed, no longer due. */
    missedAfterDays: integer('missed_after_days').notNull().default(90),
    /** Two people type each paper form; the response counts only once their entries agree or are reconciled. */
    doubleEntry: integer('double_entry', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('outcome_schedules_point_unique').on(t.programmeId, t.instrumentCode, t.timepoint),
    check('outcome_schedules_missed_after', sql`${t.missedAfterDays} between 1 and 730`),
    check(
      'outcome_schedules_followup',
      sql`(${t.timepoint} in ('pre', 'post') and ${t.months} is null and ${t.windowDays} is null) or (${t.timepoint} = 'fu' || ${t.months} and ${t.months} between 1 and 120 and ${t.windowDays} between 1 and 366)`,
    ),
  ],
);

/** A participant who declined or could not be reached at a time point: the worklist stops asking. */
export const outcomeStatuses = sqliteTable(
  'outcome_statuses',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    timepoint: text('timepoint').notNull(),
    status: text('status', { enum: OUTCOME_STATUSES }).notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.participantId, t.timepoint] })],
);

/**
 * One participant's answers to one instrument version at one time point. `answers` is a JSON
 * object of item code → value, with null for an item left blank on the form.
 */
export const outcomeResponses = sqliteTable(
  'outcome_responses',
  {
    id: idColumn(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    instrumentCode: text('instrument_code').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    timepoint: text('timepoint').notNull(),
    date: text('date').notNull(),
    enteredBy: text('entered_by').notNull(),
    answers: text('answers').notNull(),
    /** How the answers came in: typed into the form, or read from a response file. Null for responses stored before it was recorded. */
    source: text('source', { enum: RESPONSE_SOURCES }),
    ...timestamps,
  },
  (t) => [
    foreignKey({ columns: [t.instrumentCode, t.instrumentVersion], foreignColumns: [instruments.code, instruments.version] }).onDelete('restrict'),
    uniqueIndex('outcome_responses_point_unique').on(t.participantId, t.instrumentCode, t.timepoint),
    // The activity report pairs each parent's 'pre' and 'post' answers from this index alone.
    index('outcome_responses_timepoint_idx').on(t.participantId, t.timepoint, t.instrumentCode, t.id),
    index('outcome_responses_instrument_idx').on(t.instrumentCode, t.instrumentVersion),
    // Results read an instrument's responses in id order, so their scores come along the scores' index.
    index('outcome_responses_instrument_cover_idx').on(t.instrumentCode, t.id, t.participantId, t.timepoint),
  ],
);

/**
 * A typed copy of a paper form awaiting its second typing, where the schedule asks for double
 * entry. Nothing reads these as answers: scores, results, export and the worklist see only the
 * response written once two people's entries agree or their differences are reconciled, and the
 * entries are deleted then. `user_name` is the signed-in user who typed it; one user types a
 * form once, so the second entry is always someone else's.
 */
export const outcomeEntries = sqliteTable(
  'outcome_entries',
  {
    id: idColumn(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    instrumentCode: text('instrument_code').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    timepoint: text('timepoint').notNull(),
    date: text('date').notNull(),
    enteredBy: text('entered_by').notNull(),
    userName: text('user_name').notNull(),
    answers: text('answers').notNull(),
    ...timestamps,
  },
  (t) => [
    foreignKey({ columns: [t.instrumentCode, t.instrumentVersion], foreignColumns: [instruments.code, instruments.version] }).onDelete('restrict'),
    uniqueIndex('outcome_entries_user_unique').on(t.participantId, t.instrumentCode, t.timepoint, t.userName),
  ],
);

/**
 * Each response's scale scores at full precision (a double; rounding is for display only),
 * written with the response and rewritten only with it. `band` is the index of the matching band
 * in the scale's definition, null when none matches or the score is null.
 */
export const outcomeScores = sqliteTable(
  'outcome_scores',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => outcomeResponses.id, { onDelete: 'cascade' }),
    scale: text('scale').notNull(),
    score: real('score'),
    band: integer('band'),
    answered: integer('answered'),
    filled: integer('filled').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.scale] }),
    // Results read every score of an instrument by response: from this index alone, not the table's rows.
    index('outcome_scores_response_score_idx').on(t.responseId, t.scale, t.score),
  ],
);

/**
 * Per group, instrument, scale and time point: how many non-null scores its participants have
 * there, their sum and their sum of squares. Derived on each machine by triggers on
 * outcome_scores, outcome_responses and participants (migration 0024), in the same statement as
 * the write, so results add up a few rows per group instead of every score of the city. Sums of
 * whole scores are exact; a cell that falls back to no scores is removed, so nothing is left over.
 */
export const outcomeLevelCells = sqliteTable(
  'outcome_level_cells',
  {
    groupId: text('group_id').notNull(),
    instrumentCode: text('instrument_code').notNull(),
    scale: text('scale').notNull(),
    timepoint: text('timepoint').notNull(),
    n: integer('n').notNull(),
    total: real('total').notNull(),
    squares: real('squares').notNull(),
  },
  (t) => [
    // The table is its primary key's b-tree (WITHOUT ROWID, migration 0033, which drizzle cannot
    // say): a group's cells are read in key order from it alone, and a write changes one b-tree.
    primaryKey({ columns: [t.groupId, t.instrumentCode, t.scale, t.timepoint] }),
  ],
);

/**
 * Per group, instrument, scale and later time point: the participants scored there and at `pre`
 * on the same scale, with the sums and sums of squares of their `pre` scores, their later scores
 * and the changes (later − pre). Kept by the same triggers as the level cells.
 */
export const outcomeChangeCells = sqliteTable(
  'outcome_change_cells',
  {
    groupId: text('group_id').notNull(),
    instrumentCode: text('instrument_code').notNull(),
    scale: text('scale').notNull(),
    timepoint: text('timepoint').notNull(),
    n: integer('n').notNull(),
    beforeTotal: real('before_total').notNull(),
    beforeSquares: real('before_squares').notNull(),
    afterTotal: real('after_total').notNull(),
    afterSquares: real('after_squares').notNull(),
    changeTotal: real('change_total').notNull(),
    changeSquares: real('change_squares').notNull(),
  },
  (t) => [
    // WITHOUT ROWID (0033), as the level cells.
    primaryKey({ columns: [t.groupId, t.instrumentCode, t.scale, t.timepoint] }),
  ],
);

/**
 * Per group, instrument and time point: how many responses its participants who did not move on
 * have given there, what a response rate's "returned" is counted from. Kept by the same triggers.
 */
export const outcomeReturnCells = sqliteTable(
  'outcome_return_cells',
  {
    groupId: text('group_id').notNull(),
    instrumentCode: text('instrument_code').notNull(),
    timepoint: text('timepoint').notNull(),
    returned: integer('returned').notNull(),
  },
  (t) => [
    // WITHOUT ROWID (0033), as the level cells.
    primaryKey({ columns: [t.groupId, t.instrumentCode, t.timepoint] }),
  ],
);

/**
 * Per group: how many of its participants have not moved on, what a response rate's "due" is
 * counted from. Kept by triggers on participants (migration 0027), so results read one row per
 * group instead of every enrolment of the city.
 */
export const outcomeEnrolmentCells = sqliteTable('outcome_enrolment_cells', {
  groupId: text('group_id').primaryKey(),
  enrolled: integer('enrolled').notNull(),
});

/**
 * Per group, scheduled instrument and time point: its participants who have not moved on and have
 * neither a response there nor a declined or unreachable mark. Kept by triggers on participants,
 * groups, schedules, responses and marks (migration 0028), so the worklist's first read after a
 * write looks up its open points' rows instead of asking every enrolment of them.
 */
export const outcomeUnanswered = sqliteTable(
  'outcome_unanswered',
  {
    groupId: text('group_id').notNull(),
    instrumentCode: text('instrument_code').notNull(),
    timepoint: text('timepoint').notNull(),
    participantId: text('participant_id').notNull(),
  },
  (t) => [
    // WITHOUT ROWID (0033): a point's rows are read in key order from the table itself.
    primaryKey({ columns: [t.groupId, t.instrumentCode, t.timepoint, t.participantId] }),
    // A response or a mark finds the rows it answers by participant.
    index('outcome_unanswered_participant_idx').on(t.participantId, t.timepoint, t.instrumentCode),
  ],
);

/**
 * The per-group cells summed once more, per programme and group start date (migration 0029): a
 * result over the whole city, a programme or a period adds up a few thousand rows instead of one per
 * group. Kept by triggers on the per-group cells, on groups (a changed programme or start date) and
 * on group_spans (a changed session span); empty groups have no row.
 */
export const outcomeScopeLevelCells = sqliteTable(
  'outcome_scope_level_cells',
  {
    instrumentCode: text('instrument_code').notNull(),
    programmeId: text('programme_id').notNull(),
    startDate: text('start_date').notNull(),
    scale: text('scale').notNull(),
    timepoint: text('timepoint').notNull(),
    n: integer('n').notNull(),
    total: real('total').notNull(),
    squares: real('squares').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.instrumentCode, t.programmeId, t.startDate, t.scale, t.timepoint] }),
    index('outcome_scope_level_cells_cover_idx').on(t.instrumentCode, t.programmeId, t.startDate, t.scale, t.timepoint, t.n, t.total, t.squares),
  ],
);

export const outcomeScopeChangeCells = sqliteTable(
  'outcome_scope_change_cells',
  {
    instrumentCode: text('instrument_code').notNull(),
    programmeId: text('programme_id').notNull(),
    startDate: text('start_date').notNull(),
    scale: text('scale').notNull(),
    timepoint: text('timepoint').notNull(),
    n: integer('n').notNull(),
    beforeTotal: real('before_total').notNull(),
    beforeSquares: real('before_squares').notNull(),
    afterTotal: real('after_total').notNull(),
    afterSquares: real('after_squares').notNull(),
    changeTotal: real('change_total').notNull(),
    changeSquares: real('change_squares').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.instrumentCode, t.programmeId, t.startDate, t.scale, t.timepoint] }),
    index('outcome_scope_change_cells_cover_idx').on(
      t.instrumentCode,
      t.programmeId,
      t.startDate,
      t.scale,
      t.timepoint,
      t.n,
      t.beforeTotal,
      t.beforeSquares,
      t.afterTotal,
      t.afterSquares,
      t.changeTotal,
      t.changeSquares,
    ),
  ],
);

/**
 * Enrolments that have not moved on, per programme, group start date and session span (first and
 * last session; '' while a group has none): a response rate's windows hang on the span alone.
 */
export const outcomeScopeEnrolments = sqliteTable(
  'outcome_scope_enrolments',
  {
    programmeId: text('programme_id').notNull(),
    startDate: text('start_date').notNull(),
    firstSession: text('first_session').notNull(),
    lastSession: text('last_session').notNull(),
    enrolled: integer('enrolled').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.startDate, t.firstSession, t.lastSession] }),
    index('outcome_scope_enrolments_cover_idx').on(t.programmeId, t.startDate, t.firstSession, t.lastSession, t.enrolled),
  ],
);

/** Of those, per instrument and time point, the responses returned. */
export const outcomeScopeReturns = sqliteTable(
  'outcome_scope_returns',
  {
    instrumentCode: text('instrument_code').notNull(),
    programmeId: text('programme_id').notNull(),
    startDate: text('start_date').notNull(),
    firstSession: text('first_session').notNull(),
    lastSession: text('last_session').notNull(),
    timepoint: text('timepoint').notNull(),
    returned: integer('returned').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.instrumentCode, t.programmeId, t.startDate, t.firstSession, t.lastSession, t.timepoint] }),
    index('outcome_scope_returns_cover_idx').on(t.instrumentCode, t.programmeId, t.startDate, t.firstSession, t.lastSession, t.timepoint, t.returned),
  ],
);
