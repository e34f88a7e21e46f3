import type { Services } from '../../core/services';
import type { Handlers } from '../router';

/** Groups and their leaders (services/groups.ts). */
export const groupHandlers = ({
  groups,
}: Services): Pick<Handlers, 'groups.list' | 'groups.years' | 'groups.get' | 'groups.create' | 'groups.update' | 'groups.delete'> => ({
  'groups.list': (input) => groups.list(input),
  'groups.years': () => groups.years(),
  'groups.get': (input) => groups.get(input),
  'groups.create': (input) => groups.create(input),
  'groups.update': (input) => groups.update(input),
  'groups.delete': (input) => groups.delete(input),
});
