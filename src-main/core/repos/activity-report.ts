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
  /** Planned date of a completed group's last held session; null for other groups and before the first. */
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
// rule the FoU aggregates and the dashboard's completion rate use, so the figures agree. From the
// period's groups to their enrolments (cross join keeps that order) through the participants'
// covering index, which holds every column read here, so no participant row is read.
const cohort = `from groups g cross join participants p on p.group_id = g.id
  where g.start_date between @from and @to and p.status <> 'moved' and ${scope}`;

// Counts-only groups judge no one: their parents are "unrecorded" rather than not started.
const categoryOf = (g: string) => `case
  when p.status = 'ended_unrecorded' or (p.status = 'active' and ${g}.tracks_attendance = 0) then 'unrecorded'
  when p.status = 'never_started' or (p.status = 'active' and p.present_count = 0) then 'notStarted'
  when p.status = 'active' then 'ongoing'
  when p.status = 'completed' then 'completed'
  when p.status = 'not_completed' then 'notCompleted'
  else 'droppedOut' end`;
const category = categoryOf('g');

/** The categories of parents who started (attended at least once, or are judged as if they had). */
export const startedCategories: readonly ParentCategory[] = ['ongoing', 'completed', 'notCompleted', 'droppedOut'];

const startedList = startedCategories.map((c) => `'${c}'`).join(', ');
const startedCohort = `select p.id ${cohort} and (${category}) in (${startedList})`;

// The groups that held a session in the period (held sessions count by their planned date, as on
// the dashboard and in the statistics), each once, within the scope: the held sessions are read
// from the status/date index, and each group's row once rather than once per session.
const heldGroups = `select g.id as id, g.programme_id as programmeId, g.supervisor_id as supervisorId
  from (select distinct group_id from sessions where status = 'held' and planned_date between @from and @to) d
    cross join groups g on g.id = d.group_id
  where ${scope}`;

