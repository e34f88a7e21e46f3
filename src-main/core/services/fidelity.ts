import type { Fidelity, ParsedInput } from '../../contract';
import { conflict, fieldErrorWith, missing } from '../domain/errors';
import { fidelityPercent } from '../domain/participation';
import type { ServiceContext } from './context';
import { participationStatus } from './participation-status';
import { sessionPlanReader } from './session-plan-reader';

/** What each held session covered of its plan (the plans themselves: session-plans.ts). */
export function fidelityService({ repos, tx, audit, clock }: ServiceContext) {
  const { programmeOf, planItem } = sessionPlanReader(repos);

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
        sessionId,
        sessionNumber: session.number,
        title: stored.title,
        components: stored.components,
        note: stored.note,
        recorded: true,
        percent: fidelityPercent(stored.coveredCount, stored.totalCount),
        updatedAt: stored.updatedAt,
      };
    }
    const programme = programmeOf(session.programmeId);
    const item = planItem(session.programmeId, programme.sessionCount, session.number);
    return {
      sessionId,
      sessionNumber: session.number,
      title: item.title,
      components: item.components.map((c) => ({ ...c, covered: false })),
      note: '',
      recorded: false,
      percent: null,
      updatedAt: null,
    };
  }

  return {
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
          // Marks typed while it was still planned now give the held session its counts, as a mark
          // that records it held does; otherwise it would stay without a count on this machine only.
          participationStatus(repos).afterSessionChange(session.groupId, sessionId);
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
