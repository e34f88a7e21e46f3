import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { StaffMember, StaffName } from '../../contract';
import type { Clock } from '../clock';
import { byName } from '../domain/text';
import type { Orm } from '../db/open';
import { groupLeaders, groups, staff, units } from '../db/schema';

export type StaffRow = typeof staff.$inferSelect;
export type StaffFields = Pick<StaffRow, 'name' | 'unitId' | 'email' | 'phone' | 'isLeader' | 'isSupervisor'>;

/** Groups a person leads or supervises, each counted once. */
const groupCount = sql<number>`(select count(*) from groups g where g.supervisor_id = "staff"."id"
  or g.id in (select gl.group_id from group_leaders gl where gl.staff_id = "staff"."id"))`.mapWith(Number);

export function staffRepo(orm: Orm, clock: Clock) {
  const select = () => orm.select({ row: staff, unitName: units.name, groupCount }).from(staff).leftJoin(units, eq(units.id, staff.unitId));
  const toMember = (r: { row: StaffRow; unitName: string | null; groupCount: number }): StaffMember => ({
    ...r.row,
    unitName: r.unitName,
    groupCount: r.groupCount,
  });

  return {
    list(filter: { includeArchived: boolean; role?: 'leader' | 'supervisor' | undefined }): StaffMember[] {
      const where: SQL[] = [];
      if (!filter.includeArchived) where.push(eq(staff.active, true));
      if (filter.role === 'leader') where.push(eq(staff.isLeader, true));
      if (filter.role === 'supervisor') where.push(eq(staff.isSupervisor, true));
      return select()
        .where(and(...where))
        .orderBy(staff.name)
        .all()
        .map(toMember)
        .sort(byName);
    },
    /**
     * Ids and names of those who hold a role, for pickers and filters: no unit, contact details
     * or group counts (counting every supervisor's groups is most of what list() costs).
     */
    names(filter: { includeArchived: boolean; role?: 'leader' | 'supervisor' | undefined }): StaffName[] {
      const where: SQL[] = [];
      if (!filter.includeArchived) where.push(eq(staff.active, true));
      if (filter.role === 'leader') where.push(eq(staff.isLeader, true));
      if (filter.role === 'supervisor') where.push(eq(staff.isSupervisor, true));
      return orm
        .select({ id: staff.id, name: staff.name })
        .from(staff)
        .where(and(...where))
        .orderBy(staff.name)
        .all()
        .sort(byName);
    },
    /**
     * One page of the register by name. Only ids and names are read for all staff; the page's
     * rows alone are read whole, with their group counts.
     */
    page(view: { includeArchived: boolean; search: string; offset: number; limit: number }): { rows: StaffMember[]; total: number } {
      const term = view.search.toLocaleLowerCase('sv');
      const names = orm
        .select({ id: staff.id, name: staff.name })
        .from(staff)
        .where(view.includeArchived ? undefined : eq(staff.active, true))
        // Byte order is nearly Swedish order: the sort below then has little left to do (20× faster).
        .orderBy(staff.name)
        .all()
        .filter((s) => !term || s.name.toLocaleLowerCase('sv').includes(term))
        .sort(byName);
      const ids = names.slice(view.offset, view.offset + view.limit).map((s) => s.id);
      const byId = new Map(
        ids.length
          ? select()
              .where(inArray(staff.id, ids))
              .all()
              .map((r) => [r.row.id, toMember(r)])
          : [],
      );
      return { rows: ids.map((id) => byId.get(id)!), total: names.length };
    },
    get(id: string): StaffMember | undefined {
      const r = select().where(eq(staff.id, id)).get();
      return r && toMember(r);
    },
    getMany(ids: readonly string[]): StaffRow[] {
      return ids.length
        ? orm
            .select()
            .from(staff)
            .where(inArray(staff.id, [...ids]))
            .all()
        : [];
    },
    insert(fields: StaffFields): StaffMember {
      const now = clock.now();
      const id = crypto.randomUUID();
      orm
        .insert(staff)
        .values({ ...fields, id, active: true, createdAt: now, updatedAt: now })
        .run();
      return this.get(id)!;
    },
    update(id: string, fields: Partial<StaffFields> & { active?: boolean }): StaffMember {
      orm
        .update(staff)
        .set({ ...fields, updatedAt: clock.now() })
        .where(eq(staff.id, id))
        .run();
      return this.get(id)!;
    },
    delete(id: string): void {
      orm.delete(staff).where(eq(staff.id, id)).run();
    },
    /** Planned or running groups the person leads and supervises, for role-removal checks. */
    openGroupRoles(id: string): { leading: number; supervising: number } {
      const open = inArray(groups.status, ['planned', 'running']);
      const leading = orm
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(groupLeaders)
        .innerJoin(groups, eq(groups.id, groupLeaders.groupId))
        .where(and(eq(groupLeaders.staffId, id), open))
        .get()!.n;
      const supervising = orm
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(groups)
        .where(and(eq(groups.supervisorId, id), open))
        .get()!.n;
      return { leading, supervising };
    },
  };
}
export type StaffRepo = ReturnType<typeof staffRepo>;
