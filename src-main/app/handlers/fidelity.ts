import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** What each held session covered of its plan (services/fidelity.ts). */
export const fidelityHandlers = ({ fidelity }: Services): Pick<Handlers, NamesIn<'fidelity'>> => ({
  'fidelity.get': (input) => fidelity.get(input),
  'fidelity.record': (input) => fidelity.record(input),
  'fidelity.clear': (input) => fidelity.clear(input),
});
