import type Database from 'better-sqlite3';
import { changeNotes, everything } from './change-notes';
import { otherConnectionsWrites } from './write-stamps';

/**
 * Which groups' share of the activity report a write on this connection may have changed.
 *
 * The activity report keeps each group's share of a period's figures between reads (its row in
 * the groups' table, its parents, its leaders and held sessions, its questionnaires). Change notes
 * (`change-notes.ts`) key each written row by its group, the supervision sessions, or "everything"
 * for the leaders' own records; the report then reads again only what was noted.
 *
 * Not watched, because the report reads them afresh on every call that follows a write: unit and
 * programme names and the questionnaire schedules.
 * The questionnaire cells (0024) are kept from the responses, scores and participants watched here.
 */

const groupOfParticipant = '(select group_id from participants where id = r.participant_id)';
const groupOfResponse = '(select p.group_id from outcome_responses x join participants p on p.id = x.participant_id where x.id = r.response_id)';
const supervision: [string, string] = ['s', "''"];
export const reportNotes = changeNotes('report_changes', [
  { table: 'groups', keys: [['g', 'r.id']] },
  { table: 'sessions', keys: [['g', 'r.group_id']] },
  { table: 'participants', keys: [['g', 'r.group_id']] },
  { table: 'group_leaders', keys: [['g', 'r.group_id']] },
  { table: 'outcome_responses', keys: [['g', groupOfParticipant]] },
  { table: 'outcome_scores', keys: [['g', groupOfResponse]] },
  // Whether a leader was certified or on a course, and in which unit she works, reach every
  // group she leads in any period; rarer than the writes above, they are read again in full.
  { table: 'certifications', keys: [everything] },
  { table: 'course_attendance', keys: [everything] },
  { table: 'courses', keys: [everything], on: ['update', 'delete'] },
  { table: 'staff', keys: [everything], on: ['update', 'delete'] },
  // The supervision sessions' counts are one indexed range of the period, read again on their own.
  { table: 'supervision_sessions', keys: [supervision] },
  { table: 'supervision_leaders', keys: [supervision] },
  { table: 'supervision_groups', keys: [supervision] },
]);

/** The temporary triggers by name, with what creates them (for the tests that set one aside). */
export const reportChangeTriggers = reportNotes.triggers;

export interface ReportChanges {
  /** The number of the last change noted; ask for those after it next time. */
  upTo: number;
  /** Something every group depends on changed, or more groups than asked for. */
  all: boolean;
  /** The groups whose share may differ; some may no longer exist. */
  groupIds: string[];
  /** A supervision session, its leaders or its groups changed. */
  supervision: boolean;
}

export function reportChangesRepo(sqlite: Database.Database) {
  const notes = reportNotes.repo(sqlite);
  return {
    start: notes.start,
    /** What was written after `from`; call `start` first. More than `atMost` groups answer as everything. */
    after(from: number, atMost: number): ReportChanges {
      const { upTo, all, count, kinds } = notes.after(from, atMost);
      if (all) return { upTo, all, groupIds: [], supervision: true };
      return { upTo, all, groupIds: count === 0 ? [] : notes.ids(from, 'g'), supervision: kinds.has(supervision[0]) };
    },
    otherWrites: () => otherConnectionsWrites(sqlite),
    inTransaction: () => sqlite.inTransaction,
  };
}
export type ReportChangesRepo = ReturnType<typeof reportChangesRepo>;
