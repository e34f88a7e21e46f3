import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Staff: group leaders and supervisors (services/staff.ts). */
export const staffHandlers = ({ staff }: Services): Pick<Handlers, NamesIn<'staff'>> => ({
  'staff.list': (input) => staff.list(input),
  'staff.page': (input) => staff.page(input),
  'staff.names': (input) => staff.names(input),
  'staff.get': (input) => staff.get(input),
  'staff.create': (input) => staff.create(input),
  'staff.update': (input) => staff.update(input),
  'staff.setActive': (input) => staff.setActive(input),
  'staff.delete': (input) => staff.delete(input),
});
