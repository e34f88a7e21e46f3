/**
 * What a service tells the audit trail about a write. Values are never recorded, only which
 * fields changed, so the trail itself holds no personal data beyond ids.
 */
export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'archive' | 'restore' | string;
  entity: string;
  entityId: string;
  fields: string[];
}

export interface AuditSink {
  /** Called inside the service's transaction, so the entry commits or rolls back with the write. */
  record(entry: AuditEntry): void;
}

export const noAudit: AuditSink = { record: () => undefined };

/** Names of the fields whose values differ between two versions of a row (timestamps ignored). */
export function changedFields<T extends object>(before: T | undefined, after: T): string[] {
  const ignore = new Set(['createdAt', 'updatedAt']);
  return Object.keys(after).filter(
    (key) =>
      !ignore.has(key) && JSON.stringify((before as Record<string, unknown> | undefined)?.[key]) !== JSON.stringify((after as Record<string, unknown>)[key]),
  );
}
