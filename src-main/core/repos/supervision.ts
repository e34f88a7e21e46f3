import { and, asc, count, desc, eq, gte, inArray, isNull, lte, min, or, placeholder, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import {
  courseAttendance,
  followUps,
  groupLeaders,
  groups,
  programmes,
  staff,
  supervisionGroups,
  supervisionLeaders,
  supervisionSessions,
  units,
} from '../db/schema';
import { preparedPerShape, preparedRows, type Given } from './prepared-rows';
import { inJson } from './sql-fragments';

type SessionTable = typeof supervisionSessions.$inferSelect;

export interface SupervisionRow {
  id: string;
  date: string;
  supervisorId: string;
  supervisorName: string;
  format: SessionTable['format'];
  mode: SessionTable['mode'];
  notes: string;
  createdAt: string;
  updatedAt: string;
}
export type SupervisionFields = Pick<SessionTable, 'date' | 'supervisorId' | 'format' | 'mode' | 'notes'>;
export interface PresentRow {
  supervisionId: string;
  leaderId: string;
  name: string;
  rating: number | null;
  note: string;
}
export interface DiscussedRow {
  supervisionId: string;
  groupId: string;
  programmeCode: string;
  unitName: string;
  venue: string;
  startDate: string;
}
export interface FollowUpRow {
  id: string;
  supervisionId: string;
  supervisionDate: string;
  supervisorId: string;
  supervisorName: string;
  leaderId: string | null;
  leaderName: string | null;
  text: string;
  dueDate: string;
  done: number;
  doneAt: string | null;
}
export interface FollowUpFields {
  text: string;
  dueDate: string;
  leaderId: string | null;
}
export interface SupervisionFilter {
  supervisorId: string | null;
  leaderId: string | null;
  groupId: string | null;
  from: string | null;
  to: string | null;
  limit: number;
}

const supervisor = alias(staff, 'sv');
const followUpLeader = alias(staff, 'l');
const sessionFields = {
  id: supervisionSessions.id,
  date: supervisionSessions.date,
  supervisorId: supervisionSessions.supervisorId,
  supervisorName: supervisor.name,
  format: supervisionSessions.format,
  mode: supervisionSessions.mode,
  notes: supervisionSessions.notes,
  createdAt: supervisionSessions.createdAt,
  updatedAt: supervisionSessions.updatedAt,
};
const followUpFields = {
  id: followUps.id,
  supervisionId: followUps.supervisionId,
  supervisionDate: supervisionSessions.date,
  supervisorId: supervisionSessions.supervisorId,
  supervisorName: supervisor.name,
  leaderId: followUps.leaderId,
  leaderName: followUpLeader.name,
  text: followUps.text,
  dueDate: followUps.dueDate,
  // Kept as SQLite's 0/1: the services turn it into done and overdue.
  done: sql<number>`${followUps.done}`,
  doneAt: followUps.doneAt,
};
/** Open follow-ups only: written as a constant so the partial index on open ones serves it. */
const isOpen = eq(followUps.done, false).inlineParams();

/** Supervision sessions with the leaders present (and their ratings), groups discussed and follow-ups. */
export function supervisionRepo(orm: Orm, clock: Clock) {
  // A session list or a leader's page reads these, every session by id: prepared once.
  const get = preparedRows(
    orm
      .select(sessionFields)
      .from(supervisionSessions)
      .innerJoin(supervisor, eq(supervisor.id, supervisionSessions.supervisorId))
      .where(eq(supervisionSessions.id, placeholder('id'))),
    sessionFields,
  );
  const selectFollowUps = () =>
    orm
      .select(followUpFields)
      .from(followUps)
      .innerJoin(supervisionSessions, eq(supervisionSessions.id, followUps.supervisionId))
      .innerJoin(supervisor, eq(supervisor.id, supervisionSessions.supervisorId))
      .leftJoin(followUpLeader, eq(followUpLeader.id, followUps.leaderId));

  const presentFields = {
    supervisionId: supervisionLeaders.supervisionId,
    leaderId: supervisionLeaders.leaderId,
    name: staff.name,
    rating: supervisionLeaders.rating,
    note: supervisionLeaders.note,
  };
  const presentOf = preparedRows(
    orm
      .select(presentFields)
      .from(supervisionLeaders)
      .innerJoin(staff, eq(staff.id, supervisionLeaders.leaderId))
      .where(inJson(supervisionLeaders.supervisionId, placeholder('ids'))),
    presentFields,
  );
  const discussedFields = {
    supervisionId: supervisionGroups.supervisionId,
    groupId: groups.id,
    programmeCode: programmes.code,
    unitName: units.name,
    venue: groups.venue,
    startDate: groups.startDate,
  };
  const discussedOf = preparedRows(
    orm
      .select(discussedFields)
      .from(supervisionGroups)
      .innerJoin(groups, eq(groups.id, supervisionGroups.groupId))
      .innerJoin(programmes, eq(programmes.id, groups.programmeId))
      .innerJoin(units, eq(units.id, groups.unitId))
      .where(inJson(supervisionGroups.supervisionId, placeholder('ids')))
      .orderBy(groups.startDate),
    discussedFields,
  );
  const followUpsOf = preparedRows(
    selectFollowUps()
      .where(inJson(followUps.supervisionId, placeholder('ids')))
      .orderBy(followUps.dueDate, followUps.id),
    followUpFields,
  );
  // A follow-up can only name a leader who was present, so both kinds are found from the sessions
  // the leader attended, through their index, rather than by reading every follow-up.
  const followUpsOfLeader = preparedRows(
    orm
      .select(followUpFields)
      .from(supervisionLeaders)
      .crossJoin(followUps)
      .innerJoin(supervisionSessions, eq(supervisionSessions.id, followUps.supervisionId))
      .innerJoin(supervisor, eq(supervisor.id, supervisionSessions.supervisorId))
      .leftJoin(followUpLeader, eq(followUpLeader.id, followUps.leaderId))
      .where(
        and(
          eq(followUps.supervisionId, supervisionLeaders.supervisionId),
          eq(supervisionLeaders.leaderId, placeholder('leaderId')),
          or(eq(followUps.leaderId, placeholder('leaderId')), isNull(followUps.leaderId)),
        ),
      )
      .orderBy(followUps.done, followUps.dueDate, followUps.id),
    followUpFields,
  );

  /** The filters other than the leader, each only when given. */
  const filters = (given: Given<SupervisionFilter>): (SQL | undefined)[] => [
    given('supervisorId') ? eq(supervisionSessions.supervisorId, placeholder('supervisorId')) : undefined,
    given('groupId')
      ? inArray(
          supervisionSessions.id,
          orm
            .select({ id: supervisionGroups.supervisionId })
            .from(supervisionGroups)
            .where(eq(supervisionGroups.groupId, placeholder('groupId'))),
        )
      : undefined,
    given('from') ? gte(supervisionSessions.date, placeholder('from')) : undefined,
    given('to') ? lte(supervisionSessions.date, placeholder('to')) : undefined,
  ];
  const newestFirst = [desc(supervisionSessions.date), asc(supervisionSessions.id)];
  const list = preparedPerShape((given: Given<SupervisionFilter>) => {
    if (given('leaderId')) {
      // One leader's sessions (the leader page): start from that leader's few rows (cross join keeps
      // that order), since starting from the sessions walks every one in date order looking for them.
      return preparedRows(
        orm
          .select(sessionFields)
          .from(supervisionLeaders)
          .crossJoin(supervisionSessions)
          .innerJoin(supervisor, eq(supervisor.id, supervisionSessions.supervisorId))
          .where(and(eq(supervisionSessions.id, supervisionLeaders.supervisionId), eq(supervisionLeaders.leaderId, placeholder('leaderId')), ...filters(given)))
          .orderBy(...newestFirst)
          .limit(placeholder('limit')),
        sessionFields,
      );
    }
    return preparedRows(
      orm
        .select(sessionFields)
        .from(supervisionSessions)
        .innerJoin(supervisor, eq(supervisor.id, supervisionSessions.supervisorId))
        .where(and(...filters(given)))
        .orderBy(...newestFirst)
        .limit(placeholder('limit')),
      sessionFields,
    );
  });

  type OpenFilter = { supervisorId: string | null; leaderId: string | null };
  const openWhere = (given: Given<OpenFilter>) =>
    and(
      isOpen,
      given('supervisorId') ? eq(supervisionSessions.supervisorId, placeholder('supervisorId')) : undefined,
      given('leaderId') ? eq(followUps.leaderId, placeholder('leaderId')) : undefined,
    );
  const open = preparedPerShape((given: Given<OpenFilter & { limit: number }>) =>
    preparedRows(selectFollowUps().where(openWhere(given)).orderBy(followUps.dueDate, followUps.id).limit(placeholder('limit')), followUpFields),
  );
  const openCountFields = { total: count(), overdue: sql<number>`coalesce(sum(${followUps.dueDate} < ${placeholder('today')}), 0)` };
  const openCounts = preparedPerShape((given: Given<OpenFilter & { today: string }>) =>
    preparedRows(
      orm.select(openCountFields).from(followUps).innerJoin(supervisionSessions, eq(supervisionSessions.id, followUps.supervisionId)).where(openWhere(given)),
      openCountFields,
    ),
  );

  return {
    get: (id: string): SupervisionRow | undefined => get.get({ id }),
    list: (filter: SupervisionFilter): SupervisionRow[] => list(filter).all(filter),
    presentOf: (ids: string[]): PresentRow[] => presentOf.all({ ids: JSON.stringify(ids) }),
    discussedOf: (ids: string[]): DiscussedRow[] => discussedOf.all({ ids: JSON.stringify(ids) }),
    followUpsOf: (ids: string[]): FollowUpRow[] => followUpsOf.all({ ids: JSON.stringify(ids) }),
    followUp: (id: string): FollowUpRow | undefined => selectFollowUps().where(eq(followUps.id, id)).get(),
    /** Follow-ups about the leader, and the group's own ones from sessions the leader attended. */
    followUpsOfLeader: (leaderId: string): FollowUpRow[] => followUpsOfLeader.all({ leaderId }),
    open: (filter: OpenFilter & { limit: number }): FollowUpRow[] => open(filter).all(filter),
    openCounts: (filter: OpenFilter & { today: string }): { total: number; overdue: number } => openCounts(filter).get(filter)!,
    /** The first day each person is known to have worked: their record, their first group or course day. */
    knownSince(ids: string[]): { id: string; since: string }[] {
      const firstGroup = orm
        .select({ date: min(groups.startDate) })
        .from(groupLeaders)
        .innerJoin(groups, eq(groups.id, groupLeaders.groupId))
        .where(eq(groupLeaders.staffId, staff.id));
      const firstCourseDay = orm
        .select({ date: min(courseAttendance.date) })
        .from(courseAttendance)
        .where(eq(courseAttendance.staffId, staff.id));
      return orm
        .select({
          id: staff.id,
          since: sql<string>`min(substr(${staff.createdAt}, 1, 10), coalesce(${firstGroup}, '9999-12-31'), coalesce(${firstCourseDay}, '9999-12-31'))`,
        })
        .from(staff)
        .where(inJson(staff.id, ids))
        .all();
    },
    insert(f: SupervisionFields): string {
      const id = crypto.randomUUID();
      const now = clock.now();
      orm
        .insert(supervisionSessions)
        .values({ id, date: f.date, supervisorId: f.supervisorId, format: f.format, mode: f.mode, notes: f.notes, createdAt: now, updatedAt: now })
        .run();
      return id;
    },
    update: (id: string, f: SupervisionFields) =>
      orm
        .update(supervisionSessions)
        .set({ date: f.date, supervisorId: f.supervisorId, format: f.format, mode: f.mode, notes: f.notes, updatedAt: clock.now() })
        .where(eq(supervisionSessions.id, id))
        .run(),
    delete: (id: string) => orm.delete(supervisionSessions).where(eq(supervisionSessions.id, id)).run().changes > 0,
    setLeaders(id: string, leaders: { leaderId: string; rating: number | null; note: string }[]): void {
      orm.delete(supervisionLeaders).where(eq(supervisionLeaders.supervisionId, id)).run();
      for (const l of leaders) orm.insert(supervisionLeaders).values({ supervisionId: id, leaderId: l.leaderId, rating: l.rating, note: l.note }).run();
    },
    setGroups(id: string, groupIds: string[]): void {
      orm.delete(supervisionGroups).where(eq(supervisionGroups.supervisionId, id)).run();
      for (const groupId of groupIds) orm.insert(supervisionGroups).values({ supervisionId: id, groupId }).run();
    },
    insertFollowUp(supervisionId: string, f: FollowUpFields): string {
      const id = crypto.randomUUID();
      const now = clock.now();
      orm
        .insert(followUps)
        .values({ id, supervisionId, leaderId: f.leaderId, text: f.text, dueDate: f.dueDate, done: false, doneAt: null, createdAt: now, updatedAt: now })
        .run();
      return id;
    },
    updateFollowUp: (id: string, f: FollowUpFields) =>
      orm.update(followUps).set({ leaderId: f.leaderId, text: f.text, dueDate: f.dueDate, updatedAt: clock.now() }).where(eq(followUps.id, id)).run(),
    setFollowUpDone(id: string, done: boolean) {
      const now = clock.now();
      return orm
        .update(followUps)
        .set({ done, doneAt: done ? now : null, updatedAt: now })
        .where(eq(followUps.id, id))
        .run();
    },
    deleteFollowUp: (id: string) => orm.delete(followUps).where(eq(followUps.id, id)).run().changes > 0,
  };
}
export type SupervisionRepo = ReturnType<typeof supervisionRepo>;
