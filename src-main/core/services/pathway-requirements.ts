import type { ParsedInput, PathwayRequirements } from '../../contract';
import type { ServiceContext } from './context';
import { leaderChecks } from './leader-checks';
import { requirementsOf } from './leaders-facts';

/** What a leader's pathway asks for per programme: course days, a supervised group, supervision. */
export function pathwayRequirementService({ repos, tx, audit }: ServiceContext) {
  const check = leaderChecks(repos);
  return {
    get: ({ programmeId }: ParsedInput<'pathwayRequirements.get'>): PathwayRequirements => {
      check.programme(programmeId);
      return requirementsOf(repos, programmeId);
    },
    /** Progress is computed on every read, so new requirements apply to everyone at once. */
    update: ({ programmeId, ...next }: ParsedInput<'pathwayRequirements.update'>): PathwayRequirements =>
      tx(() => {
        check.programme(programmeId);
        const before = requirementsOf(repos, programmeId);
        repos.certification.setRequirements(programmeId, next);
        audit.record({
          action: 'update',
          entity: 'pathwayRequirements',
          entityId: programmeId,
          fields: (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]),
        });
        return requirementsOf(repos, programmeId);
      }),
  };
}
