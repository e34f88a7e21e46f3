import type { Services } from '../../core/services';
import type { Handlers } from '../router';

/** The header's search (services/search.ts). */
export const searchHandlers = ({ search }: Services): Pick<Handlers, 'search.find'> => ({
  'search.find': (input) => search.find(input),
});
