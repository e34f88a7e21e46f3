import type Database from 'better-sqlite3';
import type {
  ExportSource,
  FidelityComponent,
  ParticipantStatus,
  SourceAttendance,
  SourceFidelity,
  SourceGroup,
  SourceGroupStaff,
  SourceInstrument,
  SourceParticipant,
  SourceResponse,
  SourceScore,
  SourceProgramme,
  SourceSession,
  SourceUnit,
} from '../export/model';
import { IdSlots } from '../export/id-slots';
import { ParticipantColumns } from '../export/participant-columns';

/**
 * Gathers the export engine's input for one scope.
 *
 * Scope rule: a group is in scope when its start date lies in [from, to] (either end open), its
 * programme is among programmeIds and its unit among unitIds (an empty list means all). A group
 * in scope brings all its sessions, enrolments and marks, so no group is cut off half-way and
 * completion and dropout mean the same as in the app.
 *
 * Attendance and fidelity can be millions of rows, so they are streamed, not loaded. They are
 * read in keyset pages (each page one short all() over the next rowids) rather than one open
 * iterator, because the export awaits the disk between pages and better-sqlite3 refuses every
 * other statement on a connection while an iterator is open: the app stays usable during a long
 * export. Memory holds one page at a time.
 *
 * A mark's enrolment and session (a fidelity record's session) are found by their ids among the
 * kept enrolments and the sessions in scope, held as numbers rather than strings (IdSlots), which
 * give the person id, group and number and filter the scope. No temp table is written.
 */

export interface ExportScopeIds {
  from: string | null;
  to: string | null;
  programmeIds: string[];
  unitIds: string[];
}

interface ScopeParams {
  from: string | null;
  to: string | null;
  programmes: string;
  units: string;
}

const PAGE_ROWS = 1000;
/**
 * A fidelity record becomes about five CSV rows, so its pages are smaller: a page lives as long as
 * its rows take to write, and one that outlives a few young-generation collections is promoted to
 * the old heap, which then grows for garbage.
 */
const FIDELITY_PAGE_ROWS = 200;
/**
 * The page cache while an export reads: the upper levels of the indexes its lookups go through,
 * not the tables it reads once. The cache fills and stays full until the export ends, so every
 * megabyte is in its peak: at city scale 2 MiB against 16 took the peak RSS from 298–316 MB
 * (n = 8) to 283–297 MB (n = 5) on a loaded machine and from 316–331 to 300–308 MB (n = 3) on a
 * quiet one, the same wall time and CPU (some 0.6 s more system time reading pages the operating
 * system has cached, as much less user time).
 */
const EXPORT_CACHE_KIB = 2 * 1024;
/**
 * Groups per page of questionnaire rows: at city scale about 450 responses and 2,400 scores. A page
 * lives until its rows are written; a response becomes some twenty CSV rows, so a page of a
 * hundred groups outlived several young-generation collections and was promoted, and the old heap
 * grew by some 130 MB of dead pages during responses.csv alone. Ten groups a page kept the peak as
 * low (425 MB against 421 MB with thirty) but made ten times the queries (25.2 s against 23.3 s).
 */
const GROUPS_PER_PAGE = 30;

/** Fidelity component keys of the session plans, mapped onto the engine's fixed kinds. */
const COMPONENT_KINDS: Record<string, FidelityComponent> = {
  homework_review: 'homework_review',
  theme: 'theme',
  video: 'video',
  role_play: 'role_play',
  homework_new: 'new_homework',
  new_homework: 'new_homework',
};
export const componentKind = (key: unknown): FidelityComponent =>
  (typeof key === 'string' && Object.hasOwn(COMPONENT_KINDS, key) ? COMPONENT_KINDS[key] : undefined) ?? 'other';

const GROUPS_IN_SCOPE = `(@from is null or g.start_date >= @from) and (@to is null or g.start_date <= @to)
  and (@programmes = '[]' or g.programme_id in (select value from json_each(@programmes)))
  and (@units = '[]' or g.unit_id in (select value from json_each(@units)))`;

