import type { Services } from '../../core/services';
import type { Handlers } from '../router';

/** The dashboard and the activity statistics (services/reports.ts). */
export const reportHandlers = ({ dashboard, stats }: Services): Pick<Handlers, 'dashboard.get' | 'stats.get'> => ({
  'dashboard.get': (input) => dashboard.get(input),
  'stats.get': () => stats.get(),
});
