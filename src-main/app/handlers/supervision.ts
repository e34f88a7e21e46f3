import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** The supervision log (services/supervision.ts). */
export const supervisionHandlers = ({ supervision }: Services): Pick<Handlers, NamesIn<'supervision'>> => ({
  'supervision.ratingScale': () => supervision.ratingScale(),
  'supervision.list': (input) => supervision.list(input),
  'supervision.get': (input) => supervision.get(input),
  'supervision.create': (input) => supervision.create(input),
  'supervision.update': (input) => supervision.update(input),
  'supervision.delete': (input) => supervision.delete(input),
});
