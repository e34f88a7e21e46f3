import type Database from 'better-sqlite3';

export interface SessionNeedingRecord {
  sessionId: string;
  groupId: string;
  number: number;
  date: string;
  programmeCode: string;
  unitName: string;
  groupVenue: string;
}

export interface ProgrammeParticipation {
  programmeId: string;
  total: number;
  completed: number;
  droppedOut: number;
  families: number;
  present: number;
  marked: number;
}

/**
 * Read-only participation figures for the dashboard and statistics. They read the derived
 * columns on participants (status, present and marked counts) and the statistics' cells summed
 * from them, so a statistic over 100,000 participants never has to walk a million attendance marks.
 */
export function participationReportRepo(sqlite: Database.Database) {
  const atRisk = sqlite.prepare<
    [number],
    { participantId: string; displayName: string; groupId: string; programmeCode: string; groupVenue: string; absentStreak: number }
  >(
    `select p.id as participantId, p.display_name as displayName, p.group_id as groupId, pr.code as programmeCode, g.venue as groupVenue,
       p.absent_streak as absentStreak
     from participants p join groups g on g.id = p.group_id join programmes pr on pr.id = g.programme_id
     where p.at_risk = 1 order by p.absent_streak desc, g.start_date desc, p.id limit ?`,
  );
  const atRiskTotal = sqlite.prepare<[], { n: number }>('select count(*) as n from participants where at_risk = 1');

  // Each list reads a partial index holding only the held sessions that lack that record, with their
  // group: the groups to leave out are looked up once as sets, so a count never reads a session row or
  // its group (the window holds thousands of such sessions at scale 100). The list joins the groups it shows.
  const needing = (condition: string, leftOut: string[]) => {
    const where = `where s.status = 'held' and ${condition} and s.planned_date >= @from and s.planned_date <= @to
      ${leftOut.map((groups) => `and s.group_id not in (select id from groups where ${groups})`).join(' ')}`;
    return {
      list: sqlite.prepare<[{ from: string; to: string; limit: number }], SessionNeedingRecord>(
        `select s.id as sessionId, s.group_id as groupId, s.number as number, coalesce(s.held_date, s.planned_date) as date,
           (select code from programmes where id = g.programme_id) as programmeCode, (select name from units where id = g.unit_id) as unitName,
           g.venue as groupVenue
         from sessions s join groups g on g.id = s.group_id
         ${where} order by s.planned_date desc, s.id limit @limit`,
      ),
      total: sqlite.prepare<[{ from: string; to: string }], { n: number }>(`select count(*) as n from sessions s ${where}`),
    };
  };
  // In a group keeping attendance a held session's family count is null exactly while it has no marks;
  // a group counting heads only has no marks to ask for.
  const withoutAttendance = needing('s.family_count is null', ["status = 'cancelled'", 'tracks_attendance = 0']);
  const withoutFidelity = needing('s.fidelity_percent is null', ["status = 'cancelled'"]);

  // Summed per start year by triggers (migration 0031) over the groups that keep attendance and have
  // ended, the test of groupHasEnded: a dropout in a group still running is not a final outcome yet, and
  // a group that records head counts only knows its dropouts but not who completed, so it has no rate.
  const outcomesForGroupsStarting = sqlite.prepare<[string], { completed: number; known: number }>(
    `select coalesce(sum(completed), 0) as completed, coalesce(sum(known), 0) as known from dash_outcome_years where year = ?`,
  );

  // Summed from the cells triggers keep per programme and family (migration 0030), not from every
  // participant and session of the city.
  const byProgramme = sqlite.prepare<[], ProgrammeParticipation>(
    `select programme_id as programmeId, participants as total, completed, dropped_out as droppedOut, families, present, marked
     from stats_participant_cells order by 1`,
  );
  const familiesTotal = sqlite.prepare<[], { n: number }>(`select count(*) as n from stats_families`);
  const fidelityByProgramme = sqlite.prepare<[], { programmeId: string; sum: number; n: number }>(
    `select programme_id as programmeId, sum(fidelity_total) / 100.0 as sum, sum(fidelity_records) as n
     from stats_session_cells group by 1 having sum(fidelity_records) > 0`,
  );

  return {
    atRisk: (limit: number) => atRisk.all(limit),
    atRiskTotal: () => atRiskTotal.get()!.n,
    heldWithoutAttendance: (from: string, to: string, limit: number) => withoutAttendance.list.all({ from, to, limit }),
    heldWithoutAttendanceTotal: (from: string, to: string) => withoutAttendance.total.get({ from, to })!.n,
    heldWithoutFidelity: (from: string, to: string, limit: number) => withoutFidelity.list.all({ from, to, limit }),
    heldWithoutFidelityTotal: (from: string, to: string) => withoutFidelity.total.get({ from, to })!.n,
    /** Outcomes of the participants of the ended groups keeping attendance that start in a calendar year ('2025'). */
    outcomesForGroupsStarting: (year: string) => outcomesForGroupsStarting.get(year)!,
    byProgramme: () => byProgramme.all(),
    familiesTotal: () => familiesTotal.get()!.n,
    fidelityByProgramme: () => fidelityByProgramme.all(),
  };
}
export type ParticipationReportRepo = ReturnType<typeof participationReportRepo>;
