import type Database from 'better-sqlite3';
import { otherConnectionsWrites } from './write-stamps';

export interface LeaderPerson {
  id: string;
  name: string;
  unitName: string | null;
  email: string | null;
  phone: string | null;
  active: number;
  isSupervisor: number;
}
export interface LedGroupRow {
  leaderId: string;
  groupId: string;
  programmeId: string;
  programmeCode: string;
  unitName: string;
  venue: string;
  startDate: string;
  status: 'planned' | 'running' | 'completed' | 'cancelled';
  supervisorId: string | null;
  supervisorName: string | null;
}
export interface GroupSessionStats {
  groupId: string;
  sessionCount: number;
  heldCount: number;
  lastHeld: string | null;
  fidelity: number | null;
}
export interface GroupParticipantStats {
  groupId: string;
  participants: number;
  completed: number;
  droppedOut: number;
  known: number;
  present: number;
  marked: number;
}
export interface LeaderProgrammeCount {
  leaderId: string;
  programmeId: string;
  n: number;
}
export interface LeaderSupervisionStats {
  leaderId: string;
  general: number;
  meanRating: number | null;
  lastDate: string | null;
}
export interface OpenFollowUpRow {
  leaderId: string;
  id: string;
  text: string;
  dueDate: string;
}
export interface SessionTrendRow {
  groupId: string;
  date: string;
  fidelity: number | null;
  present: number;
  marked: number;
}

/**
 * Read-only aggregates for the supervisor overview and the leader page. Every figure comes from
 * one grouped query over all leaders (or over one leader's groups), so the overview costs the
 * same handful of statements whether it shows ten leaders or six thousand.
 */
