import { and, count, countDistinct, eq, placeholder, sql } from 'drizzle-orm';
import type { AttendanceState, SessionCounts } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { attendance, groups, participants, sessions } from '../db/schema';
import { preparedRows } from './prepared-rows';
import { bound, excluded } from './sql-fragments';

export interface SessionContext {
  id: string;
  groupId: string;
  number: number;
  status: (typeof sessions.$inferSelect)['status'];
  plannedDate: string;
  heldDate: string | null;
  groupStatus: (typeof groups.$inferSelect)['status'];
  tracksAttendance: boolean;
  programmeId: string;
}

export interface GroupMark {
  participantId: string;
  sessionId: string;
  state: AttendanceState;
}

/** Attendance marks and the session counts derived from them. */
export function attendanceRepo(orm: Orm, clock: Clock) {
  // Saving one cell runs most of these, and the grid and group page the rest: all prepared once.
  const contextFields = {
    id: sessions.id,
    groupId: sessions.groupId,
    number: sessions.number,
    status: sessions.status,
    plannedDate: sessions.plannedDate,
    heldDate: sessions.heldDate,
    groupStatus: groups.status,
    tracksAttendance: groups.tracksAttendance,
    programmeId: groups.programmeId,
  };
  const sessionContext = preparedRows(
    orm
      .select(contextFields)
      .from(sessions)
      .innerJoin(groups, eq(groups.id, sessions.groupId))
      .where(eq(sessions.id, placeholder('id'))),
    contextFields,
  );
  const cell = { participantId: placeholder('participantId'), sessionId: placeholder('sessionId'), state: placeholder('state'), updatedAt: placeholder('now') };
  const upsert = orm
    .insert(attendance)
    .values(cell)
    .onConflictDoUpdate({
      target: [attendance.participantId, attendance.sessionId],
      set: { state: excluded(attendance.state), updatedAt: excluded(attendance.updatedAt) },
      setWhere: sql`${attendance.state} is not ${excluded(attendance.state)}`,
    })
    .prepare();
  const upsertIfMissing = orm
    .insert(attendance)
    .values(cell)
    .onConflictDoNothing({ target: [attendance.participantId, attendance.sessionId] })
    .prepare();
  const theCell = and(eq(attendance.participantId, placeholder('participantId')), eq(attendance.sessionId, placeholder('sessionId')));
  const remove = orm.delete(attendance).where(theCell).prepare();
  const stateField = { state: attendance.state };
  const markOf = preparedRows(orm.select(stateField).from(attendance).where(theCell), stateField);
  const isPresent = eq(attendance.state, 'present').inlineParams();
  const countFields = {
    present: sql<number>`coalesce(sum(${isPresent}), 0)`,
    families: countDistinct(sql`case when ${isPresent} then ${participants.familyId} end`),
    marked: count(),
  };
  const presentCounts = preparedRows(
    orm
      .select(countFields)
      .from(attendance)
      .innerJoin(participants, eq(participants.id, attendance.participantId))
      .where(eq(attendance.sessionId, placeholder('sessionId'))),
    countFields,
  );
  const setCounts = orm
    .update(sessions)
    .set({
      participantCount: bound('present', sessions.participantCount),
      familyCount: bound('families', sessions.familyCount),
      updatedAt: bound('now', sessions.updatedAt),
    })
    .where(eq(sessions.id, placeholder('sessionId')))
    .prepare();
  const markFields = { participantId: attendance.participantId, sessionId: attendance.sessionId, state: attendance.state };
  const groupMarks = preparedRows(
    orm
      .select(markFields)
      .from(participants)
      .innerJoin(attendance, eq(attendance.participantId, participants.id))
      .where(eq(participants.groupId, placeholder('groupId'))),
    markFields,
  );
  const countsFields = {
    id: sessions.id,
    number: sessions.number,
    status: sessions.status,
    plannedDate: sessions.plannedDate,
    heldDate: sessions.heldDate,
    participantCount: sessions.participantCount,
    familyCount: sessions.familyCount,
    markedCount: sql<number>`${orm.select({ n: count() }).from(attendance).where(eq(attendance.sessionId, sessions.id))}`,
  };
  const groupSessions = preparedRows(
    orm
      .select(countsFields)
      .from(sessions)
      .where(eq(sessions.groupId, placeholder('groupId')))
      .orderBy(sessions.number),
    countsFields,
  );
  const oneSession = preparedRows(
    orm
      .select(countsFields)
      .from(sessions)
      .where(eq(sessions.id, placeholder('id'))),
    countsFields,
  );

  return {
    sessionContext: (id: string): SessionContext | undefined => sessionContext.get({ id }),
    mark: (participantId: string, sessionId: string): AttendanceState | null => markOf.get({ participantId, sessionId })?.state ?? null,
    /** Writes one cell; null clears it. Returns whether the stored value changed. */
    set(participantId: string, sessionId: string, state: AttendanceState | null, onlyIfMissing = false): boolean {
      if (state === null) return remove.run({ participantId, sessionId }).changes > 0;
      const statement = onlyIfMissing ? upsertIfMissing : upsert;
      return statement.run({ participantId, sessionId, state, now: clock.now() }).changes > 0;
    },
    /** Rewrites the session's participant and family counts from its marks. */
    deriveSessionCounts(sessionId: string): void {
      const c = presentCounts.get({ sessionId })!;
      // With every mark cleared nothing is known about the session any more.
      if (c.marked === 0) setCounts.run({ present: null, families: null, now: clock.now(), sessionId });
      else setCounts.run({ present: c.present, families: c.families, now: clock.now(), sessionId });
    },
    /** Held sessions of the group that have at least one mark: their counts are derived. */
    heldSessionsWithMarks: (groupId: string): string[] =>
      orm
        .selectDistinct({ id: attendance.sessionId })
        .from(attendance)
        .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
        .where(and(eq(sessions.groupId, groupId), eq(sessions.status, 'held').inlineParams()))
        .all()
        .map((r) => r.id),
    clearFamilyCounts: (groupId: string) => orm.update(sessions).set({ familyCount: null }).where(eq(sessions.groupId, groupId)).run(),
    groupMarks: (groupId: string): GroupMark[] => groupMarks.all({ groupId }),
    groupSessions: (groupId: string): SessionCounts[] => groupSessions.all({ groupId }),
    session: (id: string): SessionCounts => oneSession.get({ id })!,
    markHeld: (sessionId: string) =>
      orm
        .update(sessions)
        .set({ status: 'held', heldDate: sql`${sessions.plannedDate}`, cancelReason: null, updatedAt: clock.now() })
        .where(eq(sessions.id, sessionId))
        .run(),
    /** Takes back a held status that only an import gave: the session is planned again, with no counts. */
    markPlanned: (sessionId: string) =>
      orm
        .update(sessions)
        .set({ status: 'planned', heldDate: null, participantCount: null, familyCount: null, updatedAt: clock.now() })
        .where(eq(sessions.id, sessionId))
        .run(),
    setTracking: (groupId: string, tracks: boolean) =>
      orm.update(groups).set({ tracksAttendance: tracks, updatedAt: clock.now() }).where(eq(groups.id, groupId)).run(),
  };
}
export type AttendanceRepo = ReturnType<typeof attendanceRepo>;
