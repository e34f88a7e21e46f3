import type { ParsedInput, SessionPlan } from '../../contract';
import type { ServiceContext } from './context';
import { sessionPlanReader } from './session-plan-reader';

const newKey = () => `c${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** Session plans per programme: the components a session is meant to cover. */
export function sessionPlanService({ repos, tx, audit }: ServiceContext) {
  const { programmeOf, plan } = sessionPlanReader(repos);
  return {
    get: ({ programmeId }: ParsedInput<'sessionPlans.get'>) => plan(programmeId),

    update: ({ programmeId, number, title, components }: ParsedInput<'sessionPlans.update'>): SessionPlan =>
      tx(() => {
        programmeOf(programmeId);
        repos.plans.upsertPlan(programmeId, { number, title, components: components.map((c) => ({ key: c.key ?? newKey(), sv: c.sv, en: c.en })) });
        audit.record({ action: 'update', entity: 'sessionPlan', entityId: programmeId, fields: ['title', 'components'] });
        return plan(programmeId);
      }),

    /** Drops the programme's own plan; the generic outline applies again. Past fidelity records keep their copy. */
    reset: ({ programmeId }: ParsedInput<'sessionPlans.reset'>): SessionPlan =>
      tx(() => {
        programmeOf(programmeId);
        repos.plans.deletePlans(programmeId);
        audit.record({ action: 'delete', entity: 'sessionPlan', entityId: programmeId, fields: [] });
        return plan(programmeId);
      }),
  };
}
