/**
 * Repositories read and write through drizzle's typed queries on `db.orm`, so a renamed column
 * fails the type check (the reads a page, a list or a save repeats are prepared once, through
 * prepared-rows.ts); hand-written SQL on `db.sqlite` is kept only for reports that aggregate or
 * page over many rows (reports, the activity report, group-list and the group summaries, participation-reports,
 * leaders-report, export-source, the outcomes worklist and score list) and for whole-file and bulk work below the ORM (backup,
 * maintenance, demo inserts).
 */
import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import { activityReportRepo } from './activity-report';
import { attendanceRepo } from './attendance';
import { certificationRepo } from './certification';
import { courseRepo } from './courses';
import { exportSourceRepo } from './export-source';
import { exportStoreRepo } from './export-store';
import { groupListRepo } from './group-list';
import { groupRepo } from './groups';
import { leadersChangesRepo } from './leaders-changes';
import { worklistChangesRepo } from './worklist-changes';
import { reportChangesRepo } from './report-changes';
import { leadersReportRepo } from './leaders-report';
import { outcomeMarkRepo } from './outcome-marks';
import { outcomeRepo } from './outcomes';
import { participantRepo } from './participants';
import { participationReportRepo } from './participation-reports';
import { programmePlanRepo } from './programme-plans';
import { programmeRepo } from './programmes';
import { reportRepo } from './reports';
import { savedReportRepo } from './saved-reports';
import { seedIdRepo } from './seed-ids';
import { erasureRepo } from './erasure';
import { sessionRepo } from './sessions';
import { schoolBreakRepo } from './school-breaks';
import { searchRepo } from './search';
import { settingsRepo } from './settings';
import { staffRepo } from './staff';
import { supervisionRepo } from './supervision';
import { syncMembershipRepo } from './sync/membership';
import { unitRepo } from './units';
import { writeStamps } from './write-stamps';

/** All repositories on one connection. Every SQL statement Komet runs lives under this folder. */
export function createRepos(db: KometDb, clock: Clock) {
  return {
    /** Differs after any write, on this connection or another: what results kept between writes are checked against. */
    writeStamp: writeStamps(db.sqlite),
    programmes: programmeRepo(db.orm, clock),
    units: unitRepo(db.orm, clock),
    schoolBreaks: schoolBreakRepo(db.orm, clock),
    staff: staffRepo(db.orm, clock),
    groups: groupRepo(db.orm, db.sqlite, clock),
    groupList: groupListRepo(db.sqlite),
    sessions: sessionRepo(db.orm, clock),
    reports: reportRepo(db.sqlite),
    activityReport: activityReportRepo(db.sqlite),
    savedReports: savedReportRepo(db.orm, clock),
    search: searchRepo(db.sqlite),
    settings: settingsRepo(db.orm, clock),
    participants: participantRepo(db.orm, clock),
    attendance: attendanceRepo(db.orm, clock),
    plans: programmePlanRepo(db.orm, clock),
    seedIds: seedIdRepo(db.sqlite),
    erasure: erasureRepo(db.sqlite),
    participation: participationReportRepo(db.sqlite),
    courses: courseRepo(db.orm, clock),
    supervision: supervisionRepo(db.orm, clock),
    certification: certificationRepo(db.orm, clock),
    leadersReport: leadersReportRepo(db.sqlite),
    leadersChanges: leadersChangesRepo(db.sqlite),
    worklistChanges: worklistChangesRepo(db.sqlite),
    reportChanges: reportChangesRepo(db.sqlite),
    exportSource: exportSourceRepo(db.sqlite),
    exportStore: exportStoreRepo(db.orm, clock),
    outcomes: outcomeRepo(db.orm, db.sqlite, clock),
    outcomeMarks: outcomeMarkRepo(db.orm),
    syncMembership: syncMembershipRepo(db.sqlite),
  };
}
export type Repos = ReturnType<typeof createRepos>;
