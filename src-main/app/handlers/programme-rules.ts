import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';

/** Completion and dropout thresholds per programme (services/programme-rules.ts). */
export const programmeRuleHandlers = ({ programmeRules }: Services): Pick<Handlers, NamesIn<'programmeRules'>> => ({
  'programmeRules.get': (input) => programmeRules.get(input),
  'programmeRules.update': (input) => programmeRules.update(input),
});
