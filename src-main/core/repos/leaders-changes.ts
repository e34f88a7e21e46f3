import type Database from 'better-sqlite3';

/**
 * Which leaders' overview rows a write on this connection may have changed.
 *
 * The supervisor overview keeps every leader's computed row between reads. Temporary triggers on
 * the tables it reads note the key each written row belongs to (a leader, a group, a supervision
 * session, a course, a unit, or "everything") in a temporary table, numbered in the order they
 * were noted; the overview then recomputes only the leaders those keys reach. Being temporary,
 * triggers and table live only in this connection's memory: they are not part of the file, its
 * schema, its backups or sync. Writes by other connections (the CLI beside a running app) are not
 * seen here; the caller notices those by `pragma data_version` and recomputes everything.
 *
 * A key is noted again with a higher number each time it is written, so the table holds each key
 * once and every reader asks for what came after the number it has seen (several sets of services
 * may share one connection).
 */

/**
 * Notes a key again under the next number (autoincrement: never one a deleted note had, which a
 * reader may already be past). Not `insert or replace`: inside a trigger the conflict clause of the
 * statement that fired it wins, so an `insert or ignore` or `update or ignore` on a watched table
 * would leave the key under its old number, unseen by a reader past it.
 */
const noteSql = (kind: string, expr: string) =>
  `delete from leaders_changes where kind = '${kind}' and id = ${expr}; insert into leaders_changes (kind, id) select '${kind}', ${expr} where ${expr} is not null;`;

type Kind = 'l' | 'g' | 's' | 'c' | 'u' | 'a';
interface Watch {
  table: string;
  /** The keys of a row, as SQL over `r.` (replaced by `new.` and `old.`); null values are skipped. */
  keys: [Kind, string][];
  /** Which writes matter, when not all three. */
  on?: ('insert' | 'update' | 'delete')[];
  when?: string;
}

// Every table the overview's rows are computed from (leaders-report.ts, the pathway requirements
// and the leaders' settings). A staff member's name as a group's supervisor is read but shows in no
// overview row, so a supervisor's rename reaches only her own row.
const watches: Watch[] = [
  { table: 'staff', keys: [['l', 'r.id']] },
  { table: 'group_leaders', keys: [['l', 'r.staff_id']] },
  { table: 'groups', keys: [['g', 'r.id']] },
  { table: 'sessions', keys: [['g', 'r.group_id']] },
  { table: 'participants', keys: [['g', 'r.group_id']] },
  { table: 'supervision_sessions', keys: [['s', 'r.id']] },
  { table: 'supervision_leaders', keys: [['l', 'r.leader_id']] },
  {
    table: 'supervision_groups',
    keys: [
      ['g', 'r.group_id'],
      ['s', 'r.supervision_id'],
    ],
  },
  {
    table: 'follow_ups',
    keys: [
      ['l', 'r.leader_id'],
      ['s', 'r.supervision_id'],
    ],
  },
  { table: 'course_attendance', keys: [['l', 'r.staff_id']] },
  { table: 'certifications', keys: [['l', 'r.leader_id']] },
  // A new course, unit or programme has nothing recorded against it yet.
  { table: 'courses', keys: [['c', 'r.id']], on: ['update', 'delete'] },
  { table: 'units', keys: [['u', 'r.id']], on: ['update'] },
  { table: 'units', keys: [['a', "''"]], on: ['delete'] },
  { table: 'programmes', keys: [['a', "''"]], on: ['update', 'delete'] },
  { table: 'pathway_requirements', keys: [['a', "''"]] },
  { table: 'settings', keys: [['a', "''"]], when: "r.key like 'leaders.%'" },
];

function triggerSql(): string[] {
  const out: string[] = [];
  for (const w of watches) {
    for (const event of w.on ?? ['insert', 'update', 'delete']) {
      const rows = event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['old', 'new'];
      const values = rows.flatMap((r) => w.keys.map(([kind, expr]) => ({ kind, expr: expr.replaceAll('r.', `${r}.`) })));
      const when = w.when ? rows.map((r) => `(${w.when!.replaceAll('r.', `${r}.`)})`).join(' or ') : null;
      const name = `leaders_changes_${w.table}_${event}${w.keys[0]![0] === 'a' ? '_all' : ''}`;
      // One statement per key: a key that is null (a follow-up about a whole group) is skipped.
      const body = values.map((v) => noteSql(v.kind, v.expr)).join('\n  ');
      out.push(`create temp trigger if not exists ${name} after ${event} on main.${w.table}${when ? ` when ${when}` : ''}
begin
  ${body}
end`);
    }
  }
  return out;
}

export interface LeaderChanges {
  /** The number of the last change noted; ask for those after it next time. */
  upTo: number;
  /** Something every row depends on changed (a programme, a unit's removal, the requirements, the settings). */
  all: boolean;
  /** The leaders (staff ids) whose rows may differ; some may no longer be leaders, or exist. */
  leaderIds: string[];
}

export function leadersChangesRepo(sqlite: Database.Database) {
  let installed = false;
  const install = () => {
    if (installed) return;
    sqlite.exec(`create temp table if not exists leaders_changes (
      seq integer primary key autoincrement, kind text not null, id text not null, unique (kind, id))`);
    for (const sql of triggerSql()) sqlite.exec(sql);
    installed = true;
  };
  let last: Database.Statement<[], { n: number | null }> | null = null;
  let count: Database.Statement<[{ since: number }], { n: number; upTo: number | null; all: number | null }> | null = null;
  let reach: Database.Statement<[{ since: number }], { id: string }> | null = null;

  return {
    /**
     * Starts noting changes on this connection (once; the triggers stay until it closes) and
     * returns the number to ask from: everything written before is in what the caller reads now.
     */
    start(): number {
      install();
      last ??= sqlite.prepare('select max(seq) as n from temp.leaders_changes');
      return last.get()!.n ?? 0;
    },
    /**
     * What was written after `from`, as the leaders it reaches; call `start` first. More than
     * `atMost` keys (a bulk import) answer as everything, without finding out whom they reach.
     */
    after(from: number, atMost: number): LeaderChanges {
      count ??= sqlite.prepare('select count(*) as n, max(seq) as upTo, max(kind = \'a\') as "all" from temp.leaders_changes where seq > @since');
      const noted = count.get({ since: from })!;
      if (noted.n === 0) return { upTo: from, all: false, leaderIds: [] };
      const upTo = noted.upTo!;
      if (noted.all === 1 || noted.n > atMost) return { upTo, all: true, leaderIds: [] };
      // Groups reach their leaders now; a leader removed from a group was noted as herself.
      reach ??= sqlite.prepare(
        `with k (kind, id) as (select kind, id from temp.leaders_changes where seq > @since)
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
