import type { Services } from '../../core/services';
import type { Handlers } from '../router';

/** A group’s participation overview and the participation dashboard and statistics (services/participation-reports.ts). */
export const participationReportHandlers = ({
  participation,
}: Services): Pick<Handlers, 'groups.overview' | 'dashboard.participation' | 'stats.participation'> => ({
  'groups.overview': (input) => participation.overview(input),
  'dashboard.participation': (input) => participation.dashboard(input),
  'stats.participation': () => participation.stats(),
});
