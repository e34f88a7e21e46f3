import { eq, placeholder } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { GroupSummary } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { groupLeaders, groups, programmes, staff } from '../db/schema';
import { preparedRows } from './prepared-rows';

export type GroupRow = typeof groups.$inferSelect;
export type GroupFields = Omit<GroupRow, 'id' | 'createdAt' | 'updatedAt' | 'tracksAttendance'>;

interface SummaryRow {
  id: string;
  programmeId: string;
  programmeName: string;
  programmeCode: string;
  unitId: string;
  unitName: string;
  venue: string;
  startDate: string;
  weekday: number;
  startTime: string;
  status: GroupSummary['status'];
}

export const summaryColumns = `g.id as id, g.programme_id as programmeId, p.name as programmeName, p.code as programmeCode,
  g.unit_id as unitId, u.name as unitName, g.venue as venue, g.start_date as startDate, g.weekday as weekday,
  g.start_time as startTime, g.status as status`;

/**
 * Completes summary rows with leaders and session counts in two set-based queries for the whole
 * page (ids passed as one JSON array), so a page of 50 groups costs three queries, not 150.
 */
export function summaryCompleter(sqlite: Database.Database) {
  const aggregates = sqlite.prepare<[string], { groupId: string; total: number; held: number; cancelled: number; next: string | null }>(
    `select group_id as groupId, count(*) as total, sum(status = 'held') as held, sum(status = 'cancelled') as cancelled,
       min(case when status = 'planned' then planned_date end) as next
     from sessions where group_id in (select value from json_each(?)) group by group_id`,
  );
  const leaders = sqlite.prepare<[string], { groupId: string; id: string; name: string }>(
    `select gl.group_id as groupId, s.id as id, s.name as name from group_leaders gl join staff s on s.id = gl.staff_id
     where gl.group_id in (select value from json_each(?)) order by s.name, s.id`,
  );
  return (rows: SummaryRow[]): GroupSummary[] => {
    if (!rows.length) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const agg = new Map(aggregates.all(ids).map((a) => [a.groupId, a]));
    const byGroup = new Map<string, { id: string; name: string }[]>();
    for (const l of leaders.all(ids)) {
      const list = byGroup.get(l.groupId) ?? [];
      list.push({ id: l.id, name: l.name });
      byGroup.set(l.groupId, list);
    }
    return rows.map((r) => {
      const a = agg.get(r.id);
      return {
        ...r,
        leaders: byGroup.get(r.id) ?? [],
        sessionCount: a?.total ?? 0,
        heldCount: a?.held ?? 0,
        cancelledCount: a?.cancelled ?? 0,
        nextSessionDate: a?.next ?? null,
      };
    });
  };
}

export function groupRepo(orm: Orm, sqlite: Database.Database, clock: Clock) {
  const complete = summaryCompleter(sqlite);
  const summaryRow = sqlite.prepare<[string], SummaryRow>(
    `select ${summaryColumns} from groups g join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id where g.id = ?`,
  );
  const extraFields = {
    note: groups.note,
    sessionLength: programmes.sessionLengthMinutes,
    createdAt: groups.createdAt,
    updatedAt: groups.updatedAt,
    supervisorId: staff.id,
    supervisorName: staff.name,
  };
  const detailExtras = preparedRows(
    orm
      .select(extraFields)
      .from(groups)
      .innerJoin(programmes, eq(programmes.id, groups.programmeId))
      .leftJoin(staff, eq(staff.id, groups.supervisorId))
      .where(eq(groups.id, placeholder('id'))),
    extraFields,
  );

  return {
    /** Every group's natural key (programme, unit, start date): how a spreadsheet names a group. */
    naturalKeys(): { id: string; programmeId: string; unitId: string; startDate: string; status: GroupRow['status'] }[] {
      return orm
        .select({ id: groups.id, programmeId: groups.programmeId, unitId: groups.unitId, startDate: groups.startDate, status: groups.status })
        .from(groups)
        .all();
    },
    row(id: string): GroupRow | undefined {
      return orm.select().from(groups).where(eq(groups.id, id)).get();
    },
    leaderIds(id: string): string[] {
      return orm
        .select({ id: groupLeaders.staffId })
        .from(groupLeaders)
        .where(eq(groupLeaders.groupId, id))
        .all()
        .map((r) => r.id);
    },
    summary(id: string): GroupSummary | undefined {
      const row = summaryRow.get(id);
      return row && complete([row])[0];
    },
    detailExtras(id: string) {
      return detailExtras.get({ id });
    },
    insert(fields: GroupFields, leaderIds: readonly string[]): string {
      const now = clock.now();
      const id = crypto.randomUUID();
      orm
        .insert(groups)
        .values({ ...fields, id, createdAt: now, updatedAt: now })
        .run();
      this.setLeaders(id, leaderIds);
      return id;
    },
    update(id: string, fields: Partial<GroupFields>): void {
      orm
        .update(groups)
        .set({ ...fields, updatedAt: clock.now() })
        .where(eq(groups.id, id))
        .run();
    },
    setLeaders(id: string, leaderIds: readonly string[]): void {
      orm.delete(groupLeaders).where(eq(groupLeaders.groupId, id)).run();
      const now = clock.now();
      if (leaderIds.length)
        orm
          .insert(groupLeaders)
          .values(leaderIds.map((staffId) => ({ groupId: id, staffId, createdAt: now })))
          .run();
    },
    /** Sessions and leader links go with the group (ON DELETE CASCADE). */
    delete(id: string): void {
      orm.delete(groups).where(eq(groups.id, id)).run();
    },
  };
}
export type GroupRepo = ReturnType<typeof groupRepo>;
