import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Session plans per programme (services/session-plans.ts). */
export const sessionPlanHandlers = ({ sessionPlans }: Services): Pick<Handlers, NamesIn<'sessionPlans'>> => ({
  'sessionPlans.get': (input) => sessionPlans.get(input),
  'sessionPlans.update': (input) => sessionPlans.update(input),
  'sessionPlans.reset': (input) => sessionPlans.reset(input),
});
