import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** What a leader’s pathway asks for per programme (services/pathway-requirements.ts). */
export const pathwayRequirementHandlers = ({ pathwayRequirements }: Services): Pick<Handlers, NamesIn<'pathwayRequirements'>> => ({
  'pathwayRequirements.get': (input) => pathwayRequirements.get(input),
  'pathwayRequirements.update': (input) => pathwayRequirements.update(input),
});
