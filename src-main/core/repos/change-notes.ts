import type Database from 'better-sqlite3';

/**
 * Which rows a write on this connection may have changed, for a reader that keeps what it
 * computed between reads (the supervisor overview, the worklist, the activity report).
 *
 * Temporary triggers on the tables the reader reads note a key for each written row (a kind, such
 * as 'g' for a group, and an id) in a temporary table, numbered in the order they were noted; the
 * reader then reads again only what the keys reach. The kind 'a' with the id '' means "everything".
 * Being temporary, triggers and table live only in this connection's memory: they are not part of
 * the file, its schema, its backups or sync. Writes by other connections (the CLI beside a running
 * app) are not seen here; the readers notice those by `pragma data_version` and read everything.
 *
 * A key is noted again with a higher number each time it is written, so the table holds each key
 * once and every reader asks for what came after the number it has seen (several sets of services
 * may share one connection).
 */

export type WriteEvent = 'insert' | 'update' | 'delete';

export interface ChangeWatch {
  table: string;
  /**
   * The keys a written row notes: a kind and an SQL expression over `r.` (replaced by `new.` for
   * an insert, `old.` for a delete and both for an update); a key whose value is null is skipped.
   */
  keys: [kind: string, expr: string][];
  /** Which writes matter, when not all three. */
  on?: WriteEvent[];
  /** A condition over `r.` a row must meet (either row, for an update). */
  when?: string;
  /** For updates: the columns whose change matters. */
  columns?: string[];
}

/** The key that says everything changed. */
export const everything: [kind: string, expr: string] = ['a', "''"];

export interface Noted {
  /** The number of the last change noted; ask for those after it next time. */
  upTo: number;
  /** How many keys were noted after the number asked from. */
  count: number;
  /** The kinds of those keys. */
  kinds: ReadonlySet<string>;
  /** "Everything" was noted, or more keys than the reader would look up one by one. */
  all: boolean;
}

export interface ChangeNotes {
  /** The temporary table the notes are kept in (by `temp.` name, for a reader's own query of them). */
  table: string;
  /** The temporary triggers by name, with what creates them. */
  triggers(): { name: string; sql: string }[];
  /** Notes read through one connection. */
  repo(sqlite: Database.Database): ChangeNotesRepo;
  /**
   * For a bulk write: its rows would be noted one by one (a demo's or an import's hundreds of
   * thousands), when one note that everything changed says the same. Drops the triggers if this
   * connection has them and returns what puts them back with that note, inside the same transaction.
   */
  setAside(sqlite: Database.Database): () => void;
}

export interface ChangeNotesRepo {
  /**
   * Starts noting changes on this connection (once; the triggers stay until it closes) and
   * returns the number to ask from: everything written before is in what the caller reads now.
   */
  start(): number;
  /** What was noted after `from`; call `start` first. More than `atMost` keys answer as everything. */
  after(from: number, atMost: number): Noted;
  /** The ids of one kind noted after `from`. */
  ids(from: number, kind: string): string[];
}

const rowsOf = (event: WriteEvent) => (event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['old', 'new']);
const quote = (kind: string) => `'${kind.replaceAll("'", "''")}'`;

export function changeNotes(table: string, watches: ChangeWatch[]): ChangeNotes {
  /**
   * Notes a key again under the next number (autoincrement: never one a deleted note had, which a
   * reader may already be past). Not `insert or replace`: inside a trigger the conflict clause of
   * the statement that fired it wins, so an `insert or ignore` or `update or ignore` on a watched
   * table would leave the key under its old number, unseen by a reader past it.
   */
  const noteSql = (kind: string, expr: string) =>
    `delete from ${table} where kind = ${quote(kind)} and id = ${expr}; insert into ${table} (kind, id) select ${quote(kind)}, ${expr} where ${expr} is not null;`;

  const triggers = (): { name: string; sql: string }[] => {
    const out: { name: string; sql: string }[] = [];
    for (const w of watches) {
      for (const event of w.on ?? (['insert', 'update', 'delete'] as const)) {
        const rows = rowsOf(event);
        const conditions: string[] = [];
        if (w.when) conditions.push(rows.map((r) => `(${w.when!.replaceAll('r.', `${r}.`)})`).join(' or '));
        if (event === 'update' && w.columns) conditions.push(`(${w.columns.map((c) => `old.${c} is not new.${c}`).join(' or ')})`);
        // One statement per key, each once: a key that is null (a follow-up about a whole group) is skipped.
        const statements = [...new Set(rows.flatMap((r) => w.keys.map(([kind, expr]) => noteSql(kind, expr.replaceAll('r.', `${r}.`)))))];
        const name = `${table}_${w.table}_${event}`;
        if (out.some((t) => t.name === name)) throw new Error(`${name}: two watches of one table and write`);
        const when = conditions.length > 0 ? ` when ${conditions.join(' and ')}` : '';
        out.push({ name, sql: `create temp trigger if not exists ${name} after ${event} on main.${w.table}${when}\nbegin\n  ${statements.join('\n  ')}\nend` });
      }
    }
    return out;
  };

  return {
    table,
    triggers,
    repo(sqlite) {
      let last: Database.Statement<[], { n: number | null }> | null = null;
      let count: Database.Statement<[{ since: number }], { kind: string; n: number; upTo: number }> | null = null;
      let ids: Database.Statement<[{ since: number; kind: string }], { id: string }> | null = null;
      return {
        start() {
          if (!last) {
            sqlite.exec(`create temp table if not exists ${table} (
              seq integer primary key autoincrement, kind text not null, id text not null, unique (kind, id))`);
            for (const t of triggers()) sqlite.exec(t.sql);
            last = sqlite.prepare(`select max(seq) as n from temp.${table}`);
          }
          return last.get()!.n ?? 0;
        },
        after(from, atMost) {
          count ??= sqlite.prepare(`select kind, count(*) as n, max(seq) as upTo from temp.${table} where seq > @since group by kind`);
          const kinds = new Set<string>();
          let upTo = from;
          let n = 0;
          for (const k of count.all({ since: from })) {
            kinds.add(k.kind);
            n += k.n;
            upTo = Math.max(upTo, k.upTo);
          }
          return { upTo, count: n, kinds, all: kinds.has(everything[0]) || n > atMost };
        },
        ids(from, kind) {
          ids ??= sqlite.prepare(`select id from temp.${table} where seq > @since and kind = @kind`);
          return ids.all({ since: from, kind }).map((r) => r.id);
        },
      };
    },
    setAside(sqlite) {
      const installed = new Set(
        (sqlite.prepare("select name from sqlite_temp_master where type = 'trigger'").pluck().all() as string[]).filter((n) => n.startsWith(`${table}_`)),
      );
      if (installed.size === 0) return () => {};
      const aside = triggers().filter((t) => installed.has(t.name));
      for (const t of aside) sqlite.exec(`drop trigger temp.${t.name}`);
      return () => {
        for (const t of aside) sqlite.exec(t.sql);
        sqlite.exec(noteSql(...everything));
      };
    },
  };
}
