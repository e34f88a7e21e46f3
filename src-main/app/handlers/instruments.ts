import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** The instrument library: questionnaire definitions (services/instruments.ts). */
export const instrumentHandlers = ({ instruments, outcomeViews }: Services): Pick<Handlers, NamesIn<'instruments'>> => ({
  'instruments.list': () => instruments.list(),
  'instruments.import': (input) => instruments.import(input),
  'instruments.get': (input) => outcomeViews.instrument(input),
});
