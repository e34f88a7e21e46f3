import type Database from 'better-sqlite3';
import { syncedTableByName, type SyncedTable } from '../../sync/tables';

export type RowValues = Record<string, string | number | null>;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function table(name: string): SyncedTable {
  const t = syncedTableByName.get(name);
  if (!t) throw new Error(`not a synced table: ${name}`);
  return t;
}

/**
 * Generic reads and writes of synced tables by their declared key, for the bridge: what capture
 * reads after a write and what projection writes when changes arrive. Statements are prepared
 * once per table and shape.
 */
export function syncRowsRepo(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  const stmt = (key: string, sql: () => string) => {
    let s = cache.get(key);
    if (!s) cache.set(key, (s = sqlite.prepare(sql())));
    return s;
  };
  const where = (t: SyncedTable) => t.key.map((k) => `${q(k)} = ?`).join(' and ');

  return {
    read(tableName: string, key: Record<string, string>): RowValues | undefined {
      const t = table(tableName);
      return stmt(`read:${t.name}`, () => `select * from ${q(t.name)} where ${where(t)}`).get(...t.key.map((k) => key[k])) as RowValues | undefined;
    },
    exists(tableName: string, columns: readonly string[], values: readonly unknown[]): boolean {
      return (
        stmt(`exists:${tableName}:${columns.join(',')}`, () => `select 1 from ${q(tableName)} where ${columns.map((c) => `${q(c)} = ?`).join(' and ')}`).get(
          ...values,
        ) !== undefined
      );
    },
    /** Inserts the row or updates the given columns of the existing one. */
    upsert(tableName: string, values: RowValues, updateColumns: readonly string[]): void {
      const t = table(tableName);
      const columns = Object.keys(values);
      const updates = updateColumns.filter((c) => !t.key.includes(c));
      const sql = () =>
        `insert into ${q(t.name)} (${columns.map(q).join(', ')}) values (${columns.map(() => '?').join(', ')})
         on conflict (${t.key.map(q).join(', ')}) do ${updates.length ? `update set ${updates.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'nothing'}`;
      stmt(`upsert:${t.name}:${columns.join(',')}:${updates.join(',')}`, sql).run(...columns.map((c) => values[c]));
    },
    /** Sets the given columns of one row (a choice made in the conflict list). */
    update(tableName: string, key: Record<string, string>, values: RowValues): void {
      const t = table(tableName);
      const columns = Object.keys(values);
      stmt(`update:${t.name}:${columns.join(',')}`, () => `update ${q(t.name)} set ${columns.map((c) => `${q(c)} = ?`).join(', ')} where ${where(t)}`).run(
        ...columns.map((c) => values[c]),
        ...t.key.map((k) => key[k]),
      );
    },
    delete(tableName: string, key: Record<string, string>): boolean {
      const t = table(tableName);
      return stmt(`delete:${t.name}`, () => `delete from ${q(t.name)} where ${where(t)}`).run(...t.key.map((k) => key[k])).changes > 0;
    },
    /** The id of another row holding this value in a unique column, if any. */
    holderOf(tableName: string, column: string, value: unknown, exceptId: string): string | undefined {
      return stmt(`holder:${tableName}:${column}`, () => `select id from ${q(tableName)} where lower(${q(column)}) = lower(?) and id <> ?`)
        .pluck()
        .get(value, exceptId) as string | undefined;
    },
    setColumn(tableName: string, id: string, column: string, value: unknown): void {
      stmt(`set:${tableName}:${column}`, () => `update ${q(tableName)} set ${q(column)} = ? where id = ?`).run(value, id);
    },
    iterate(tableName: string): IterableIterator<RowValues> {
      return stmt(`all:${tableName}`, () => `select * from ${q(tableName)}`).iterate() as IterableIterator<RowValues>;
    },
    count(tableName: string): number {
      return stmt(`count:${tableName}`, () => `select count(*) from ${q(tableName)}`)
        .pluck()
        .get() as number;
    },

    // Lookups that decide which scope a row belongs to.
    groupOfParticipant: (id: string) =>
      stmt('gp', () => 'select group_id from participants where id = ?')
        .pluck()
        .get(id) as string | undefined,
    groupOfSession: (id: string) =>
      stmt('gs', () => 'select group_id from sessions where id = ?')
        .pluck()
        .get(id) as string | undefined,
    groupsOfFamily: (id: string) =>
      stmt('gf', () => 'select distinct group_id from participants where family_id = ?')
        .pluck()
        .all(id) as string[],
    leadersOfSupervision: (id: string) =>
      stmt('ls', () => 'select leader_id from supervision_leaders where supervision_id = ?')
        .pluck()
        .all(id) as string[],
    supervisorOfSupervision: (id: string) =>
      stmt('ss', () => 'select supervisor_id from supervision_sessions where id = ?')
        .pluck()
        .get(id) as string | undefined,
    groupsOfProgramme: (id: string) =>
      stmt('gpr', () => 'select id from groups where programme_id = ?')
        .pluck()
        .all(id) as string[],
    groupIds: () =>
      stmt('gids', () => 'select id from groups')
        .pluck()
        .all() as string[],

    // Derived data the projection recomputes rather than takes from the wire.
    setFidelityPercent: (sessionId: string, percent: number | null) =>
      stmt('fp', () => 'update sessions set fidelity_percent = ? where id = ?').run(percent, sessionId),
    recomputeCourseDates: (courseId: string) =>
      stmt(
        'cd',
        () =>
          `update courses set first_date = (select min(date) from course_days where course_id = courses.id),
           last_date = (select max(date) from course_days where course_id = courses.id)
         where id = ? and exists (select 1 from course_days where course_id = courses.id)`,
      ).run(courseId),
    /** Held sessions whose counts come from marks: those with marks now, and those whose last marks just went. */
    derivedCountSessions: (groupId: string) =>
      stmt(
        'hs',
        () =>
          `select s.id from sessions s where s.group_id = ? and s.status = 'held'
           and (s.family_count is not null or exists (select 1 from attendance a where a.session_id = s.id))`,
      )
        .pluck()
        .all(groupId) as string[],
    hasMarks: (sessionId: string) => stmt('hm', () => 'select 1 from attendance where session_id = ? limit 1').get(sessionId) !== undefined,
    setSessionCounts: (sessionId: string, participantCount: number | null, familyCount: number | null) =>
      stmt('sc', () => 'update sessions set participant_count = ?, family_count = ? where id = ?').run(participantCount, familyCount, sessionId),
    tracksAttendance: (groupId: string) =>
      stmt('ta', () => 'select tracks_attendance from groups where id = ?')
        .pluck()
        .get(groupId) === 1,
    foreignKeyCheck: (): unknown[] => sqlite.pragma('foreign_key_check') as unknown[],
    /** Moves the write-ahead log into the file and empties it, so erased values leave no copy there. */
    checkpoint: () => void sqlite.pragma('wal_checkpoint(TRUNCATE)'),
  };
}
export type SyncRowsRepo = ReturnType<typeof syncRowsRepo>;
