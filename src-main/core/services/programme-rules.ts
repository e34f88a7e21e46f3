import type { ParsedInput, ProgrammeRules } from '../../contract';
import { missing } from '../domain/errors';
import type { ServiceContext } from './context';
import { participationStatus } from './participation-status';

/** Completion and dropout thresholds per programme (the reasons themselves: dropout-reasons.ts). */
export function programmeRulesService({ repos, tx, audit }: ServiceContext) {
  const rules = (programmeId: string): ProgrammeRules => {
    if (!repos.programmes.get(programmeId)) throw missing('programme');
    return { programmeId, ...repos.plans.rules(programmeId) };
  };

  return {
    get: ({ programmeId }: ParsedInput<'programmeRules.get'>) => rules(programmeId),

    /** Every participant of the programme is re-evaluated under the new thresholds at once. */
    update: ({ programmeId, ...next }: ParsedInput<'programmeRules.update'>): ProgrammeRules =>
      tx(() => {
        const before = rules(programmeId);
        repos.plans.setRules(programmeId, next);
        participationStatus(repos).recomputeProgramme(programmeId);
        audit.record({
          action: 'update',
          entity: 'programmeRules',
          entityId: programmeId,
          fields: (['completionPercent', 'dropoutAfter', 'atRiskAfter'] as const).filter((k) => before[k] !== next[k]),
        });
        return rules(programmeId);
      }),
  };
}
