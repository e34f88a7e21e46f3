import type { StaffMember } from '../../contract';
import { AppError, type Bilingual } from '../errors';
import { fieldErrorWith, missing } from '../domain/errors';
import type { Repos } from '../repos';

export const courseMissing = () => new AppError('not_found', { sv: 'Kursen finns inte (längre).', en: 'The course does not exist (any more).' });
export const supervisionMissing = () =>
  new AppError('not_found', { sv: 'Handledningstillfället finns inte (längre).', en: 'The supervision session does not exist (any more).' });
export const followUpMissing = () => new AppError('not_found', { sv: 'Uppföljningen finns inte (längre).', en: 'The follow-up does not exist (any more).' });
export const certificationMissing = () =>
  new AppError('not_found', { sv: 'Certifieringen finns inte (längre).', en: 'The certification does not exist (any more).' });

/** Checks shared by the leader services: the people named exist and have the right role. */
export function leaderChecks(repos: Repos) {
  const person = (id: string, path: string, role: 'leader' | 'supervisor' | null): StaffMember => {
    const s = repos.staff.get(id);
    if (!s) throw fieldErrorWith(path, { sv: 'Medarbetaren finns inte (längre).', en: 'The staff member does not exist (any more).' });
    if (role === 'leader' && !s.isLeader) {
      throw fieldErrorWith(path, { sv: `${s.name} är inte registrerad som gruppledare.`, en: `${s.name} is not registered as a group leader.` });
    }
    if (role === 'supervisor' && !s.isSupervisor) {
      throw fieldErrorWith(path, { sv: `${s.name} är inte registrerad som handledare.`, en: `${s.name} is not registered as a supervisor.` });
    }
    return s;
  };
  return {
    person,
    leader: (id: string, path: string) => person(id, path, 'leader'),
    supervisor: (id: string, path: string) => person(id, path, 'supervisor'),
    programme: (id: string) =>
      repos.programmes.get(id) ??
      (() => {
        throw missing('programme');
      })(),
    notSelf(supervisorId: string, leaderIds: string[], path: (i: number) => string, message: Bilingual): void {
      const i = leaderIds.indexOf(supervisorId);
      if (i >= 0) throw fieldErrorWith(path(i), message);
    },
  };
}
