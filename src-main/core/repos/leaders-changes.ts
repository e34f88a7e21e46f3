import type Database from 'better-sqlite3';
import { changeNotes, everything } from './change-notes';

/**
 * Which leaders' overview rows a write on this connection may have changed.
 *
 * The supervisor overview keeps every leader's computed row between reads. Change notes
 * (`change-notes.ts`) key each written row by a leader, a group, a supervision session, a course,
 * a unit, or "everything"; the overview then recomputes only the leaders those keys reach.
 */

type Kind = 'l' | 'g' | 's' | 'c' | 'u';
const key = (kind: Kind, expr: string): [Kind, string] => [kind, expr];

// Every table the overview's rows are computed from (leaders-report.ts, the pathway requirements
// and the leaders' settings). A staff member's name as a group's supervisor is read but shows in no
// overview row, so a supervisor's rename reaches only her own row.
export const leadersNotes = changeNotes('leaders_changes', [
  { table: 'staff', keys: [key('l', 'r.id')] },
  { table: 'group_leaders', keys: [key('l', 'r.staff_id')] },
  { table: 'groups', keys: [key('g', 'r.id')] },
  { table: 'sessions', keys: [key('g', 'r.group_id')] },
  { table: 'participants', keys: [key('g', 'r.group_id')] },
  { table: 'supervision_sessions', keys: [key('s', 'r.id')] },
  { table: 'supervision_leaders', keys: [key('l', 'r.leader_id')] },
  { table: 'supervision_groups', keys: [key('g', 'r.group_id'), key('s', 'r.supervision_id')] },
  { table: 'follow_ups', keys: [key('l', 'r.leader_id'), key('s', 'r.supervision_id')] },
  { table: 'course_attendance', keys: [key('l', 'r.staff_id')] },
  { table: 'certifications', keys: [key('l', 'r.leader_id')] },
  // A new course, unit or programme has nothing recorded against it yet.
  { table: 'courses', keys: [key('c', 'r.id')], on: ['update', 'delete'] },
  { table: 'units', keys: [key('u', 'r.id')], on: ['update'] },
  { table: 'units', keys: [everything], on: ['delete'] },
  { table: 'programmes', keys: [everything], on: ['update', 'delete'] },
  { table: 'pathway_requirements', keys: [everything] },
  { table: 'settings', keys: [everything], when: "r.key like 'leaders.%'" },
]);

export interface LeaderChanges {
  /** The number of the last change noted; ask for those after it next time. */
  upTo: number;
  /** Something every row depends on changed (a programme, a unit's removal, the requirements, the settings). */
  all: boolean;
  /** The leaders (staff ids) whose rows may differ; some may no longer be leaders, or exist. */
  leaderIds: string[];
}

export function leadersChangesRepo(sqlite: Database.Database) {
  const notes = leadersNotes.repo(sqlite);
  let reach: Database.Statement<[{ since: number }], { id: string }> | null = null;
  return {
    start: notes.start,
    /**
     * What was written after `from`, as the leaders it reaches; call `start` first. More than
     * `atMost` keys (a bulk import) answer as everything, without finding out whom they reach.
     */
    after(from: number, atMost: number): LeaderChanges {
      const { upTo, all, count } = notes.after(from, atMost);
      if (all || count === 0) return { upTo, all, leaderIds: [] };
      // Groups reach their leaders now; a leader removed from a group was noted as herself.
      reach ??= sqlite.prepare(
        `with k (kind, id) as (select kind, id from temp.${leadersNotes.table} where seq > @since)
         select id from k where kind = 'l'
         union select staff_id from group_leaders where group_id in (select id from k where kind = 'g')
         union select leader_id from supervision_leaders where supervision_id in (select id from k where kind = 's')
         union select staff_id from course_attendance where course_id in (select id from k where kind = 'c')
         union select id from staff where unit_id in (select id from k where kind = 'u')
         union select gl.staff_id from groups g join group_leaders gl on gl.group_id = g.id where g.unit_id in (select id from k where kind = 'u')`,
      );
      return { upTo, all: false, leaderIds: reach.all({ since: from }).map((r) => r.id) };
    },
  };
}
export type LeadersChangesRepo = ReturnType<typeof leadersChangesRepo>;
