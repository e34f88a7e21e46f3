import type Database from 'better-sqlite3';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { deviationSquares } from '../outcomes/statistics';
import type { InstrumentSource, OutcomeStatus, Respondent, ResponseSource } from '../../contract/enums';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { instruments, outcomeEntries, outcomeResponses, outcomeSchedules, outcomeScores, outcomeStatuses } from '../db/schema';
import type { WorklistEnrolment, WorklistGroup } from '../outcomes/worklist';
import { otherConnectionsWrites } from './write-stamps';

export interface InstrumentRow {
  code: string;
  version: string;
  definition: string;
  source: InstrumentSource;
  createdAt: string;
}

export interface ScheduleRow {
  id: string;
  programmeId: string;
  instrumentCode: string;
  respondent: Respondent;
  timepoint: string;
  months: number | null;
  windowDays: number | null;
  missedAfterDays: number;
  doubleEntry: boolean;
}

export interface StatusRow {
  participantId: string;
  timepoint: string;
  status: OutcomeStatus;
}

export interface ResponseRow {
  id: string;
  participantId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timepoint: string;
  date: string;
  enteredBy: string;
  answers: string;
  source: ResponseSource | null;
}

/** One typing of a form that is entered twice, waiting for the other typing or for reconciliation. */
export interface EntryRow {
  id: string;
  participantId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timepoint: string;
  date: string;
  enteredBy: string;
  userName: string;
  answers: string;
  createdAt: string;
}

export interface ScoreRow {
  scale: string;
  score: number | null;
  band: number | null;
  answered: number | null;
  filled: number;
}

/** What the worklist needs of one enrolment: its group, programme, and first and last session dates. */
export type EnrolmentDates = WorklistEnrolment;

export interface StoredScore extends ScoreRow {
  participantId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timepoint: string;
}

export interface EnrolmentName {
  participantId: string;
  participantName: string;
  programmeName: string;
  unitName: string;
  groupStartDate: string;
}

