import type Database from 'better-sqlite3';

/** The period (inclusive dates) and scope (empty lists: everything) of an activity report. */
export interface ReportWindow {
  from: string;
  to: string;
  /** JSON arrays of ids, '[]' for all. */
  units: string;
  programmes: string;
}

export interface ReportGroupRow {
  unitId: string;
  programmeId: string;
  startDate: string;
  status: string;
  /** Held sessions planned within the period. */
  heldInPeriod: number;
  /** Planned date of the group's last held session; null before the first. */
  lastHeld: string | null;
}

/** Where a parent of the period's cohort stands, one of the report's categories. */
export type ParentCategory = 'notStarted' | 'unrecorded' | 'ongoing' | 'completed' | 'notCompleted' | 'droppedOut';

export interface ParentCountRow {
  unitId: string;
  programmeId: string;
  category: ParentCategory;
  n: number;
  present: number;
  marked: number;
}

const scope = `(@units = '[]' or g.unit_id in (select value from json_each(@units)))
  and (@programmes = '[]' or g.programme_id in (select value from json_each(@programmes)))`;

// The cohort is every enrolment (moves excepted) in a group that started in the period: the same
// rule the FoU aggregates and the dashboard's completion rate use, so the figures agree.
const cohort = `from participants p join groups g on g.id = p.group_id
  where g.start_date between @from and @to and p.status <> 'moved' and ${scope}`;

// Counts-only groups judge no one: their parents are "unrecorded" rather than not started.
const category = `case
  when p.status = 'ended_unrecorded' or (p.status = 'active' and g.tracks_attendance = 0) then 'unrecorded'
  when p.status = 'never_started' or (p.status = 'active' and p.present_count = 0) then 'notStarted'
  when p.status = 'active' then 'ongoing'
  when p.status = 'completed' then 'completed'
  when p.status = 'not_completed' then 'notCompleted'
  else 'droppedOut' end`;

const startedCohort = `select p.id ${cohort} and (${category}) in ('ongoing', 'completed', 'notCompleted', 'droppedOut')`;

// Held sessions count by their planned date, as on the dashboard and in the statistics.
const heldInPeriod = `select s.id, s.group_id, s.fidelity_percent from sessions s join groups g on g.id = s.group_id
  where s.status = 'held' and s.planned_date between @from and @to and ${scope}`;

