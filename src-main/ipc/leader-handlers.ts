import type { Services } from '../core/services';
import { AppError } from '../core/errors';
import type { Handlers } from './router';

type LeaderProcedure = Extract<
  keyof Handlers,
  `pathwayRequirements.${string}` | `leaderSettings.${string}` | `courses.${string}` | `supervision.${string}`
  | `followUps.${string}` | `certifications.${string}` | `leaders.${string}`
>;

const pending = (): never => {
  throw new AppError('internal', { sv: 'Funktionen är inte klar ännu.', en: 'This procedure is not ready yet.' });
};

/** Leader pathway, courses, supervision, certification and the supervisor overview. */
export function leaderHandlers(_services: Services): Pick<Handlers, LeaderProcedure> {
  return {
    'pathwayRequirements.get': pending,
    'pathwayRequirements.update': pending,
    'leaderSettings.get': pending,
    'leaderSettings.update': pending,
    'courses.list': pending,
    'courses.get': pending,
    'courses.create': pending,
    'courses.update': pending,
    'courses.delete': pending,
    'courses.setAttendance': pending,
    'supervision.ratingScale': pending,
    'supervision.list': pending,
    'supervision.get': pending,
    'supervision.create': pending,
    'supervision.update': pending,
    'supervision.delete': pending,
    'followUps.open': pending,
    'followUps.add': pending,
    'followUps.update': pending,
    'followUps.setDone': pending,
    'followUps.delete': pending,
    'certifications.list': pending,
    'certifications.certify': pending,
    'certifications.delete': pending,
    'leaders.overview': pending,
    'leaders.page': pending,
    'leaders.certificateSummary': pending,
  };
}
