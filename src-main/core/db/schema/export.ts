import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn, timestamps } from './columns';
import { EXPORT_RUN_STATUSES } from '../../../contract/enums';

/**
 * The secret HMAC key behind export pseudonyms (32 bytes). It lives only here, in the (encrypted)
 * database: stable across exports so follow-ups link up. Rotating retires the current key and
 * makes a new one, which breaks linkage on purpose; retired keys are kept so the log's key ids
 * stay explainable. At most one key is current.
 */
export const exportKeys = sqliteTable(
  'export_keys',
  {
    id: idColumn(),
    key: blob('key', { mode: 'buffer' }).notNull(),
    /** Public id of the key (written into every manifest), never the key itself. */
    keyId: text('key_id').notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [
    uniqueIndex('export_keys_current_unique')
      .on(sql`(1)`)
      .where(sql`${t.retiredAt} is null`),
    uniqueIndex('export_keys_key_id_unique').on(t.keyId),
  ],
);

/** Saved evaluator keys (Inställningar → Mottagare): public age X25519 keys, never secrets. */
export const exportRecipients = sqliteTable(
  'export_recipients',
  {
    id: idColumn(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('export_recipients_public_key_unique').on(t.publicKey)],
);

/**
 * One row per export attempt: who, when, what scope, to which keys, how many rows per file.
 * It never holds exported data. The row is written together with the key read (status started)
 * and completed or marked failed when the file is done.
 */
export const exportLog = sqliteTable(
  'export_log',
  {
    id: idColumn(),
    exportId: text('export_id').notNull(),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: EXPORT_RUN_STATUSES }).notNull().default('started'),
    actor: text('actor').notNull(),
    shell: text('shell').notNull(),
    /** JSON {from, to, programmeCodes, unitNames}. */
    scope: text('scope').notNull(),
    /** JSON {period, ageBands, dropUnit}. */
    coarsening: text('coarsening').notNull(),
    /** JSON array of recipient fingerprints; the literal 'passphrase' when a passphrase was used. */
    recipients: text('recipients').notNull(),
    keyId: text('key_id').notNull(),
    fileName: text('file_name').notNull(),
    bytes: integer('bytes'),
    /** JSON [{file, rows}]. */
    rowCounts: text('row_counts').notNull().default('[]'),
    /** JSON {k, enforced, reached, generalisation, hiddenValues, rowsWithheld}; null in rows logged before k was enforced. */
    disclosure: text('disclosure'),
    /** The written reason for an export below k; null when k was enforced. */
    belowKReason: text('below_k_reason'),
  },
  (t) => [uniqueIndex('export_log_export_id_unique').on(t.exportId), index('export_log_created_idx').on(t.createdAt)],
);
