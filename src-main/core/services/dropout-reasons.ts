import type { DropoutReason, ParsedInput } from '../../contract';
import { AppError } from '../errors';
import { duplicate } from '../domain/errors';
import type { ServiceContext } from './context';

const reasonMissing = () => new AppError('not_found', { sv: 'Orsaken finns inte (längre).', en: 'The reason does not exist (any more).' });

/** The editable list of dropout reasons a participant's dropout can name. */
export function dropoutReasonService({ repos, tx, audit }: ServiceContext) {
  const reason = (id: string): DropoutReason =>
    repos.plans.reason(id) ??
    (() => {
      throw reasonMissing();
    })();
  const uniqueLabel = (sv: string, exceptId?: string) => {
    if (repos.plans.reasonIdByLabel(sv, exceptId)) {
      throw duplicate('sv', { sv: `Orsaken ”${sv}” finns redan.`, en: `The reason “${sv}” already exists.` });
    }
  };

  return {
    list: ({ includeArchived }: ParsedInput<'dropoutReasons.list'>): DropoutReason[] => repos.plans.reasons().filter((r) => includeArchived || r.active),

    create: ({ sv, en }: ParsedInput<'dropoutReasons.create'>): DropoutReason =>
      tx(() => {
        uniqueLabel(sv);
        const id = repos.plans.insertReason(`custom-${crypto.randomUUID().slice(0, 8)}`, sv, en);
        audit.record({ action: 'create', entity: 'dropoutReason', entityId: id, fields: ['sv', 'en'] });
        return reason(id);
      }),

    update: ({ id, sv, en }: ParsedInput<'dropoutReasons.update'>): DropoutReason =>
      tx(() => {
        const before = reason(id);
        uniqueLabel(sv, id);
        repos.plans.updateReason(id, sv, en);
        audit.record({ action: 'update', entity: 'dropoutReason', entityId: id, fields: (['sv', 'en'] as const).filter((k) => before[k] !== { sv, en }[k]) });
        return reason(id);
      }),

    /** Reasons are archived rather than deleted: participants keep the reason they were given. */
    setActive: ({ id, active }: ParsedInput<'dropoutReasons.setActive'>): DropoutReason =>
      tx(() => {
        reason(id);
        repos.plans.setReasonActive(id, active);
        audit.record({ action: active ? 'restore' : 'archive', entity: 'dropoutReason', entityId: id, fields: ['active'] });
        return reason(id);
      }),
  };
}
