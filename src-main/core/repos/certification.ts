import { and, desc, eq, placeholder, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { certifications, pathwayRequirements, programmes, staff } from '../db/schema';
import type { Requirements } from '../domain/pathway';
import { certificationId } from '../sync/stable-id';
import { preparedPerShape, preparedRows, type Given } from './prepared-rows';
import { excluded } from './sql-fragments';

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
export interface CertificationFilter {
  leaderId?: string | undefined;
  programmeId?: string | undefined;
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

const leader = alias(staff, 'l');
const supervisor = alias(staff, 's');
const certificationFields = {
  id: certifications.id,
  leaderId: certifications.leaderId,
  leaderName: leader.name,
  programmeId: certifications.programmeId,
  programmeCode: programmes.code,
  programmeName: programmes.name,
  date: certifications.date,
  supervisorId: certifications.supervisorId,
  supervisorName: supervisor.name,
  // Kept as SQLite's 0/1: the services turn it into a boolean.
  requirementsMet: sql<number>`${certifications.requirementsMet}`,
  overrideReason: certifications.overrideReason,
  note: certifications.note,
  createdAt: certifications.createdAt,
};
const requirementFields = {
  minCourseDays: pathwayRequirements.minCourseDays,
  requireSupervisedGroup: pathwayRequirements.requireSupervisedGroup,
  supervisedGroupMinHeldPercent: pathwayRequirements.supervisedGroupMinHeldPercent,
  minSupervisionSessions: pathwayRequirements.minSupervisionSessions,
};

/** Pathway requirements per programme and the certifications given. */
export function certificationRepo(orm: Orm, clock: Clock) {
  const select = () =>
    orm
      .select(certificationFields)
      .from(certifications)
      .innerJoin(leader, eq(leader.id, certifications.leaderId))
      .innerJoin(supervisor, eq(supervisor.id, certifications.supervisorId))
      .innerJoin(programmes, eq(programmes.id, certifications.programmeId));
  // The leader overview and page read these on every call: prepared once.
  const requirements = preparedRows(
    orm
      .select(requirementFields)
      .from(pathwayRequirements)
      .where(eq(pathwayRequirements.programmeId, placeholder('programmeId'))),
    requirementFields,
  );
  const allRequirementFields = { programmeId: pathwayRequirements.programmeId, ...requirementFields };
  const allRequirements = preparedRows(orm.select(allRequirementFields).from(pathwayRequirements), allRequirementFields);
  const list = preparedPerShape((given: Given<CertificationFilter>) => {
    const where = and(
      given('leaderId') ? eq(certifications.leaderId, placeholder('leaderId')) : undefined,
      given('programmeId') ? eq(certifications.programmeId, placeholder('programmeId')) : undefined,
    );
    return preparedRows(select().where(where).orderBy(desc(certifications.date), certifications.id), certificationFields);
  });

  return {
    requirements: (programmeId: string): Requirements | undefined => requirements.get({ programmeId }),
    allRequirements: (): (Requirements & { programmeId: string })[] => allRequirements.all(),
    setRequirements: (programmeId: string, r: Requirements) =>
      orm
        .insert(pathwayRequirements)
        .values({ programmeId, ...r, updatedAt: clock.now() })
        .onConflictDoUpdate({
          target: pathwayRequirements.programmeId,
          set: {
            minCourseDays: excluded(pathwayRequirements.minCourseDays),
            requireSupervisedGroup: excluded(pathwayRequirements.requireSupervisedGroup),
            supervisedGroupMinHeldPercent: excluded(pathwayRequirements.supervisedGroupMinHeldPercent),
            minSupervisionSessions: excluded(pathwayRequirements.minSupervisionSessions),
            updatedAt: excluded(pathwayRequirements.updatedAt),
          },
        })
        .run(),
    get: (id: string): CertificationRow | undefined => select().where(eq(certifications.id, id)).get(),
    forPair: (leaderId: string, programmeId: string): CertificationRow | undefined =>
      select()
        .where(and(eq(certifications.leaderId, leaderId), eq(certifications.programmeId, programmeId)))
        .get(),
    list: (filter: CertificationFilter): CertificationRow[] => list(filter).all(filter),
    insert(f: CertificationFields): string {
      // One certification per leader and programme: two laptops certifying the same leader make one row.
      const id = certificationId(f.leaderId, f.programmeId);
      const now = clock.now();
      orm
        .insert(certifications)
        .values({ id, ...f, createdAt: now, updatedAt: now })
        .run();
      return id;
    },
    delete: (id: string) => orm.delete(certifications).where(eq(certifications.id, id)).run().changes > 0,
  };
}
export type CertificationRepo = ReturnType<typeof certificationRepo>;
