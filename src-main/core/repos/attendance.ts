import type Database from 'better-sqlite3';
import type { AttendanceState, SessionCounts } from '../../contract';
import type { Clock } from '../clock';

export interface SessionContext {
  id: string;
  groupId: string;
  number: number;
  status: 'planned' | 'held' | 'cancelled';
  plannedDate: string;
  heldDate: string | null;
  groupStatus: 'planned' | 'running' | 'completed' | 'cancelled';
  tracksAttendance: boolean;
  programmeId: string;
}

export interface GroupMark {
  participantId: string;
  sessionId: string;
  state: AttendanceState;
}

type RawCounts = Omit<SessionCounts, never>;

/** Attendance marks and the session counts derived from them. */
export function attendanceRepo(sqlite: Database.Database, clock: Clock) {
  const sessionContext = sqlite.prepare<[string], Omit<SessionContext, 'tracksAttendance'> & { tracksAttendance: number }>(
    `select s.id as id, s.group_id as groupId, s.number as number, s.status as status, s.planned_date as plannedDate,
       s.held_date as heldDate, g.status as groupStatus, g.tracks_attendance as tracksAttendance, g.programme_id as programmeId
     from sessions s join groups g on g.id = s.group_id where s.id = ?`,
  );
  const upsert = sqlite.prepare(
    `insert into attendance (participant_id, session_id, state, updated_at) values (?, ?, ?, ?)
     on conflict (participant_id, session_id) do update set state = excluded.state, updated_at = excluded.updated_at
     where state is not excluded.state`,
  );
  const upsertIfMissing = sqlite.prepare(
    `insert into attendance (participant_id, session_id, state, updated_at) values (?, ?, ?, ?)
     on conflict (participant_id, session_id) do nothing`,
  );
  const remove = sqlite.prepare('delete from attendance where participant_id = ? and session_id = ?');
  const markOf = sqlite.prepare<[string, string], { state: AttendanceState }>(
    'select state from attendance where participant_id = ? and session_id = ?',
  );
  const presentCounts = sqlite.prepare<[string], { present: number; families: number; marked: number }>(
    `select coalesce(sum(a.state = 'present'), 0) as present, count(distinct case when a.state = 'present' then p.family_id end) as families,
       count(*) as marked
     from attendance a join participants p on p.id = a.participant_id where a.session_id = ?`,
  );
  const setCounts = sqlite.prepare('update sessions set participant_count = ?, family_count = ?, updated_at = ? where id = ?');
  const sessionsWithMarks = sqlite.prepare<[string], { id: string }>(
    `select distinct a.session_id as id from attendance a join sessions s on s.id = a.session_id where s.group_id = ? and s.status = 'held'`,
  );
  const clearFamilyCounts = sqlite.prepare('update sessions set family_count = null where group_id = ?');
  const groupMarks = sqlite.prepare<[string], GroupMark>(
    `select a.participant_id as participantId, a.session_id as sessionId, a.state as state
     from participants p join attendance a on a.participant_id = p.id where p.group_id = ?`,
  );
  const groupSessions = sqlite.prepare<[string], RawCounts>(
    `select s.id as id, s.number as number, s.status as status, s.planned_date as plannedDate, s.held_date as heldDate,
       s.participant_count as participantCount, s.family_count as familyCount,
       (select count(*) from attendance a where a.session_id = s.id) as markedCount
     from sessions s where s.group_id = ? order by s.number`,
  );
  const oneSession = sqlite.prepare<[string], RawCounts>(
    `select s.id as id, s.number as number, s.status as status, s.planned_date as plannedDate, s.held_date as heldDate,
       s.participant_count as participantCount, s.family_count as familyCount,
       (select count(*) from attendance a where a.session_id = s.id) as markedCount
     from sessions s where s.id = ?`,
  );
  const markHeld = sqlite.prepare(
    `update sessions set status = 'held', held_date = planned_date, cancel_reason = null, updated_at = ? where id = ?`,
  );
  const setTracking = sqlite.prepare('update groups set tracks_attendance = ?, updated_at = ? where id = ?');

  return {
    sessionContext(id: string): SessionContext | undefined {
      const r = sessionContext.get(id);
      return r && { ...r, tracksAttendance: r.tracksAttendance === 1 };
    },
    mark: (participantId: string, sessionId: string): AttendanceState | null => markOf.get(participantId, sessionId)?.state ?? null,
    /** Writes one cell; null clears it. Returns whether the stored value changed. */
    set(participantId: string, sessionId: string, state: AttendanceState | null, onlyIfMissing = false): boolean {
      if (state === null) return remove.run(participantId, sessionId).changes > 0;
      const statement = onlyIfMissing ? upsertIfMissing : upsert;
      return statement.run(participantId, sessionId, state, clock.now()).changes > 0;
    },
    /** Rewrites the session's participant and family counts from its marks. */
    deriveSessionCounts(sessionId: string): void {
      const c = presentCounts.get(sessionId)!;
      // With every mark cleared nothing is known about the session any more.
      if (c.marked === 0) setCounts.run(null, null, clock.now(), sessionId);
      else setCounts.run(c.present, c.families, clock.now(), sessionId);
    },
    /** Held sessions of the group that have at least one mark: their counts are derived. */
    heldSessionsWithMarks: (groupId: string) => sessionsWithMarks.all(groupId).map((r) => r.id),
    clearFamilyCounts: (groupId: string) => clearFamilyCounts.run(groupId),
    groupMarks: (groupId: string): GroupMark[] => groupMarks.all(groupId),
    groupSessions: (groupId: string): SessionCounts[] => groupSessions.all(groupId),
    session: (id: string): SessionCounts => oneSession.get(id)!,
    markHeld: (sessionId: string) => markHeld.run(clock.now(), sessionId),
    setTracking: (groupId: string, tracks: boolean) => setTracking.run(tracks ? 1 : 0, clock.now(), groupId),
  };
}
export type AttendanceRepo = ReturnType<typeof attendanceRepo>;
