import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import { attendanceRepo } from './attendance';
import { exportSourceRepo } from './export-source';
import { exportStoreRepo } from './export-store';
import { groupListRepo } from './group-list';
import { groupRepo } from './groups';
import { participantRepo } from './participants';
import { participationReportRepo } from './participation-reports';
import { programmePlanRepo } from './programme-plans';
import { programmeRepo } from './programmes';
import { reportRepo } from './reports';
import { sessionRepo } from './sessions';
import { settingsRepo } from './settings';
import { staffRepo } from './staff';
import { unitRepo } from './units';

/** All repositories on one connection. Every SQL statement Komet runs lives under this folder. */
export function createRepos(db: KometDb, clock: Clock) {
  return {
    programmes: programmeRepo(db.orm, clock),
    units: unitRepo(db.orm, clock),
    staff: staffRepo(db.orm, clock),
    groups: groupRepo(db.orm, db.sqlite, clock),
    groupList: groupListRepo(db.sqlite),
    sessions: sessionRepo(db.orm, clock),
    reports: reportRepo(db.sqlite),
    settings: settingsRepo(db.orm, clock),
    participants: participantRepo(db.sqlite, clock),
    attendance: attendanceRepo(db.sqlite, clock),
    plans: programmePlanRepo(db.sqlite, clock),
    participation: participationReportRepo(db.sqlite),
    exportSource: exportSourceRepo(db.sqlite),
    exportStore: exportStoreRepo(db.sqlite, clock),
  };
}
export type Repos = ReturnType<typeof createRepos>;
