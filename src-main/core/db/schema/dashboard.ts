import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The overview's yearly figures, kept by triggers on groups, sessions and participants (migration
// 0031) in the same statement as every write, by hand, by import or by sync's remote apply alike,
// so the overview reads a few cells instead of every group of the year and its participants.
// Local to each machine, never synced; a cell that falls to nothing is removed, as a rebuild would
// not make it.

/**
 * Outcomes per start year of the groups that keep attendance and have ended (the test of
 * groupHasEnded): participants who completed, and those whose outcome is known.
 */
export const dashOutcomeYears = sqliteTable('dash_outcome_years', {
  year: text('year').primaryKey(),
  completed: integer('completed').notNull(),
  known: integer('known').notNull(),
});

/**
 * Per person and year, their enrolments not moved on in groups that count heads only and held a
 * session planned in that year: the people such groups reached, whom no attendance mark names.
 */
export const dashHeadYears = sqliteTable(
  'dash_head_years',
  {
    personId: text('person_id').notNull(),
    year: text('year').notNull(),
    groups: integer('groups').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] }), index('dash_head_years_year_idx').on(t.year, t.personId)],
);
