import type { SessionPlan } from '../../contract';
import { missing } from '../domain/errors';
import type { Repos } from '../repos';
import type { PlanRow } from '../repos/programme-plans';
import { genericPlanItem } from '../seed/participation';

/** A programme's session plan as the contract shows it, its own items over the generic outline. */
export function sessionPlanReader(repos: Repos) {
  const programmeOf = (programmeId: string) =>
    repos.programmes.get(programmeId) ??
    (() => {
      throw missing('programme');
    })();

  /** The programme's own plan item, or the generic outline where it has none. */
  function planItem(programmeId: string, sessionCount: number, number: number): PlanRow & { isDefault: boolean } {
    const own = repos.plans.plan(programmeId, number);
    return own ? { ...own, isDefault: false } : { ...genericPlanItem(number, sessionCount), isDefault: true };
  }

  function plan(programmeId: string): SessionPlan {
    const programme = programmeOf(programmeId);
    const own = new Map(repos.plans.plans(programmeId).map((p) => [p.number, p]));
    const last = Math.max(programme.sessionCount, ...own.keys());
    const sessions = Array.from({ length: last }, (_, i) => {
      const item = own.get(i + 1);
      return item ? { ...item, isDefault: false } : { ...genericPlanItem(i + 1, programme.sessionCount), isDefault: true };
    });
    return { programmeId, sessions };
  }

  return { programmeOf, planItem, plan };
}
