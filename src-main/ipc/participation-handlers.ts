import type { Services } from '../core/services';
import type { Handlers } from './router';

type ParticipationProcedure = Extract<
  keyof Handlers,
  `participants.${string}` | `attendance.${string}` | `fidelity.${string}` | `sessionPlans.${string}` | `programmeRules.${string}`
  | `dropoutReasons.${string}` | 'groups.setTracksAttendance' | 'groups.overview' | 'dashboard.participation' | 'stats.participation'
>;

/** Participants, attendance, fidelity and their rules, bound to their service calls. */
export function participationHandlers(services: Services): Pick<Handlers, ParticipationProcedure> {
  const { participants, attendance, fidelity, programmeRules, participation } = services;
  return {
    'participants.list': (input) => participants.list(input),
    'participants.get': (input) => participants.get(input),
    'participants.create': (input) => participants.create(input),
    'participants.update': (input) => participants.update(input),
    'participants.setStatus': (input) => participants.setStatus(input),
    'participants.setKeepActive': (input) => participants.setKeepActive(input),
    'participants.move': (input) => participants.move(input),
    'participants.delete': (input) => participants.delete(input),
    'participants.erase': (input) => participants.erase(input),

    'attendance.grid': (input) => attendance.grid(input),
    'attendance.set': (input) => attendance.set(input),
    'attendance.setColumn': (input) => attendance.setColumn(input),
    'groups.setTracksAttendance': (input) => attendance.setTracksAttendance(input),
    'groups.overview': (input) => participation.overview(input),

    'fidelity.get': (input) => fidelity.get(input),
    'fidelity.record': (input) => fidelity.record(input),
    'fidelity.clear': (input) => fidelity.clear(input),
    'sessionPlans.get': (input) => fidelity.plan(input),
    'sessionPlans.update': (input) => fidelity.updatePlan(input),
    'sessionPlans.reset': (input) => fidelity.resetPlan(input),

    'programmeRules.get': (input) => programmeRules.get(input),
    'programmeRules.update': (input) => programmeRules.update(input),
    'dropoutReasons.list': (input) => programmeRules.listReasons(input),
    'dropoutReasons.create': (input) => programmeRules.createReason(input),
    'dropoutReasons.update': (input) => programmeRules.updateReason(input),
    'dropoutReasons.setActive': (input) => programmeRules.setReasonActive(input),

    'dashboard.participation': (input) => participation.dashboard(input),
    'stats.participation': () => participation.stats(),
  };
}
