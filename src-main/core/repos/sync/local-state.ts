import type Database from 'better-sqlite3';

export interface OutboxRow {
  id: number;
  tbl: string;
  rowKey: string;
  op: 'u' | 'd';
  cols: string | null;
}

/** The installation's own sync bookkeeping: capture switch, outbox, membership, refusals, rows held back. */
export function syncStateRepo(sqlite: Database.Database) {
  const setCapturing = sqlite.prepare('update sync_state set capturing = ? where id = 1');
  const setApplying = sqlite.prepare('update sync_state set applying = ? where id = 1');
  const capturing = sqlite.prepare<[], number>('select capturing from sync_state where id = 1').pluck();
  const outbox = sqlite.prepare<[number], OutboxRow>('select id, tbl, row_key as rowKey, op, cols from sync_outbox order by id limit ?');
  const clearOutbox = sqlite.prepare('delete from sync_outbox where id <= ?');
  const outboxCount = sqlite.prepare<[], number>('select count(*) from sync_outbox').pluck();
  const metaGet = sqlite.prepare<[string], string>('select value from sync_meta where key = ?').pluck();
  const metaSet = sqlite.prepare('insert into sync_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
  const metaDel = sqlite.prepare('delete from sync_meta where key = ?');
  const metaAll = sqlite.prepare<[], { key: string; value: string }>('select key, value from sync_meta');
  const addPending = sqlite.prepare('insert or ignore into sync_pending (tbl, row_id, waits_tbl, waits_id) values (?, ?, ?, ?)');
  const clearPending = sqlite.prepare('delete from sync_pending where tbl = ? and row_id = ?');
  const waitingOn = sqlite.prepare<[string, string], { tbl: string; rowId: string }>(
    'select distinct tbl, row_id as rowId from sync_pending where waits_tbl = ? and waits_id = ?',
  );
  const allPending = sqlite.prepare<[], { tbl: string; rowId: string }>('select distinct tbl, row_id as rowId from sync_pending');
  const pendingCount = sqlite.prepare<[], number>('select count(distinct tbl || row_id) from sync_pending').pluck();
  const addRefusal = sqlite.prepare('insert or ignore into sync_refusals (id, at, scope, tables, message_sv, message_en) values (?, ?, ?, ?, ?, ?)');
  const refusals = sqlite.prepare<[], { id: string; at: string; scope: string; tables: string; messageSv: string; messageEn: string }>(
    'select id, at, scope, tables, message_sv as messageSv, message_en as messageEn from sync_refusals where dismissed_at is null order by at desc, id',
  );
  const dismissRefusal = sqlite.prepare('update sync_refusals set dismissed_at = ? where id = ?');

  return {
    setCapturing: (on: boolean) => setCapturing.run(on ? 1 : 0),
    isCapturing: () => capturing.get() === 1,
    /** Runs fn with the capture triggers standing still; callers are inside a transaction. */
    applying<T>(fn: () => T): T {
      setApplying.run(1);
      try {
        return fn();
      } finally {
        setApplying.run(0);
      }
    },
    outbox: (limit: number): OutboxRow[] => outbox.all(limit),
    clearOutbox: (upToId: number) => clearOutbox.run(upToId),
    outboxCount: (): number => outboxCount.get()!,
    meta: (key: string): string | undefined => metaGet.get(key),
    setMeta: (key: string, value: string) => metaSet.run(key, value),
    deleteMeta: (key: string) => metaDel.run(key),
    allMeta: () => Object.fromEntries(metaAll.all().map((r) => [r.key, r.value])),
    addPending: (tbl: string, rowId: string, waitsTbl: string, waitsId: string) => addPending.run(tbl, rowId, waitsTbl, waitsId),
    clearPending: (tbl: string, rowId: string) => clearPending.run(tbl, rowId),
    waitingOn: (tbl: string, id: string) => waitingOn.all(tbl, id),
    allPending: () => allPending.all(),
    pendingCount: (): number => pendingCount.get()!,
    addRefusal: (r: { id: string; at: string; scope: string; tables: string[]; sv: string; en: string }) =>
      addRefusal.run(r.id, r.at, r.scope, JSON.stringify(r.tables), r.sv, r.en),
    refusals: () => refusals.all().map((r) => ({ ...r, tables: JSON.parse(r.tables) as string[] })),
    dismissRefusal: (id: string, at: string) => dismissRefusal.run(at, id),
  };
}
export type SyncStateRepo = ReturnType<typeof syncStateRepo>;
