import type Database from 'better-sqlite3';

/**
 * Which groups' share of the activity report a write on this connection may have changed.
 *
 * The activity report keeps each group's share of a period's figures between reads (its row in
 * the groups' table, its parents, its leaders and held sessions, its questionnaires). Temporary
 * triggers on the tables those shares are read from note the group each written row belongs to,
 * or "everything" for the leaders' own records, in a temporary table numbered in the order they
 * were noted, as `worklist-changes.ts` does for the worklist; the report then reads again only the
 * groups noted. Being temporary, triggers and table live only in this connection's memory: they
 * are not part of the file, its schema, its backups or sync. Writes by other connections (the CLI
 * beside a running app) are not seen here; the caller notices those by `pragma data_version` and
 * reads everything again.
 *
 * Not watched, because the report reads them afresh on every call that follows a write: unit and
 * programme names and the questionnaire schedules.
 * The questionnaire cells (0024) are kept from the responses, scores and participants watched here.
 */

interface Watch {
  table: string;
  /** The group a row belongs to, as SQL over `r.` (replaced by `new.` and `old.`); null for every group, 's' for the supervision sessions. */
  group: string | null | 's';
  on?: ('insert' | 'update' | 'delete')[];
}

const groupOfParticipant = '(select group_id from participants where id = r.participant_id)';
const groupOfResponse = '(select p.group_id from outcome_responses x join participants p on p.id = x.participant_id where x.id = r.response_id)';
const watches: Watch[] = [
  { table: 'groups', group: 'r.id' },
  { table: 'sessions', group: 'r.group_id' },
  { table: 'participants', group: 'r.group_id' },
  { table: 'group_leaders', group: 'r.group_id' },
  { table: 'outcome_responses', group: groupOfParticipant },
  { table: 'outcome_scores', group: groupOfResponse },
  // Whether a leader was certified or on a course, and in which unit she works, reach every
  // group she leads in any period; rarer than the writes above, they are read again in full.
  { table: 'certifications', group: null },
  { table: 'course_attendance', group: null },
  { table: 'courses', group: null, on: ['update', 'delete'] },
  { table: 'staff', group: null, on: ['update', 'delete'] },
  // The supervision sessions' counts are one indexed range of the period, read again on their own.
  { table: 'supervision_sessions', group: 's' },
  { table: 'supervision_leaders', group: 's' },
  { table: 'supervision_groups', group: 's' },
];

const prefix = 'report_changes';

/**
 * Notes a key again under the next number (autoincrement: never one a deleted note had). Not
 * `insert or replace`: inside a trigger the conflict clause of the statement that fired it wins.
 */
const noteSql = (kind: string, expr: string) =>
  `delete from report_changes where kind = ${kind} and id = ${expr}; insert into report_changes (kind, id) select ${kind}, ${expr} where ${expr} is not null;`;

/** The temporary triggers by name, with what creates them (exported for the tests that set one aside). */
export function reportChangeTriggers(): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = [];
  for (const w of watches) {
    for (const event of w.on ?? ['insert', 'update', 'delete']) {
      const rows = event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['old', 'new'];
      const keys: [string, string][] =
        w.group === null ? [[`'a'`, `''`]] : w.group === 's' ? [[`'s'`, `''`]] : rows.map((r) => [`'g'`, w.group!.replaceAll('r.', `${r}.`)]);
      const body = keys.map(([kind, expr]) => noteSql(kind, expr)).join('\n  ');
      const name = `${prefix}_${w.table}_${event}`;
      out.push({ name, sql: `create temp trigger if not exists ${name} after ${event} on main.${w.table}\nbegin\n  ${body}\nend` });
    }
  }
  return out;
}

/**
 * For a bulk write: one note that everything changed says what its rows one by one would. Drops
 * the triggers if this connection has them and returns what puts them back with that note, inside
 * the same transaction.
 */
export function setReportNotesAside(sqlite: Database.Database): () => void {
  const installed = new Set(
    (sqlite.prepare("select name from sqlite_temp_master where type = 'trigger'").pluck().all() as string[]).filter((n) => n.startsWith(`${prefix}_`)),
  );
  if (installed.size === 0) return () => {};
  const triggers = reportChangeTriggers().filter((t) => installed.has(t.name));
  for (const t of triggers) sqlite.exec(`drop trigger temp.${t.name}`);
  return () => {
    for (const t of triggers) sqlite.exec(t.sql);
    sqlite.exec(noteSql("'a'", "''"));
  };
}

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
  let last: Database.Statement<[], { n: number | null }> | null = null;
  let count: Database.Statement<[{ since: number }], { n: number; upTo: number | null; all: number | null; supervision: number | null }> | null = null;
  let groups: Database.Statement<[{ since: number }], { id: string }> | null = null;
  return {
    /**
     * Starts noting changes on this connection (once; the triggers stay until it closes) and
     * returns the number to ask from: everything written before is in what the caller reads now.
     */
    start(): number {
      if (!last) {
        sqlite.exec(`create temp table if not exists report_changes (
          seq integer primary key autoincrement, kind text not null, id text not null, unique (kind, id))`);
        for (const t of reportChangeTriggers()) sqlite.exec(t.sql);
        last = sqlite.prepare('select max(seq) as n from temp.report_changes');
      }
      return last.get()!.n ?? 0;
    },
    /** What was written after `from`; call `start` first. More than `atMost` groups answer as everything. */
    after(from: number, atMost: number): ReportChanges {
      count ??= sqlite.prepare(
        "select count(*) as n, max(seq) as upTo, max(kind = 'a') as \"all\", max(kind = 's') as supervision from temp.report_changes where seq > @since",
      );
      const noted = count.get({ since: from })!;
      if (noted.n === 0) return { upTo: from, all: false, groupIds: [], supervision: false };
      const upTo = noted.upTo!;
      if (noted.all === 1 || noted.n > atMost) return { upTo, all: true, groupIds: [], supervision: true };
      groups ??= sqlite.prepare("select id from temp.report_changes where seq > @since and kind = 'g'");
      return { upTo, all: false, groupIds: groups.all({ since: from }).map((r) => r.id), supervision: noted.supervision === 1 };
    },
    otherWrites: () => sqlite.pragma('data_version', { simple: true }) as number,
    inTransaction: () => sqlite.inTransaction,
  };
}
export type ReportChangesRepo = ReturnType<typeof reportChangesRepo>;