/** Which enrolments a result counts: one programme or all, groups that started in a period (both ends inclusive, either open). */
export interface ResultScope {
  programmeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Per scale and time point: the number of non-null scores, their mean and their sum of squared deviations from it. */
export interface LevelMoments {
  scale: string;
  timepoint: string;
  n: number;
  mean: number;
  squares: number;
}

/**
 * Per scale and later time point, over the people scored there and at `pre`: their number, the
 * mean change (later − pre) and the means before and after, each with its sum of squared deviations.
 */
export interface ChangeMoments {
  scale: string;
  timepoint: string;
  n: number;
  meanChange: number;
  changeSquares: number;
  meanBefore: number;
  beforeSquares: number;
  meanAfter: number;
  afterSquares: number;
}

/** Enrolments (not moved) with the same programme and session span, counted; and per time point, those who returned the instrument. */
export interface SpanCount {
  programmeId: string;
  firstSession: string | null;
  lastSession: string | null;
  enrolled: number;
}
export interface SpanReturned {
  programmeId: string;
  firstSession: string | null;
  lastSession: string | null;
  timepoint: string;
  returned: number;
}

const instrumentColumns = {
  code: instruments.code,
  version: instruments.version,
  definition: instruments.definition,
  source: instruments.source,
  createdAt: instruments.createdAt,
};
const scheduleColumns = {
  id: outcomeSchedules.id,
  programmeId: outcomeSchedules.programmeId,
  instrumentCode: outcomeSchedules.instrumentCode,
  respondent: outcomeSchedules.respondent,
  timepoint: outcomeSchedules.timepoint,
  months: outcomeSchedules.months,
  windowDays: outcomeSchedules.windowDays,
  missedAfterDays: outcomeSchedules.missedAfterDays,
  doubleEntry: outcomeSchedules.doubleEntry,
};
const entryColumns = {
  id: outcomeEntries.id,
  participantId: outcomeEntries.participantId,
  instrumentCode: outcomeEntries.instrumentCode,
  instrumentVersion: outcomeEntries.instrumentVersion,
  timepoint: outcomeEntries.timepoint,
  date: outcomeEntries.date,
  enteredBy: outcomeEntries.enteredBy,
  userName: outcomeEntries.userName,
  answers: outcomeEntries.answers,
  createdAt: outcomeEntries.createdAt,
};

/** Instruments, schedules, per-time-point statuses, responses and their stored scores. */
export function outcomeRepo(orm: Orm, sqlite: Database.Database, clock: Clock) {
  // A session's date is the day it was held, or the day it is planned for; cancelled ones do not count.
  // A group's span is read once from the sessions' covering index, not once per participant.
  const enrolmentDates = sqlite.prepare(`
    with scheduled as (select distinct programme_id from outcome_schedules),
    spans as (
      select s.group_id, min(coalesce(s.held_date, s.planned_date)) as first, max(coalesce(s.held_date, s.planned_date)) as last
      from groups g join scheduled on scheduled.programme_id = g.programme_id join sessions s on s.group_id = g.id
      where s.status <> 'cancelled'
      group by s.group_id)
    select p.id as participantId, p.group_id as groupId, g.programme_id as programmeId, p.status as status,
           spans.first as firstSession, spans.last as lastSession
    from groups g
    join scheduled on scheduled.programme_id = g.programme_id
    join participants p on p.group_id = g.id
    left join spans on spans.group_id = g.id`);
  // The same, for groups whose sessions span reaches into [from, to]: a window far from today is never listed.
  const enrolmentDatesNear = sqlite.prepare(`
    with scheduled as (select distinct programme_id from outcome_schedules),
    spans as (
      select s.group_id, min(coalesce(s.held_date, s.planned_date)) as first, max(coalesce(s.held_date, s.planned_date)) as last
      from groups g join scheduled on scheduled.programme_id = g.programme_id join sessions s on s.group_id = g.id
      where s.status <> 'cancelled'
      group by s.group_id
      having first <= :to and last >= :from)
    select p.id as participantId, p.group_id as groupId, g.programme_id as programmeId, p.status as status,
           spans.first as firstSession, spans.last as lastSession
    from spans join groups g on g.id = spans.group_id join participants p on p.group_id = g.id`);
  // The worklist's groups: those of a scheduled programme whose span (kept by triggers, migration
  // 0023) reaches into [from, to], from the spans' index and in its order (which costs no sort, and
  // lets a kept list put a group whose span changed back in its place); or one group.
  const spansNear = sqlite.prepare(`
    select sp.group_id as groupId, g.programme_id as programmeId, sp.first_session as firstSession, sp.last_session as lastSession
    from group_spans sp cross join groups g on g.id = sp.group_id
    where sp.last_session >= :from and sp.first_session <= :to
      and g.programme_id in (select programme_id from outcome_schedules)
    order by sp.last_session, sp.first_session, sp.group_id`);
  const spanOf = sqlite.prepare(`
    select sp.group_id as groupId, g.programme_id as programmeId, sp.first_session as firstSession, sp.last_session as lastSession
    from group_spans sp join groups g on g.id = sp.group_id
    where sp.group_id = :groupId and g.programme_id in (select programme_id from outcome_schedules)`);
  // Per [group, instrument, time point], its enrolments (not moved) with neither a response there
  // nor a declined or unreachable mark: kept as rows by triggers (migration 0028), so each point is
  // one range of an index, not a question to each of its group's enrolments. Within a point they
  // come by participant id, the index's own order; the lists with names are sorted by the services
  // with an order of their own that leaves no ties.
  const unansweredSql = (named: boolean) => `
    with q (point, group_id, instrument_code, timepoint) as materialized (
      select key, value ->> 0, value ->> 1, value ->> 2 from json_each(:points))
    select q.point as point, u.participant_id as participantId${named ? ', p.display_name as participantName' : ''}
    from q cross join outcome_unanswered u on u.group_id = q.group_id and u.instrument_code = q.instrument_code and u.timepoint = q.timepoint
    ${named ? 'cross join participants p on p.id = u.participant_id' : ''}
    order by q.point, u.participant_id`;
  const unanswered = sqlite.prepare(unansweredSql(false));
  const unansweredNamed = sqlite.prepare(unansweredSql(true));
  const groupWords = sqlite.prepare(`
    select g.id as groupId, pr.name as programmeName, u.name as unitName, g.start_date as groupStartDate
    from json_each(?) q cross join groups g on g.id = q.value join programmes pr on pr.id = g.programme_id join units u on u.id = g.unit_id`);
  // One group's enrolments with its span, for its page: the group's own rows only.
  const groupEnrolmentDates = sqlite.prepare(`
    with span as (
      select min(coalesce(held_date, planned_date)) as first, max(coalesce(held_date, planned_date)) as last
      from sessions where group_id = :groupId and status <> 'cancelled')
    select p.id as participantId, p.group_id as groupId, g.programme_id as programmeId, p.status as status,
           span.first as firstSession, span.last as lastSession
    from groups g join participants p on p.group_id = g.id cross join span
    where g.id = :groupId and exists (select 1 from outcome_schedules s where s.programme_id = g.programme_id)`);
  const groupResponseKeys = sqlite.prepare(`
    select r.participant_id as participantId, r.instrument_code as instrumentCode, r.timepoint as timepoint
    from participants p join outcome_responses r on r.participant_id = p.id where p.group_id = ?`);
  const groupStatuses = sqlite.prepare(`
    select s.participant_id as participantId, s.timepoint as timepoint, s.status as status
    from participants p join outcome_statuses s on s.participant_id = p.id where p.group_id = ?`);
  const groupNames = sqlite.prepare('select id as participantId, display_name as participantName from participants where group_id = ?');
  const programmeOfParticipant = sqlite.prepare('select g.programme_id from participants p join groups g on g.id = p.group_id where p.id = ?').pluck();
  const responseKeys = sqlite.prepare('select participant_id as participantId, instrument_code as instrumentCode, timepoint from outcome_responses');
  const storedScores = sqlite.prepare(`
    select r.participant_id as participantId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
           r.timepoint as timepoint, s.scale as scale, s.score as score, s.band as band, s.answered as answered, s.filled as filled
    from outcome_responses r join outcome_scores s on s.response_id = r.id
    order by r.participant_id, r.instrument_code, r.timepoint, r.id, s.rowid`);
  const enrolmentNames = sqlite.prepare(`
    select p.id as participantId, p.display_name as participantName, pr.name as programmeName, u.name as unitName, g.start_date as groupStartDate
    from participants p join groups g on g.id = p.group_id join programmes pr on pr.id = g.programme_id join units u on u.id = g.unit_id`);
  const enrolmentNamesOf = sqlite.prepare(`
    select p.id as participantId, p.display_name as participantName, pr.name as programmeName, u.name as unitName, g.start_date as groupStartDate
    from participants p join groups g on g.id = p.group_id join programmes pr on pr.id = g.programme_id join units u on u.id = g.unit_id
    where p.id in (select value from json_each(?))`);

  // Prepared once: each table written here carries the cell triggers, and SQLite compiles a
  // table's triggers into every statement that writes it, so preparing the insert again for each
  // response of a 10,000-row import cost more than running it.
  const insertResponseRow = sqlite.prepare(`
    insert into outcome_responses (id, participant_id, instrument_code, instrument_version, timepoint, date, entered_by, answers, source, created_at, updated_at)
    values (:id, :participantId, :instrumentCode, :instrumentVersion, :timepoint, :date, :enteredBy, :answers, :source, :now, :now)`);
  const deleteScoresOf = sqlite.prepare('delete from outcome_scores where response_id = ?');
  // An import's cells, added once for all its responses: the same sums the per-row triggers of
  // migrations 0024 and 0029 add (returned responses, scores, and pairs with `pre` where either side
  // is new), grouped per group cell and per programme-and-start-date cell, so each cell is written
  // once, not once per score and then once more per programme. What the sums need of each new
  // response (its group, programme, start date and span), of its scores and of its pairs is read
  // once into temporary tables (this connection's own, in memory): reading it again for the
  // group cells and for the programme cells cost as much as writing either.
  // The planner finds each response's scores and its pairs through the covering indexes by
  // response and by participant and time point on its own, told what those hold by the statistics
  // migrations 0020 and 0021 ship (a test reads the plans).
  const cellTriggers = [
    'outcome_cells_response_insert',
    'outcome_cells_score_insert',
    ...['level', 'change', 'return'].flatMap((cell) => [`outcome_scope_${cell}_insert`, `outcome_scope_${cell}_update`]),
    'outcome_unanswered_response_insert',
  ];
  const triggersNamed = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and name in (select value from json_each(?))");
  const importedTables = `
    create temp table if not exists imported_responses (id text primary key, participant_id text, instrument_code text, timepoint text,
      group_id text, counted integer, programme_id text, start_date text, first_session text, last_session text);
    create temp table if not exists imported_scores (group_id text, programme_id text, start_date text, instrument_code text, scale text,
      timepoint text, score real);
    create temp table if not exists imported_pairs (group_id text, programme_id text, start_date text, instrument_code text, scale text,
      timepoint text, before real, after real);`;
  const clearImported = 'delete from temp.imported_responses; delete from temp.imported_scores; delete from temp.imported_pairs;';
  const addTo = (columns: string[]) => columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  const moments = ['n', 'total', 'squares'];
  const changeMoments = ['n', 'before_total', 'before_squares', 'after_total', 'after_squares', 'change_total', 'change_squares'];
  const changeSums = `count(*), sum(before), sum(before * before), sum(after), sum(after * after),
      sum(after - before), sum((after - before) * (after - before))`;
  const importedCellsSql = [
    // The new responses, each with where it counts; a group without sessions has the span '' to ''.
    `insert into temp.imported_responses
    select n.value, r.participant_id, r.instrument_code, r.timepoint, p.group_id, p.status <> 'moved', g.programme_id, g.start_date,
      coalesce(sp.first_session, ''), coalesce(sp.last_session, '')
    from json_each(:ids) n cross join outcome_responses r on r.id = n.value join participants p on p.id = r.participant_id
      join groups g on g.id = p.group_id left join group_spans sp on sp.group_id = g.id`,
    `insert into temp.imported_scores
    select c.group_id, c.programme_id, c.start_date, c.instrument_code, x.scale, c.timepoint, x.score
    from temp.imported_responses c cross join outcome_scores x on x.response_id = c.id
    where x.score is not null`,
    // Pairs with `pre` where either side is new, once each: a new later response with its `pre`
    // (new or stored), and a new `pre` with the stored later ones. Both sides are the same
    // participant's, so the new side says where the pair counts.
    `insert into temp.imported_pairs
    with pairs (group_id, programme_id, start_date, instrument_code, timepoint, a, b) as (
      select c.group_id, c.programme_id, c.start_date, c.instrument_code, c.timepoint, c.id, b.id
      from temp.imported_responses c cross join outcome_responses b
        on b.participant_id = c.participant_id and b.timepoint = 'pre' and b.instrument_code = c.instrument_code
      where c.timepoint <> 'pre'
      union all
      select c.group_id, c.programme_id, c.start_date, c.instrument_code, a.timepoint, a.id, c.id
      from temp.imported_responses c cross join outcome_responses a
        on a.participant_id = c.participant_id and a.instrument_code = c.instrument_code
      where c.timepoint = 'pre' and a.timepoint <> 'pre' and a.id not in (select id from temp.imported_responses))
    select pairs.group_id, pairs.programme_id, pairs.start_date, pairs.instrument_code, xa.scale, pairs.timepoint, xb.score, xa.score
    from pairs cross join outcome_scores xa on xa.response_id = pairs.a
      cross join outcome_scores xb on xb.response_id = pairs.b and xb.scale = xa.scale
    where xa.score is not null and xb.score is not null`,
    // Per group (0024).
    `insert into outcome_return_cells (group_id, instrument_code, timepoint, returned)
    select group_id, instrument_code, timepoint, count(*) from temp.imported_responses where counted group by 1, 2, 3
    on conflict (group_id, instrument_code, timepoint) do update set ${addTo(['returned'])}`,
    `insert into outcome_level_cells (group_id, instrument_code, scale, timepoint, ${moments.join(', ')})
    select group_id, instrument_code, scale, timepoint, count(*), sum(score), sum(score * score) from temp.imported_scores group by 1, 2, 3, 4
    on conflict (group_id, instrument_code, scale, timepoint) do update set ${addTo(moments)}`,
    `insert into outcome_change_cells (group_id, instrument_code, scale, timepoint, ${changeMoments.join(', ')})
    select group_id, instrument_code, scale, timepoint, ${changeSums} from temp.imported_pairs group by 1, 2, 3, 4
    on conflict (group_id, instrument_code, scale, timepoint) do update set ${addTo(changeMoments)}`,
    // Per programme and group start date (0029); returns also per session span.
    `insert into outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
    select instrument_code, programme_id, start_date, first_session, last_session, timepoint, count(*)
    from temp.imported_responses where counted group by 1, 2, 3, 4, 5, 6
    on conflict (instrument_code, programme_id, start_date, first_session, last_session, timepoint) do update set ${addTo(['returned'])}`,
    `insert into outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, ${moments.join(', ')})
    select instrument_code, programme_id, start_date, scale, timepoint, count(*), sum(score), sum(score * score)
    from temp.imported_scores group by 1, 2, 3, 4, 5
    on conflict (instrument_code, programme_id, start_date, scale, timepoint) do update set ${addTo(moments)}`,
    `insert into outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, ${changeMoments.join(', ')})
    select instrument_code, programme_id, start_date, scale, timepoint, ${changeSums} from temp.imported_pairs group by 1, 2, 3, 4, 5
    on conflict (instrument_code, programme_id, start_date, scale, timepoint) do update set ${addTo(changeMoments)}`,
    // The points the new responses answer are no longer unanswered (0028's response trigger, once for all).
    `delete from outcome_unanswered where (participant_id, timepoint, instrument_code) in (
      select participant_id, timepoint, instrument_code from temp.imported_responses)`,
  ];
  const responseExists = sqlite.prepare('select 1 from outcome_responses where participant_id = ? and instrument_code = ? and timepoint = ?').pluck();
  const entryExists = sqlite.prepare('select 1 from outcome_entries where participant_id = ? and instrument_code = ? and timepoint = ? limit 1').pluck();
  const insertScoreRow = sqlite.prepare(`
    insert into outcome_scores (response_id, scale, score, band, answered, filled) values (:responseId, :scale, :score, :band, :answered, :filled)`);

  // Results: the cells per programme and group start date (kept by triggers, migration 0029, from
  // the per-group cells of 0024 and 0027) are added up: counts, sums and sums of squares, never the
  // scores themselves, and a few thousand rows for the whole city rather than one per group. Each
  // shape of scope gets its own statement so the planner sees plain constraints it can index.
  const scopeStatements = new Map<string, ReturnType<typeof resultStatements>>();
  function resultStatements(scope: ResultScope) {
    const where = [
      scope.programmeId !== undefined ? 'c.programme_id = :programmeId' : null,
      scope.from !== undefined ? 'c.start_date >= :from' : null,
      scope.to !== undefined ? 'c.start_date <= :to' : null,
    ].filter((w): w is string => w !== null);
    const cells = (table: string, columns: string) =>
      `select c.scale as scale, c.timepoint as timepoint, ${columns}
       from ${table} c where ${['c.instrument_code = :instrument', ...where].join(' and ')} group by 1, 2`;
    // Only programmes that schedule the instrument are due it; a group without sessions has the
    // span '' to '', read back as none.
    const spanScope = ['c.programme_id in (select programme_id from outcome_schedules where instrument_code = :instrument)', ...where].join(' and ');
    return {
      levels: sqlite.prepare(cells('outcome_scope_level_cells', 'sum(c.n) as n, sum(c.total) as total, sum(c.squares) as squares')),
      changes: sqlite.prepare(
        cells(
          'outcome_scope_change_cells',
          `sum(c.n) as n, sum(c.before_total) as beforeTotal, sum(c.before_squares) as beforeSquares, sum(c.after_total) as afterTotal,
           sum(c.after_squares) as afterSquares, sum(c.change_total) as changeTotal, sum(c.change_squares) as changeSquares`,
        ),
      ),
      spanCounts: sqlite.prepare(`
        select c.programme_id as programmeId, nullif(c.first_session, '') as firstSession, nullif(c.last_session, '') as lastSession,
               sum(c.enrolled) as enrolled
        from outcome_scope_enrolments c where ${spanScope}
        group by c.programme_id, c.first_session, c.last_session`),
      spanReturned: sqlite.prepare(`
        select c.programme_id as programmeId, nullif(c.first_session, '') as firstSession, nullif(c.last_session, '') as lastSession,
               c.timepoint as timepoint, sum(c.returned) as returned
        from outcome_scope_returns c where c.instrument_code = :instrument and ${spanScope}
        group by c.programme_id, c.first_session, c.last_session, c.timepoint`),
    };
  }
  const forScope = (scope: ResultScope) => {
    const key = `${scope.programmeId !== undefined}|${scope.from !== undefined}|${scope.to !== undefined}`;
    let statements = scopeStatements.get(key);
    if (!statements) scopeStatements.set(key, (statements = resultStatements(scope)));
    return statements;
  };
  const scopeParams = (instrument: string, scope: ResultScope) => ({
    instrument,
    ...(scope.programmeId !== undefined ? { programmeId: scope.programmeId } : {}),
    ...(scope.from !== undefined ? { from: scope.from } : {}),
    ...(scope.to !== undefined ? { to: scope.to } : {}),
  });

  return {
    /** Per scale and time point, the moments of one instrument's non-null scores (all versions) within a scope. */
    levelMoments(instrument: string, scope: ResultScope): LevelMoments[] {
      const rows = forScope(scope).levels.all(scopeParams(instrument, scope)) as {
        scale: string;
        timepoint: string;
        n: number;
        total: number;
        squares: number;
      }[];
      return rows
        .filter((r) => r.n > 0)
        .map((r) => ({ scale: r.scale, timepoint: r.timepoint, n: r.n, mean: r.total / r.n, squares: deviationSquares(r.n, r.total, r.squares) }));
    },
    /** Per scale and later time point, the moments of the paired change from `pre` within a scope. */
    changeMoments(instrument: string, scope: ResultScope): ChangeMoments[] {
      type Sums = { scale: string; timepoint: string; n: number } & Record<
        'beforeTotal' | 'beforeSquares' | 'afterTotal' | 'afterSquares' | 'changeTotal' | 'changeSquares',
        number
      >;
      const rows = forScope(scope).changes.all(scopeParams(instrument, scope)) as Sums[];
      return rows
        .filter((r) => r.n > 0)
        .map((r) => ({
          scale: r.scale,
          timepoint: r.timepoint,
          n: r.n,
          meanChange: r.changeTotal / r.n,
          changeSquares: deviationSquares(r.n, r.changeTotal, r.changeSquares),
          meanBefore: r.beforeTotal / r.n,
          beforeSquares: deviationSquares(r.n, r.beforeTotal, r.beforeSquares),
          meanAfter: r.afterTotal / r.n,
          afterSquares: deviationSquares(r.n, r.afterTotal, r.afterSquares),
        }));
    },
    /** The scope's enrolments in programmes that schedule the instrument, counted per programme and session span. */
    spanCounts: (instrument: string, scope: ResultScope): SpanCount[] => forScope(scope).spanCounts.all(scopeParams(instrument, scope)) as SpanCount[],
    /** Of those, the ones with a response to the instrument, counted per span and time point. */
    spanReturned: (instrument: string, scope: ResultScope): SpanReturned[] =>
      forScope(scope).spanReturned.all(scopeParams(instrument, scope)) as SpanReturned[],

    listInstruments: (): InstrumentRow[] => orm.select(instrumentColumns).from(instruments).orderBy(asc(instruments.code), asc(instruments.createdAt)).all(),
    instrument: (code: string, version: string): InstrumentRow | undefined =>
      orm
        .select(instrumentColumns)
        .from(instruments)
        .where(and(eq(instruments.code, code), eq(instruments.version, version)))
        .get(),
    /** The version stored last; a version is never rewritten, so this is the newest definition. */
    latestInstrument: (code: string): InstrumentRow | undefined =>
      orm
        .select(instrumentColumns)
        .from(instruments)
        .where(eq(instruments.code, code))
        .orderBy(desc(instruments.createdAt), desc(instruments.version))
        .limit(1)
        .get(),
    insertInstrument(row: Omit<InstrumentRow, 'createdAt'>, at = clock.now()): void {
      orm
        .insert(instruments)
        .values({ ...row, createdAt: at, updatedAt: at })
        .run();
    },

    schedulesFor: (programmeId: string): ScheduleRow[] =>
      orm
        .select(scheduleColumns)
        .from(outcomeSchedules)
        .where(eq(outcomeSchedules.programmeId, programmeId))
        .orderBy(asc(outcomeSchedules.instrumentCode), asc(outcomeSchedules.timepoint))
        .all(),
    allSchedules: (): ScheduleRow[] => orm.select(scheduleColumns).from(outcomeSchedules).all(),
    schedule: (id: string): ScheduleRow | undefined => orm.select(scheduleColumns).from(outcomeSchedules).where(eq(outcomeSchedules.id, id)).get(),
    insertSchedule(fields: Omit<ScheduleRow, 'id'>): ScheduleRow {
      const now = clock.now();
      const id = crypto.randomUUID();
      orm
        .insert(outcomeSchedules)
        .values({ ...fields, id, createdAt: now, updatedAt: now })
        .run();
      return { id, ...fields };
    },
    deleteSchedule: (id: string): void => {
      orm.delete(outcomeSchedules).where(eq(outcomeSchedules.id, id)).run();
    },

    statusesOf: (participantId: string): StatusRow[] =>
      orm
        .select({ participantId: outcomeStatuses.participantId, timepoint: outcomeStatuses.timepoint, status: outcomeStatuses.status })
        .from(outcomeStatuses)
        .where(eq(outcomeStatuses.participantId, participantId))
        .all(),
    allStatuses: (): StatusRow[] =>
      orm
        .select({ participantId: outcomeStatuses.participantId, timepoint: outcomeStatuses.timepoint, status: outcomeStatuses.status })
        .from(outcomeStatuses)
        .all(),
    setStatus(participantId: string, timepoint: string, status: OutcomeStatus): void {
      const now = clock.now();
      orm
        .insert(outcomeStatuses)
        .values({ participantId, timepoint, status, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [outcomeStatuses.participantId, outcomeStatuses.timepoint], set: { status, updatedAt: now } })
        .run();
    },
    clearStatus: (participantId: string, timepoint: string): void => {
      orm
        .delete(outcomeStatuses)
        .where(and(eq(outcomeStatuses.participantId, participantId), eq(outcomeStatuses.timepoint, timepoint)))
        .run();
    },

    /**
     * Writes new responses (`write` returns their ids) with the per-row cell triggers and the
     * unanswered points' response trigger set aside, then reads what their sums need once and adds
     * their cells per group and per programme, one statement per kind of cell, and closes the points
     * they answer. Only inside a transaction: the triggers are dropped and made again within it, so
     * no other connection ever sees them missing, and a failed write takes the drop back with
     * everything else.
     */
    addingCellsAfter(write: () => readonly string[]): void {
      if (!sqlite.inTransaction) throw new Error('addingCellsAfter needs a transaction');
      const saved = triggersNamed.all(JSON.stringify(cellTriggers)) as { name: string; sql: string }[];
      for (const t of saved) sqlite.exec(`drop trigger "${t.name}"`);
      try {
        const ids = JSON.stringify(write());
        // Made here, not once with the repository: a rollback takes back temporary tables made in
        // its transaction, and statements prepared against them would fail after it.
        sqlite.exec(importedTables);
        sqlite.exec(clearImported);
        for (const sql of importedCellsSql) sqlite.prepare(sql).run(sql.includes(':ids') ? { ids } : {});
        sqlite.exec(clearImported);
      } finally {
        for (const t of saved) sqlite.exec(t.sql);
      }
    },
    /**
     * Ids for an import's responses, in ascending order: version 7 (RFC 9562), the time in their
     * first 48 bits, then a 32-bit counter (started at a random value each millisecond, counted up
     * within it) and random bits after, so they sit side by side in every index keyed by a
     * response's id. Random version 4 ids scattered an import's rows over the whole of the
     * responses' and scores' indexes: at scale 100, 10,000 responses wrote 27,000 pages of the
     * scores' two indexes alone (110 MB) to the journal.
     */
    newResponseIds(count: number): string[] {
      // uuid's v7 counts up within a millisecond, so the ids come out already in ascending order.
      return Array.from({ length: count }, () => uuidv7());
    },
    /** Whether a response is stored there: asked once per row of an import, so from a statement prepared once. */
    hasResponseAt: (participantId: string, instrumentCode: string, timepoint: string): boolean =>
      responseExists.get(participantId, instrumentCode, timepoint) !== undefined,
    /** Whether a typing waits there for its second (double entry). */
    hasEntryAt: (participantId: string, instrumentCode: string, timepoint: string): boolean =>
      entryExists.get(participantId, instrumentCode, timepoint) !== undefined,
    responseAt: (participantId: string, instrumentCode: string, timepoint: string): ResponseRow | undefined =>
      orm
        .select()
        .from(outcomeResponses)
        .where(
          and(
            eq(outcomeResponses.participantId, participantId),
            eq(outcomeResponses.instrumentCode, instrumentCode),
            eq(outcomeResponses.timepoint, timepoint),
          ),
        )
        .get(),
    /** The typings of one form awaiting agreement, first typed first. */
    entriesAt: (participantId: string, instrumentCode: string, timepoint: string): EntryRow[] =>
      orm
        .select(entryColumns)
        .from(outcomeEntries)
        .where(and(eq(outcomeEntries.participantId, participantId), eq(outcomeEntries.instrumentCode, instrumentCode), eq(outcomeEntries.timepoint, timepoint)))
        // Typings made in the same millisecond keep the order this copy stored them in.
        .orderBy(asc(outcomeEntries.createdAt), sql`rowid`)
        .all(),
    insertEntry(fields: Omit<EntryRow, 'id' | 'createdAt'>): string {
      const now = clock.now();
      const id = crypto.randomUUID();
      orm
        .insert(outcomeEntries)
        .values({ ...fields, id, createdAt: now, updatedAt: now })
        .run();
      return id;
    },
    deleteEntries: (participantId: string, instrumentCode: string, timepoint: string): void => {
      orm
        .delete(outcomeEntries)
        .where(and(eq(outcomeEntries.participantId, participantId), eq(outcomeEntries.instrumentCode, instrumentCode), eq(outcomeEntries.timepoint, timepoint)))
        .run();
    },
    response: (id: string): ResponseRow | undefined => orm.select().from(outcomeResponses).where(eq(outcomeResponses.id, id)).get(),
    insertResponse(fields: Omit<ResponseRow, 'id'>, id: string = crypto.randomUUID()): string {
      const now = clock.now();
      insertResponseRow.run({ ...fields, source: fields.source ?? null, id, now });
      return id;
    },
    /** Replaces a response's scores with freshly computed ones. */
    writeScores(responseId: string, scores: readonly ScoreRow[]): void {
      deleteScoresOf.run(responseId);
      for (const s of scores) insertScoreRow.run({ ...s, responseId });
    },
    /** A new response's scores: it has none to replace, so no search of the scores' index for them (one per row of an import). */
    addScores(responseId: string, scores: readonly ScoreRow[]): void {
      for (const s of scores) insertScoreRow.run({ ...s, responseId });
    },
    scoresOf: (responseId: string): ScoreRow[] =>
      orm
        .select({
          scale: outcomeScores.scale,
          score: outcomeScores.score,
          band: outcomeScores.band,
          answered: outcomeScores.answered,
          filled: outcomeScores.filled,
        })
        .from(outcomeScores)
        .where(eq(outcomeScores.responseId, responseId))
        .all(),
    storedScores: (): StoredScore[] => storedScores.all() as StoredScore[],

    /** Who each enrolment is and which group it belongs to, in words for the worklist. */
    enrolmentNames: (): EnrolmentName[] => enrolmentNames.all() as EnrolmentName[],
    /** The same for the given participants only. */
    enrolmentNamesOf: (participantIds: readonly string[]): EnrolmentName[] => enrolmentNamesOf.all(JSON.stringify(participantIds)) as EnrolmentName[],

    programmeOfParticipant: (participantId: string): string | undefined => programmeOfParticipant.get(participantId) as string | undefined,
    enrolmentDates: (): EnrolmentDates[] => enrolmentDates.all() as EnrolmentDates[],
    /** What a group's page needs: its enrolments with dates, their responses, marks and names. */
    groupEnrolmentDates: (groupId: string): EnrolmentDates[] => groupEnrolmentDates.all({ groupId }) as EnrolmentDates[],
    groupResponseKeys: (groupId: string): { participantId: string; instrumentCode: string; timepoint: string }[] =>
      groupResponseKeys.all(groupId) as { participantId: string; instrumentCode: string; timepoint: string }[],
    groupStatuses: (groupId: string): StatusRow[] => groupStatuses.all(groupId) as StatusRow[],
    groupNames: (groupId: string): { participantId: string; participantName: string }[] =>
      groupNames.all(groupId) as { participantId: string; participantName: string }[],
    /** Enrolments in groups whose first session is on or before `to` and last on or after `from`. */
    enrolmentDatesNear: (from: string, to: string): EnrolmentDates[] => enrolmentDatesNear.all({ from, to }) as EnrolmentDates[],
    /** Groups of a scheduled programme whose first session is on or before `to` and last on or after `from`, by last session, first session and id. */
    spansNear: (from: string, to: string): WorklistGroup[] => spansNear.all({ from, to }) as WorklistGroup[],
    /** One group's span, if its programme has a schedule and it has sessions. */
    spanOf: (groupId: string): WorklistGroup[] => spanOf.all({ groupId }) as WorklistGroup[],
    /** For each `[groupId, instrumentCode, timepoint]`, by its index in the list: the enrolments still to answer there. */
    unanswered: (points: readonly (readonly [string, string, string])[]): { point: number; participantId: string }[] =>
      unanswered.all({ points: JSON.stringify(points) }) as { point: number; participantId: string }[],
    /** The same with each participant's name. */
    unansweredNamed: (points: readonly (readonly [string, string, string])[]): { point: number; participantId: string; participantName: string }[] =>
      unansweredNamed.all({ points: JSON.stringify(points) }) as { point: number; participantId: string; participantName: string }[],
    /** A number that differs after another connection committed; this connection's writes are noted by `worklistChanges`. */
    otherWrites: () => otherConnectionsWrites(sqlite),
    /** Whether a transaction is open, whose writes a rollback would take back. */
    inTransaction: () => sqlite.inTransaction,
    /** The given groups' programme and unit in words, and start date. */
    groupWords: (groupIds: readonly string[]): { groupId: string; programmeName: string; unitName: string; groupStartDate: string }[] =>
      groupWords.all(JSON.stringify(groupIds)) as { groupId: string; programmeName: string; unitName: string; groupStartDate: string }[],
    responseKeys: (): { participantId: string; instrumentCode: string; timepoint: string }[] =>
      responseKeys.all() as { participantId: string; instrumentCode: string; timepoint: string }[],
  };
}
export type OutcomeRepo = ReturnType<typeof outcomeRepo>;
