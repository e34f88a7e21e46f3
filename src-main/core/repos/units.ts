import { eq, sql } from 'drizzle-orm';
import type { Unit } from '../../contract';
import type { Clock } from '../clock';
import { byName, caseInsensitiveGlob } from '../domain/text';
import type { Orm } from '../db/open';
import type { SeedRowOptions } from '../sync/seed-rows';
import { units } from '../db/schema';

export type UnitRow = typeof units.$inferSelect;
export type UnitFields = Pick<UnitRow, 'name' | 'kind'>;

// Written out in full: drizzle leaves columns unqualified in a single-table select.
const groupCount = sql<number>`(select count(*) from groups g where g.unit_id = "units"."id")`.mapWith(Number);
const staffCount = sql<number>`(select count(*) from staff s where s.unit_id = "units"."id")`.mapWith(Number);

export function unitRepo(orm: Orm, clock: Clock) {
  const withCounts = () => orm.select({ row: units, groupCount, staffCount }).from(units);
  const toUnit = (r: { row: UnitRow; groupCount: number; staffCount: number }): Unit => ({ ...r.row, groupCount: r.groupCount, staffCount: r.staffCount });

  return {
    list(includeArchived: boolean): Unit[] {
      const q = withCounts();
      const rows = includeArchived ? q.all() : q.where(eq(units.active, true)).all();
      return rows.map(toUnit).sort(byName);
    },
    get(id: string): Unit | undefined {
      const r = withCounts().where(eq(units.id, id)).get();
      return r && toUnit(r);
    },
    /** Id of a unit whose name equals this one regardless of case (Swedish letters included). */
    findIdByName(name: string): string | undefined {
      return orm
        .select({ id: units.id })
        .from(units)
        .where(sql`${units.name} glob ${caseInsensitiveGlob(name)}`)
        .get()?.id;
    },
    insert(fields: UnitFields, seed?: SeedRowOptions): Unit {
      const now = seed?.at ?? clock.now();
      const id = seed?.id ?? crypto.randomUUID();
      orm
        .insert(units)
        .values({ ...fields, id, active: true, createdAt: now, updatedAt: now })
        .run();
      return this.get(id)!;
    },
    update(id: string, fields: Partial<UnitFields> & { active?: boolean }): Unit {
      orm
        .update(units)
        .set({ ...fields, updatedAt: clock.now() })
        .where(eq(units.id, id))
        .run();
      return this.get(id)!;
    },
    delete(id: string): void {
      orm.delete(units).where(eq(units.id, id)).run();
    },
  };
}
export type UnitRepo = ReturnType<typeof unitRepo>;
