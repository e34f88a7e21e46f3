import type Database from 'better-sqlite3';
import type { SessionWithGroup } from '../../contract';

interface RawSessionWithGroup extends Omit<SessionWithGroup, 'isExtra'> {
  isExtra: number;
}

const sessionWithGroupColumns = `s.id as id, s.group_id as groupId, s.number as number, s.planned_date as plannedDate,
  s.status as status, s.held_date as heldDate, s.cancel_reason as cancelReason, s.participant_count as participantCount,
  s.is_extra as isExtra, s.created_at as createdAt, s.updated_at as updatedAt,
  g.venue as groupVenue, p.name as programmeName, p.code as programmeCode, u.name as unitName, g.start_time as startTime`;
const sessionWithGroupFrom = `from sessions s join groups g on g.id = s.group_id
  join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id`;

const toSessionWithGroup = (r: RawSessionWithGroup): SessionWithGroup => ({ ...r, isExtra: r.isExtra === 1 });

/** One cell of the programme × unit × year cube the statistics are summed from. */
export interface StatsCell {
  programmeId: string;
  unitId: string;
  year: string;
  n: number;
  participants: number;
}

/**
 * Read-only aggregate queries for the overview and the statistics. Each runs on an index range
 * (sessions by status and planned date, groups by status) or on the statistics' cells, so cost
 * follows the size of the answer rather than the size of the database.
 */
export function reportRepo(sqlite: Database.Database) {
  const groupStatusCounts = sqlite.prepare<[], { status: string; n: number }>(
    `select status, count(*) as n from groups where status in ('planned', 'running') group by status`,
  );
  // A year's held sessions are one status of its statistics' cells (migration 0030).
  const heldInYear = sqlite.prepare<[string], { n: number; participants: number }>(
    `select coalesce(sum(sessions), 0) as n, coalesce(sum(participants), 0) as participants from stats_session_cells
     where status = 'held' and year = ?`,
  );
  // Each person once: present at a held session of the year where attendance is kept per person
  // (counted by triggers into presence_years), or enrolled in a group that counts heads only and held
  // a session that year (no one is known absent there; kept per person and year in dash_head_years,
  // migration 0031) without being counted already.
  const peopleInYear = sqlite.prepare<[{ year: string }], { n: number }>(
    `select (select count(*) from presence_years where year = @year and marks > 0)
       + (select count(*) from dash_head_years h where h.year = @year
            and not exists (select 1 from presence_years m where m.person_id = h.person_id and m.year = @year and m.marks > 0)) as n`,
  );
  const upcoming = sqlite.prepare<[string, string, number], RawSessionWithGroup>(
    `select ${sessionWithGroupColumns} ${sessionWithGroupFrom}
     where s.status = 'planned' and s.planned_date >= ? and s.planned_date <= ? and g.status <> 'cancelled'
     order by s.planned_date, g.start_time, s.id limit ?`,
  );
  const upcomingTotal = sqlite.prepare<[string, string], { n: number }>(
    `select count(*) as n from sessions s where s.status = 'planned' and s.planned_date >= ? and s.planned_date <= ?
       and s.group_id not in (select id from groups where status = 'cancelled')`,
  );
  // A planned group whose start is still ahead has nothing overdue, whatever dates its sessions have.
  const overdue = sqlite.prepare<[string, string, number], RawSessionWithGroup>(
    `select ${sessionWithGroupColumns} ${sessionWithGroupFrom}
     where s.status = 'planned' and s.planned_date < ? and g.status <> 'cancelled'
       and not (g.status = 'planned' and g.start_date > ?)
     order by s.planned_date, g.start_time, s.id limit ?`,
  );
  const overdueTotal = sqlite.prepare<[string, string], { n: number }>(
    // The excluded groups are looked up once as a set, so the count stays inside the index.
    `select count(*) as n from sessions s where s.status = 'planned' and s.planned_date < ?
       and s.group_id not in (select id from groups where status = 'cancelled' or (status = 'planned' and start_date > ?))`,
  );

  const totals = sqlite.prepare<[], { programmes: number; units: number; leaders: number; supervisors: number; groups: number }>(
    `select (select count(*) from programmes where active) as programmes, (select count(*) from units where active) as units,
       (select count(*) from staff where active and is_leader) as leaders,
       (select count(*) from staff where active and is_supervisor) as supervisors,
       (select count(*) from groups) as groups`,
  );
  // The statistics are summed from the cells triggers keep per programme, unit, year and status
  // (migration 0030): a few hundred rows instead of every group and session of the city.
  const sessionStatusCounts = sqlite.prepare<[], { status: string; n: number; participants: number }>(
    `select status, sum(sessions) as n, sum(participants) as participants from stats_session_cells group by status`,
  );
  const groupCells = sqlite.prepare<[], StatsCell>(
    `select programme_id as programmeId, unit_id as unitId, year, groups as n, 0 as participants
     from stats_group_cells order by 1, 2, 3`,
  );
  const heldCells = sqlite.prepare<[], StatsCell>(
    `select programme_id as programmeId, unit_id as unitId, year, sessions as n, participants
     from stats_session_cells where status = 'held' order by 1, 2, 3`,
  );

  return {
    groupStatusCounts: () => groupStatusCounts.all(),
    /** Held sessions planned in a calendar year ('2025') and their participants. */
    heldInYear: (year: string) => heldInYear.get(year)!,
    /** People reached in a calendar year ('2025'). */
    peopleInYear: (year: string) => peopleInYear.get({ year })!.n,
    upcoming: (from: string, through: string, limit: number) => upcoming.all(from, through, limit).map(toSessionWithGroup),
    upcomingTotal: (from: string, through: string) => upcomingTotal.get(from, through)!.n,
    overdue: (before: string, limit: number) => overdue.all(before, before, limit).map(toSessionWithGroup),
    overdueTotal: (before: string) => overdueTotal.get(before, before)!.n,
    totals: () => totals.get()!,
    sessionStatusCounts: () => sessionStatusCounts.all(),
    /** Groups per programme, unit and start year. */
    groupCells: () => groupCells.all(),
    /** Held sessions and participants per programme, unit and planned year. */
    heldCells: () => heldCells.all(),
  };
}
export type ReportRepo = ReturnType<typeof reportRepo>;