export function leadersReportRepo(sqlite: Database.Database) {
  // Each statement comes in three forms: over everything, limited to one leader's groups, and
  // limited to some leaders' (a JSON array of ids: the leaders a write touched). The body gets the
  // filter on group_id, the one on leader_id, and the match of a staff id alone (`= @leaderId`).
  type Body = (groupFilter: string, leaderFilter: string, match: string, some: boolean) => string;
  const forms = (match: string, some: boolean): Parameters<Body> => [
    `group_id in (select group_id from group_leaders where staff_id ${match})`,
    `leader_id ${match}`,
    match,
    some,
  ];
  const scoped = <R>(body: Body) => ({
    all: sqlite.prepare<[], R>(body('', '', '', false)),
    one: sqlite.prepare<[{ leaderId: string }], R>(body(...forms('= @leaderId', false))),
    some: sqlite.prepare<[{ ids: string }], R>(body(...forms('in (select value from json_each(@ids))', true))),
  });
  type Scoped<R> = ReturnType<typeof scoped<R>>;
  /** Everyone, one leader, or the leaders in a list. */
  type Who = string | readonly string[] | undefined;
  const run = <R>(s: Scoped<R>, who: Who) =>
    who === undefined ? s.all.all() : typeof who === 'string' ? s.one.all({ leaderId: who }) : s.some.all({ ids: JSON.stringify(who) });
  const where = (f: string, extra = '') => (f ? `where ${f}${extra ? ` and ${extra}` : ''}` : extra ? `where ${extra}` : '');

  // One leader is asked for by id, whether a leader or not (the leader page); a list keeps only
  // those the overview lists.
  const isLeader = 's.is_leader = 1 or s.id in (select staff_id from group_leaders)';
  const people = scoped<LeaderPerson>(
    (_, l, m, some) =>
      `select s.id as id, s.name as name, u.name as unitName, s.email as email, s.phone as phone, s.active as active, s.is_supervisor as isSupervisor
     from staff s left join units u on u.id = s.unit_id ${some ? `where s.id ${m} and (${isLeader})` : l ? `where s.id ${m}` : `where ${isLeader}`}`,
  );
  const ledGroups = scoped<LedGroupRow>(
    (_, l, m) =>
      `select gl.staff_id as leaderId, g.id as groupId, g.programme_id as programmeId, p.code as programmeCode, u.name as unitName,
       g.venue as venue, g.start_date as startDate, g.status as status, g.supervisor_id as supervisorId, sv.name as supervisorName
     from group_leaders gl join groups g on g.id = gl.group_id join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id
       left join staff sv on sv.id = g.supervisor_id ${l ? `where gl.staff_id ${m}` : ''}`,
  );
  const sessionStats = scoped<GroupSessionStats>(
    (g) =>
      `select group_id as groupId, sum(is_extra = 0) as sessionCount, sum(status = 'held') as heldCount,
       max(case when status = 'held' then coalesce(held_date, planned_date) end) as lastHeld, avg(fidelity_percent) as fidelity
     from sessions ${where(g)} group by group_id`,
  );
  // Over everyone, the groups without attendance are listed once; for a few leaders' groups, each
  // group is looked up instead of listing all of them.
  const participantStats = scoped<GroupParticipantStats>(
    (g) =>
      `select group_id as groupId, sum(status <> 'moved') as participants, sum(status = 'completed') as completed,
       sum(status = 'dropped_out') as droppedOut,
       sum(status in ('completed', 'not_completed', 'dropped_out') and ${
         g
           ? 'not exists (select 1 from groups g where g.id = participants.group_id and g.tracks_attendance = 0)'
           : 'group_id not in (select id from groups where tracks_attendance = 0)'
       }) as known,
       sum(present_count) as present, sum(marked_count) as marked
     from participants ${where(g)} group by group_id`,
  );
  const lastSupervision = scoped<{ groupId: string; lastDate: string }>(
    (g) =>
      `select sg.group_id as groupId, max(v.date) as lastDate
     from supervision_groups sg join supervision_sessions v on v.id = sg.supervision_id
     ${g ? `where sg.${g}` : ''} group by sg.group_id`,
  );
  // For everyone: course by course through the attendance key, which holds the date, instead of
  // through the staff index and a table read per attendance row.
  const courseDays = scoped<LeaderProgrammeCount>(
    (_, l, m) =>
      `select ca.staff_id as leaderId, c.programme_id as programmeId, count(distinct ca.date) as n
     from ${l ? `course_attendance ca join courses c on c.id = ca.course_id where ca.staff_id ${m}` : 'courses c cross join course_attendance ca on ca.course_id = c.id'}
     group by ca.staff_id, c.programme_id`,
  );
  // A supervision session counts for the programmes of the groups it discussed.
  const supervisionByProgramme = scoped<LeaderProgrammeCount>(
    (_, l) =>
      `select sl.leader_id as leaderId, g.programme_id as programmeId, count(distinct sl.supervision_id) as n
     from supervision_leaders sl join supervision_groups sg on sg.supervision_id = sl.supervision_id join groups g on g.id = sg.group_id
     ${l ? `where sl.${l}` : ''} group by sl.leader_id, g.programme_id`,
  );
  // ...and a session that discussed no particular group counts for every programme of the leader.
  // For one leader: from their sessions. For everyone: mean rating and last date from the leader
  // index (covering, one date lookup per pair), and the sessions without groups counted apart,
  // from the sessions side, so the groups check runs once per session instead of once per pair.
  const supervisionStats = scoped<LeaderSupervisionStats>((_, l) =>
    l
      ? `select sl.leader_id as leaderId,
         sum(not exists (select 1 from supervision_groups sg where sg.supervision_id = sl.supervision_id)) as general,
         avg(sl.rating) as meanRating, max(v.date) as lastDate
       from supervision_leaders sl join supervision_sessions v on v.id = sl.supervision_id
       where sl.${l} group by sl.leader_id`
      : `select sl.leader_id as leaderId, 0 as general, avg(sl.rating) as meanRating, max(v.date) as lastDate
       from supervision_leaders sl
         join supervision_sessions v on v.id = sl.supervision_id
       group by sl.leader_id`,
  );
  const generalSupervision = sqlite.prepare<[], { leaderId: string; n: number }>(
    `select sl.leader_id as leaderId, count(*) as n
     from supervision_sessions v cross join supervision_leaders sl on sl.supervision_id = v.id
     where not exists (select 1 from supervision_groups sg where sg.supervision_id = v.id) group by sl.leader_id`,
  );
  const allSupervisionStats = () => {
    const rows = supervisionStats.all.all();
    const general = new Map(generalSupervision.all().map((r) => [r.leaderId, r.n]));
    if (general.size) for (const r of rows) r.general = general.get(r.leaderId) ?? 0;
    return rows;
  };
  // Follow-ups about a leader, and those of a whole supervision group for everyone present.
  // For one leader the join is replaced by a check per open follow-up; both read the open ones in
  // due-date order. For a list of leaders, the group ones are found from the leaders' supervision
  // sessions (the caller orders each leader's follow-ups).
  const openFollowUps = scoped<OpenFollowUpRow>((_, l, m, some) =>
    some
      ? `select f.leader_id as leaderId, f.id as id, f.text as text, f.due_date as dueDate
       from follow_ups f where f.done = 0 and f.leader_id ${m}
       union all
       select sl.leader_id, f.id, f.text, f.due_date
       from supervision_leaders sl join follow_ups f on f.supervision_id = sl.supervision_id
       where sl.leader_id ${m} and f.leader_id is null and f.done = 0`
      : l
        ? `select @leaderId as leaderId, f.id as id, f.text as text, f.due_date as dueDate
       from follow_ups f
       where f.done = 0 and (f.leader_id = @leaderId or (f.leader_id is null and exists (
         select 1 from supervision_leaders sl where sl.supervision_id = f.supervision_id and sl.leader_id = @leaderId)))`
        : `select coalesce(f.leader_id, sl.leader_id) as leaderId, f.id as id, f.text as text, f.due_date as dueDate
       from follow_ups f left join supervision_leaders sl on f.leader_id is null and sl.supervision_id = f.supervision_id
       where f.done = 0`,
  );

  const certified = scoped<{ leaderId: string; programmeId: string; date: string }>(
    (_, l) => `select leader_id as leaderId, programme_id as programmeId, date from certifications ${l ? `where ${l}` : ''}`,
  );

  const programmes = sqlite.prepare<[], { id: string; code: string; name: string }>('select id, code, name from programmes');
  const courseDaysAttended = sqlite.prepare<[{ leaderId: string }], { courseId: string; date: string }>(
    'select course_id as courseId, date from course_attendance where staff_id = @leaderId order by date',
  );

  const supervisedBy = sqlite.prepare<[{ supervisorId: string }], { leaderId: string }>(
    `select gl.staff_id as leaderId from group_leaders gl join groups g on g.id = gl.group_id where g.supervisor_id = @supervisorId
     union select sl.leader_id from supervision_leaders sl join supervision_sessions v on v.id = sl.supervision_id where v.supervisor_id = @supervisorId`,
  );
  // From the leader's groups to their sessions (cross join keeps that order), not from every held session.
  const sessionTrend = sqlite.prepare<[{ leaderId: string }], SessionTrendRow>(
    `select s.group_id as groupId, coalesce(s.held_date, s.planned_date) as date, s.fidelity_percent as fidelity,
       (select count(*) from attendance a where a.session_id = s.id and a.state = 'present') as present,
       (select count(*) from attendance a where a.session_id = s.id) as marked
     from group_leaders gl cross join sessions s on s.group_id = gl.group_id
     where gl.staff_id = @leaderId and s.status = 'held'
     order by date, s.number`,
  );
  const ratingTrend = sqlite.prepare<[{ leaderId: string }], { date: string; rating: number }>(
    `select v.date as date, sl.rating as rating from supervision_leaders sl join supervision_sessions v on v.id = sl.supervision_id
     where sl.leader_id = @leaderId and sl.rating is not null order by v.date`,
  );
  const coLeaders = sqlite.prepare<[{ leaderId: string }], { groupId: string; id: string; name: string }>(
    `select gl.group_id as groupId, s.id as id, s.name as name from group_leaders gl join staff s on s.id = gl.staff_id
     where gl.group_id in (select group_id from group_leaders where staff_id = @leaderId) and gl.staff_id <> @leaderId`,
  );

  return {
    /** A number that differs after another connection committed (the CLI next to a running app). */
    otherWrites: () => otherConnectionsWrites(sqlite),
    people: (who?: Who) => run(people, who),
    ledGroups: (who?: Who) => run(ledGroups, who),
    sessionStats: (who?: Who) => run(sessionStats, who),
    participantStats: (who?: Who) => run(participantStats, who),
    lastSupervision: (who?: Who) => run(lastSupervision, who),
    courseDays: (who?: Who) => run(courseDays, who),
    supervisionByProgramme: (who?: Who) => run(supervisionByProgramme, who),
    supervisionStats: (who?: Who) => (who === undefined ? allSupervisionStats() : run(supervisionStats, who)),
    openFollowUps: (who?: Who) => run(openFollowUps, who),
    /** Who is certified in which programme, without the names the certification list joins in. */
    certified: (who?: Who) => run(certified, who),
    /** Code and name of every programme, archived too, without the group counts the programme list adds. */
    programmes: () => programmes.all(),
    /** The course days one leader attended, oldest first. */
    courseDaysAttended: (leaderId: string) => courseDaysAttended.all({ leaderId }),
    supervisedBy: (supervisorId: string) => supervisedBy.all({ supervisorId }).map((r) => r.leaderId),
    sessionTrend: (leaderId: string) => sessionTrend.all({ leaderId }),
    ratingTrend: (leaderId: string) => ratingTrend.all({ leaderId }),
    coLeaders: (leaderId: string) => coLeaders.all({ leaderId }),
  };
}
export type LeadersReportRepo = ReturnType<typeof leadersReportRepo>;
