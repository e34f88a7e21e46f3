import type { KometDb } from '../db/open';
import type { DemoProgramme, DemoRows, DemoUnit } from '../demo/generate';
import type { LeaderPathwayRows } from '../demo/leaders';
import type { DemoOutcomeRows } from '../demo/outcomes';
import type { DemoProgrammeBand, ParticipationRows } from '../demo/participation';
import { fidelityPercent } from '../domain/participation';
import { withDerivedTablesRebuiltAfter } from './bulk-write';

/**
 * Bulk writes for demo data. Demo data is generated in memory and written with prepared
 * statements in one transaction: row-by-row service calls would take minutes at scale 100.
 */
/**
 * Runs the demo's one large transaction as a bulk write (derived tables rebuilt once at the end,
 * see bulk-write.ts) with a page cache that holds the whole new database. With SQLite's default
 * of about 2 MB, inserts into indexes keyed by random ids kept evicting and re-reading pages, and
 * the time grew with the square of the scale (scale 10: over four minutes instead of under ten
 * seconds). The usual cache is put back and the memory returned.
 */
export function withDemoBulkWrite<T>(db: KometDb, scale: number, fn: () => T): T {
  const before = db.sqlite.pragma('cache_size', { simple: true }) as number;
  const mib = Math.min(2048, Math.max(64, Math.ceil(scale * 12)));
  db.sqlite.pragma(`cache_size = ${-mib * 1024}`);
  try {
    return withDerivedTablesRebuiltAfter(db, fn);
  } finally {
    db.sqlite.pragma(`cache_size = ${before}`);
    db.sqlite.pragma('shrink_memory');
  }
}

export function countGroups(db: KometDb): number {
  return (db.sqlite.prepare('select count(*) as n from groups').get() as { n: number }).n;
}

