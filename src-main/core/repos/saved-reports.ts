import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { ParsedInput, SavedReport } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { savedReports } from '../db/schema';

type Row = typeof savedReports.$inferSelect;
type Fields = Omit<ParsedInput<'savedReports.save'>, 'id'>;

const toSaved = (r: Row): SavedReport => ({
  id: r.id,
  title: r.title,
  lang: r.lang,
  from: r.periodFrom,
  to: r.periodTo,
  unitIds: JSON.parse(r.unitIds) as string[],
  programmeIds: JSON.parse(r.programmeIds) as string[],
  sections: JSON.parse(r.sections) as SavedReport['sections'],
  budget: JSON.parse(r.budget) as SavedReport['budget'],
  notes: JSON.parse(r.notes) as SavedReport['notes'],
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const columns = (f: Fields) => ({
  title: f.title,
  lang: f.lang,
  periodFrom: f.from,
  periodTo: f.to,
  unitIds: JSON.stringify(f.unitIds),
  programmeIds: JSON.stringify(f.programmeIds),
  sections: JSON.stringify(f.sections),
  budget: JSON.stringify(f.budget),
  notes: JSON.stringify(f.notes),
});

/** Saved activity reports: settings, budget lines and texts, each row read and written whole. */
export function savedReportRepo(orm: Orm, clock: Clock) {
  return {
    list: (): SavedReport[] => orm.select().from(savedReports).orderBy(asc(savedReports.title), asc(savedReports.id)).all().map(toSaved),
    get: (id: string): SavedReport | undefined => {
      const row = orm.select().from(savedReports).where(eq(savedReports.id, id)).get();
      return row ? toSaved(row) : undefined;
    },
    insert: (f: Fields): SavedReport => {
      const now = clock.now();
      return toSaved(
        orm
          .insert(savedReports)
          .values({ id: randomUUID(), ...columns(f), createdAt: now, updatedAt: now })
          .returning()
          .get(),
      );
    },
    update: (id: string, f: Fields): SavedReport | undefined => {
      const row = orm
        .update(savedReports)
        .set({ ...columns(f), updatedAt: clock.now() })
        .where(eq(savedReports.id, id))
        .returning()
        .get();
      return row ? toSaved(row) : undefined;
    },
    delete: (id: string): boolean => orm.delete(savedReports).where(eq(savedReports.id, id)).run().changes > 0,
  };
}
