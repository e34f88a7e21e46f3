import type { Fidelity, ParsedInput, SessionPlan } from '../../contract';
import { conflict, fieldErrorWith, missing } from '../domain/errors';
import { fidelityPercent } from '../domain/participation';
import type { PlanRow } from '../repos/programme-plans';
import { genericPlanItem } from '../seed/participation';
import type { ServiceContext } from './context';
import { participationStatus } from './participation-status';

const newKey = () => `c${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** Session plans per programme and what each held session covered of its plan. */
export function fidelityService({ repos, tx, audit, clock }: ServiceContext) {
  const programmeOf = (programmeId: string) => repos.programmes.get(programmeId) ?? (() => { throw missing('programme'); })();

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

  function sessionOf(sessionId: string) {
    const session = repos.attendance.sessionContext(sessionId);
    if (!session) throw missing('session');
    return session;
  }

  function view(sessionId: string): Fidelity {
    const session = sessionOf(sessionId);
    const stored = repos.plans.fidelity(sessionId);
    if (stored) {
      return {
        sessionId, sessionNumber: session.number, title: stored.title, components: stored.components, note: stored.note,
        recorded: true, percent: fidelityPercent(stored.coveredCount, stored.totalCount), updatedAt: stored.updatedAt,
      };
    }
    const programme = programmeOf(session.programmeId);
    const item = planItem(session.programmeId, programme.sessionCount, session.number);
    return {
      sessionId, sessionNumber: session.number, title: item.title, components: item.components.map((c) => ({ ...c, covered: false })),
      note: '', recorded: false, percent: null, updatedAt: null,
    };
  }

  return {
    plan: ({ programmeId }: ParsedInput<'sessionPlans.get'>) => plan(programmeId),

    updatePlan: ({ programmeId, number, title, components }: ParsedInput<'sessionPlans.update'>): SessionPlan =>
      tx(() => {
        programmeOf(programmeId);
        repos.plans.upsertPlan(programmeId, { number, title, components: components.map((c) => ({ key: c.key ?? newKey(), sv: c.sv, en: c.en })) });
        audit.record({ action: 'update', entity: 'sessionPlan', entityId: programmeId, fields: ['title', 'components'] });
        return plan(programmeId);
      }),

    /** Drops the programme's own plan; the generic outline applies again. Past fidelity records keep their copy. */
    resetPlan: ({ programmeId }: ParsedInput<'sessionPlans.reset'>): SessionPlan =>
      tx(() => {
        programmeOf(programmeId);
        repos.plans.deletePlans(programmeId);
        audit.record({ action: 'delete', entity: 'sessionPlan', entityId: programmeId, fields: [] });
        return plan(programmeId);
      }),

    get: ({ sessionId }: ParsedInput<'fidelity.get'>) => view(sessionId),

    record: ({ sessionId, covered, note }: ParsedInput<'fidelity.record'>): Fidelity =>
      tx(() => {
        const session = sessionOf(sessionId);
        if (session.groupStatus === 'cancelled') {
          throw conflict({ sv: 'Gruppen är inställd, så programtrohet kan inte registreras.', en: 'The group is cancelled, so fidelity cannot be recorded.' });
        }
        if (session.status === 'cancelled') {
          throw fieldErrorWith('sessionId', {
            sv: 'Träffen är inställd; programtrohet registreras bara för genomförda träffar.',
            en: 'The session is cancelled; fidelity is recorded for held sessions only.',
          });
        }
        if (session.status === 'planned') {
          if (session.plannedDate > clock.today()) {
            throw fieldErrorWith('sessionId', {
              sv: `Träffen har inte ägt rum än (planerad ${session.plannedDate}).`,
              en: `The session has not taken place yet (planned for ${session.plannedDate}).`,
            });
          }
          repos.attendance.markHeld(sessionId);
          audit.record({ action: 'update', entity: 'session', entityId: sessionId, fields: ['status', 'heldDate'] });
          if (session.groupStatus === 'planned') repos.groups.update(session.groupId, { status: 'running' });
          participationStatus(repos).recomputeGroup(session.groupId);
        }
        // A session recorded before keeps the components it was recorded against, whatever the plan says now.
        const base = view(sessionId);
        const keys = new Set(base.components.map((c) => c.key));
        const unknown = covered.filter((k) => !keys.has(k));
        if (unknown.length) {
          throw fieldErrorWith('covered', {
            sv: 'Ett eller flera moment finns inte i träffens plan. Ladda om sidan och försök igen.',
            en: 'One or more components are not in the session’s plan. Reload the page and try again.',
          });
        }
        const chosen = new Set(covered);
        const components = base.components.map((c) => ({ key: c.key, sv: c.sv, en: c.en, covered: chosen.has(c.key) }));
        repos.plans.upsertFidelity({ sessionId, title: base.title, components, coveredCount: chosen.size, totalCount: components.length, note });
        audit.record({ action: base.recorded ? 'update' : 'create', entity: 'fidelity', entityId: sessionId, fields: ['components', 'note'] });
        return view(sessionId);
      }),

    clear: ({ sessionId }: ParsedInput<'fidelity.clear'>): Fidelity =>
      tx(() => {
        sessionOf(sessionId);
        if (repos.plans.deleteFidelity(sessionId)) audit.record({ action: 'delete', entity: 'fidelity', entityId: sessionId, fields: [] });
        return view(sessionId);
      }),
  };
}
