import { eq, sql } from 'drizzle-orm';
import type { Programme } from '../../contract';
import type { Clock } from '../clock';
import { byName, caseInsensitiveGlob } from '../domain/text';
import type { Orm } from '../db/open';
import type { SeedRowOptions } from '../sync/seed-rows';
import { programmes } from '../db/schema';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type ProgrammeFields = Omit<ProgrammeRow, 'id' | 'active' | 'createdAt' | 'updatedAt'>;

// Written out in full: drizzle leaves columns unqualified in a single-table select, which would
// make the subquery compare groups with themselves.
const groupCount = sql<number>`(select count(*) from groups g where g.programme_id = "programmes"."id")`.mapWith(Number);

export function programmeRepo(orm: Orm, clock: Clock) {
  const withCount = () => orm.select({ row: programmes, groupCount }).from(programmes);
  const toProgramme = (r: { row: ProgrammeRow; groupCount: number }): Programme => ({ ...r.row, groupCount: r.groupCount });

  return {
    list(includeArchived: boolean): Programme[] {
      const q = withCount();
      const rows = includeArchived ? q.all() : q.where(eq(programmes.active, true)).all();
      return rows.map(toProgramme).sort(byName);
    },
    get(id: string): Programme | undefined {
      const r = withCount().where(eq(programmes.id, id)).get();
      return r && toProgramme(r);
    },
    /** Id of a programme whose code equals this one regardless of case, if any. */
    findIdByCode(code: string): string | undefined {
      return orm
        .select({ id: programmes.id })
        .from(programmes)
        .where(sql`${programmes.code} glob ${caseInsensitiveGlob(code)}`)
        .get()?.id;
    },
    insert(fields: ProgrammeFields, seed?: SeedRowOptions): Programme {
      const now = seed?.at ?? clock.now();
      const id = seed?.id ?? crypto.randomUUID();
      orm
        .insert(programmes)
        .values({ ...fields, id, active: true, createdAt: now, updatedAt: now })
        .run();
      return this.get(id)!;
    },
    update(id: string, fields: Partial<ProgrammeFields> & { active?: boolean }): Programme {
      orm
        .update(programmes)
        .set({ ...fields, updatedAt: clock.now() })
        .where(eq(programmes.id, id))
        .run();
      return this.get(id)!;
    },
    delete(id: string): void {
      orm.delete(programmes).where(eq(programmes.id, id)).run();
    },
  };
}
export type ProgrammeRepo = ReturnType<typeof programmeRepo>;
