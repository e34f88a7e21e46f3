import type { Services } from '../core/services';
import type { ProcedureOutput } from './contract';
import { exportHandlers } from './export-handlers';
import { leaderHandlers } from './leader-handlers';
import { participationHandlers } from './participation-handlers';
import { syncHandlers } from './sync-handlers';
import type { LaptopSync } from '../core/sync/laptop';
import type { Handlers } from './router';

export type AppInfo = ProcedureOutput<'app.info'>;

/**
 * The whole API as one typed map: each procedure of the contract bound to its service call.
 * Input arrives parsed by the router, so handlers hold no validation and no rules.
 */
export type AuditListHandler = Handlers['audit.list'];

export function createHandlers(services: Services, deps: { info: () => AppInfo; auditList: AuditListHandler; sync?: LaptopSync | null }): Handlers {
  const { programmes, units, staff, groups, sessions, dashboard, stats, settings } = services;
  return {
    'app.info': () => deps.info(),
    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),

    'programmes.list': (input) => programmes.list(input),
    'programmes.create': (input) => programmes.create(input),
    'programmes.update': (input) => programmes.update(input),
    'programmes.setActive': (input) => programmes.setActive(input),
    'programmes.delete': (input) => programmes.delete(input),

    'units.list': (input) => units.list(input),
    'units.create': (input) => units.create(input),
    'units.update': (input) => units.update(input),
    'units.setActive': (input) => units.setActive(input),
    'units.delete': (input) => units.delete(input),

    'staff.list': (input) => staff.list(input),
    'staff.create': (input) => staff.create(input),
    'staff.update': (input) => staff.update(input),
    'staff.setActive': (input) => staff.setActive(input),
    'staff.delete': (input) => staff.delete(input),

    'groups.list': (input) => groups.list(input),
    'groups.get': (input) => groups.get(input),
    'groups.create': (input) => groups.create(input),
    'groups.update': (input) => groups.update(input),
    'groups.delete': (input) => groups.delete(input),

    'sessions.record': (input) => sessions.record(input),
    'sessions.move': (input) => sessions.move(input),
    'sessions.addExtra': (input) => sessions.addExtra(input),
    'sessions.delete': (input) => sessions.delete(input),

    'dashboard.get': (input) => dashboard.get(input),
    'stats.get': () => stats.get(),
    'audit.list': (input, ctx) => deps.auditList(input, ctx),
    ...participationHandlers(services),
    ...leaderHandlers(services),
    ...exportHandlers(services, deps),
    ...syncHandlers(deps.sync ?? null),
  };
}
