import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock';

/** The export's own tables: the secret pseudonym key, saved recipients and the export log. */

export interface ExportKeyRow {
  id: string;
  key: Buffer;
  keyId: string;
  createdAt: string;
}

export interface RecipientRow {
  id: string;
  name: string;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
}

export interface ExportLogRow {
  id: string;
  exportId: string;
  createdAt: string;
  finishedAt: string | null;
  status: 'started' | 'completed' | 'failed';
  actor: string;
  shell: string;
  scope: string;
  coarsening: string;
  recipients: string;
  keyId: string;
  fileName: string;
  bytes: number | null;
  rowCounts: string;
  /** JSON; null in rows logged before k was enforced. */
  disclosure: string | null;
  belowKReason: string | null;
}

export type NewExportLog = Omit<ExportLogRow, 'id' | 'createdAt' | 'finishedAt' | 'status' | 'bytes' | 'rowCounts'>;

export function exportStoreRepo(sqlite: Database.Database, clock: Clock) {
  const currentKey = sqlite.prepare<[], ExportKeyRow>(
    'select id, key, key_id as keyId, created_at as createdAt from export_keys where retired_at is null',
  );
  const insertKey = sqlite.prepare<[{ id: string; key: Buffer; keyId: string; createdAt: string }]>(
    'insert into export_keys (id, key, key_id, created_at) values (@id, @key, @keyId, @createdAt)',
  );
  const retireKeys = sqlite.prepare<[string]>('update export_keys set retired_at = ? where retired_at is null');
  const retiredCount = sqlite.prepare<[], { n: number }>('select count(*) as n from export_keys where retired_at is not null');

  const recipientCols = 'id, name, public_key as publicKey, fingerprint, created_at as createdAt';
  const listRecipients = sqlite.prepare<[], RecipientRow>(`select ${recipientCols} from export_recipients order by lower(name), created_at`);
  const getRecipient = sqlite.prepare<[string], RecipientRow>(`select ${recipientCols} from export_recipients where id = ?`);
  const recipientByKey = sqlite.prepare<[string], RecipientRow>(`select ${recipientCols} from export_recipients where public_key = ?`);
  const insertRecipient = sqlite.prepare<[RecipientRow & { updatedAt: string }]>(
    'insert into export_recipients (id, name, public_key, fingerprint, created_at, updated_at) values (@id, @name, @publicKey, @fingerprint, @createdAt, @updatedAt)',
  );
  const deleteRecipient = sqlite.prepare<[string]>('delete from export_recipients where id = ?');

  const logCols = `id, export_id as exportId, created_at as createdAt, finished_at as finishedAt, status, actor, shell, scope, coarsening,
    recipients, key_id as keyId, file_name as fileName, bytes, row_counts as rowCounts, disclosure, below_k_reason as belowKReason`;
  const insertLog = sqlite.prepare<[ExportLogRow]>(
    `insert into export_log (id, export_id, created_at, finished_at, status, actor, shell, scope, coarsening, recipients, key_id, file_name, bytes, row_counts,
       disclosure, below_k_reason)
     values (@id, @exportId, @createdAt, @finishedAt, @status, @actor, @shell, @scope, @coarsening, @recipients, @keyId, @fileName, @bytes, @rowCounts,
       @disclosure, @belowKReason)`,
  );
  const finishLog = sqlite.prepare<[{ exportId: string; status: string; finishedAt: string; bytes: number | null; rowCounts: string }]>(
    `update export_log set status = @status, finished_at = @finishedAt, bytes = @bytes, row_counts = @rowCounts where export_id = @exportId`,
  );
  const listLog = sqlite.prepare<[number], ExportLogRow>(`select ${logCols} from export_log order by created_at desc, id desc limit ?`);
  const getLog = sqlite.prepare<[string], ExportLogRow>(`select ${logCols} from export_log where export_id = ?`);

  return {
    currentKey: (): ExportKeyRow | undefined => currentKey.get(),
    insertKey(key: Buffer, keyId: string): ExportKeyRow {
      const row = { id: randomUUID(), key, keyId, createdAt: clock.now() };
      insertKey.run(row);
      return row;
    },
    retireKeys: (): number => retireKeys.run(clock.now()).changes,
    retiredCount: (): number => retiredCount.get()!.n,

    listRecipients: (): RecipientRow[] => listRecipients.all(),
    getRecipient: (id: string): RecipientRow | undefined => getRecipient.get(id),
    recipientByKey: (publicKey: string): RecipientRow | undefined => recipientByKey.get(publicKey),
    insertRecipient(fields: { name: string; publicKey: string; fingerprint: string }): RecipientRow {
      const now = clock.now();
      const row = { id: randomUUID(), ...fields, createdAt: now };
      insertRecipient.run({ ...row, updatedAt: now });
      return row;
    },
    deleteRecipient: (id: string): boolean => deleteRecipient.run(id).changes > 0,

    insertLog(fields: NewExportLog): ExportLogRow {
      const row: ExportLogRow = { id: randomUUID(), createdAt: clock.now(), finishedAt: null, status: 'started', bytes: null, rowCounts: '[]', ...fields };
      insertLog.run(row);
      return row;
    },
    finishLog(exportId: string, result: { status: 'completed' | 'failed'; bytes: number | null; rowCounts: string }): void {
      finishLog.run({ exportId, finishedAt: clock.now(), ...result });
    },
    listLog: (limit: number): ExportLogRow[] => listLog.all(limit),
    getLog: (exportId: string): ExportLogRow | undefined => getLog.get(exportId),
  };
}
export type ExportStoreRepo = ReturnType<typeof exportStoreRepo>;
