import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** The list of dropout reasons (services/dropout-reasons.ts). */
export const dropoutReasonHandlers = ({ dropoutReasons }: Services): Pick<Handlers, NamesIn<'dropoutReasons'>> => ({
  'dropoutReasons.list': (input) => dropoutReasons.list(input),
  'dropoutReasons.create': (input) => dropoutReasons.create(input),
  'dropoutReasons.update': (input) => dropoutReasons.update(input),
  'dropoutReasons.setActive': (input) => dropoutReasons.setActive(input),
});
