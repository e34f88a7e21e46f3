import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Sessions of a group: held, cancelled, moved, extra (services/sessions.ts). */
export const sessionHandlers = ({ sessions }: Services): Pick<Handlers, NamesIn<'sessions'>> => ({
  'sessions.record': (input) => sessions.record(input),
  'sessions.move': (input) => sessions.move(input),
  'sessions.addExtra': (input) => sessions.addExtra(input),
  'sessions.delete': (input) => sessions.delete(input),
});
