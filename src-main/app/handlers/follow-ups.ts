import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Follow-up actions agreed at supervision (services/follow-ups.ts). */
export const followUpHandlers = ({ followUps }: Services): Pick<Handlers, NamesIn<'followUps'>> => ({
  'followUps.open': (input) => followUps.open(input),
  'followUps.add': (input) => followUps.add(input),
  'followUps.update': (input) => followUps.update(input),
  'followUps.setDone': (input) => followUps.setDone(input),
  'followUps.delete': (input) => followUps.delete(input),
});
