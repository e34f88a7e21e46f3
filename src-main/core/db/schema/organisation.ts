import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn, timestamps } from './columns';
import { AUDIENCES, UNIT_KINDS } from '../../../contract/enums';

export const programmes = sqliteTable(
  'programmes',
  {
    id: idColumn(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    sessionCount: integer('session_count').notNull(),
    sessionLengthMinutes: integer('session_length_minutes').notNull(),
    childAgeMin: integer('child_age_min'),
    childAgeMax: integer('child_age_max'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('programmes_code_unique').on(sql`lower(${t.code})`), check('programmes_session_count_range', sql`${t.sessionCount} between 1 and 60`)],
);

export const units = sqliteTable(
  'units',
  {
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('units_name_unique').on(sql`lower(${t.name})`)],
);

export const staff = sqliteTable(
  'staff',
  {
    id: idColumn(),
    name: text('name').notNull(),
    unitId: text('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    email: text('email'),
    phone: text('phone'),
    isLeader: integer('is_leader', { mode: 'boolean' }).notNull().default(false),
    isSupervisor: integer('is_supervisor', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index('staff_unit_idx').on(t.unitId),
    // The register's pages and the staff choices read every name in order: from this index alone,
    // without the rows or a sort.
    index('staff_active_name_idx').on(t.active, t.name, t.id),
  ],
);

/** Key/value settings that belong to the database (shared by every shell), e.g. the UI language. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
