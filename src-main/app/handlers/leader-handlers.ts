import type { Services } from '../../core/services';
import type { Handlers } from '../router';

type LeaderProcedure = Extract<
  keyof Handlers,
  `pathwayRequirements.${string}` | `leaderSettings.${string}` | `courses.${string}` | `supervision.${string}`
  | `followUps.${string}` | `certifications.${string}` | `leaders.${string}`
>;

/** Leader pathway, courses, supervision, certification and the supervisor overview. */
export function leaderHandlers(services: Services): Pick<Handlers, LeaderProcedure> {
  const { courses, supervision, certification, leaders } = services;
  return {
    'pathwayRequirements.get': (input) => certification.requirements(input),
    'pathwayRequirements.update': (input) => certification.updateRequirements(input),
    'leaderSettings.get': () => certification.settings(),
    'leaderSettings.update': (input) => certification.updateSettings(input),

    'courses.list': (input) => courses.list(input),
    'courses.get': (input) => courses.get(input),
    'courses.create': (input) => courses.create(input),
    'courses.update': (input) => courses.update(input),
    'courses.delete': (input) => courses.delete(input),
    'courses.setAttendance': (input) => courses.setAttendance(input),

    'supervision.ratingScale': () => supervision.ratingScale(),
    'supervision.list': (input) => supervision.list(input),
    'supervision.get': (input) => supervision.get(input),
    'supervision.create': (input) => supervision.create(input),
    'supervision.update': (input) => supervision.update(input),
    'supervision.delete': (input) => supervision.delete(input),
    'followUps.open': (input) => supervision.open(input),
    'followUps.add': (input) => supervision.addFollowUp(input),
    'followUps.update': (input) => supervision.updateFollowUp(input),
    'followUps.setDone': (input) => supervision.setFollowUpDone(input),
    'followUps.delete': (input) => supervision.deleteFollowUp(input),

    'certifications.list': (input) => certification.list(input),
    'certifications.certify': (input) => certification.certify(input),
    'certifications.delete': (input) => certification.delete(input),

    'leaders.overview': (input) => leaders.overview(input),
    'leaders.page': (input) => leaders.page(input),
    'leaders.certificateSummary': (input) => leaders.certificateSummary(input),
  };
}