/** Read-only queries behind the activity report; each is bounded by the period's index ranges. */
export function activityReportRepo(sqlite: Database.Database) {
  const groups = sqlite.prepare<[ReportWindow], ReportGroupRow>(
    `select g.unit_id as unitId, g.programme_id as programmeId, g.start_date as startDate, g.status as status,
       coalesce(sum(case when s.status = 'held' and s.planned_date between @from and @to then 1 else 0 end), 0) as heldInPeriod,
       max(case when s.status = 'held' then s.planned_date end) as lastHeld
     from groups g left join sessions s on s.group_id = g.id
     where ${scope} and (g.start_date between @from and @to
       or g.id in (select group_id from sessions where status = 'held' and planned_date between @from and @to))
     group by g.id`,
  );
  const parents = sqlite.prepare<[ReportWindow], ParentCountRow>(
    `select g.unit_id as unitId, g.programme_id as programmeId, ${category} as category, count(*) as n,
       coalesce(sum(case when g.tracks_attendance = 1 then p.present_count else 0 end), 0) as present,
       coalesce(sum(case when g.tracks_attendance = 1 then p.marked_count else 0 end), 0) as marked
     ${cohort} group by 1, 2, 3`,
  );
  const familiesByUnit = sqlite.prepare<[ReportWindow], { key: string; n: number }>(
    `select g.unit_id as key, count(distinct p.family_id) as n ${cohort} group by 1`,
  );
  const familiesByProgramme = sqlite.prepare<[ReportWindow], { key: string; n: number }>(
    `select g.programme_id as key, count(distinct p.family_id) as n ${cohort} group by 1`,
  );
  const dropouts = sqlite.prepare<[ReportWindow], { session: number; n: number }>(
    `select coalesce(p.last_session_attended, 0) as session, count(*) as n ${cohort} and (${category}) = 'droppedOut' group by 1 order by 1`,
  );
  const inCourse = sqlite.prepare<[ReportWindow], { n: number }>(
    `select count(distinct ca.staff_id) as n from course_attendance ca join courses c on c.id = ca.course_id
       join staff st on st.id = ca.staff_id
     where ca.date between @from and @to
       and (@programmes = '[]' or c.programme_id in (select value from json_each(@programmes)))
       and (@units = '[]' or st.unit_id in (select value from json_each(@units)))`,
  );
  const certified = sqlite.prepare<[ReportWindow], { n: number }>(
    `select count(*) as n from certifications ce join staff st on st.id = ce.leader_id
     where ce.date between @from and @to
       and (@programmes = '[]' or ce.programme_id in (select value from json_each(@programmes)))
       and (@units = '[]' or st.unit_id in (select value from json_each(@units)))`,
  );
  const activeLeaders = sqlite.prepare<[ReportWindow], { n: number }>(
    `select count(distinct gl.staff_id) as n from (select distinct group_id from (${heldInPeriod})) h
     join group_leaders gl on gl.group_id = h.group_id`,
  );
  // A first group under supervision: someone else supervises it and the leader was not yet
  // certified in its programme when the period began.
  const supervisedFirst = sqlite.prepare<[ReportWindow], { n: number }>(
    `select count(distinct gl.staff_id) as n from (select distinct group_id from (${heldInPeriod})) h
       join group_leaders gl on gl.group_id = h.group_id join groups g on g.id = gl.group_id
     where g.supervisor_id is not null and g.supervisor_id <> gl.staff_id
       and not exists (select 1 from certifications ce where ce.leader_id = gl.staff_id
         and ce.programme_id = g.programme_id and ce.date < @from)`,
  );
  // With a scope, a supervision session counts when it was about a group in scope.
  const supervision = sqlite.prepare<[ReportWindow], { sessions: number; attendances: number }>(
    `select count(*) as sessions, coalesce(sum((select count(*) from supervision_leaders sl where sl.supervision_id = ss.id)), 0) as attendances
     from supervision_sessions ss
     where ss.date between @from and @to and ((@units = '[]' and @programmes = '[]') or exists (
       select 1 from supervision_groups sg join groups g on g.id = sg.group_id where sg.supervision_id = ss.id and ${scope}))`,
  );
  const fidelity = sqlite.prepare<[ReportWindow], { held: number; recorded: number; mean: number | null }>(
    `select count(*) as held, count(fidelity_percent) as recorded, avg(fidelity_percent) as mean from (${heldInPeriod})`,
  );
  const hasOutcomeData = sqlite.prepare<[], { n: number }>(
    `select (select count(*) from outcome_schedules) + (select count(*) from (select 1 from outcome_responses limit 1)) as n`,
  );
  const returns = sqlite.prepare<[ReportWindow], { timepoint: string; n: number }>(
    `select r.timepoint as timepoint, count(distinct r.participant_id) as n
     from (${startedCohort}) c join outcome_responses r on r.participant_id = c.id group by 1`,
  );
  const scheduledTimepoints = sqlite.prepare<[ReportWindow], { timepoint: string }>(
    `select distinct os.timepoint as timepoint from outcome_schedules os
     where (@programmes = '[]' or os.programme_id in (select value from json_each(@programmes)))`,
  );
  const startedCount = sqlite.prepare<[ReportWindow], { n: number }>(`select count(*) as n from (${startedCohort})`);
  const prePost = sqlite.prepare<[ReportWindow], { instrument: string; scale: string; n: number; pre: number; post: number }>(
    `select a.instrument_code as instrument, sa.scale as scale, count(*) as n, avg(sa.score) as pre, avg(sb.score) as post
     from outcome_responses a join outcome_scores sa on sa.response_id = a.id
       join outcome_responses b on b.participant_id = a.participant_id and b.instrument_code = a.instrument_code and b.timepoint = 'post'
       join outcome_scores sb on sb.response_id = b.id and sb.scale = sa.scale
     where a.timepoint = 'pre' and sa.score is not null and sb.score is not null and a.participant_id in (${startedCohort})
     group by 1, 2 order by 1, 2`,
  );

  return {
    groups: (w: ReportWindow) => groups.all(w),
    parents: (w: ReportWindow) => parents.all(w),
    familiesByUnit: (w: ReportWindow) => familiesByUnit.all(w),
    familiesByProgramme: (w: ReportWindow) => familiesByProgramme.all(w),
    dropouts: (w: ReportWindow) => dropouts.all(w),
    leaders: (w: ReportWindow) => ({
      inCourse: inCourse.get(w)!.n,
      certified: certified.get(w)!.n,
      active: activeLeaders.get(w)!.n,
      supervisedFirstGroup: supervisedFirst.get(w)!.n,
      supervision: supervision.get(w)!,
      fidelity: fidelity.get(w)!,
    }),
    hasOutcomeData: () => hasOutcomeData.get()!.n > 0,
    returns: (w: ReportWindow) => returns.all(w),
    scheduledTimepoints: (w: ReportWindow) => scheduledTimepoints.all(w).map((r) => r.timepoint),
    startedCount: (w: ReportWindow) => startedCount.get(w)!.n,
    prePost: (w: ReportWindow) => prePost.all(w),
  };
}
export type ActivityReportRepo = ReturnType<typeof activityReportRepo>;
