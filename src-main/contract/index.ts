import type { z } from 'zod';
import { backupEntity, vaultEntity } from './events';
import * as cal from './schemas/calendar';
import * as ar from './schemas/activity-report';
import * as c from './schemas/common';
import * as g from './schemas/groups';
import * as im from './schemas/imports';
import * as o from './schemas/organisation';
import * as ex from './schemas/export';
import * as le from './schemas/leaders';
import * as oc from './schemas/outcomes';
import * as ov from './schemas/outcome-views';
import * as pa from './schemas/participants';
import * as sc from './schemas/screens';
import * as sr from './schemas/search';
import * as sy from './schemas/sync';
import * as v from './schemas/vault';

/**
 * The whole API of Komet: every procedure any shell may call, with its input and output schema.
 * The renderer imports types from here only; the router, CLI and tests share the schemas.
 */
export const contract = {
  'app.info': { input: c.empty, output: o.appInfo, writes: false },
  'settings.get': { input: c.empty, output: o.settingsValue, writes: false },
  'settings.update': { input: o.settingsUpdate, output: o.settingsValue, writes: true },

  'programmes.list': { input: c.listArchived, output: o.programme.array(), writes: false },
  'programmes.create': { input: o.programmeInput, output: o.programme, writes: true },
  'programmes.update': { input: o.programmeUpdate, output: o.programme, writes: true },
  'programmes.setActive': { input: c.setActive, output: o.programme, writes: true },
  'programmes.delete': { input: c.byId, output: c.deleted, writes: true },

  'units.list': { input: c.listArchived, output: o.unit.array(), writes: false },
  'units.create': { input: o.unitInput, output: o.unit, writes: true },
  'units.update': { input: o.unitUpdate, output: o.unit, writes: true },
  'units.setActive': { input: c.setActive, output: o.unit, writes: true },
  'units.delete': { input: c.byId, output: c.deleted, writes: true },
  'schoolBreaks.list': { input: cal.schoolBreakList, output: cal.schoolBreak.array(), writes: false },
  'schoolBreaks.create': { input: cal.schoolBreakInput, output: cal.schoolBreak, writes: true },
  'schoolBreaks.delete': { input: c.byId, output: c.deleted, writes: true },
  'calendar.check': { input: cal.calendarCheck, output: cal.calendarCheckResult, writes: false },

  'staff.list': { input: o.staffList, output: o.staffMember.array(), writes: false },
  'staff.page': { input: o.staffPageInput, output: o.staffPage, writes: false },
  'staff.names': { input: o.staffNamesInput, output: o.staffName.array(), writes: false },
  'staff.get': { input: c.byId, output: o.staffMember.nullable(), writes: false },
  'staff.create': { input: o.staffInput, output: o.staffMember, writes: true },
  'staff.update': { input: o.staffUpdate, output: o.staffMember, writes: true },
  'staff.setActive': { input: c.setActive, output: o.staffMember, writes: true },
  'staff.delete': { input: c.byId, output: c.deleted, writes: true },

  'groups.list': { input: g.groupListInput, output: g.groupList, writes: false },
  /** The start years that have groups, newest first: the list's year filter offers these. */
  'groups.years': { input: c.empty, output: g.groupYears, writes: false },
  /** The group list's opening reads in one call: groups.list, groups.years, programmes.list and units.list. */
  'groups.listScreen': { input: sc.groupListScreenInput, output: sc.groupListScreen, writes: false },
  'groups.get': { input: c.byId, output: g.groupDetail, writes: false },
  'groups.create': { input: g.groupInput, output: g.groupDetail, writes: true },
  'groups.update': { input: g.groupUpdate, output: g.groupDetail, writes: true },
  'groups.delete': { input: c.byId, output: c.deleted, writes: true },

  'sessions.record': { input: g.sessionRecord, output: g.session, writes: true },
  'sessions.move': { input: g.sessionMove, output: g.session, writes: true },
  'sessions.addExtra': { input: g.sessionAddExtra, output: g.session, writes: true },
  'sessions.delete': { input: c.byId, output: c.deleted, writes: true },

  'dashboard.get': { input: g.dashboardInput, output: g.dashboard, writes: false },
  /** The dashboard's opening reads in one call: dashboard.get, dashboard.participation, outcomes.worklistSummary and followUps.open. */
  'dashboard.screen': { input: sc.dashboardScreenInput, output: sc.dashboardScreen, writes: false },
  'stats.get': { input: c.empty, output: g.stats, writes: false },
  'search.find': { input: sr.searchInput, output: sr.searchResult, writes: false },

  'participants.list': { input: pa.participantList, output: pa.participant.array(), writes: false },
  'participants.get': { input: c.byId, output: pa.participant, writes: false },
  'participants.create': { input: pa.participantInput, output: pa.participant, writes: true },
  'participants.update': { input: pa.participantUpdate, output: pa.participant, writes: true },
  'participants.setStatus': { input: pa.participantSetStatus, output: pa.participant, writes: true },
  'participants.setKeepActive': { input: pa.participantSetKeepActive, output: pa.participant, writes: true },
  'participants.move': { input: pa.participantMove, output: pa.participant, writes: true },
  'participants.delete': { input: c.byId, output: c.deleted, writes: true },
  'participants.erase': { input: c.byId, output: c.deleted, writes: true },

  'attendance.grid': { input: pa.groupRef, output: pa.attendanceGrid, writes: false },
  'attendance.set': { input: pa.attendanceSet, output: pa.attendanceResult, writes: true },
  'attendance.setColumn': { input: pa.attendanceSetColumn, output: pa.attendanceResult, writes: true },
  'groups.setTracksAttendance': { input: pa.groupSetTracksAttendance, output: pa.attendanceGrid, writes: true },
  'groups.overview': { input: c.byId, output: pa.groupOverview, writes: false },

  'fidelity.get': { input: pa.sessionRef, output: pa.fidelity, writes: false },
  'fidelity.record': { input: pa.fidelityRecord, output: pa.fidelity, writes: true },
  'fidelity.clear': { input: pa.sessionRef, output: pa.fidelity, writes: true },
  'sessionPlans.get': { input: pa.programmeRef, output: pa.sessionPlan, writes: false },
  'sessionPlans.update': { input: pa.sessionPlanUpdate, output: pa.sessionPlan, writes: true },
  'sessionPlans.reset': { input: pa.programmeRef, output: pa.sessionPlan, writes: true },

  'programmeRules.get': { input: pa.programmeRef, output: pa.programmeRules, writes: false },
  'programmeRules.update': { input: pa.programmeRulesUpdate, output: pa.programmeRules, writes: true },
  'dropoutReasons.list': { input: c.listArchived, output: pa.dropoutReason.array(), writes: false },
  'dropoutReasons.create': { input: pa.dropoutReasonInput, output: pa.dropoutReason, writes: true },
  'dropoutReasons.update': { input: pa.dropoutReasonUpdate, output: pa.dropoutReason, writes: true },
  'dropoutReasons.setActive': { input: c.setActive, output: pa.dropoutReason, writes: true },

  'dashboard.participation': { input: pa.participationDashboardInput, output: pa.participationDashboard, writes: false },
  'stats.participation': { input: c.empty, output: pa.participationStats, writes: false },
  'reports.activity': { input: ar.activityReportInput, output: ar.activityReport, writes: false },
  'reports.activityPdf': { input: ar.activityReportPdfInput, output: ar.activityReportPdf, writes: false },
  /** The report's tables as one XLSX workbook, a sheet per table. */
  'reports.activityXlsx': { input: ar.activityReportInput, output: ar.activityReportPdf, writes: false },
  'savedReports.list': { input: c.empty, output: ar.savedReport.array(), writes: false },
  /** The reports screen's opening reads in one call: savedReports.list, units.list, programmes.list and reports.activity. */
  'reports.screen': { input: sc.reportsScreenInput, output: sc.reportsScreen, writes: false },
  'savedReports.save': { input: ar.savedReportInput, output: ar.savedReport, writes: true },
  'savedReports.delete': { input: c.byId, output: c.deleted, writes: true },
  /** The activity report of a saved report's period and scope, with its costs, title and texts. */
  'savedReports.report': { input: c.byId, output: ar.activityReport, writes: false },
  'savedReports.pdf': { input: c.byId, output: ar.activityReportPdf, writes: false },
  'savedReports.xlsx': { input: c.byId, output: ar.activityReportPdf, writes: false },

  // Lock, backups and audit. `whileLocked` procedures are answered while the database is closed
  // (every other one answers `locked` then); `writes` here means "tell open windows to re-read":
  // everything, as the lock state may have moved or the database been replaced, unless `announces`
  // names all that changed (a backup is a file, not a row; the lock's idle time is a setting).
  'vault.status': { input: c.empty, output: v.vaultStatus, writes: false, whileLocked: true },
  'vault.setup': { input: v.vaultSetup, output: v.vaultSetupResult, writes: true, whileLocked: true },
  'vault.unlock': { input: v.vaultUnlock, output: v.vaultStatus, writes: true, whileLocked: true },
  'vault.unlockWithRecoveryKey': { input: v.vaultUnlockWithRecoveryKey, output: v.vaultStatus, writes: true, whileLocked: true },
  'vault.lock': { input: c.empty, output: v.vaultStatus, writes: true, whileLocked: true },
  'vault.changePassphrase': { input: v.vaultChangePassphrase, output: v.vaultStatus, writes: true, whileLocked: true },
  'vault.setAutoLock': { input: v.vaultSetAutoLock, output: v.vaultStatus, writes: true, whileLocked: true, announces: [vaultEntity] },
  'vault.rekey': { input: v.vaultRekey, output: v.vaultRekeyResult, writes: true, whileLocked: true },
  'vault.restoreFromBackup': { input: v.vaultRestoreFromBackup, output: v.vaultStatus, writes: true, whileLocked: true },
  'backups.list': { input: c.empty, output: v.backupEntry.array(), writes: false, whileLocked: true },
  'backups.create': { input: c.empty, output: v.backupEntry, writes: true, whileLocked: true, announces: [backupEntity] },
  'backups.restore': { input: v.backupsRestore, output: v.backupsRestoreResult, writes: true, whileLocked: true },
  'audit.list': { input: v.auditList, output: v.auditPage, writes: false },

  'export.preview': { input: ex.exportPreviewInput, output: ex.exportPreview, writes: false },
  'export.run': { input: ex.exportRunInput, output: ex.exportRunResult, writes: true },
  'export.open': { input: ex.exportOpenInput, output: ex.exportOpenResult, writes: false },
  'export.keygen': { input: ex.exportKeygenInput, output: ex.exportKeygenResult, writes: false },
  'export.keyInfo': { input: c.empty, output: ex.exportKeyInfo, writes: false },
  'export.rotateKey': { input: c.empty, output: ex.exportKeyInfo, writes: true },
  'export.log': { input: ex.exportLogInput, output: ex.exportLogEntry.array(), writes: false },
  'recipients.list': { input: c.empty, output: ex.recipient.array(), writes: false },
  'recipients.create': { input: ex.recipientInput, output: ex.recipient, writes: true },
  'recipients.delete': { input: c.byId, output: c.deleted, writes: true },

  // Leader pathway, courses, supervision and certification.
  'pathwayRequirements.get': { input: pa.programmeRef, output: le.pathwayRequirements, writes: false },
  'pathwayRequirements.update': { input: le.pathwayRequirementsUpdate, output: le.pathwayRequirements, writes: true },
  'leaderSettings.get': { input: c.empty, output: le.leaderSettings, writes: false },
  'leaderSettings.update': { input: le.leaderSettingsUpdate, output: le.leaderSettings, writes: true },
  'courses.list': { input: le.courseList, output: le.course.array(), writes: false },
  'courses.get': { input: c.byId, output: le.course, writes: false },
  'courses.create': { input: le.courseInput, output: le.course, writes: true },
  'courses.update': { input: le.courseUpdate, output: le.course, writes: true },
  'courses.delete': { input: c.byId, output: c.deleted, writes: true },
  'courses.setAttendance': { input: le.courseSetAttendance, output: le.course, writes: true },
  'supervision.ratingScale': { input: c.empty, output: le.ratingScaleItem.array(), writes: false },
  'supervision.list': { input: le.supervisionList, output: le.supervisionSession.array(), writes: false },
  'supervision.get': { input: c.byId, output: le.supervisionSession, writes: false },
  'supervision.create': { input: le.supervisionInput, output: le.supervisionSession, writes: true },
  'supervision.update': { input: le.supervisionUpdate, output: le.supervisionSession, writes: true },
  'supervision.delete': { input: c.byId, output: c.deleted, writes: true },
  'followUps.open': { input: le.followUpsOpenInput, output: le.followUpsOpen, writes: false },
  'followUps.add': { input: le.followUpAdd, output: le.followUp, writes: true },
  'followUps.update': { input: le.followUpUpdate, output: le.followUp, writes: true },
  'followUps.setDone': { input: le.followUpSetDone, output: le.followUp, writes: true },
  'followUps.delete': { input: c.byId, output: c.deleted, writes: true },
  'certifications.list': { input: le.certificationList, output: le.certification.array(), writes: false },
  'certifications.certify': { input: le.certify, output: le.certification, writes: true },
  'certifications.delete': { input: c.byId, output: c.deleted, writes: true },
  'leaders.overview': { input: le.leadersOverviewInput, output: le.leadersOverview, writes: false },
  'leaders.page': { input: le.leaderPageInput, output: le.leaderPage, writes: false },
  'leaders.certificateSummary': { input: le.certificateSummaryInput, output: le.certificateSummary, writes: false },

  // Outcomes: questionnaire definitions, schedules, responses and their scores.
  'instruments.list': { input: c.empty, output: oc.instrumentSummary.array(), writes: false },
  'instruments.import': { input: oc.instrumentImport, output: oc.instrumentImportResult, writes: true },
  'outcomeSchedules.list': { input: oc.scheduleList, output: oc.scheduleEntry.array(), writes: false },
  'outcomeSchedules.add': { input: oc.scheduleInput, output: oc.scheduleEntry, writes: true },
  'outcomeSchedules.delete': { input: c.byId, output: c.deleted, writes: true },
  'outcomes.setStatus': { input: oc.outcomeStatusInput, output: oc.outcomeStatusValue, writes: true },
  'outcomes.due': { input: oc.dueInput, output: oc.dueItem.array(), writes: false },
  'responses.record': { input: oc.responseInput, output: oc.responseRecorded, writes: true },
  'responses.import': { input: oc.responseImportInput, output: oc.responseImportResult, writes: true },
  'responses.entryState': { input: oc.entryKey, output: oc.entryState, writes: false },
  'responses.enter': { input: oc.responseInput, output: oc.entryOutcome, writes: true },
  'responses.reconcile': { input: oc.reconcileInput, output: oc.responseRecorded, writes: true },
  'scores.list': { input: oc.scoreList, output: oc.scoreRow.array(), writes: false },
  'instruments.get': { input: ov.instrumentGet, output: ov.instrumentDetail, writes: false },
  'outcomes.worklist': { input: ov.worklistInput, output: ov.worklistRow.array(), writes: false },
  'outcomes.worklistPage': { input: ov.worklistPageInput, output: ov.worklistPage, writes: false },
  'outcomes.worklistGroups': { input: ov.worklistGroupsInput, output: ov.worklistGroups, writes: false },
  'outcomes.worklistSummary': { input: ov.worklistSummaryInput, output: ov.worklistSummary, writes: false },
  'outcomes.group': { input: ov.groupOutcomesInput, output: ov.groupOutcomes, writes: false },
  'outcomes.results': { input: ov.resultsInput, output: ov.outcomeResults, writes: false },
  /** Enkäter's opening reads in one call: outcomes.worklistPage, instruments.list, programmes.list and outcomes.results. */
  'outcomes.screen': { input: sc.outcomesScreenInput, output: sc.outcomesScreen, writes: false },
  'outcomes.report': { input: ov.outcomesReportInput, output: ov.outcomesReport, writes: false },

  // Spreadsheet import: a dry run, the commit in one transaction, and the undo of the last one.
  'imports.preview': { input: im.importFile, output: im.importPreview, writes: false },
  'imports.commit': { input: im.importCommit, output: im.importCommitted, writes: true },
  'imports.last': { input: c.empty, output: im.importLast, writes: false },
  'imports.undo': { input: c.empty, output: im.importUndone, writes: true },

  // Sync with a unit or city server.
  'sync.status': { input: c.empty, output: sy.syncStatus, writes: false },
  'sync.join': { input: sy.syncJoinInput, output: sy.syncStatus, writes: true },
  'sync.leave': { input: c.empty, output: sy.syncStatus, writes: true },
  'sync.now': { input: c.empty, output: sy.syncResult, writes: true },
  'sync.conflicts': { input: sy.syncConflictsInput, output: sy.syncConflict.array(), writes: false },
  'sync.resolveConflict': { input: sy.syncResolveInput, output: sy.syncConflict, writes: true },
  'sync.dismissRefusal': { input: sy.syncDismissInput, output: sy.syncStatus, writes: true },
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
/** What a caller passes (before defaults and trimming). */
export type ProcedureInput<P extends ProcedureName> = z.input<Contract[P]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<P extends ProcedureName> = z.output<Contract[P]['input']>;
export type ProcedureOutput<P extends ProcedureName> = z.output<Contract[P]['output']>;

export const procedureNames = Object.keys(contract) as ProcedureName[];
export const isProcedureName = (name: unknown): name is ProcedureName => typeof name === 'string' && Object.hasOwn(contract, name);

/** Procedures that work while the database is closed: the lock screen's and the backups'. */
export type WhileLockedName = { [P in ProcedureName]: Contract[P] extends { whileLocked: true } ? P : never }[ProcedureName];
/** Procedures that need the open database. */
export type OpenProcedureName = Exclude<ProcedureName, WhileLockedName>;
export const runsWhileLocked = (name: ProcedureName): name is WhileLockedName => 'whileLocked' in contract[name];

export type { Result, ErrorShape, Bilingual, FieldIssue, ErrorCode } from './errors';
export type { SearchResult } from './schemas/search';
export type * from './events';
export type * from './schemas/organisation';
export type * from './schemas/groups';
export type * from './schemas/participants';
export type * from './schemas/leaders';
export type * from './schemas/vault';
export type * from './schemas/export';
export type * from './schemas/instruments';
export type * from './schemas/outcomes';
export type * from './schemas/activity-report';
export type * from './schemas/outcome-views';
export type * from './schemas/imports';
export type * from './schemas/calendar';
export type * from './schemas/sync';
