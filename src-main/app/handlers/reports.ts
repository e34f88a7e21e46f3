import type { Services } from '../../core/services';
import type { Handlers } from '../router';

/** The dashboard, the activity statistics (services/reports.ts) and the activity report (services/activity-report.ts). */
export const reportHandlers = ({
  dashboard,
  stats,
  activityReport,
}: Services): Pick<
  Handlers,
  | 'dashboard.get'
  | 'stats.get'
  | 'reports.activity'
  | 'reports.activityPdf'
  | 'reports.activityXlsx'
  | 'savedReports.list'
  | 'savedReports.save'
  | 'savedReports.delete'
  | 'savedReports.report'
  | 'savedReports.pdf'
  | 'savedReports.xlsx'
> => ({
  'reports.activity': (input) => activityReport.activity(input),
  'reports.activityPdf': (input) => activityReport.pdf(input),
  'reports.activityXlsx': (input) => activityReport.xlsx(input),
  'savedReports.list': () => activityReport.saved.list(),
  'savedReports.save': (input) => activityReport.saved.save(input),
  'savedReports.delete': (input) => activityReport.saved.delete(input),
  'savedReports.report': (input) => activityReport.saved.report(input),
  'savedReports.pdf': (input) => activityReport.saved.pdf(input),
  'savedReports.xlsx': (input) => activityReport.saved.xlsx(input),
  'dashboard.get': (input) => dashboard.get(input),
  'stats.get': () => stats.get(),
});
