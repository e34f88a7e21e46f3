import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Whether local writes are captured for sync (set when the installation joins a server) and
 * whether the bridge is applying remote changes right now (the capture triggers then stand
 * still, so what arrived is not sent back as if it were local). One row; triggers read it
 * because a main-schema trigger cannot see temporary tables.
 */
export const syncState = sqliteTable(
  'sync_state',
  {
    id: integer('id').primaryKey(),
    capturing: integer('capturing').notNull().default(0),
    applying: integer('applying').notNull().default(0),
  },
  (t) => [check('sync_state_one_row', sql`${t.id} = 1`)],
);

/**
 * Local writes to synced tables not yet handed to the sync engine, written by triggers in the
 * same transaction as the write itself. `cols` is a JSON array of the columns an update changed
 * (null: the whole row); op 'u' is an insert or update, 'd' a delete.
 */
export const syncOutbox = sqliteTable('sync_outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tbl: text('tbl').notNull(),
  rowKey: text('row_key').notNull(),
  op: text('op', { enum: ['u', 'd'] }).notNull(),
  cols: text('cols'),
});

/**
 * The sync engine's copy of every synced cell with its hybrid-logical-clock stamp, per scope.
 * `value` is JSON; null means the cell was deleted (a tombstone: the stamp stays, the value not).
 */
export const syncCells = sqliteTable(
  'sync_cells',
  {
    scope: text('scope').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    cell: text('cell').notNull(),
    value: text('value'),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.tbl, t.rowId, t.cell] })],
);

/** Rows the engine holds that are not (fully) in the tables yet: a parent has not arrived. */
export const syncPending = sqliteTable(
  'sync_pending',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    waitsTbl: text('waits_tbl').notNull(),
    waitsId: text('waits_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId, t.waitsTbl, t.waitsId] }), index('sync_pending_waits_idx').on(t.waitsTbl, t.waitsId)],
);

/** This installation's membership: server address and fingerprint, device credential, last sync. */
export const syncMeta = sqliteTable('sync_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Writes the server refused, as the server explained them; shown until the user dismisses them. */
export const syncRefusals = sqliteTable(
  'sync_refusals',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    scope: text('scope').notNull(),
    tables: text('tables').notNull(),
    messageSv: text('message_sv').notNull(),
    messageEn: text('message_en').notNull(),
    dismissedAt: text('dismissed_at'),
  },
  (t) => [index('sync_refusals_at_idx').on(t.at)],
);

/**
 * The same field changed on two machines before they met. Synced like the row it is about (in
 * that row's scope), so every machine that holds the row lists the same conflicts. The engine
 * keeps the later write; the list keeps both values, who and when, until someone chooses.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    cell: text('cell').notNull(),
    valueA: text('value_a'),
    hlcA: text('hlc_a').notNull(),
    atA: text('at_a').notNull(),
    whoA: text('who_a').notNull(),
    valueB: text('value_b'),
    hlcB: text('hlc_b').notNull(),
    atB: text('at_b').notNull(),
    whoB: text('who_b').notNull(),
    detectedAt: text('detected_at').notNull(),
    /** An edit against a deletion: the row's cells (JSON) as the editing machine held them, so choosing the edit can bring it back. */
    snapshot: text('snapshot'),
    /** The same code or name made on two machines: what the row that gave way was renamed to (the same everywhere). */
    renamedTo: text('renamed_to'),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('sync_conflicts_open_idx').on(t.resolvedAt, t.detectedAt), index('sync_conflicts_row_idx').on(t.tbl, t.rowId)],
);
