import type Database from 'better-sqlite3';
import type { DropoutReason } from '../../ipc/contract';
import type { Clock } from '../clock';
import { defaultRules, fidelityPercent, type Rules } from '../domain/participation';
import type { PlanComponent } from '../seed/participation';
import type { SeedRowOptions } from '../sync/seed-rows';
import { sessionPlanId } from '../sync/stable-id';

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

/** Session plans, fidelity records, programme rules and the dropout reason list. */
export function programmePlanRepo(sqlite: Database.Database, clock: Clock) {
  const plans = sqlite.prepare<[string], { number: number; title: string; components: string }>(
    'select number, title, components from session_plans where programme_id = ? order by number',
  );
  const plan = sqlite.prepare<[string, number], { number: number; title: string; components: string }>(
    'select number, title, components from session_plans where programme_id = ? and number = ?',
  );
  const upsertPlan = sqlite.prepare(
    `insert into session_plans (id, programme_id, number, title, components, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (programme_id, number) do update set title = excluded.title, components = excluded.components, updated_at = excluded.updated_at`,
  );
  const deletePlans = sqlite.prepare('delete from session_plans where programme_id = ?');
  const planCount = sqlite.prepare<[string], { n: number }>('select count(*) as n from session_plans where programme_id = ?');

  const fidelity = sqlite.prepare<[string], Omit<FidelityRow, 'components'> & { components: string }>(
    `select session_id as sessionId, title, components, covered_count as coveredCount, total_count as totalCount, note, updated_at as updatedAt
     from fidelity_records where session_id = ?`,
  );
  const upsertFidelity = sqlite.prepare(
    `insert into fidelity_records (session_id, title, components, covered_count, total_count, note, created_at, updated_at)
     values (@sessionId, @title, @components, @coveredCount, @totalCount, @note, @now, @now)
     on conflict (session_id) do update set title = excluded.title, components = excluded.components, covered_count = excluded.covered_count,
       total_count = excluded.total_count, note = excluded.note, updated_at = excluded.updated_at`,
  );
  const deleteFidelity = sqlite.prepare('delete from fidelity_records where session_id = ?');
  // The session carries the percentage too, so dashboards and statistics never join the records.
  const setSessionPercent = sqlite.prepare('update sessions set fidelity_percent = ? where id = ?');
  const groupFidelity = sqlite.prepare<[string], { sessionId: string; coveredCount: number; totalCount: number; note: string }>(
    `select f.session_id as sessionId, f.covered_count as coveredCount, f.total_count as totalCount, f.note as note
     from sessions s join fidelity_records f on f.session_id = s.id where s.group_id = ?`,
  );

  const rules = sqlite.prepare<[string], Rules>(
    'select completion_percent as completionPercent, dropout_after as dropoutAfter, at_risk_after as atRiskAfter from programme_rules where programme_id = ?',
  );
  const upsertRules = sqlite.prepare(
    `insert into programme_rules (programme_id, completion_percent, dropout_after, at_risk_after, updated_at) values (?, ?, ?, ?, ?)
     on conflict (programme_id) do update set completion_percent = excluded.completion_percent, dropout_after = excluded.dropout_after,
       at_risk_after = excluded.at_risk_after, updated_at = excluded.updated_at`,
  );

  const reasonColumns = `r.id as id, r.code as code, r.label_sv as sv, r.label_en as en, r.active as active,
    (select count(*) from participants p where p.dropout_reason_id = r.id) as usedCount`;
  type RawReason = Omit<DropoutReason, 'active'> & { active: number };
  const toReason = (r: RawReason): DropoutReason => ({ ...r, active: r.active === 1 });
  const reasons = sqlite.prepare<[], RawReason>(`select ${reasonColumns} from dropout_reasons r order by r.sort_order, r.label_sv`);
  const reason = sqlite.prepare<[string], RawReason>(`select ${reasonColumns} from dropout_reasons r where r.id = ?`);
  const reasonByLabel = sqlite.prepare<[string, string], { id: string }>(
    'select id from dropout_reasons where label_sv = ? collate nocase and id <> ?',
  );
  const reasonByCode = sqlite.prepare<[string], { id: string }>('select id from dropout_reasons where code = ?');
  const insertReason = sqlite.prepare(
    `insert into dropout_reasons (id, code, label_sv, label_en, sort_order, active, created_at, updated_at)
     values (?, ?, ?, ?, (select coalesce(max(sort_order), 0) + 1 from dropout_reasons), 1, ?, ?)`,
  );
  const updateReason = sqlite.prepare('update dropout_reasons set label_sv = ?, label_en = ?, updated_at = ? where id = ?');
  const setReasonActive = sqlite.prepare('update dropout_reasons set active = ?, updated_at = ? where id = ?');

  const parsePlan = (r: { number: number; title: string; components: string }): PlanRow => ({ ...r, components: JSON.parse(r.components) as PlanComponent[] });

  return {
    plans: (programmeId: string): PlanRow[] => plans.all(programmeId).map(parsePlan),
    plan(programmeId: string, number: number): PlanRow | undefined {
      const r = plan.get(programmeId, number);
      return r && parsePlan(r);
    },
    planCount: (programmeId: string) => planCount.get(programmeId)!.n,
    upsertPlan(programmeId: string, item: PlanRow, at?: string): void {
      const now = at ?? clock.now();
      upsertPlan.run(sessionPlanId(programmeId, item.number), programmeId, item.number, item.title, JSON.stringify(item.components), now, now);
    },
    deletePlans: (programmeId: string) => deletePlans.run(programmeId),

    fidelity(sessionId: string): FidelityRow | undefined {
      const r = fidelity.get(sessionId);
      return r && { ...r, components: JSON.parse(r.components) as FidelityRow['components'] };
    },
    upsertFidelity(f: Omit<FidelityRow, 'updatedAt'>): void {
      upsertFidelity.run({ ...f, components: JSON.stringify(f.components), now: clock.now() });
      setSessionPercent.run(fidelityPercent(f.coveredCount, f.totalCount), f.sessionId);
    },
    deleteFidelity(sessionId: string): boolean {
      setSessionPercent.run(null, sessionId);
      return deleteFidelity.run(sessionId).changes > 0;
    },
    groupFidelity: (groupId: string) => groupFidelity.all(groupId),

    rules(programmeId: string): Rules & { isDefault: boolean } {
      const r = rules.get(programmeId);
      return r ? { ...r, isDefault: false } : { ...defaultRules, isDefault: true };
    },
    setRules: (programmeId: string, r: Rules) => upsertRules.run(programmeId, r.completionPercent, r.dropoutAfter, r.atRiskAfter, clock.now()),

    reasons: (): DropoutReason[] => reasons.all().map(toReason),
    reason(id: string): DropoutReason | undefined {
      const r = reason.get(id);
      return r && toReason(r);
    },
    reasonIdByLabel: (label: string, exceptId = '') => reasonByLabel.get(label, exceptId)?.id,
    reasonIdByCode: (code: string) => reasonByCode.get(code)?.id,
    insertReason(code: string, sv: string, en: string, seed?: SeedRowOptions): string {
      const id = seed?.id ?? crypto.randomUUID();
      const now = seed?.at ?? clock.now();
      insertReason.run(id, code, sv, en, now, now);
      return id;
    },
    updateReason: (id: string, sv: string, en: string) => updateReason.run(sv, en, clock.now(), id),
    setReasonActive: (id: string, active: boolean) => setReasonActive.run(active ? 1 : 0, clock.now(), id),
  };
}
export type ProgrammePlanRepo = ReturnType<typeof programmePlanRepo>;
