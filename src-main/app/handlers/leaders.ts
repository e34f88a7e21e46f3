import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** The supervisor overview, the leader page and the certificate (services/leaders.ts). */
export const leaderHandlers = ({ leaders }: Services): Pick<Handlers, NamesIn<'leaders'>> => ({
  'leaders.overview': (input) => leaders.overview(input),
  'leaders.page': (input) => leaders.page(input),
  'leaders.certificateSummary': (input) => leaders.certificateSummary(input),
});
