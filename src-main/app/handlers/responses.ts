import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Questionnaire answers, one at a time or from a CSV file (services/responses.ts). */
export const responseHandlers = ({ responses }: Services): Pick<Handlers, NamesIn<'responses'>> => ({
  'responses.record': (input) => responses.record(input),
  'responses.import': (input) => responses.import(input),
  'responses.entryState': (input, ctx) => responses.entryState(input, ctx.actor),
  'responses.enter': (input, ctx) => responses.enter(input, ctx.actor),
  'responses.reconcile': (input) => responses.reconcile(input),
});
