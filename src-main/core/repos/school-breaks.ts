import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { SchoolBreak } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { schoolBreaks } from '../db/schema';

const columns = { id: schoolBreaks.id, unitId: schoolBreaks.unitId, name: schoolBreaks.name, startDate: schoolBreaks.startDate, endDate: schoolBreaks.endDate };

export function schoolBreakRepo(orm: Orm, clock: Clock) {
  return {
    listForUnit: (unitId: string): SchoolBreak[] =>
      orm.select(columns).from(schoolBreaks).where(eq(schoolBreaks.unitId, unitId)).orderBy(asc(schoolBreaks.startDate)).all(),
    /** The unit's breaks that overlap [from, to]. */
    overlapping: (unitId: string, from: string, to: string): SchoolBreak[] =>
      orm
        .select(columns)
        .from(schoolBreaks)
        .where(and(eq(schoolBreaks.unitId, unitId), lte(schoolBreaks.startDate, to), gte(schoolBreaks.endDate, from)))
        .orderBy(asc(schoolBreaks.startDate))
        .all(),
    get: (id: string): SchoolBreak | undefined => orm.select(columns).from(schoolBreaks).where(eq(schoolBreaks.id, id)).get(),
    insert(fields: Omit<SchoolBreak, 'id'>): SchoolBreak {
      const now = clock.now();
      const id = crypto.randomUUID();
      orm
        .insert(schoolBreaks)
        .values({ ...fields, id, createdAt: now, updatedAt: now })
        .run();
      return { id, ...fields };
    },
    delete: (id: string): void => {
      orm.delete(schoolBreaks).where(eq(schoolBreaks.id, id)).run();
    },
  };
}
export type SchoolBreakRepo = ReturnType<typeof schoolBreakRepo>;
