import { sql } from 'drizzle-orm';
import { check, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from '../../../contract/enums';
import { idColumn, timestamps } from './columns';

/**
 * A saved activity report: its title, period, scope, sections and language, the user's budget
 * lines for the period and a free-text summary per section. The lists and texts are JSON, read and
 * written whole with the report; nothing else queries inside them.
 */
export const savedReports = sqliteTable(
  'saved_reports',
  {
    id: idColumn(),
    title: text('title').notNull(),
    lang: text('lang', { enum: LANGUAGES }).notNull().default('sv'),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    /** JSON arrays of ids; empty: all. */
    unitIds: text('unit_ids').notNull().default('[]'),
    programmeIds: text('programme_ids').notNull().default('[]'),
    /** JSON array of the section keys shown, in order. */
    sections: text('sections').notNull(),
    /** JSON array of { label, kind: cost | income, amount } in whole kronor. */
    budget: text('budget').notNull().default('[]'),
    /** JSON object of section key → summary text. */
    notes: text('notes').notNull().default('{}'),
    ...timestamps,
  },
  (t) => [check('saved_reports_period', sql`${t.periodFrom} <= ${t.periodTo}`)],
);
