import { z } from 'zod';
import { activityReport, activityReportInput, savedReport } from './activity-report';
import { listArchived } from './common';
import { dashboard, dashboardInput, groupList, groupListInput, groupYears } from './groups';
import { followUpsOpen, followUpsOpenInput } from './leaders';
import { programme, unit } from './organisation';
import { instrumentSummary } from './outcomes';
import { outcomeResults, resultsInput, worklistPage, worklistPageInput, worklistSummary, worklistSummaryInput } from './outcome-views';
import { participationDashboard, participationDashboardInput } from './participants';

/*
 * A screen's opening reads in one call: each part is the input and the answer of the procedure
 * named beside it, checked by the same schemas, so a part's answer is that procedure's. Four
 * requests cost the page some 20 ms of its main thread before the screen could paint, and their
 * answers arrived apart, each re-rendering the screen; one request and one answer do neither.
 */

export const dashboardScreenInput = z
  .object({
    /** dashboard.get */
    dashboard: dashboardInput,
    /** dashboard.participation */
    participation: participationDashboardInput,
    /** outcomes.worklistSummary */
    worklistSummary: worklistSummaryInput,
    /** followUps.open */
    followUps: followUpsOpenInput,
  })
  .strict();
export const dashboardScreen = z.object({ dashboard, participation: participationDashboard, worklistSummary, followUps: followUpsOpen });

export const groupListScreenInput = z
  .object({
    /** groups.list */
    list: groupListInput,
    /** programmes.list */
    programmes: listArchived,
    /** units.list */
    units: listArchived,
  })
  .strict();
/** `years` is groups.years's answer. */
export const groupListScreen = z.object({ list: groupList, years: groupYears, programmes: programme.array(), units: unit.array() });

export const outcomesScreenInput = z
  .object({
    /** outcomes.worklistPage */
    worklist: worklistPageInput,
    /** programmes.list */
    programmes: listArchived,
    /** outcomes.results: without an instrument, the library's first, as the screen opens */
    results: resultsInput,
  })
  .strict();
/** `instruments` is instruments.list's answer. */
export const outcomesScreen = z.object({
  worklist: worklistPage,
  instruments: instrumentSummary.array(),
  programmes: programme.array(),
  results: outcomeResults,
});

export const reportsScreenInput = z
  .object({
    /** units.list */
    units: listArchived,
    /** programmes.list */
    programmes: listArchived,
    /** reports.activity */
    activity: activityReportInput,
  })
  .strict();
/** `savedReports` is savedReports.list's answer. */
export const reportsScreen = z.object({ savedReports: savedReport.array(), units: unit.array(), programmes: programme.array(), activity: activityReport });
