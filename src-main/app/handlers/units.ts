import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Units: the organisations that run groups (services/units.ts). */
export const unitHandlers = ({ units, calendar }: Services): Pick<Handlers, NamesIn<'units'> | NamesIn<'schoolBreaks'> | NamesIn<'calendar'>> => ({
  'schoolBreaks.list': (input) => calendar.listBreaks(input),
  'schoolBreaks.create': (input) => calendar.createBreak(input),
  'schoolBreaks.delete': (input) => calendar.deleteBreak(input),
  'calendar.check': (input) => calendar.check(input),
  'units.list': (input) => units.list(input),
  'units.create': (input) => units.create(input),
  'units.update': (input) => units.update(input),
  'units.setActive': (input) => units.setActive(input),
  'units.delete': (input) => units.delete(input),
});
