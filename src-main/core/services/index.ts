import { noAudit, type AuditSink } from '../audit';
import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import { createRepos } from '../repos';
import { activityReportService } from './activity-report';
import { attendanceService } from './attendance';
import { certificationService } from './certifications';
import { createContext } from './context';
import { courseService } from './courses';
import { dropoutReasonService } from './dropout-reasons';
import type { SecondReader } from '../export/scores-thread';
import { exportService } from './export';
import { importService } from '../import/import-service';
import { fidelityService } from './fidelity';
import { followUpService } from './follow-ups';
import { groupService } from './groups';
import { leaderSettingService } from './leader-settings';
import { leaderService } from './leaders';
import { participantService } from './participants';
import { participationReportService } from './participation-reports';
import { pathwayRequirementService } from './pathway-requirements';
import { programmeRulesService } from './programme-rules';
import { programmeService } from './programmes';
import { recipientService } from './recipients';
import { dashboardService, statsService } from './reports';
import { searchService } from './search';
import { seedService } from './seed';
import { sessionPlanService } from './session-plans';
import { sessionService } from './sessions';
import { settingsService } from './settings';
import { staffService } from './staff';
import { supervisionService } from './supervision';
import { unitService } from './units';
import { calendarService } from './calendar';
import { instrumentService } from './instruments';
import { outcomeService } from './outcomes';
import { outcomeViewService } from './outcome-views';
import { responseService } from './responses';

export interface ServiceDeps {
  clock: Clock;
  audit: AuditSink;
  /** The database's file and key, for the export's second reader (core/export/scores-thread.ts). */
  secondReader?: SecondReader;
}

/** Every use case Komet has, on one open database. Shells, the CLI and tests all go through here. */
export function createServices(db: KometDb, deps: ServiceDeps) {
  const ctx = createContext(db, createRepos(db, deps.clock), deps.clock, deps.audit);
  const staff = staffService(ctx);
  const participants = participantService(ctx);
  const groups = groupService(ctx);
  const attendance = attendanceService(ctx);
  const quiet = { ...ctx, audit: noAudit };
  return {
    programmes: programmeService(ctx),
    units: unitService(ctx),
    calendar: calendarService(ctx),
    staff,
    groups,
    sessions: sessionService(ctx),
    dashboard: dashboardService(ctx),
    stats: statsService(ctx),
    activityReport: activityReportService(ctx),
    search: searchService(ctx),
    settings: settingsService(ctx),
    seed: seedService(ctx),
    participants,
    attendance,
    fidelity: fidelityService(ctx),
    sessionPlans: sessionPlanService(ctx),
    programmeRules: programmeRulesService(ctx),
    dropoutReasons: dropoutReasonService(ctx),
    participation: participationReportService(ctx),
    courses: courseService(ctx),
    supervision: supervisionService(ctx),
    followUps: followUpService(ctx),
    pathwayRequirements: pathwayRequirementService(ctx),
    leaderSettings: leaderSettingService(ctx),
    certifications: certificationService(ctx),
    leaders: leaderService(ctx),
    exporter: exportService(ctx, deps.secondReader ? { secondReader: deps.secondReader } : {}),
    recipients: recipientService(ctx),
    instruments: instrumentService(ctx),
    outcomes: outcomeService(ctx),
    outcomeViews: outcomeViewService(ctx),
    responses: responseService(ctx),
    // The import's dry run tries its rows through these and rolls back: nothing for the audit log.
    imports: importService(
      ctx,
      { staff, groups, participants, attendance },
      { staff: staffService(quiet), groups: groupService(quiet), participants: participantService(quiet), attendance: attendanceService(quiet) },
    ),
  };
}
export type Services = ReturnType<typeof createServices>;
