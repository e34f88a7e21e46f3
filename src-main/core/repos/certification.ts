import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Requirements } from '../domain/pathway';
import { certificationId } from '../sync/stable-id';

export interface CertificationRow {
  id: string;
  leaderId: string;
  leaderName: string;
  programmeId: string;
  programmeCode: string;
  programmeName: string;
  date: string;
  supervisorId: string;
  supervisorName: string;
  requirementsMet: number;
  overrideReason: string | null;
  note: string;
  createdAt: string;
}
export interface CertificationFields {
  leaderId: string;
  programmeId: string;
  date: string;
  supervisorId: string;
  requirementsMet: boolean;
  overrideReason: string | null;
  note: string;
}

const certColumns = `c.id as id, c.leader_id as leaderId, l.name as leaderName, c.programme_id as programmeId, p.code as programmeCode,
  p.name as programmeName, c.date as date, c.supervisor_id as supervisorId, s.name as supervisorName, c.requirements_met as requirementsMet,
  c.override_reason as overrideReason, c.note as note, c.created_at as createdAt
  from certifications c join staff l on l.id = c.leader_id join staff s on s.id = c.supervisor_id join programmes p on p.id = c.programme_id`;

/** Pathway requirements per programme and the certifications given. */
export function certificationRepo(sqlite: Database.Database, clock: Clock) {
  const requirements = sqlite.prepare<[string], Omit<Requirements, 'requireSupervisedGroup'> & { requireSupervisedGroup: number }>(
    `select min_course_days as minCourseDays, require_supervised_group as requireSupervisedGroup,
       supervised_group_min_held_percent as supervisedGroupMinHeldPercent, min_supervision_sessions as minSupervisionSessions
     from pathway_requirements where programme_id = ?`,
  );
  const allRequirements = sqlite.prepare<[], Omit<Requirements, 'requireSupervisedGroup'> & { programmeId: string; requireSupervisedGroup: number }>(
    `select programme_id as programmeId, min_course_days as minCourseDays, require_supervised_group as requireSupervisedGroup,
       supervised_group_min_held_percent as supervisedGroupMinHeldPercent, min_supervision_sessions as minSupervisionSessions
     from pathway_requirements`,
  );
  const upsertRequirements = sqlite.prepare(
    `insert into pathway_requirements (programme_id, min_course_days, require_supervised_group, supervised_group_min_held_percent,
       min_supervision_sessions, updated_at) values (@programmeId, @minCourseDays, @requireSupervisedGroup, @supervisedGroupMinHeldPercent,
       @minSupervisionSessions, @now)
     on conflict (programme_id) do update set min_course_days = excluded.min_course_days, require_supervised_group = excluded.require_supervised_group,
       supervised_group_min_held_percent = excluded.supervised_group_min_held_percent, min_supervision_sessions = excluded.min_supervision_sessions,
       updated_at = excluded.updated_at`,
  );
  const get = sqlite.prepare<[string], CertificationRow>(`select ${certColumns} where c.id = ?`);
  const forPair = sqlite.prepare<[string, string], CertificationRow>(`select ${certColumns} where c.leader_id = ? and c.programme_id = ?`);
  const list = sqlite.prepare<[{ leaderId: string | null; programmeId: string | null }], CertificationRow>(
    `select ${certColumns} where (@leaderId is null or c.leader_id = @leaderId) and (@programmeId is null or c.programme_id = @programmeId)
     order by c.date desc, c.id`,
  );
  const insert = sqlite.prepare(
    `insert into certifications (id, leader_id, programme_id, date, supervisor_id, requirements_met, override_reason, note, created_at, updated_at)
     values (@id, @leaderId, @programmeId, @date, @supervisorId, @requirementsMet, @overrideReason, @note, @now, @now)`,
  );
  const remove = sqlite.prepare('delete from certifications where id = ?');
  const asReq = <T extends { requireSupervisedGroup: number }>(r: T): Omit<T, 'requireSupervisedGroup'> & { requireSupervisedGroup: boolean } =>
    ({ ...r, requireSupervisedGroup: r.requireSupervisedGroup === 1 });

  return {
    requirements: (programmeId: string): Requirements | undefined => {
      const r = requirements.get(programmeId);
      return r && asReq(r);
    },
    allRequirements: () => allRequirements.all().map(asReq),
    setRequirements: (programmeId: string, r: Requirements) =>
      upsertRequirements.run({ programmeId, ...r, requireSupervisedGroup: r.requireSupervisedGroup ? 1 : 0, now: clock.now() }),
    get: (id: string) => get.get(id),
    forPair: (leaderId: string, programmeId: string) => forPair.get(leaderId, programmeId),
    list: (f: { leaderId?: string | undefined; programmeId?: string | undefined }) =>
      list.all({ leaderId: f.leaderId ?? null, programmeId: f.programmeId ?? null }),
    insert(f: CertificationFields): string {
      // One certification per leader and programme: two laptops certifying the same leader make one row.
      const id = certificationId(f.leaderId, f.programmeId);
      insert.run({ id, ...f, requirementsMet: f.requirementsMet ? 1 : 0, now: clock.now() });
      return id;
    },
    delete: (id: string) => remove.run(id).changes > 0,
  };
}
export type CertificationRepo = ReturnType<typeof certificationRepo>;
