import { prefetchAudit } from '../features/audit/AuditPage';
import { prefetchDashboard } from '../features/dashboard/DashboardPage';
import { prefetchOpenExport } from '../features/export/OpenExportPage';
import { prefetchGroupList } from '../features/groups/GroupListPage';
import { prefetchLeaderOverview } from '../features/leaders/LeaderOverviewPage';
import { prefetchOutcomes } from '../features/outcomes/OutcomesPage';
import { prefetchProgrammes } from '../features/programmes/ProgrammesPage';
import { prefetchReports } from '../features/reports/ReportsPage';
import { prefetchStaff } from '../features/staff/StaffPage';
import { prefetchUnits } from '../features/units/UnitsPage';

/**
 * What each screen of the navigation reads as it opens, by the address its link goes to. The link's
 * click asks for it, so main is already answering while the screen renders; each screen's page
 * builds its reads with the same functions, so the answers land in the queries it asks.
 */
export const screenReads: Partial<Record<string, () => void>> = {
  '/': prefetchDashboard,
  '/groups': prefetchGroupList,
  '/outcomes': prefetchOutcomes,
  '/leaders': prefetchLeaderOverview,
  '/staff': prefetchStaff,
  '/programmes': prefetchProgrammes,
  '/units': prefetchUnits,
  '/reports': prefetchReports,
  '/audit': prefetchAudit,
  '/open-export': prefetchOpenExport,
};
