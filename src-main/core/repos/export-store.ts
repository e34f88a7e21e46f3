import { randomUUID } from 'node:crypto';
import { asc, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Orm } from '../db/open';
import { exportKeys, exportLog, exportRecipients } from '../db/schema';

/** The export's own tables: the secret pseudonym key, saved recipients and the export log. */

export type ExportKeyRow = Omit<typeof exportKeys.$inferSelect, 'retiredAt'>;
export type RecipientRow = Omit<typeof exportRecipients.$inferSelect, 'updatedAt'>;
/** disclosure is JSON, null in rows logged before k was enforced. */
export type ExportLogRow = typeof exportLog.$inferSelect;

export type NewExportLog = Omit<ExportLogRow, 'id' | 'createdAt' | 'finishedAt' | 'status' | 'bytes' | 'rowCounts'>;

const keyFields = { id: exportKeys.id, key: exportKeys.key, keyId: exportKeys.keyId, createdAt: exportKeys.createdAt };
const recipientFields = {
  id: exportRecipients.id,
  name: exportRecipients.name,
  publicKey: exportRecipients.publicKey,
  fingerprint: exportRecipients.fingerprint,
  createdAt: exportRecipients.createdAt,
};

export function exportStoreRepo(orm: Orm, clock: Clock) {
  const recipients = () => orm.select(recipientFields).from(exportRecipients);
  const log = () => orm.select().from(exportLog);

  return {
    currentKey: (): ExportKeyRow | undefined => orm.select(keyFields).from(exportKeys).where(isNull(exportKeys.retiredAt)).get(),
    insertKey(key: Buffer, keyId: string): ExportKeyRow {
      const row = { id: randomUUID(), key, keyId, createdAt: clock.now() };
      orm.insert(exportKeys).values(row).run();
      return row;
    },
    retireKeys: (): number => orm.update(exportKeys).set({ retiredAt: clock.now() }).where(isNull(exportKeys.retiredAt)).run().changes,
    retiredCount: (): number => orm.select({ n: count() }).from(exportKeys).where(isNotNull(exportKeys.retiredAt)).get()!.n,

    listRecipients: (): RecipientRow[] =>
      recipients()
        .orderBy(sql`lower(${exportRecipients.name})`, asc(exportRecipients.createdAt))
        .all(),
    getRecipient: (id: string): RecipientRow | undefined => recipients().where(eq(exportRecipients.id, id)).get(),
    recipientByKey: (publicKey: string): RecipientRow | undefined => recipients().where(eq(exportRecipients.publicKey, publicKey)).get(),
    insertRecipient(fields: { name: string; publicKey: string; fingerprint: string }): RecipientRow {
      const now = clock.now();
      const row = { id: randomUUID(), ...fields, createdAt: now };
      orm
        .insert(exportRecipients)
        .values({ ...row, updatedAt: now })
        .run();
      return row;
    },
    deleteRecipient: (id: string): boolean => orm.delete(exportRecipients).where(eq(exportRecipients.id, id)).run().changes > 0,

    insertLog(fields: NewExportLog): ExportLogRow {
      const row: ExportLogRow = { id: randomUUID(), createdAt: clock.now(), finishedAt: null, status: 'started', bytes: null, rowCounts: '[]', ...fields };
      orm.insert(exportLog).values(row).run();
      return row;
    },
    finishLog(exportId: string, result: { status: 'completed' | 'failed'; bytes: number | null; rowCounts: string }): void {
      orm
        .update(exportLog)
        .set({ status: result.status, finishedAt: clock.now(), bytes: result.bytes, rowCounts: result.rowCounts })
        .where(eq(exportLog.exportId, exportId))
        .run();
    },
    listLog: (limit: number): ExportLogRow[] => log().orderBy(desc(exportLog.createdAt), desc(exportLog.id)).limit(limit).all(),
    getLog: (exportId: string): ExportLogRow | undefined => log().where(eq(exportLog.exportId, exportId)).get(),
  };
}
export type ExportStoreRepo = ReturnType<typeof exportStoreRepo>;
