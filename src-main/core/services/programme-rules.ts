import type { DropoutReason, ParsedInput, ProgrammeRules } from '../../contract';
import { AppError } from '../errors';
import { duplicate, missing } from '../domain/errors';
import type { ServiceContext } from './context';
import { participationStatus } from './participation-status';

const reasonMissing = () => new AppError('not_found', { sv: 'Orsaken finns inte (längre).', en: 'The reason does not exist (any more).' });

/** Completion and dropout thresholds per programme, and the editable list of dropout reasons. */
export function programmeRulesService({ repos, tx, audit }: ServiceContext) {
  const rules = (programmeId: string): ProgrammeRules => {
    if (!repos.programmes.get(programmeId)) throw missing('programme');
    return { programmeId, ...repos.plans.rules(programmeId) };
  };
  const reason = (id: string): DropoutReason => repos.plans.reason(id) ?? (() => { throw reasonMissing(); })();
  const uniqueLabel = (sv: string, exceptId?: string) => {
    if (repos.plans.reasonIdByLabel(sv, exceptId)) {
      throw duplicate('sv', { sv: `Orsaken ”${sv}” finns redan.`, en: `The reason “${sv}” already exists.` });
    }
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
          action: 'update', entity: 'programmeRules', entityId: programmeId,
          fields: (['completionPercent', 'dropoutAfter', 'atRiskAfter'] as const).filter((k) => before[k] !== next[k]),
        });
        return rules(programmeId);
      }),

    listReasons: ({ includeArchived }: ParsedInput<'dropoutReasons.list'>): DropoutReason[] =>
      repos.plans.reasons().filter((r) => includeArchived || r.active),

    createReason: ({ sv, en }: ParsedInput<'dropoutReasons.create'>): DropoutReason =>
      tx(() => {
        uniqueLabel(sv);
        const id = repos.plans.insertReason(`custom-${crypto.randomUUID().slice(0, 8)}`, sv, en);
        audit.record({ action: 'create', entity: 'dropoutReason', entityId: id, fields: ['sv', 'en'] });
        return reason(id);
      }),

    updateReason: ({ id, sv, en }: ParsedInput<'dropoutReasons.update'>): DropoutReason =>
      tx(() => {
        const before = reason(id);
        uniqueLabel(sv, id);
        repos.plans.updateReason(id, sv, en);
        audit.record({ action: 'update', entity: 'dropoutReason', entityId: id, fields: (['sv', 'en'] as const).filter((k) => before[k] !== { sv, en }[k]) });
        return reason(id);
      }),

    /** Reasons are archived rather than deleted: participants keep the reason they were given. */
    setReasonActive: ({ id, active }: ParsedInput<'dropoutReasons.setActive'>): DropoutReason =>
      tx(() => {
        reason(id);
        repos.plans.setReasonActive(id, active);
        audit.record({ action: active ? 'restore' : 'archive', entity: 'dropoutReason', entityId: id, fields: ['active'] });
        return reason(id);
      }),
  };
}