export function listDemoProgrammes(db: KometDb): DemoProgramme[] {
  const rows = db.sqlite.prepare('select id, code, audience, session_count as sessionCount, active from programmes order by code').all() as (Omit<
    DemoProgramme,
    'active'
  > & { active: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export function listDemoUnits(db: KometDb): DemoUnit[] {
  const rows = db.sqlite.prepare('select id, name, kind, active from units order by name').all() as (Omit<DemoUnit, 'active'> & { active: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

export function listDemoProgrammeBands(db: KometDb): DemoProgrammeBand[] {
  return db.sqlite
    .prepare('select id, audience, session_count as sessionCount, child_age_min as childAgeMin, child_age_max as childAgeMax from programmes')
    .all() as DemoProgrammeBand[];
}

export function listDemoReasonIds(db: KometDb): string[] {
  return db.sqlite.prepare('select id from dropout_reasons where active order by sort_order, id').pluck().all() as string[];
}

/** Participation rows go in the same transaction, so a demo is all there or not there at all. */
export function insertDemoRows(db: KometDb, rows: DemoRows, participation?: ParticipationRows): void {
  const { sqlite } = db;
  const insertStaff = sqlite.prepare(
    `insert into staff (id, name, unit_id, email, phone, is_leader, is_supervisor, active, created_at, updated_at)
     values (@id, @name, @unitId, @email, @phone, @isLeader, @isSupervisor, 1, @createdAt, @updatedAt)`,
  );
  const insertGroup = sqlite.prepare(
    `insert into groups (id, programme_id, unit_id, supervisor_id, venue, start_date, weekday, start_time, note, status, created_at, updated_at)
     values (@id, @programmeId, @unitId, @supervisorId, @venue, @startDate, @weekday, @startTime, @note, @status, @createdAt, @updatedAt)`,
  );
  const insertLeader = sqlite.prepare('insert into group_leaders (group_id, staff_id, created_at) values (@groupId, @staffId, @createdAt)');
  const insertSession = sqlite.prepare(
    `insert into sessions (id, group_id, number, planned_date, status, held_date, cancel_reason, participant_count, family_count,
       fidelity_percent, is_extra, created_at, updated_at)
     values (@id, @groupId, @number, @plannedDate, @status, @heldDate, @cancelReason, @participantCount, @familyCount,
       @fidelityPercent, @isExtra, @createdAt, @updatedAt)`,
  );
  const familyCounts = participation?.familyCounts ?? new Map<string, number>();
  const fidelity = new Map((participation?.fidelity ?? []).map((f) => [f.sessionId, fidelityPercent(f.coveredCount, f.totalCount)]));
  sqlite.transaction(() => {
    for (const row of rows.staff) insertStaff.run(row);
    for (const row of rows.groups) insertGroup.run(row);
    for (const row of rows.groupLeaders) insertLeader.run(row);
    for (const row of rows.sessions) {
      insertSession.run({ ...row, familyCount: familyCounts.get(row.id) ?? null, fidelityPercent: fidelity.get(row.id) ?? null });
    }
    if (participation) insertParticipation(db, participation);
  })();
}

function insertParticipation(db: KometDb, p: ParticipationRows): void {
  const { sqlite } = db;
  const countOnly = sqlite.prepare('update groups set tracks_attendance = 0 where id = ?');
  const family = sqlite.prepare(
    'insert into families (id, child_birth_year, child_gender, created_at, updated_at) values (@id, @childBirthYear, @childGender, @createdAt, @createdAt)',
  );
  const participant = sqlite.prepare(
    `insert into participants (id, person_id, group_id, family_id, display_name, relation, contact, enrolment_date, consent, consent_date,
       manual_status, dropout_reason_id, status, at_risk, absent_streak, present_count, marked_count, held_count, last_session_attended,
       created_at, updated_at)
     values (@id, @personId, @groupId, @familyId, @displayName, @relation, @contact, @enrolmentDate, @consent, @consentDate,
       @manualStatus, @dropoutReasonId, @status, @atRisk, @absentStreak, @presentCount, @markedCount, @heldCount, @lastSessionAttended,
       @createdAt, @createdAt)`,
  );
  const mark = sqlite.prepare('insert into attendance (participant_id, session_id, state, updated_at) values (?, ?, ?, ?)');
  const fidelity = sqlite.prepare(
    `insert into fidelity_records (session_id, title, components, covered_count, total_count, note, created_at, updated_at)
     values (@sessionId, @title, @components, @coveredCount, @totalCount, @note, @at, @at)`,
  );
  for (const id of p.countOnlyGroupIds) countOnly.run(id);
  for (const row of p.families) family.run(row);
  for (const row of p.participants) participant.run(row);
  for (const a of p.attendance) mark.run(a.participantId, a.sessionId, a.state, a.updatedAt);
  for (const row of p.fidelity) fidelity.run(row);
}

/** Courses, supervision, follow-ups and certifications of the demo, on the same connection. */
export function insertDemoLeaderRows(db: KometDb, rows: LeaderPathwayRows): void {
  const { sqlite } = db;
  const course = sqlite.prepare(
    `insert into courses (id, programme_id, title, trainer_staff_id, trainer_name, note, first_date, last_date, created_at, updated_at)
     values (@id, @programmeId, @title, @trainerStaffId, '', @note, @firstDate, @lastDate, @createdAt, @createdAt)`,
  );
  const day = sqlite.prepare('insert into course_days (course_id, date) values (@courseId, @date)');
  const attended = sqlite.prepare('insert into course_attendance (course_id, date, staff_id) values (@courseId, @date, @staffId)');
  const supervision = sqlite.prepare(
    `insert into supervision_sessions (id, date, supervisor_id, format, mode, notes, created_at, updated_at)
     values (@id, @date, @supervisorId, @format, @mode, @notes, @createdAt, @createdAt)`,
  );
  const present = sqlite.prepare(
    'insert into supervision_leaders (supervision_id, leader_id, rating, note) values (@supervisionId, @leaderId, @rating, @note)',
  );
  const discussed = sqlite.prepare('insert into supervision_groups (supervision_id, group_id) values (@supervisionId, @groupId)');
  const followUp = sqlite.prepare(
    `insert into follow_ups (id, supervision_id, leader_id, text, due_date, done, done_at, created_at, updated_at)
     values (@id, @supervisionId, @leaderId, @text, @dueDate, @done, @doneAt, @createdAt, @createdAt)`,
  );
  const certification = sqlite.prepare(
    `insert into certifications (id, leader_id, programme_id, date, supervisor_id, requirements_met, override_reason, note, created_at, updated_at)
     values (@id, @leaderId, @programmeId, @date, @supervisorId, @requirementsMet, @overrideReason, '', @createdAt, @createdAt)`,
  );
  sqlite.transaction(() => {
    for (const r of rows.courses) course.run(r);
    for (const r of rows.courseDays) day.run(r);
    for (const r of rows.courseAttendance) attended.run(r);
    for (const r of rows.supervision) supervision.run(r);
    for (const r of rows.supervisionLeaders) present.run(r);
    for (const r of rows.supervisionGroups) discussed.run(r);
    for (const r of rows.followUps) followUp.run(r);
    for (const r of rows.certifications) certification.run(r);
  })();
}

/** Outcome schedules, responses with their scores, and declined or unreachable marks of the demo. */
export function insertDemoOutcomeRows(db: KometDb, rows: DemoOutcomeRows, at: string): void {
  const { sqlite } = db;
  const schedule = sqlite.prepare(
    `insert or ignore into outcome_schedules (id, programme_id, instrument_code, respondent, timepoint, months, window_days, created_at, updated_at)
     values (@id, @programmeId, @instrumentCode, 'parent', @timepoint, @months, @windowDays, @at, @at)`,
  );
  const response = sqlite.prepare(
    `insert into outcome_responses (id, participant_id, instrument_code, instrument_version, timepoint, date, entered_by, answers, source, created_at, updated_at)
     values (@id, @participantId, @instrumentCode, @instrumentVersion, @timepoint, @date, 'demo', @answers, 'form', @at, @at)`,
  );
  const score = sqlite.prepare('insert into outcome_scores (response_id, scale, score, band, answered, filled) values (?, ?, ?, ?, ?, ?)');
  const status = sqlite.prepare(
    'insert into outcome_statuses (participant_id, timepoint, status, created_at, updated_at) values (@participantId, @timepoint, @status, @at, @at)',
  );
  sqlite.transaction(() => {
    for (const row of rows.schedules) schedule.run({ ...row, at });
    for (const { scores, ...row } of rows.responses) {
      response.run({ ...row, at });
      for (const s of scores) score.run(row.id, s.scale, s.score, s.band, s.answered, s.filled);
    }
    for (const row of rows.statuses) status.run({ ...row, at });
  })();
}
