import type { Handlers } from '../router';

export type ScreenProcedure = 'dashboard.screen' | 'groups.listScreen' | 'outcomes.screen' | 'reports.screen';
type ScreenHandlers = Pick<Handlers, ScreenProcedure>;

/**
 * A screen's opening reads in one call (contract/schemas/screens.ts): each part is answered by the
 * handler of the procedure it stands for, in the order the screen used to ask for them.
 */
export const screenHandlers = (h: Omit<Handlers, keyof ScreenHandlers>): ScreenHandlers => ({
  'dashboard.screen': async (input, ctx) => ({
    dashboard: await h['dashboard.get'](input.dashboard, ctx),
    participation: await h['dashboard.participation'](input.participation, ctx),
    worklistSummary: await h['outcomes.worklistSummary'](input.worklistSummary, ctx),
    followUps: await h['followUps.open'](input.followUps, ctx),
  }),
  'groups.listScreen': async (input, ctx) => ({
    list: await h['groups.list'](input.list, ctx),
    years: await h['groups.years']({}, ctx),
    programmes: await h['programmes.list'](input.programmes, ctx),
    units: await h['units.list'](input.units, ctx),
  }),
  'outcomes.screen': async (input, ctx) => ({
    worklist: await h['outcomes.worklistPage'](input.worklist, ctx),
    instruments: await h['instruments.list']({}, ctx),
    programmes: await h['programmes.list'](input.programmes, ctx),
    results: await h['outcomes.results'](input.results, ctx),
  }),
  'reports.screen': async (input, ctx) => ({
    savedReports: await h['savedReports.list']({}, ctx),
    units: await h['units.list'](input.units, ctx),
    programmes: await h['programmes.list'](input.programmes, ctx),
    activity: await h['reports.activity'](input.activity, ctx),
  }),
});
