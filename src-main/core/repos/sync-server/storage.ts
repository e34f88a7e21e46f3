import type Database from 'better-sqlite3';
import type { ScopeChanges } from '../../sync/changes';
import type { HubStorage } from '../../sync/hub/hub';

/**
 * A sync server's own database (a different file from any Komet database): every scope's cells
 * with their stamps, the devices and enrolment codes, the audit trail of what devices sent, and
 * the server's settings (its certificate and key among them).
 */
export function createServerSchema(sqlite: Database.Database): void {
  sqlite.exec(`
    create table if not exists server_cells (
      scope text not null, tbl text not null, row_id text not null, cell text not null, value text, hlc text not null,
      primary key (scope, tbl, row_id, cell)
    ) without rowid;
    create table if not exists server_audit (
      id integer primary key autoincrement, at text not null, device_id text not null, who text not null,
      scope text not null, tbl text not null, row_id text not null, cells text not null
    );
    create index if not exists server_audit_at_idx on server_audit (at);
    create table if not exists devices (
      id text primary key, name text not null, person_id text, role text not null, units text not null,
      secret_hash text not null, client_id text not null, created_at text not null, revoked_at text, last_seen_at text
    );
    create table if not exists enrolments (
      id text primary key, code_hash text not null unique, name text not null, person_id text, role text not null,
      units text not null, created_at text not null, expires_at text not null, used_at text, device_id text
    );
    create table if not exists server_meta (key text primary key, value text not null);
  `);
}

/** One line of the server's audit trail as `komet server audit` shows it: who changed which row, never values. */
export interface ServerAuditLine {
  at: string;
  deviceId: string;
  who: string;
  scope: string;
  table: string;
  rowId: string;
  cells: string[];
}

export function serverStorageRepo(
  sqlite: Database.Database,
): HubStorage & { cellCount(): number; auditCount(): number; checkpoint(): void; auditLines(from: string, limit: number): ServerAuditLine[] } {
  const scopes = sqlite.prepare<[], string>('select distinct scope from server_cells').pluck();
  const load = sqlite.prepare<[string], { tbl: string; rowId: string; cell: string; value: string | null; hlc: string }>(
    'select tbl, row_id as rowId, cell, value, hlc from server_cells where scope = ?',
  );
  const upsert = sqlite.prepare(
    `insert into server_cells (scope, tbl, row_id, cell, value, hlc) values (?, ?, ?, ?, ?, ?)
     on conflict (scope, tbl, row_id, cell) do update set value = excluded.value, hlc = excluded.hlc`,
  );
  const audit = sqlite.prepare('insert into server_audit (at, device_id, who, scope, tbl, row_id, cells) values (?, ?, ?, ?, ?, ?, ?)');
  const cellCount = sqlite.prepare<[], number>('select count(*) from server_cells').pluck();
  const auditCount = sqlite.prepare<[], number>('select count(*) from server_audit').pluck();
  const auditLines = sqlite.prepare<[string, number], Omit<ServerAuditLine, 'cells'> & { cells: string }>(
    `select at, device_id as deviceId, who, scope, tbl as "table", row_id as rowId, cells from server_audit
     where at >= ? order by at desc, id desc limit ?`,
  );
  return {
    scopes: () => scopes.all(),
    load(scope) {
      const out: ScopeChanges = {};
      for (const r of load.iterate(scope)) {
        ((out[r.tbl] ??= {})[r.rowId] ??= {})[r.cell] = { value: r.value === null ? undefined : (JSON.parse(r.value) as string | number | null), hlc: r.hlc };
      }
      return out;
    },
    save(scope, changes) {
      for (const [tbl, rows] of Object.entries(changes)) {
        for (const [rowId, cells] of Object.entries(rows)) {
          for (const [cell, s] of Object.entries(cells)) upsert.run(scope, tbl, rowId, cell, s.value === undefined ? null : JSON.stringify(s.value), s.hlc);
        }
      }
    },
    audit: (e) => audit.run(e.at, e.deviceId, e.who, e.scope, e.table, e.rowId, JSON.stringify(e.cells)),
    transaction: (fn) => sqlite.transaction(fn)(),
    cellCount: () => cellCount.get()!,
    /** Moves the write-ahead log into the file and empties it, so erased values leave no copy there. */
    checkpoint: () => void sqlite.pragma('wal_checkpoint(TRUNCATE)'),
    auditCount: () => auditCount.get()!,
    /** The newest `limit` lines from `from` on, oldest first. */
    auditLines: (from, limit) =>
      auditLines
        .all(from, limit)
        .reverse()
        .map((r) => ({ ...r, cells: JSON.parse(r.cells) as string[] })),
  };
}
