import type Database from 'better-sqlite3';

/**
 * Which groups' worklist rows a write on this connection may have changed.
 *
 * The worklist keeps each group's due questionnaires between reads. Temporary triggers on the
 * tables those rows are read from note the group each written row belongs to (or "everything") in
 * a temporary table, numbered in the order they were noted, as `leaders-changes.ts` does for the
 * supervisor overview; the worklist then reads again only the groups noted. Being temporary,
 * triggers and table live only in this connection's memory: they are not part of the file, its
 * schema, its backups or sync. Writes by other connections (the CLI beside a running app) are not
 * seen here; the caller notices those by `pragma data_version` and reads everything again.
 *
 * The unanswered rows (0028) and the session spans (0023) are watched themselves rather than the
 * responses, marks and sessions they are kept from: whatever moves them, by hand, by import or by
 * sync's remote apply, is what the worklist reads. Besides them: names and group words, forms
 * typed once (a row's pending mark), and schedules, programmes and units, which reach every group.
 */

interface Watch {
  table: string;
  /** The group a row belongs to, as SQL over `r.` (replaced by `new.` and `old.`); null for every group. */
  group: string | null;
  on?: ('insert' | 'update' | 'delete')[];
  /** For updates: the columns whose change matters. */
  columns?: string[];
}

const groupOfParticipant = '(select group_id from participants where id = r.participant_id)';
const watches: Watch[] = [
  { table: 'outcome_unanswered', group: 'r.group_id' },
  { table: 'group_spans', group: 'r.group_id' },
  { table: 'participants', group: 'r.group_id', columns: ['id', 'group_id', 'display_name'] },
  { table: 'groups', group: 'r.id', columns: ['id', 'programme_id', 'unit_id', 'start_date'] },
  { table: 'outcome_entries', group: groupOfParticipant, columns: ['participant_id', 'instrument_code', 'timepoint'] },
  { table: 'outcome_schedules', group: null },
  // A new programme or unit has no group yet.
  { table: 'programmes', group: null, on: ['update', 'delete'], columns: ['id', 'name'] },
  { table: 'units', group: null, on: ['update', 'delete'], columns: ['id', 'name'] },
];

const prefix = 'worklist_changes';

/**
 * Notes a key again under the next number (autoincrement: never one a deleted note had). Not
 * `insert or replace`: inside a trigger the conflict clause of the statement that fired it wins,
 * and the unanswered rows are written `insert or ignore`, which would leave the key under its old
 * number, unseen by a reader past it.
 */
const noteSql = (kind: string, expr: string) =>
  `delete from worklist_changes where kind = ${kind} and id = ${expr}; insert into worklist_changes (kind, id) select ${kind}, ${expr} where ${expr} is not null;`;

function triggerSql(): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = [];
  for (const w of watches) {
    for (const event of w.on ?? ['insert', 'update', 'delete']) {
      const rows = event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['old', 'new'];
      const when = event === 'update' && w.columns ? ` when ${w.columns.map((c) => `old.${c} is not new.${c}`).join(' or ')}` : '';
      const keys: [string, string][] = w.group === null ? [[`'a'`, `''`]] : rows.map((r) => [`'g'`, w.group!.replaceAll('r.', `${r}.`)]);
      const body = keys.map(([kind, expr]) => noteSql(kind, expr)).join('\n  ');
      const name = `${prefix}_${w.table}_${event}`;
      out.push({ name, sql: `create temp trigger if not exists ${name} after ${event} on main.${w.table}${when}\nbegin\n  ${body}\nend` });
    }
  }
  return out;
}

/**
 * For a bulk write: its rows would be noted one by one (a demo's or an import's hundreds of
 * thousands), when one note that everything changed says the same. Drops the triggers if this
 * connection has them and returns what puts them back with that note, inside the same transaction.
 */
export function setWorklistNotesAside(sqlite: Database.Database): () => void {
  const installed = new Set(
    (sqlite.prepare("select name from sqlite_temp_master where type = 'trigger'").pluck().all() as string[]).filter((n) => n.startsWith(`${prefix}_`)),
  );
  if (installed.size === 0) return () => {};
  const triggers = triggerSql().filter((t) => installed.has(t.name));
  for (const t of triggers) sqlite.exec(`drop trigger temp.${t.name}`);
  return () => {
    for (const t of triggers) sqlite.exec(t.sql);
    sqlite.exec(noteSql("'a'", "''"));
  };
}

export interface WorklistChanges {
  /** The number of the last change noted; ask for those after it next time. */
  upTo: number;
  /** Something every group depends on changed, or more groups than asked for. */
  all: boolean;
  /** The groups whose rows may differ; some may no longer exist. */
  groupIds: string[];
}

export function worklistChangesRepo(sqlite: Database.Database) {
  let last: Database.Statement<[], { n: number | null }> | null = null;
  let count: Database.Statement<[{ since: number }], { n: number; upTo: number | null; all: number | null }> | null = null;
  let groups: Database.Statement<[{ since: number }], { id: string }> | null = null;
  return {
    /**
     * Starts noting changes on this connection (once; the triggers stay until it closes) and
     * returns the number to ask from: everything written before is in what the caller reads now.
     */
    start(): number {
      if (!last) {
        sqlite.exec(`create temp table if not exists worklist_changes (
          seq integer primary key autoincrement, kind text not null, id text not null, unique (kind, id))`);
        for (const t of triggerSql()) sqlite.exec(t.sql);
        last = sqlite.prepare('select max(seq) as n from temp.worklist_changes');
      }
      return last.get()!.n ?? 0;
    },
    /** What was written after `from`; call `start` first. More than `atMost` groups answer as everything. */
    after(from: number, atMost: number): WorklistChanges {
      count ??= sqlite.prepare('select count(*) as n, max(seq) as upTo, max(kind = \'a\') as "all" from temp.worklist_changes where seq > @since');
      const noted = count.get({ since: from })!;
      if (noted.n === 0) return { upTo: from, all: false, groupIds: [] };
      const upTo = noted.upTo!;
      if (noted.all === 1 || noted.n > atMost) return { upTo, all: true, groupIds: [] };
      groups ??= sqlite.prepare("select id from temp.worklist_changes where seq > @since and kind = 'g'");
      return { upTo, all: false, groupIds: groups.all({ since: from }).map((r) => r.id) };
    },
  };
}
export type WorklistChangesRepo = ReturnType<typeof worklistChangesRepo>;
