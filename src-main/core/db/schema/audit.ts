import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who changed what and when. Append-only: triggers in the migration refuse UPDATE and DELETE.
 * `fields` is a JSON array of field names; values are never recorded, so the log holds no
 * personal data beyond ids and the local user's name.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    procedure: text('procedure').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    fields: text('fields').notNull().default('[]'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);
