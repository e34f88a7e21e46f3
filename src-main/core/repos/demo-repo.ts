import type { KometDb } from '../db/open';
import type { DemoProgramme, DemoRows, DemoUnit } from '../demo/generate';

/**
 * Bulk writes for demo data. Demo data is generated in memory and written with prepared
 * statements in one transaction: row-by-row service calls would take minutes at scale 100.
 */
export function countGroups(db: KometDb): number {
  return (db.sqlite.prepare('select count(*) as n from groups').get() as { n: number }).n;
}

export function listDemoProgrammes(db: KometDb): DemoProgramme[] {
  const rows = db.sqlite
    .prepare('select id, code, audience, session_count as sessionCount, active from programmes order by code')
    .all() as (Omit<DemoProgramme, 'active'> & { active: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export function listDemoUnits(db: KometDb): DemoUnit[] {
  const rows = db.sqlite
    .prepare('select id, name, kind, active from units order by name')
    .all() as (Omit<DemoUnit, 'active'> & { active: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export function insertDemoRows(db: KometDb, rows: DemoRows): void {
  const { sqlite } = db;
  const insertStaff = sqlite.prepare(
    `insert into staff (id, name, unit_id, email, phone, is_leader, is_supervisor, active, created_at, updated_at)
     values (@id, @name, @unitId, @email, @phone, @isLeader, @isSupervisor, 1, @createdAt, @updatedAt)`,
  );
  const insertGroup = sqlite.prepare(
    `insert into groups (id, programme_id, unit_id, supervisor_id, venue, start_date, weekday, start_time, note, status, created_at, updated_at)
     values (@id, @programmeId, @unitId, @supervisorId, @venue, @startDate, @weekday, @startTime, @note, @status, @createdAt, @updatedAt)`,
  );
  const insertLeader = sqlite.prepare(
    'insert into group_leaders (group_id, staff_id, created_at) values (@groupId, @staffId, @createdAt)',
  );
  const insertSession = sqlite.prepare(
    `insert into sessions (id, group_id, number, planned_date, status, held_date, cancel_reason, participant_count, is_extra, created_at, updated_at)
     values (@id, @groupId, @number, @plannedDate, @status, @heldDate, @cancelReason, @participantCount, @isExtra, @createdAt, @updatedAt)`,
  );
  sqlite.transaction(() => {
    for (const row of rows.staff) insertStaff.run(row);
    for (const row of rows.groups) insertGroup.run(row);
    for (const row of rows.groupLeaders) insertLeader.run(row);
    for (const row of rows.sessions) insertSession.run(row);
  })();
}
