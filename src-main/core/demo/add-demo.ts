import type { KometDb } from '../db/open';
import { AppError } from '../errors';
import {
  countGroups,
  insertDemoLeaderRows,
  insertDemoOutcomeRows,
  insertDemoRows,
  listDemoProgrammeBands,
  listDemoProgrammes,
  listDemoReasonIds,
  listDemoUnits,
  withDemoBulkWrite,
} from '../repos/demo-repo';
import { generateDemo, type DemoOptions } from './generate';
import { maxDemoScale } from './limits';
import { generateLeaderPathway } from './leaders';
import { generateOutcomes } from './outcomes';
import { generateParticipation } from './participation';

export interface DemoSummary {
  staff: number;
  groups: number;
  sessions: number;
  participants: number;
  attendance: number;
  courses: number;
  supervision: number;
  certifications: number;
  responses: number;
}

/**
 * Fills a database with demo data on top of its seeded programmes and units. A database that
 * already holds groups is refused unless forced, so demo rows never mix into real records by
 * accident.
 */
export function addDemoData(db: KometDb, options: DemoOptions & { force?: boolean }): DemoSummary {
  if (!(options.scale > 0 && options.scale <= maxDemoScale)) {
    throw new AppError('validation', {
      sv: `Skalan ska vara ett tal större än 0 och högst ${maxDemoScale}.`,
      en: `The scale must be a number above 0 and at most ${maxDemoScale}.`,
    });
  }
  if (!options.force && countGroups(db) > 0) {
    throw new AppError('conflict', {
      sv: 'Databasen innehåller redan grupper; demodata läggs inte till (använd --force för att ändå lägga till).',
      en: 'The database already holds groups; demo data was not added (use --force to add it anyway).',
    });
  }
  const programmes = listDemoProgrammes(db);
  const units = listDemoUnits(db);
  if (!programmes.some((p) => p.active) || !units.some((u) => u.active)) {
    throw new AppError('conflict', {
      sv: 'Demodata kräver minst ett aktivt program och en aktiv enhet.',
      en: 'Demo data needs at least one active programme and one active unit.',
    });
  }
  const rows = generateDemo(programmes, units, options);
  const bands = listDemoProgrammeBands(db);
  const participation = generateParticipation(rows, bands, listDemoReasonIds(db), options);
  const outcomes = generateOutcomes(rows, participation, bands, options);
  const pathway = generateLeaderPathway(rows, programmes, options);
  // One outer transaction (the inner ones become savepoints): the demo is all there or not at all.
  try {
    withDemoBulkWrite(db, options.scale, () =>
      db.sqlite.transaction(() => {
        insertDemoRows(db, rows, participation);
        insertDemoLeaderRows(db, pathway);
        insertDemoOutcomeRows(db, outcomes, `${options.today}T08:00:00.000Z`);
      })(),
    );
  } catch (err) {
    // Ids are drawn from the seed, so the same seed again (with --force) makes the same ids.
    if (isDuplicate(err)) throw sameSeed();
    throw err;
  }
  return {
    staff: rows.staff.length,
    groups: rows.groups.length,
    sessions: rows.sessions.length,
    participants: participation.participants.length,
    attendance: participation.attendance.length,
    courses: pathway.courses.length,
    supervision: pathway.supervision.length,
    certifications: pathway.certifications.length,
    responses: outcomes.responses.length,
  };
}

const isDuplicate = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

const sameSeed = () =>
  new AppError('conflict', {
    sv: 'Databasen har redan demodata från samma frö (samma id:n). Välj ett annat frö med --seed. Inget lades till.',
    en: 'The database already holds demo data from the same seed (the same ids). Choose another seed with --seed. Nothing was added.',
  });