interface ParticipantRow {
  enrolmentRow: number;
  enrolmentId: string;
  personId: string;
  groupId: string;
  familyId: string;
  relation: SourceParticipant['relation'];
  childBirthYear: number | null;
  childGender: string | null;
  status: ParticipantStatus;
  lastSessionAttended: number | null;
  dropoutReason: string | null;
  consent: SourceParticipant['consent'];
}

/** The rowid of the enrolment a questionnaire row belongs to. */
interface EnrolmentRow {
  enrolmentRow: number;
}

/** The rows whose enrolment is among `kept` (rowids in ascending order). */
function* keptOnly<T extends EnrolmentRow>(rows: Iterable<T>, kept: Float64Array): Generator<T> {
  for (const row of rows) if (slotOf(kept, row.enrolmentRow) >= 0) yield row;
}

/** Index of `rowid` in ascending `sorted`, or -1. */
function slotOf(sorted: Float64Array, rowid: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid]!;
    if (value === rowid) return mid;
    if (value < rowid) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function exportSourceRepo(sqlite: Database.Database) {
  // The whole list, archived reasons too: an older dropout may carry a reason no longer offered.
  const dropoutReasons = sqlite.prepare<[], { code: string }>(`select code from dropout_reasons order by sort_order, code`);
  const programmesById = sqlite.prepare<[string], { id: string; code: string }>(
    `select id, code from programmes where id in (select value from json_each(?)) order by lower(code)`,
  );
  const unitsById = sqlite.prepare<[string], { id: string; name: string }>(
    `select id, name from units where id in (select value from json_each(?)) order by lower(name)`,
  );
  const programmesByCode = sqlite.prepare<[string], { id: string; code: string }>(
    `select id, code from programmes where lower(code) in (select lower(value) from json_each(?))`,
  );
  const unitsByName = sqlite.prepare<[string], { id: string; name: string }>(
    `select id, name from units where lower(name) in (select lower(value) from json_each(?))`,
  );

  const groups = sqlite.prepare<[ScopeParams], SourceGroup>(
    `select g.id, g.programme_id as programmeId, g.unit_id as unitId, g.start_date as startDate, g.status,
       case when g.tracks_attendance = 1 then 'per_person' else 'counts_only' end as attendanceRecording
     from groups g where ${GROUPS_IN_SCOPE} order by g.start_date, g.id`,
  );
  const programmes = sqlite.prepare<[ScopeParams], SourceProgramme>(
    `select p.id, p.code, p.session_count as sessionCount from programmes p
     where p.id in (select g.programme_id from groups g where ${GROUPS_IN_SCOPE}) order by lower(p.code)`,
  );
  const units = sqlite.prepare<[ScopeParams], SourceUnit>(
    `select u.id, u.name, u.kind from units u where u.id in (select g.unit_id from groups g where ${GROUPS_IN_SCOPE}) order by lower(u.name)`,
  );
  // Keyset pages in the export's order (group, number), over the unique index on the pair.
  const sessionsPage = sqlite.prepare<
    [ScopeParams & { afterGroup: string; afterNumber: number; limit: number }],
    Omit<SourceSession, 'isExtra'> & { isExtra: number }
  >(
    `select s.id, s.group_id as groupId, s.number, s.planned_date as plannedDate, s.held_date as heldDate, s.status,
       s.is_extra as isExtra, s.participant_count as participantCount
     from sessions s join groups g on g.id = s.group_id
     where (s.group_id, s.number) > (@afterGroup, @afterNumber) and ${GROUPS_IN_SCOPE}
     order by s.group_id, s.number limit @limit`,
  );
  const sessionsInScope = sqlite.prepare<[ScopeParams], { id: string; groupId: string; number: number }>(
    `select s.id, s.group_id as groupId, s.number from sessions s join groups g on g.id = s.group_id where ${GROUPS_IN_SCOPE}`,
  );
  // How many ids the id slots below will hold (IdSlots says why it asks).
  const enrolmentsInScope = sqlite
    .prepare<[ScopeParams], number>(`select count(*) from participants p join groups g on g.id = p.group_id where ${GROUPS_IN_SCOPE}`)
    .pluck();
  const sessionsCounted = sqlite
    .prepare<[ScopeParams], number>(`select count(*) from sessions s join groups g on g.id = s.group_id where ${GROUPS_IN_SCOPE}`)
    .pluck();
  // The person id is the export's participant id: one person moved between groups keeps it.
  // A person enrolled twice in one group (moved away and back) is exported once, with the latest
  // enrolment; only that enrolment's marks follow it (attendance finds them by these rows' ids).
  // Rows come in that order, latest enrolment first within a person, and gather keeps the first of
  // each: a window function here made SQLite hold every enrolment in scope three times over (the
  // window's sort, its materialised result and the final sort; temp_store is memory), some 40 MB of
  // native memory at city scale. In this order the group index leaves only each group's few rows
  // to sort.
  const participants = sqlite.prepare<[ScopeParams], ParticipantRow>(
    `select p.rowid as enrolmentRow, p.id as enrolmentId, p.person_id as personId, p.group_id as groupId, p.family_id as familyId, p.relation,
       f.child_birth_year as childBirthYear, f.child_gender as childGender, p.status,
       case when p.status = 'dropped_out' then coalesce(p.manual_last_session, p.last_session_attended) end as lastSessionAttended,
       case when p.status = 'dropped_out' then r.code end as dropoutReason, p.consent
     from participants p join groups g on g.id = p.group_id join families f on f.id = p.family_id
       left join dropout_reasons r on r.id = p.dropout_reason_id
     where ${GROUPS_IN_SCOPE}
     order by p.group_id, p.person_id, p.created_at desc, p.id`,
  );
  // Leaders and supervisors a page of groups at a time (byGroupPages), read as leaders.csv is
  // written: the pages come in group id order and each is sorted by group, role and staff, so
  // joined they are in the order of one sort over the scope, and no more than a page is held.
  const leadersPage = sqlite.prepare<[{ groups: string }], SourceGroupStaff>(
    `select gl.group_id as groupId, gl.staff_id as staffId, 'leader' as role from group_leaders gl
     where gl.group_id in (select value from json_each(@groups))
     union all
     select g.id as groupId, g.supervisor_id as staffId, 'supervisor' as role from groups g
     where g.supervisor_id is not null and g.id in (select value from json_each(@groups))
     order by 1, 3, 2`,
  );
  // Responses belong to an enrolment; the export names them by the person, as participants.csv does.
  // Of a person enrolled twice in one group, only the enrolment participants.csv describes (the
  // latest) brings its answers: both enrolments' answers at one time point would be two rows with
  // the same key, and the earlier stay's answers describe a stay the other files leave out. The
  // rows carry their enrolment's rowid for that (keptOnly), as attendance's do.
  // They are read a page of groups at a time, in group id order: each page is sorted on its own
  // (a few thousand rows), and the pages joined give the order of one sort over the whole scope,
  // which at city scale is a million scores sorted at once and all held as objects.
  const groupIdsInScope = sqlite.prepare<[ScopeParams], string>(`select g.id from groups g where ${GROUPS_IN_SCOPE} order by g.id`).pluck();
  const responsesPage = sqlite.prepare<[{ groups: string }], SourceResponse & EnrolmentRow>(
    `select p.rowid as enrolmentRow, p.person_id as participantId, p.group_id as groupId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
       r.timepoint, r.date, r.answers, r.source
     from participants p join outcome_responses r on r.participant_id = p.id
     where p.group_id in (select value from json_each(@groups))
     order by p.group_id, p.person_id, r.instrument_code, r.timepoint, r.id`,
  );
  const scoresPage = sqlite.prepare<[{ groups: string }], SourceScore & EnrolmentRow>(
    `select p.rowid as enrolmentRow, p.person_id as participantId, p.group_id as groupId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
       r.timepoint, sc.scale, sc.score, sc.band
     from participants p join outcome_responses r on r.participant_id = p.id join outcome_scores sc on sc.response_id = r.id
     where p.group_id in (select value from json_each(@groups))
     order by p.group_id, p.person_id, r.instrument_code, r.timepoint, r.id, sc.rowid`,
  );
  const instrumentsUsed = sqlite.prepare<[ScopeParams], SourceInstrument>(
    `select i.code, i.version, i.definition from instruments i
     where exists (select 1 from outcome_responses r join participants p on p.id = r.participant_id join groups g on g.id = p.group_id
                   where r.instrument_code = i.code and r.instrument_version = i.version and ${GROUPS_IN_SCOPE})
     order by i.code, i.version`,
  );
  const migrations = sqlite.prepare<[], { n: number }>('select count(*) as n from __drizzle_migrations');

  /**
   * Pages `pageSql` by rowid: a page costs its own rows only.
   */
  function* paged<R extends { rid: number }, T>(pageSql: string, map: (row: R) => Iterable<T>, pageRows = PAGE_ROWS): Generator<T> {
    const page = sqlite.prepare<[{ after: number; limit: number }], R>(pageSql);
    let after = 0;
    for (;;) {
      const rows = page.all({ after, limit: pageRows });
      for (const row of rows) yield* map(row);
      if (rows.length < pageRows) return;
      after = rows[rows.length - 1]!.rid;
    }
  }

  const responsesOfGroups = (groupIds: readonly string[], kept: Float64Array): Iterable<SourceResponse> =>
    keptOnly(responsesPage.all({ groups: JSON.stringify(groupIds) }), kept);

  let streamingReaders = 0;
  let usualCacheSize = 0;

  return {
    /**
     * Shrinks the page cache while an export reads, and returns what puts it back. An export reads
     * the whole database once, mostly in order; a cache the size of the app's (128 MiB) would fill
     * with pages never read again and be most of the export's memory. Exports that overlap share
     * the small cache; the last one to finish puts the usual size back and returns the memory.
     */
    streamingCache(): () => void {
      if (streamingReaders++ === 0) {
        usualCacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
        sqlite.pragma(`cache_size = -${EXPORT_CACHE_KIB}`);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--streamingReaders === 0) {
          sqlite.pragma(`cache_size = ${usualCacheSize}`);
          sqlite.pragma('shrink_memory');
        }
      };
    },

    /** Labels of the chosen programmes and units for the manifest; ids that do not exist are returned as missing. */
    scopeLabels(scope: ExportScopeIds) {
      const p = programmesById.all(JSON.stringify(scope.programmeIds));
      const u = unitsById.all(JSON.stringify(scope.unitIds));
      return {
        programmeCodes: p.map((r) => r.code),
        unitNames: u.map((r) => r.name),
        missingProgrammes: scope.programmeIds.filter((id) => !p.some((r) => r.id === id)),
        missingUnits: scope.unitIds.filter((id) => !u.some((r) => r.id === id)),
      };
    },

    /** For the CLI: programme codes and unit names (case-insensitive) to ids. */
    idsByLabels(programmeCodes: string[], unitNames: string[]) {
      return {
        programmes: programmesByCode.all(JSON.stringify(programmeCodes)),
        units: unitsByName.all(JSON.stringify(unitNames)),
      };
    },

    schemaVersion: (): number => migrations.get()?.n ?? 0,

    /**
     * The scores of the given groups (ids in ascending order, as gather's groups in scope are
     * read), in scores.csv's order: the same pages as gather's `outcomes.scores`, for a second
     * connection that writes scores.csv beside the export's own (core/export/scores-thread.ts).
     * Only the enrolments among `kept` (rowids in ascending order: gather's outcomes.keptEnrolments).
     */
    *scoresOfGroups(groupIds: readonly string[], kept: Float64Array): Generator<SourceScore> {
      for (let i = 0; i < groupIds.length; i += GROUPS_PER_PAGE)
        yield* keptOnly(scoresPage.all({ groups: JSON.stringify(groupIds.slice(i, i + GROUPS_PER_PAGE)) }), kept);
    },

    /**
     * The responses of one page of groups (ids in ascending order), in responses.csv's order: the
     * export's own thread and the scores thread each write some of the file's pages
     * (core/export/response-pages.ts). Only the enrolments among `kept`, as for scores.
     */
    responsesOfGroups,

    gather(scope: ExportScopeIds, labels: { programmeCodes: string[]; unitNames: string[] }): ExportSource {
      const params: ScopeParams = { from: scope.from, to: scope.to, programmes: JSON.stringify(scope.programmeIds), units: JSON.stringify(scope.unitIds) };
      // Strings read from SQLite are fresh per row; sharing the repeated ones (group, programme
      // and unit ids, dates, statuses) keeps the participant and group rows small.
      const shared = new Map<string, string>();
      const intern = <S extends string | null>(value: S): S => {
        if (value === null) return value;
        const known = shared.get(value);
        if (known !== undefined) return known as S;
        shared.set(value, value);
        return value;
      };
      const people = new ParticipantColumns();
      const enrolmentRows: number[] = [];
      /** Kept enrolments in scope by id → their row in `people`, whose person id the export uses. */
      const enrolments = new IdSlots(enrolmentsInScope.get(params));
      let last: ParticipantRow | null = null;
      for (const p of participants.iterate(params)) {
        // An earlier enrolment of the person in the same group: the latest came just before it.
        if (last !== null && p.personId === last.personId && p.groupId === last.groupId) continue;
        last = p;
        enrolments.add(p.enrolmentId);
        enrolmentRows.push(p.enrolmentRow);
        people.push({
          id: p.personId,
          groupId: intern(p.groupId),
          familyId: p.familyId,
          relation: p.relation,
          childBirthYear: p.childBirthYear,
          childGender: p.childGender === null ? null : p.childGender === 'not_stated' ? 'unknown' : (p.childGender as SourceParticipant['childGender']),
          status: p.status,
          lastSessionAttended: p.lastSessionAttended,
          dropoutReason: p.dropoutReason,
          consent: p.consent,
        });
      }
      people.finish();
      enrolments.finish();
      const groupRows = groups.all(params);
      for (const g of groupRows) {
        g.id = intern(g.id);
        g.programmeId = intern(g.programmeId);
        g.unitId = intern(g.unitId);
        g.startDate = intern(g.startDate);
        g.status = intern(g.status);
        g.attendanceRecording = intern(g.attendanceRecording);
      }
      shared.clear();
      // Sessions are read page by page on each pass (disclosure, sessions.csv) rather than
      // held: at city scale they are the largest set the export would otherwise keep alive.
      const sessions = function* (): Generator<SourceSession> {
        let afterGroup = '';
        let afterNumber = 0;
        for (;;) {
          const rows = sessionsPage.all({ ...params, afterGroup, afterNumber, limit: PAGE_ROWS });
          for (const s of rows) yield { ...s, isExtra: s.isExtra === 1 };
          if (rows.length < PAGE_ROWS) return;
          const last = rows[rows.length - 1]!;
          afterGroup = last.groupId;
          afterNumber = last.number;
        }
      };
      /** Sessions in scope by id → slot, and each slot's group and number, for attendance and fidelity. */
      // Read once for both: a few MB of arrays, against a second pass over every session in scope
      // (about a second at city scale).
      let slotsOfSessions: ReturnType<typeof readSessionSlots> | null = null;
      const sessionSlots = () => (slotsOfSessions ??= readSessionSlots());
      const readSessionSlots = () => {
        const slots = new IdSlots(sessionsCounted.get(params));
        const groupOf: number[] = [];
        const numbers: number[] = [];
        // Each session's group as its index among the groups in scope: no id string per session.
        const groupIndex = new Map(groupRows.map((g, i) => [g.id, i]));
        for (const s of sessionsInScope.iterate(params)) {
          const group = groupIndex.get(s.groupId);
          if (group === undefined) continue;
          slots.add(s.id);
          groupOf.push(group);
          numbers.push(s.number);
        }
        slots.finish();
        const groups = Int32Array.from(groupOf);
        return { slot: (id: string) => slots.get(id), groupId: (i: number) => groupRows[groups[i]!]!.id, numbers: Int32Array.from(numbers) };
      };
      /** The kept enrolments' rowids in ascending order (each enrolment's rowid is its own). */
      const keptEnrolments = Float64Array.from(enrolmentRows).sort();
      /** One page of groups at a time, each page one short all(): no iterator is left open between pages. */
      const byGroupPages = function* <T>(page: Database.Statement<[{ groups: string }], T>): Generator<T> {
        const ids = groupIdsInScope.all(params);
        for (let i = 0; i < ids.length; i += GROUPS_PER_PAGE) yield* page.all({ groups: JSON.stringify(ids.slice(i, i + GROUPS_PER_PAGE)) });
      };
      return {
        scope: { from: scope.from, to: scope.to, programmeCodes: labels.programmeCodes, unitNames: labels.unitNames },
        programmes: programmes.all(params),
        dropoutReasonCodes: dropoutReasons.all().map((r) => r.code),
        units: units.all(params),
        groups: groupRows,
        sessions,
        participants: people,
        groupStaff: () => byGroupPages(leadersPage),
        outcomes: {
          instruments: instrumentsUsed.all(params),
          responses: () => keptOnly(byGroupPages(responsesPage), keptEnrolments),
          responsesOfGroups: (groupIds) => responsesOfGroups(groupIds, keptEnrolments),
          scores: () => keptOnly(byGroupPages(scoresPage), keptEnrolments),
          keptEnrolments,
        },
        // A mark's enrolment and session are found by id among the kept enrolments and the
        // sessions in scope, which filters the scope: the marks table alone is read.
        attendance: function* () {
          const slots = sessionSlots();
          yield* paged<{ rid: number; enrolmentId: string; sessionId: string; state: SourceAttendance['state'] }, SourceAttendance>(
            `select a.rowid as rid, a.participant_id as enrolmentId, a.session_id as sessionId, a.state
              from attendance a where a.rowid > @after order by a.rowid limit @limit`,
            function* (a) {
              const e = enrolments.get(a.enrolmentId);
              const i = e < 0 ? -1 : slots.slot(a.sessionId);
              if (i >= 0) {
                yield {
                  participantId: people.id(e),
                  groupId: slots.groupId(i),
                  sessionNumber: slots.numbers[i]!,
                  state: a.state,
                };
              }
            },
          );
        },
        // Sessions in scope are the slots; a record of a session outside them is skipped.
        fidelity: function* () {
          const { slot, groupId: groupOf, numbers } = sessionSlots();
          yield* paged<{ rid: number; sessionId: string; components: string }, SourceFidelity>(
            `select fr.rowid as rid, fr.session_id as sessionId, fr.components
              from fidelity_records fr where fr.rowid > @after order by fr.rowid limit @limit`,
            function* (f) {
              const i = slot(f.sessionId);
              if (i < 0) return;
              let components: unknown;
              try {
                components = JSON.parse(f.components);
              } catch {
                return;
              }
              if (!Array.isArray(components)) return;
              const groupId = groupOf(i);
              const sessionNumber = numbers[i]!;
              let componentNo = 0;
              for (const c of components as { key?: unknown; covered?: unknown }[]) {
                componentNo++;
                yield { groupId, sessionNumber, componentNo, component: componentKind(c?.key), covered: c?.covered === true };
              }
            },
            FIDELITY_PAGE_ROWS,
          );
          // fidelity.csv is the last file to need the sessions' slots (after attendance.csv): the
          // rest of the export runs without them, and one more pass reads them again.
          slotsOfSessions = null;
        },
      };
    },
  };
}
export type ExportSourceRepo = ReturnType<typeof exportSourceRepo>;

/**
 * The page cache of scoresSnapshot's connection: it walks the scores once, group by group, and
 * every megabyte adds to the export's peak. 1 MiB holds the upper levels of the indexes it goes
 * through; at city scale the peak was some 10 MB lower than with 4 MiB (302–308 against 311–320 MB)
 * for the same CPU, and the thread finishes long before its file's turn comes.
 */
const SCORES_READER_CACHE_KIB = 1024;

/**
 * A second connection's read of scores.csv and of the pages of responses.csv it makes after it
 * (core/export/scores-worker.ts): one read transaction, so the whole file is of one moment however
 * long it takes to write, and a small page cache. `end` closes the transaction.
 */
export function scoresSnapshot(sqlite: Database.Database) {
  sqlite.pragma(`cache_size = -${SCORES_READER_CACHE_KIB}`);
  sqlite.exec('BEGIN');
  const repo = exportSourceRepo(sqlite);
  return {
    scoresOfGroups: (groupIds: readonly string[], kept: Float64Array) => repo.scoresOfGroups(groupIds, kept),
    responsesOfGroups: (groupIds: readonly string[], kept: Float64Array) => repo.responsesOfGroups(groupIds, kept),
    end: () => sqlite.exec('COMMIT'),
  };
}
