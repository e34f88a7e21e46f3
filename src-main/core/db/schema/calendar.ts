import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idColumn, timestamps } from './columns';
import { units } from './organisation';

/** A unit's school breaks (sportlov, påsklov, höstlov …): families are away, so groups pause. */
export const schoolBreaks = sqliteTable(
  'school_breaks',
  {
    id: idColumn(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    ...timestamps,
  },
  (t) => [index('school_breaks_unit_idx').on(t.unitId, t.startDate), check('school_breaks_order', sql`${t.startDate} <= ${t.endDate}`)],
);
