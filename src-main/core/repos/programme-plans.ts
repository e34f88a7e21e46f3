import { and, asc, count, eq, ne, placeholder, sql } from 'drizzle-orm';
import type { DropoutReason } from '../../contract';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { dropoutReasons, fidelityRecords, participants, programmeRules, sessionPlans, sessions } from '../db/schema';
import { defaultRules, fidelityPercent, type Rules } from '../domain/participation';
import type { PlanComponent } from '../seed/participation';
import type { SeedRowOptions } from '../sync/seed-rows';
import { sessionPlanId } from '../sync/stable-id';
import { preparedRows } from './prepared-rows';
import { excluded } from './sql-fragments';

export interface PlanRow {
  number: number;
  title: string;
  components: PlanComponent[];
}
export interface FidelityRow {
  sessionId: string;
  title: string;
  components: (PlanComponent & { covered: boolean })[];
  coveredCount: number;
  totalCount: number;
  note: string;
  updatedAt: string;
}

const planFields = { number: sessionPlans.number, title: sessionPlans.title, components: sessionPlans.components };
const parsePlan = (r: { number: number; title: string; components: string }): PlanRow => ({ ...r, components: JSON.parse(r.components) as PlanComponent[] });

/** Session plans, fidelity records, programme rules and the dropout reason list. */
export function programmePlanRepo(orm: Orm, clock: Clock) {
  // Every attendance save and group page reads the rules, and the group page the fidelity: prepared once.
  const ruleFields = {
    completionPercent: programmeRules.completionPercent,
    dropoutAfter: programmeRules.dropoutAfter,
    atRiskAfter: programmeRules.atRiskAfter,
  };
  const rules = preparedRows(
    orm
      .select(ruleFields)
      .from(programmeRules)
      .where(eq(programmeRules.programmeId, placeholder('programmeId'))),
    ruleFields,
  );
  const fidelityFields = {
    sessionId: fidelityRecords.sessionId,
    coveredCount: fidelityRecords.coveredCount,
    totalCount: fidelityRecords.totalCount,
    note: fidelityRecords.note,
  };
  const groupFidelity = preparedRows(
    orm
      .select(fidelityFields)
      .from(sessions)
      .innerJoin(fidelityRecords, eq(fidelityRecords.sessionId, sessions.id))
      .where(eq(sessions.groupId, placeholder('groupId'))),
    fidelityFields,
  );

  const selectReasons = () =>
    orm
      .select({
        id: dropoutReasons.id,
        code: dropoutReasons.code,
        sv: dropoutReasons.labelSv,
        en: dropoutReasons.labelEn,
        active: dropoutReasons.active,
        usedCount: sql<number>`${orm.select({ n: count() }).from(participants).where(eq(participants.dropoutReasonId, dropoutReasons.id))}`,
      })
      .from(dropoutReasons);
  // The session carries the percentage too, so dashboards and statistics never join the records.
  const setSessionPercent = (sessionId: string, percent: number | null) =>
    orm.update(sessions).set({ fidelityPercent: percent }).where(eq(sessions.id, sessionId)).run();

  return {
    plans: (programmeId: string): PlanRow[] =>
      orm.select(planFields).from(sessionPlans).where(eq(sessionPlans.programmeId, programmeId)).orderBy(sessionPlans.number).all().map(parsePlan),
    plan(programmeId: string, number: number): PlanRow | undefined {
      const r = orm
        .select(planFields)
        .from(sessionPlans)
        .where(and(eq(sessionPlans.programmeId, programmeId), eq(sessionPlans.number, number)))
        .get();
      return r && parsePlan(r);
    },
    planCount: (programmeId: string) => orm.select({ n: count() }).from(sessionPlans).where(eq(sessionPlans.programmeId, programmeId)).get()!.n,
    upsertPlan(programmeId: string, item: PlanRow, at?: string): void {
      const now = at ?? clock.now();
      orm
        .insert(sessionPlans)
        .values({
          id: sessionPlanId(programmeId, item.number),
          programmeId,
          number: item.number,
          title: item.title,
          components: JSON.stringify(item.components),
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [sessionPlans.programmeId, sessionPlans.number],
          set: { title: excluded(sessionPlans.title), components: excluded(sessionPlans.components), updatedAt: excluded(sessionPlans.updatedAt) },
        })
        .run();
    },
    deletePlans: (programmeId: string) => orm.delete(sessionPlans).where(eq(sessionPlans.programmeId, programmeId)).run(),

    fidelity(sessionId: string): FidelityRow | undefined {
      const r = orm
        .select({
          sessionId: fidelityRecords.sessionId,
          title: fidelityRecords.title,
          components: fidelityRecords.components,
          coveredCount: fidelityRecords.coveredCount,
          totalCount: fidelityRecords.totalCount,
          note: fidelityRecords.note,
          updatedAt: fidelityRecords.updatedAt,
        })
        .from(fidelityRecords)
        .where(eq(fidelityRecords.sessionId, sessionId))
        .get();
      return r && { ...r, components: JSON.parse(r.components) as FidelityRow['components'] };
    },
    upsertFidelity(f: Omit<FidelityRow, 'updatedAt'>): void {
      const now = clock.now();
      orm
        .insert(fidelityRecords)
        .values({ ...f, components: JSON.stringify(f.components), createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: fidelityRecords.sessionId,
          set: {
            title: excluded(fidelityRecords.title),
            components: excluded(fidelityRecords.components),
            coveredCount: excluded(fidelityRecords.coveredCount),
            totalCount: excluded(fidelityRecords.totalCount),
            note: excluded(fidelityRecords.note),
            updatedAt: excluded(fidelityRecords.updatedAt),
          },
        })
        .run();
      setSessionPercent(f.sessionId, fidelityPercent(f.coveredCount, f.totalCount));
    },
    deleteFidelity(sessionId: string): boolean {
      setSessionPercent(sessionId, null);
      return orm.delete(fidelityRecords).where(eq(fidelityRecords.sessionId, sessionId)).run().changes > 0;
    },
    groupFidelity: (groupId: string) => groupFidelity.all({ groupId }),

    rules(programmeId: string): Rules & { isDefault: boolean } {
      const r = rules.get({ programmeId });
      return r ? { ...r, isDefault: false } : { ...defaultRules, isDefault: true };
    },
    setRules: (programmeId: string, r: Rules) =>
      orm
        .insert(programmeRules)
        .values({ programmeId, completionPercent: r.completionPercent, dropoutAfter: r.dropoutAfter, atRiskAfter: r.atRiskAfter, updatedAt: clock.now() })
        .onConflictDoUpdate({
          target: programmeRules.programmeId,
          set: {
            completionPercent: excluded(programmeRules.completionPercent),
            dropoutAfter: excluded(programmeRules.dropoutAfter),
            atRiskAfter: excluded(programmeRules.atRiskAfter),
            updatedAt: excluded(programmeRules.updatedAt),
          },
        })
        .run(),

    reasons: (): DropoutReason[] => selectReasons().orderBy(asc(dropoutReasons.sortOrder), asc(dropoutReasons.labelSv)).all(),
    reason: (id: string): DropoutReason | undefined => selectReasons().where(eq(dropoutReasons.id, id)).get(),
    reasonIdByLabel: (label: string, exceptId = '') =>
      orm
        .select({ id: dropoutReasons.id })
        .from(dropoutReasons)
        .where(and(sql`${dropoutReasons.labelSv} = ${label} collate nocase`, ne(dropoutReasons.id, exceptId)))
        .get()?.id,
    reasonIdByCode: (code: string) => orm.select({ id: dropoutReasons.id }).from(dropoutReasons).where(eq(dropoutReasons.code, code)).get()?.id,
    insertReason(code: string, sv: string, en: string, seed?: SeedRowOptions): string {
      const id = seed?.id ?? crypto.randomUUID();
      const now = seed?.at ?? clock.now();
      orm
        .insert(dropoutReasons)
        .values({
          id,
          code,
          labelSv: sv,
          labelEn: en,
          // New reasons go last in the list.
          sortOrder: sql`(select coalesce(max(${dropoutReasons.sortOrder}), 0) + 1 from ${dropoutReasons})`,
          active: true,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      return id;
    },
    updateReason: (id: string, sv: string, en: string) =>
      orm.update(dropoutReasons).set({ labelSv: sv, labelEn: en, updatedAt: clock.now() }).where(eq(dropoutReasons.id, id)).run(),
    setReasonActive: (id: string, active: boolean) => orm.update(dropoutReasons).set({ active, updatedAt: clock.now() }).where(eq(dropoutReasons.id, id)).run(),
  };
}
export type ProgrammePlanRepo = ReturnType<typeof programmePlanRepo>;
