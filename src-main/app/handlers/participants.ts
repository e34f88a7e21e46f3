import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Participants and their enrolment status (services/participants.ts). */
export const participantHandlers = ({ participants }: Services): Pick<Handlers, NamesIn<'participants'>> => ({
  'participants.list': (input) => participants.list(input),
  'participants.get': (input) => participants.get(input),
  'participants.create': (input) => participants.create(input),
  'participants.update': (input) => participants.update(input),
  'participants.setStatus': (input) => participants.setStatus(input),
  'participants.setKeepActive': (input) => participants.setKeepActive(input),
  'participants.move': (input) => participants.move(input),
  'participants.delete': (input) => participants.delete(input),
  'participants.erase': (input) => participants.erase(input),
});
