import type Database from 'better-sqlite3';
import { finish } from '../steps';

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
const startedCohort = `select p.id, g.id as gid ${cohort} and (${category}) in (${startedList})`;

// The groups that held a session in the period (held sessions count by their planned date, as on
// the dashboard and in the statistics), each once, within the scope: the held sessions are read
// from the status/date index, and each group's row once rather than once per session.
const heldGroups = `select g.id as id, g.programme_id as programmeId, g.supervisor_id as supervisorId
  from (select distinct group_id from sessions where status = 'held' and planned_date between @from and @to) d
    cross join groups g on g.id = d.group_id
  where ${scope}`;

/** One parent of a period's cohort: unit, programme, category, family, present, marked, last session attended. */
type CohortTuple = [string, string, ParentCategory, string, number, number, number];

/**
 * A group's share of a period's figures: its row in the groups' table (when it started or held a
 * session in the period), its parents when it started in the period, its leaders and held
 * sessions when it held one, and its parents' questionnaires. Every figure of the report but the
 * leaders' courses, certifications and supervision is a sum over these shares, or a count of
 * distinct families or leaders across them, so a write need only have the groups it touched read
 * again (`report-changes.ts`).
 */
export interface GroupShare {
  group: ReportGroupRow | null;
  parents: CohortTuple[];
  /** The group's leaders, each with 1 when she led it as a supervised first group. */
  leaders: [string, number][];
  held: number;
  recorded: number;
  fidelityTotal: number;
  returns: [string, number][];
  /** `key` numbers the instrument and scale (`pairKey`), so the sums over every share need no string keys. */
  pairs: { key: number; instrument: string; scale: string; n: number; pre: number; post: number }[];
}

const emptyShare = (): GroupShare => ({ group: null, parents: [], leaders: [], held: 0, recorded: 0, fidelityTotal: 0, returns: [], pairs: [] });

