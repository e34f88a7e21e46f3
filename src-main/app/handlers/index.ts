import type { Services } from '../../core/services';
import type { LaptopSync } from '../../core/sync/laptop';
import type { ProcedureOutput } from '../../contract';
import type { Handlers } from '../router';
import { attendanceHandlers } from './attendance';
import { certificationHandlers } from './certifications';
import { courseHandlers } from './courses';
import { dropoutReasonHandlers } from './dropout-reasons';
import { exportHandlers, type ExportRunner } from './export';
import { fidelityHandlers } from './fidelity';
import { followUpHandlers } from './follow-ups';
import { groupHandlers } from './groups';
import { importHandlers } from './imports';
import { instrumentHandlers } from './instruments';
import { outcomeHandlers } from './outcomes';
import { responseHandlers } from './responses';
import { leaderSettingHandlers } from './leader-settings';
import { leaderHandlers } from './leaders';
import { participantHandlers } from './participants';
import { participationReportHandlers } from './participation-reports';
import { pathwayRequirementHandlers } from './pathway-requirements';
import { programmeRuleHandlers } from './programme-rules';
import { programmeHandlers } from './programmes';
import { recipientHandlers } from './recipients';
import { reportHandlers } from './reports';
import { screenHandlers, type ScreenProcedure } from './screens';
import { searchHandlers } from './search';
import { sessionPlanHandlers } from './session-plans';
import { sessionHandlers } from './sessions';
import { settingsHandlers } from './settings';
import { staffHandlers } from './staff';
import { supervisionHandlers } from './supervision';
import { syncHandlers } from './sync';
import { unitHandlers } from './units';

export type AppInfo = ProcedureOutput<'app.info'>;
export type AuditListHandler = Handlers['audit.list'];

/**
 * The procedures of one open database as one typed map: each bound to its service, one file per
 * service under the service's own name. Input arrives parsed by the router, so handlers hold no
 * validation and no rules. The lock screen's and the backups' procedures are in vault.ts and
 * backups.ts: the vault session answers them.
 */
export function createHandlers(
  services: Services,
  deps: { info: () => AppInfo; auditList: AuditListHandler; sync?: LaptopSync | null; runExport?: ExportRunner | null },
): Handlers {
  const handlers = {
    'app.info': () => deps.info(),
    'audit.list': (input, ctx) => deps.auditList(input, ctx),
    ...settingsHandlers(services),
    ...programmeHandlers(services),
    ...unitHandlers(services),
    ...staffHandlers(services),
    ...groupHandlers(services),
    ...sessionHandlers(services),
    ...reportHandlers(services),
    ...searchHandlers(services),
    ...participantHandlers(services),
    ...attendanceHandlers(services),
    ...participationReportHandlers(services),
    ...fidelityHandlers(services),
    ...sessionPlanHandlers(services),
    ...programmeRuleHandlers(services),
    ...dropoutReasonHandlers(services),
    ...courseHandlers(services),
    ...supervisionHandlers(services),
    ...followUpHandlers(services),
    ...pathwayRequirementHandlers(services),
    ...leaderSettingHandlers(services),
    ...certificationHandlers(services),
    ...leaderHandlers(services),
    ...exportHandlers(services, deps),
    ...recipientHandlers(services),
    ...importHandlers(services),
    ...instrumentHandlers(services),
    ...outcomeHandlers(services),
    ...responseHandlers(services),
    ...syncHandlers(deps.sync ?? null),
  } satisfies Omit<Handlers, ScreenProcedure>;
  return { ...handlers, ...screenHandlers(handlers) };
}
