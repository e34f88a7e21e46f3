import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Units: the organisations that run groups (services/units.ts). */
export const unitHandlers = ({ units }: Services): Pick<Handlers, NamesIn<'units'>> => ({
  'units.list': (input) => units.list(input),
  'units.create': (input) => units.create(input),
  'units.update': (input) => units.update(input),
  'units.setActive': (input) => units.setActive(input),
  'units.delete': (input) => units.delete(input),
});