/** Read-only queries behind the activity report; each is bounded by the period's index ranges or by the groups asked for. */
export function activityReportRepo(sqlite: Database.Database) {
  // Instrument and scale pairs by number, for this database's reports: a few dozen at most.
  const pairKeys = new Map<string, number>();
  const pairKey = (instrument: string, scale: string): number => {
    const name = `${instrument}\u0000${scale}`;
    let key = pairKeys.get(name);
    if (key === undefined) pairKeys.set(name, (key = pairKeys.size));
    return key;
  };
  // Each statement comes twice: over the period's index ranges (`period`), and over the groups a
  // write touched (`ids`, a JSON list), each group through its own indexes.
  const chosen = `json_each(@ids) j cross join groups g on g.id = j.value`;
  const groupColumns = `g.id as groupId, g.unit_id as unitId, g.programme_id as programmeId, g.start_date as startDate, g.status as status`;
  // Only a completed group's last held session is looked up (through the group's session index),
  // as only then is it read.
  const lastHeld = `case when g.status = 'completed' then
      (select max(s.planned_date) from sessions s where s.group_id = g.id and +s.status = 'held') end as lastHeld`;
  type GroupRowOf = ReportGroupRow & { groupId: string };
  // The groups that held a session in the period, with how many, from the held sessions'
  // status/date index; then those that started in it without holding one.
  const groupsPeriod = sqlite.prepare<[ReportWindow], GroupRowOf>(
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
  const groupsIds = sqlite.prepare<[ReportWindow & { ids: string }], GroupRowOf>(
    `select * from (select ${groupColumns},
       (select count(*) from sessions s where s.group_id = g.id and +s.status = 'held' and +s.planned_date between @from and @to) as heldInPeriod,
       ${lastHeld}
     from ${chosen} where ${scope})
     where heldInPeriod > 0 or startDate between @from and @to`,
  );
  // The cohort once, one array per parent, counted in JS: the parents' table, the distinct
  // families and the dropouts by session used to be three passes over the same index range.
  const cohortColumns = `g.id, g.unit_id, g.programme_id, ${category}, p.family_id,
         case when g.tracks_attendance = 1 then p.present_count else 0 end,
         case when g.tracks_attendance = 1 then p.marked_count else 0 end,
         coalesce(p.last_session_attended, 0)`;
  const cohortPeriod = sqlite.prepare<[ReportWindow], [string, ...CohortTuple]>(`select ${cohortColumns} ${cohort}`).raw();
  const cohortIds = sqlite
    .prepare<[ReportWindow & { ids: string }], [string, ...CohortTuple]>(
      `select ${cohortColumns} from ${chosen} cross join participants p on p.group_id = g.id
       where g.start_date between @from and @to and p.status <> 'moved' and ${scope}`,
    )
    .raw();
  // Active leaders and leaders on a supervised first group, from the groups that held a session
  // in the period. A first group under supervision: someone else supervises it and the leader was
  // not yet certified in its programme when the period began.
  const heldIds = `select g.id as id, g.programme_id as programmeId, g.supervisor_id as supervisorId
    from ${chosen}
    where ${scope} and exists (
      select 1 from sessions s where s.group_id = g.id and +s.status = 'held' and +s.planned_date between @from and @to)`;
  const leadersOf = (held: string) => `with h as materialized (${held})
     select h.id, gl.staff_id, h.supervisorId is not null and h.supervisorId <> gl.staff_id
         and not exists (select 1 from certifications ce where ce.leader_id = gl.staff_id
           and ce.programme_id = h.programmeId and ce.date < @from)
     from h cross join group_leaders gl on gl.group_id = h.id`;
  const leadersPeriod = sqlite.prepare<[ReportWindow], [string, string, number]>(leadersOf(heldGroups)).raw();
  const leadersIds = sqlite.prepare<[ReportWindow & { ids: string }], [string, string, number]>(leadersOf(heldIds)).raw();
  // Fidelity reads each group's held sessions through the group's session index, which holds the
  // date and the fidelity.
  const fidelityOf = (held: string) => `with h as materialized (${held})
     select h.id, count(*), count(s.fidelity_percent), total(s.fidelity_percent)
     from h cross join sessions s on s.group_id = h.id
     where s.status = 'held' and +s.planned_date between @from and @to group by h.id`;
  const fidelityPeriod = sqlite.prepare<[ReportWindow], [string, number, number, number]>(fidelityOf(heldGroups)).raw();
  const fidelityIds = sqlite.prepare<[ReportWindow & { ids: string }], [string, number, number, number]>(fidelityOf(heldIds)).raw();
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
  // With a scope, a supervision session counts when it was about a group in scope.
  const supervision = sqlite.prepare<[ReportWindow], { sessions: number; attendances: number }>(
    `select count(*) as sessions, coalesce(sum((select count(*) from supervision_leaders sl where sl.supervision_id = ss.id)), 0) as attendances
     from supervision_sessions ss
     where ss.date between @from and @to and ((@units = '[]' and @programmes = '[]') or exists (
       select 1 from supervision_groups sg join groups g on g.id = sg.group_id where sg.supervision_id = ss.id and ${scope}))`,
  );
  const unitNames = sqlite.prepare<[], { id: string; name: string }>('select id, name from units');
  const programmeNames = sqlite.prepare<[], { id: string; code: string; name: string }>('select id, code, name from programmes');
  const hasOutcomeData = sqlite.prepare<[], { n: number }>(
    `select (select count(*) from outcome_schedules) + (select count(*) from (select 1 from outcome_responses limit 1)) as n`,
  );
  // Each participant is in one group, so a group's distinct participants add up to the period's.
  const returnsOf = (cohortSource: string) => `select c.gid, r.timepoint, count(distinct r.participant_id)
     from (${cohortSource}) c cross join outcome_responses r on r.participant_id = c.id group by 1, 2`;
  const startedIds = `select p.id, g.id as gid from ${chosen} cross join participants p on p.group_id = g.id
     where g.start_date between @from and @to and p.status <> 'moved' and ${scope} and (${category}) in (${startedList})`;
  const returnsPeriod = sqlite.prepare<[ReportWindow], [string, string, number]>(returnsOf(startedCohort)).raw();
  const returnsIds = sqlite.prepare<[ReportWindow & { ids: string }], [string, string, number]>(returnsOf(startedIds)).raw();
  const scheduledTimepoints = sqlite.prepare<[ReportWindow], { timepoint: string }>(
    `select distinct os.timepoint as timepoint from outcome_schedules os
     where (@programmes = '[]' or os.programme_id in (select value from json_each(@programmes)))`,
  );
  // Pre→post pairs per scale from the per-group sums the questionnaire results keep (migration
  // 0024, `post` against `pre` of the same instrument and scale), less the pairs of the cohort's
  // groups' parents who are not in it as having started: moves, never started, unrecorded. Those
  // are a few of the parents, read from the participants' covering index by status (the only
  // statuses the category rule leaves out), then through the responses' time point index and the
  // scores' covering index. Summed per group; the means are the sums over the groups.
  const prePostOf = (groupsSource: string) =>
    `with pg as materialized (select g.id as id, g.tracks_attendance as tracks_attendance from ${groupsSource}
       where g.start_date between @from and @to and ${scope}),
     pairs(gid, instrument, scale, n, pre, post) as (
       select pg.id, oc.instrument_code, oc.scale, oc.n, oc.before_total, oc.after_total
       from pg cross join outcome_change_cells oc on oc.group_id = pg.id and oc.timepoint = 'post'
       union all
       select pg.id, a.instrument_code, sa.scale, -1, -sb.score, -sa.score
       from pg cross join participants p on p.group_id = pg.id
         cross join outcome_responses a on a.participant_id = p.id and a.timepoint = 'post'
         cross join outcome_responses b on b.participant_id = p.id and b.timepoint = 'pre' and +b.instrument_code = a.instrument_code
         cross join outcome_scores sa on sa.response_id = a.id
         cross join outcome_scores sb on sb.response_id = b.id and sb.scale = sa.scale
       where p.status in ('moved', 'ended_unrecorded', 'never_started', 'active')
         and (p.status = 'moved' or (${categoryOf('pg')}) not in (${startedList}))
         and sa.score is not null and sb.score is not null)
     select gid, instrument, scale, sum(n), sum(pre), sum(post) from pairs group by 1, 2, 3`;
  const prePostPeriod = sqlite.prepare<[ReportWindow], [string, string, string, number, number, number]>(prePostOf('groups g')).raw();
  const prePostIds = sqlite.prepare<[ReportWindow & { ids: string }], [string, string, string, number, number, number]>(prePostOf(chosen)).raw();

  /**
   * The shares of the period's groups (`ids` null), or of the groups listed (those that neither
   * started nor held a session in the period get an empty share). Questionnaires only when asked.
   * One query per step, so that reading ahead can give way between them; `shares` takes them all.
   */
  function* shareSteps(w: ReportWindow, ids: readonly string[] | null, outcomes: boolean): Generator<void, Map<string, GroupShare>> {
    const out = new Map<string, GroupShare>(ids ? ids.map((id) => [id, emptyShare()]) : []);
    const share = (id: string) => {
      let s = out.get(id);
      if (!s) out.set(id, (s = emptyShare()));
      return s;
    };
    const args = ids ? { ...w, ids: JSON.stringify(ids) } : w;
    const pick = <A, B>(period: A, byIds: B) => (ids ? byIds : period);
    for (const { groupId, ...row } of pick(groupsPeriod, groupsIds).all(args as never) as GroupRowOf[]) share(groupId).group = row;
    yield;
    for (const [id, ...parent] of pick(cohortPeriod, cohortIds).all(args as never) as [string, ...CohortTuple][]) share(id).parents.push(parent);
    yield;
    for (const [id, staffId, first] of pick(leadersPeriod, leadersIds).all(args as never) as [string, string, number][])
      share(id).leaders.push([staffId, first]);
    yield;
    for (const [id, held, recorded, total] of pick(fidelityPeriod, fidelityIds).all(args as never) as [string, number, number, number][]) {
      const s = share(id);
      s.held = held;
      s.recorded = recorded;
      s.fidelityTotal = total;
    }
    if (outcomes) {
      yield;
      for (const [id, timepoint, n] of pick(returnsPeriod, returnsIds).all(args as never) as [string, string, number][]) share(id).returns.push([timepoint, n]);
      yield;
      for (const [id, instrument, scale, n, pre, post] of pick(prePostPeriod, prePostIds).all(args as never) as [
        string,
        string,
        string,
        number,
        number,
        number,
      ][])
        share(id).pairs.push({ key: pairKey(instrument, scale), instrument, scale, n, pre, post });
    }
    return out;
  }

  const shares = (w: ReportWindow, ids: readonly string[] | null, outcomes: boolean): Map<string, GroupShare> => finish(shareSteps(w, ids, outcomes));

  return {
    shares,
    shareSteps,
    /** The leaders' figures not kept per group: courses, certifications and supervision in the period. */
    leaderRecords: (w: ReportWindow) => ({ inCourse: inCourse.get(w)!.n, certified: certified.get(w)!.n, supervision: supervision.get(w)! }),
    /** Every unit's and programme's name, archived ones too: the labels and the scope's check, without the registers' counts. */
    names: () => ({ units: unitNames.all(), programmes: programmeNames.all() }),
    hasOutcomeData: () => hasOutcomeData.get()!.n > 0,
    scheduledTimepoints: (w: ReportWindow) => scheduledTimepoints.all(w).map((r) => r.timepoint),
  };
}
export type ActivityReportRepo = ReturnType<typeof activityReportRepo>;

// ISO dates, ids and codes order the same byte by byte as in SQLite's own comparison.
const bytewise = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Adds to a count kept by key, and forgets the key when it is back at nothing. */
function bump<K>(counts: Map<K, number>, key: K, by: number) {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

/**
 * A period's figures summed over its groups' shares, as the report reads them: the groups' rows,
 * the cohort by unit, programme and category with distinct families and the dropouts by session,
 * the leaders on its groups and their fidelity, the questionnaires returned by time point and the
 * pre→post means by instrument and scale. A share is taken out and its new one put in when a write
 * touched its group; distinct families and leaders are counted by how many shares hold them, so
 * taking a share out takes out only what no other share holds. Every count and the fidelity
 * percentages are whole numbers, so what is taken out leaves no rounding behind; the pre→post sums
 * are not, and are added up afresh over the shares each time (a few per group).
 */
export function shareTotals() {
  const groups = new Map<GroupShare, ReportGroupRow>();
  const counts = new Map<string, ParentCountRow>();
  const unitFamilies = new Map<string, Map<string, number>>();
  const programmeFamilies = new Map<string, Map<string, number>>();
  const dropouts = new Map<number, number>();
  const active = new Map<string, number>();
  const supervisedFirst = new Map<string, number>();
  const returns = new Map<string, number>();
  let held = 0;
  let recorded = 0;
  let fidelityTotal = 0;
  const family = (sets: Map<string, Map<string, number>>, key: string, familyId: string, by: number) => {
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Map()));
    bump(set, familyId, by);
    if (set.size === 0) sets.delete(key);
  };
  const change = (s: GroupShare, by: 1 | -1) => {
    if (s.group) {
      if (by > 0) groups.set(s, s.group);
      else groups.delete(s);
    }
    for (const [unitId, programmeId, category, familyId, present, marked, session] of s.parents) {
      const key = `${unitId}\u0000${programmeId}\u0000${category}`;
      const row = counts.get(key);
      if (row) {
        row.n += by;
        row.present += by * present;
        row.marked += by * marked;
        if (row.n === 0) counts.delete(key);
      } else counts.set(key, { unitId, programmeId, category, n: by, present: by * present, marked: by * marked });
      family(unitFamilies, unitId, familyId, by);
      family(programmeFamilies, programmeId, familyId, by);
      if (category === 'droppedOut') bump(dropouts, session, by);
    }
    for (const [staffId, first] of s.leaders) {
      bump(active, staffId, by);
      if (first) bump(supervisedFirst, staffId, by);
    }
    held += by * s.held;
    recorded += by * s.recorded;
    fidelityTotal += by * s.fidelityTotal;
    for (const [timepoint, n] of s.returns) bump(returns, timepoint, by * n);
  };
  return {
    add: (s: GroupShare) => change(s, 1),
    remove: (s: GroupShare) => change(s, -1),
    figures(shares: Iterable<GroupShare>) {
      // Summed afresh in the shares' order on every call: by the pair's number rather than a name
      // made and looked up per pair, the cost of the report's first call after a write.
      const pairs: { instrument: string; scale: string; n: number; pre: number; post: number }[] = [];
      for (const s of shares)
        for (const p of s.pairs) {
          const sum = pairs[p.key];
          if (sum) {
            sum.n += p.n;
            sum.pre += p.pre;
            sum.post += p.post;
          } else pairs[p.key] = { instrument: p.instrument, scale: p.scale, n: p.n, pre: p.pre, post: p.post };
        }
      return {
        groups: [...groups.values()],
        cohort: {
          parents: [...counts.values()].map((r) => ({ ...r })),
          familiesByUnit: new Map([...unitFamilies].map(([k, set]) => [k, set.size])),
          familiesByProgramme: new Map([...programmeFamilies].map(([k, set]) => [k, set.size])),
          dropouts: [...dropouts].sort((a, b) => a[0] - b[0]).map(([session, n]) => ({ session, n })),
        },
        leaders: {
          active: active.size,
          supervisedFirstGroup: supervisedFirst.size,
          fidelity: { held, recorded, mean: recorded > 0 ? fidelityTotal / recorded : null },
        },
        returns: [...returns].sort((a, b) => bytewise(a[0], b[0])).map(([timepoint, n]) => ({ timepoint, n })),
        prePost: pairs
          .filter((p) => p !== undefined && p.n > 0)
          .sort((a, b) => bytewise(a.instrument, b.instrument) || bytewise(a.scale, b.scale))
          .map((p) => ({ instrument: p.instrument, scale: p.scale, n: p.n, pre: p.pre / p.n, post: p.post / p.n })),
      };
    },
  };
}
export type ShareTotals = ReturnType<typeof shareTotals>;