/** Read-only queries behind the activity report; each is bounded by the period's index ranges. */
export function activityReportRepo(sqlite: Database.Database) {
  // The groups that held a session in the period, with how many, from the held sessions' status/date
  // index; then those that started in it without holding one. Only a completed group's last held
  // session is looked up (through the group's session index), as only then is it read.
  const groupColumns = `g.unit_id as unitId, g.programme_id as programmeId, g.start_date as startDate, g.status as status`;
  const lastHeld = `case when g.status = 'completed' then
      (select max(s.planned_date) from sessions s where s.group_id = g.id and +s.status = 'held') end as lastHeld`;
  const groups = sqlite.prepare<[ReportWindow], ReportGroupRow>(
    `select ${groupColumns}, d.n as heldInPeriod, ${lastHeld}
     from (select group_id, count(*) as n from sessions where status = 'held' and planned_date between @from and @to group by group_id) d
       cross join groups g on g.id = d.group_id
     where ${scope}
     union all
     select ${groupColumns}, 0, ${lastHeld}
     from groups g
     where g.start_date between @from and @to and ${scope} and not exists (
       select 1 from sessions s where s.group_id = g.id and +s.status = 'held' and +s.planned_date between @from and @to)`,
  );
  // The cohort once, one array per parent, counted in JS: the parents' table, the distinct
  // families and the dropouts by session used to be three passes over the same index range.
  const cohortRows = sqlite
    .prepare<[ReportWindow], [string, string, ParentCategory, string, number, number, number]>(
      `select g.unit_id, g.programme_id, ${category}, p.family_id,
         case when g.tracks_attendance = 1 then p.present_count else 0 end,
         case when g.tracks_attendance = 1 then p.marked_count else 0 end,
         coalesce(p.last_session_attended, 0)
       ${cohort}`,
    )
    .raw();
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
  // Active leaders, leaders on a supervised first group and fidelity, from one list of the
  // period's groups. A first group under supervision: someone else supervises it and the leader
  // was not yet certified in its programme when the period began. Fidelity reads each group's
  // held sessions through the group's session index, which holds the date and the fidelity. Both
  // leader counts come from one pass over the groups' leaders.
  const heldFigures = sqlite.prepare<[ReportWindow], { active: number; supervisedFirst: number; held: number; recorded: number; mean: number | null }>(
    `with h as materialized (${heldGroups})
     select c.active as active, c.supervisedFirst as supervisedFirst, f.held as held, f.recorded as recorded, f.mean as mean
     from (select count(distinct gl.staff_id) as active,
         count(distinct case when h.supervisorId is not null and h.supervisorId <> gl.staff_id
           and not exists (select 1 from certifications ce where ce.leader_id = gl.staff_id
             and ce.programme_id = h.programmeId and ce.date < @from) then gl.staff_id end) as supervisedFirst
       from h cross join group_leaders gl on gl.group_id = h.id) c,
       (select count(*) as held, count(s.fidelity_percent) as recorded, avg(s.fidelity_percent) as mean
       from h cross join sessions s on s.group_id = h.id
       where s.status = 'held' and +s.planned_date between @from and @to) f`,
  );
  // With a scope, a supervision session counts when it was about a group in scope.
  const supervision = sqlite.prepare<[ReportWindow], { sessions: number; attendances: number }>(
    `select count(*) as sessions, coalesce(sum((select count(*) from supervision_leaders sl where sl.supervision_id = ss.id)), 0) as attendances
     from supervision_sessions ss
     where ss.date between @from and @to and ((@units = '[]' and @programmes = '[]') or exists (
       select 1 from supervision_groups sg join groups g on g.id = sg.group_id where sg.supervision_id = ss.id and ${scope}))`,
  );
  const hasOutcomeData = sqlite.prepare<[], { n: number }>(
    `select (select count(*) from outcome_schedules) + (select count(*) from (select 1 from outcome_responses limit 1)) as n`,
  );
  const returns = sqlite.prepare<[ReportWindow], { timepoint: string; n: number }>(
    `select r.timepoint as timepoint, count(distinct r.participant_id) as n
     from (${startedCohort}) c cross join outcome_responses r on r.participant_id = c.id group by 1`,
  );
  const scheduledTimepoints = sqlite.prepare<[ReportWindow], { timepoint: string }>(
    `select distinct os.timepoint as timepoint from outcome_schedules os
     where (@programmes = '[]' or os.programme_id in (select value from json_each(@programmes)))`,
  );
  // Pre→post pairs per scale from the per-group sums the questionnaire results keep (migration
  // 0024, `post` against `pre` of the same instrument and scale), less the pairs of the cohort's
  // groups' parents who are not in it as having started: moves, never started, unrecorded. Those
  // are a few of the parents, read from the participants' covering index by status (the only
  // statuses the category rule leaves out), then through the responses' time point index and the
  // scores' covering index.
  const prePost = sqlite.prepare<[ReportWindow], { instrument: string; scale: string; n: number; pre: number; post: number }>(
    `with pg as materialized (select g.id as id, g.tracks_attendance as tracks_attendance from groups g
       where g.start_date between @from and @to and ${scope}),
     pairs(instrument, scale, n, pre, post) as (
       select oc.instrument_code, oc.scale, oc.n, oc.before_total, oc.after_total
       from pg cross join outcome_change_cells oc on oc.group_id = pg.id and oc.timepoint = 'post'
       union all
       select a.instrument_code, sa.scale, -1, -sb.score, -sa.score
       from pg cross join participants p on p.group_id = pg.id
         cross join outcome_responses a on a.participant_id = p.id and a.timepoint = 'post'
         cross join outcome_responses b on b.participant_id = p.id and b.timepoint = 'pre' and +b.instrument_code = a.instrument_code
         cross join outcome_scores sa on sa.response_id = a.id
         cross join outcome_scores sb on sb.response_id = b.id and sb.scale = sa.scale
       where p.status in ('moved', 'ended_unrecorded', 'never_started', 'active')
         and (p.status = 'moved' or (${categoryOf('pg')}) not in (${startedList}))
         and sa.score is not null and sb.score is not null)
     select instrument, scale, sum(n) as n, sum(pre) / sum(n) as pre, sum(post) / sum(n) as post
     from pairs group by 1, 2 having sum(n) > 0 order by 1, 2`,
  );

  return {
    groups: (w: ReportWindow) => groups.all(w),
    /**
     * The period's cohort: parents by unit, programme and category, distinct families by unit and
     * by programme, and the dropped-out parents by the last session they attended.
     */
    cohort: (w: ReportWindow) => {
      const counts = new Map<string, ParentCountRow>();
      const unitFamilies = new Map<string, Set<string>>();
      const programmeFamilies = new Map<string, Set<string>>();
      const dropouts = new Map<number, number>();
      const add = (sets: Map<string, Set<string>>, key: string, family: string) => {
        const set = sets.get(key);
        if (set) set.add(family);
        else sets.set(key, new Set([family]));
      };
      for (const [unitId, programmeId, category, familyId, present, marked, session] of cohortRows.all(w)) {
        const key = `${unitId}\u0000${programmeId}\u0000${category}`;
        const row = counts.get(key);
        if (row) {
          row.n += 1;
          row.present += present;
          row.marked += marked;
        } else counts.set(key, { unitId, programmeId, category, n: 1, present, marked });
        add(unitFamilies, unitId, familyId);
        add(programmeFamilies, programmeId, familyId);
        if (category === 'droppedOut') dropouts.set(session, (dropouts.get(session) ?? 0) + 1);
      }
      const sizes = (sets: Map<string, Set<string>>) => new Map([...sets].map(([k, set]) => [k, set.size]));
      return {
        parents: [...counts.values()],
        familiesByUnit: sizes(unitFamilies),
        familiesByProgramme: sizes(programmeFamilies),
        dropouts: [...dropouts].sort((a, b) => a[0] - b[0]).map(([session, n]) => ({ session, n })),
      };
    },
    leaders: (w: ReportWindow) => {
      const { active, supervisedFirst, held, recorded, mean } = heldFigures.get(w)!;
      return {
        inCourse: inCourse.get(w)!.n,
        certified: certified.get(w)!.n,
        active,
        supervisedFirstGroup: supervisedFirst,
        supervision: supervision.get(w)!,
        fidelity: { held, recorded, mean },
      };
    },
    hasOutcomeData: () => hasOutcomeData.get()!.n > 0,
    returns: (w: ReportWindow) => returns.all(w),
    scheduledTimepoints: (w: ReportWindow) => scheduledTimepoints.all(w).map((r) => r.timepoint),
    prePost: (w: ReportWindow) => prePost.all(w),
  };
}
export type ActivityReportRepo = ReturnType<typeof activityReportRepo>;
