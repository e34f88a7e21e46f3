import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Programmes: the Komet variants (services/programmes.ts). */
export const programmeHandlers = ({ programmes }: Services): Pick<Handlers, NamesIn<'programmes'>> => ({
  'programmes.list': (input) => programmes.list(input),
  'programmes.create': (input) => programmes.create(input),
  'programmes.update': (input) => programmes.update(input),
  'programmes.setActive': (input) => programmes.setActive(input),
  'programmes.delete': (input) => programmes.delete(input),
});
