import { and, count, desc, eq, gte, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditSink } from '../audit';
import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import { auditLog } from '../db/schema';

/** Who is acting and through which procedure, as the router knows it at the time of a write. */
export interface AuditContext {
  actor: string;
  procedure: string;
}

/**
 * The audit trail's writer. `context` is read at each write: the router sets the current call
 * around each handler, so services need not pass it along. The insert runs on the same
 * connection, so inside a service's transaction it commits or rolls back with the write.
 */
export function createAuditSink(db: KometDb, context: () => AuditContext, clock: Pick<Clock, 'now'>): AuditSink {
  const insert = db.sqlite.prepare('insert into audit_log (at, actor, procedure, action, entity, entity_id, fields) values (?, ?, ?, ?, ?, ?, ?)');
  return {
    record(entry: AuditEntry) {
      const { actor, procedure } = context();
      // Names only: a field name that is not an identifier could smuggle a value in.
      const fields = [...new Set(entry.fields.filter((f) => /^[A-Za-z_][A-Za-z0-9_.]{0,63}$/.test(f)))];
      insert.run(clock.now(), actor, procedure, entry.action, entry.entity, entry.entityId, JSON.stringify(fields));
    },
  };
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  procedure: string;
  action: string;
  entity: string;
  entityId: string;
  fields: string[];
}

export interface AuditQuery {
  /** ISO timestamp or YYYY-MM-DD; entries at or after it. */
  since?: string;
  entity?: string;
  entityId?: string;
  actor?: string;
  limit: number;
  offset?: number;
}

/** Newest first, with the total matching count for paging. */
export function listAudit(db: KometDb, query: AuditQuery): { rows: AuditRow[]; total: number } {
  const where: SQL[] = [];
  if (query.since) where.push(gte(auditLog.at, query.since));
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.actor) where.push(eq(auditLog.actor, query.actor));
  const condition = where.length ? and(...where) : undefined;
  const rows = db.orm
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(Math.max(0, Math.min(query.limit, 1000)))
    .offset(Math.max(0, query.offset ?? 0))
    .all();
  const total = db.orm.select({ n: count() }).from(auditLog).where(condition).get()?.n ?? 0;
  return { rows: rows.map((r) => ({ ...r, fields: parseFields(r.fields) })), total };
}

function parseFields(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
