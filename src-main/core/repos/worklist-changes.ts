import type Database from 'better-sqlite3';
import { changeNotes, everything } from './change-notes';

/**
 * Which groups' worklist rows a write on this connection may have changed.
 *
 * The worklist keeps each group's due questionnaires between reads. Change notes
 * (`change-notes.ts`) key each written row by its group, or "everything"; the worklist then reads
 * again only the groups noted.
 *
 * The unanswered rows (0028) and the session spans (0023) are watched themselves rather than the
 * responses, marks and sessions they are kept from: whatever moves them, by hand, by import or by
 * sync's remote apply, is what the worklist reads. Besides them: names and group words, forms
 * typed once (a row's pending mark), and schedules, programmes and units, which reach every group.
 */

const groupOfParticipant = '(select group_id from participants where id = r.participant_id)';
export const worklistNotes = changeNotes('worklist_changes', [
  { table: 'outcome_unanswered', keys: [['g', 'r.group_id']] },
  { table: 'group_spans', keys: [['g', 'r.group_id']] },
  { table: 'participants', keys: [['g', 'r.group_id']], columns: ['id', 'group_id', 'display_name'] },
  { table: 'groups', keys: [['g', 'r.id']], columns: ['id', 'programme_id', 'unit_id', 'start_date'] },
  { table: 'outcome_entries', keys: [['g', groupOfParticipant]], columns: ['participant_id', 'instrument_code', 'timepoint'] },
  { table: 'outcome_schedules', keys: [everything] },
  // A new programme or unit has no group yet.
  { table: 'programmes', keys: [everything], on: ['update', 'delete'], columns: ['id', 'name'] },
  { table: 'units', keys: [everything], on: ['update', 'delete'], columns: ['id', 'name'] },
]);

export interface WorklistChanges {
  /** The number of the last change noted; ask for those after it next time. */
  upTo: number;
  /** Something every group depends on changed, or more groups than asked for. */
  all: boolean;
  /** The groups whose rows may differ; some may no longer exist. */
  groupIds: string[];
}

export function worklistChangesRepo(sqlite: Database.Database) {
  const notes = worklistNotes.repo(sqlite);
  return {
    start: notes.start,
    /** What was written after `from`; call `start` first. More than `atMost` groups answer as everything. */
    after(from: number, atMost: number): WorklistChanges {
      const { upTo, all, count } = notes.after(from, atMost);
      return { upTo, all, groupIds: all || count === 0 ? [] : notes.ids(from, 'g') };
    },
  };
}
export type WorklistChangesRepo = ReturnType<typeof worklistChangesRepo>;
