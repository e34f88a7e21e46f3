import type { Services } from '../../core/services';
import type { Handlers, NamesIn } from '../router';
import type { ScreenProcedure } from './screens';

/** Schedules, per-time-point statuses, the worklist and scores (services/outcomes.ts). */
export const outcomeHandlers = ({
  outcomes,
  outcomeViews,
}: Services): Pick<Handlers, NamesIn<'outcomeSchedules'> | Exclude<NamesIn<'outcomes'>, ScreenProcedure> | NamesIn<'scores'>> => ({
  'outcomeSchedules.list': (input) => outcomes.schedules(input),
  'outcomeSchedules.add': (input) => outcomes.addSchedule(input),
  'outcomeSchedules.delete': (input) => outcomes.deleteSchedule(input),
  'outcomes.setStatus': (input) => outcomes.setStatus(input),
  'outcomes.due': (input) => outcomes.due(input),
  'outcomes.worklist': (input) => outcomeViews.worklist(input),
  'outcomes.worklistPage': (input) => outcomeViews.worklistPage(input),
  'outcomes.worklistGroups': (input) => outcomeViews.worklistGroups(input),
  'outcomes.worklistSummary': (input) => outcomeViews.worklistSummary(input),
  'outcomes.group': (input) => outcomeViews.group(input),
  'outcomes.results': (input) => outcomeViews.results(input),
  'outcomes.report': (input) => outcomeViews.report(input),
  'scores.list': (input) => outcomes.scores(input),
});
