import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The statistics screens' sums, kept by triggers on groups, sessions and participants (migration
// 0030) in the same statement as every write, by hand, by import or by sync's remote apply alike,
// so a report sums a few hundred cells instead of every session and participant of the city.
// Local to each machine, never synced; a cell that falls to nothing is removed, as a rebuild would
// not make it.

/** Groups per programme, unit and start year. */
export const statsGroupCells = sqliteTable(
  'stats_group_cells',
  {
    programmeId: text('programme_id').notNull(),
    unitId: text('unit_id').notNull(),
    year: text('year').notNull(),
    groups: integer('groups').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.unitId, t.year] })],
);

/** Sessions per programme, unit, planned year and status: their participant counts and fidelity records. */
export const statsSessionCells = sqliteTable(
  'stats_session_cells',
  {
    programmeId: text('programme_id').notNull(),
    unitId: text('unit_id').notNull(),
    year: text('year').notNull(),
    status: text('status').notNull(),
    sessions: integer('sessions').notNull(),
    participants: integer('participants').notNull(),
    /** Sum of the recorded fidelity percentages, and how many sessions have one. */
    fidelityTotal: integer('fidelity_total').notNull(),
    fidelityRecords: integer('fidelity_records').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.unitId, t.year, t.status] })],
);

/** Participants per programme: every enrolment, those not moved on, their outcomes and attendance marks. */
export const statsParticipantCells = sqliteTable('stats_participant_cells', {
  programmeId: text('programme_id').primaryKey(),
  enrolments: integer('enrolments').notNull(),
  participants: integer('participants').notNull(),
  completed: integer('completed').notNull(),
  droppedOut: integer('dropped_out').notNull(),
  /** Distinct families among those not moved on: the rows of stats_family_cells with this programme. */
  families: integer('families').notNull(),
  present: integer('present').notNull(),
  marked: integer('marked').notNull(),
});

/** Participants not moved on per programme and family, so a programme's distinct families can be counted as they come and go. */
export const statsFamilyCells = sqliteTable(
  'stats_family_cells',
  {
    programmeId: text('programme_id').notNull(),
    familyId: text('family_id').notNull(),
    participants: integer('participants').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.familyId] })],
);

/** Participants not moved on per family, whatever the programme: the city's families are its rows. */
export const statsFamilies = sqliteTable('stats_families', {
  familyId: text('family_id').primaryKey(),
  participants: integer('participants').notNull(),
});
