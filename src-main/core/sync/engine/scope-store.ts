import { createMergeableStore, type MergeableStore } from 'tinybase';
import type { CellValue, CellWrite, RowStamps, ScopeChanges, Stamped } from '../changes';

/**
 * One scope's data in the sync engine (a TinyBase MergeableStore): tables, rows and cells, each
 * cell stamped by a hybrid logical clock and merged last-writer-wins. This file and link.ts are
 * the only places that know TinyBase; the rest of Komet sees ScopeStore.
 */
export interface ScopeStore {
  readonly scope: string;
  /** Puts persisted cells back (at start); nothing is reported to listeners. */
  load(changes: ScopeChanges): void;
  /**
   * A local transaction: the writer sets or deletes cells, or deletes rows. Returns the cells it
   * changed with their new stamps (cells set to the value they already had are left alone).
   */
  write(fn: (w: ScopeWriter) => void): ScopeChanges;
  /** Applies stamped cells as if they had come from a peer (a snapshot at joining); returns those that won. */
  merge(changes: ScopeChanges): ScopeChanges;
  /** Every cell of a row with its stamp, deleted cells included; undefined if the store never held the row. */
  row(table: string, rowId: string): RowStamps | undefined;
  rowIds(table: string): string[];
  /** Every cell the store holds, with its stamp. */
  content(): ScopeChanges;
  tableIds(): string[];
  /** Two numbers that are equal on two stores exactly when their content is (tables, values). */
  hashes(): [number, number];
  /** The engine's own object, for link.ts only. */
  readonly engine: MergeableStore;
}

export interface ScopeWriter {
  set(table: string, rowId: string, cells: CellWrite): void;
  deleteRow(table: string, rowId: string): void;
}

/**
 * What a link does around changes a peer sends: `before` sees the incoming cells and may refuse
 * them whole (returns false: nothing is applied); `after` learns which cells won and the stamps
 * they replaced.
 */
export interface RemoteHooks {
  before?(incoming: ScopeChanges, store: ScopeStore): boolean;
  after?(accepted: ScopeChanges, replaced: ScopeChanges, store: ScopeStore): void;
}

type TinyStamp = [unknown, string?];
type TinyTables = [Record<string, [Record<string, [Record<string, TinyStamp>, string?]>, string?]>, string?];

export const engineUndefined = '\uFFFC';

export function toEngineChanges(changes: ScopeChanges): [TinyTables, [Record<string, never>], 1] {
  const tables: TinyTables[0] = {};
  for (const [table, rows] of Object.entries(changes)) {
    const rowObj: Record<string, [Record<string, TinyStamp>]> = {};
    for (const [rowId, cells] of Object.entries(rows)) {
      const cellObj: Record<string, TinyStamp> = {};
      for (const [cell, s] of Object.entries(cells)) cellObj[cell] = [s.value, s.hlc];
      rowObj[rowId] = [cellObj];
    }
    tables[table] = [rowObj];
  }
  return [[tables], [{}], 1];
}

/** Reads the engine's changes (encoded or not; we never store objects, so they are the same). */
export function fromEngineTables(tables: unknown): ScopeChanges | null {
  if (!Array.isArray(tables) || typeof tables[0] !== 'object' || tables[0] === null) return null;
  const out: ScopeChanges = {};
  for (const [table, tableStamp] of Object.entries(tables[0] as Record<string, unknown>)) {
    if (!Array.isArray(tableStamp) || typeof tableStamp[0] !== 'object' || tableStamp[0] === null) return null;
    const rows: Record<string, RowStamps> = {};
    for (const [rowId, rowStamp] of Object.entries(tableStamp[0] as Record<string, unknown>)) {
      if (!Array.isArray(rowStamp) || typeof rowStamp[0] !== 'object' || rowStamp[0] === null) return null;
      const cells: RowStamps = {};
      for (const [cell, cellStamp] of Object.entries(rowStamp[0] as Record<string, unknown>)) {
        if (!Array.isArray(cellStamp)) return null;
        const [value, hlc] = cellStamp as [unknown, unknown];
        if (!isCellValue(value)) return null;
        cells[cell] = { value: value === engineUndefined ? undefined : value, hlc: typeof hlc === 'string' ? hlc : '' };
      }
      rows[rowId] = cells;
    }
    out[table] = rows;
  }
  return out;
}

const isCellValue = (v: unknown): v is CellValue | undefined =>
  v === undefined || v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * @param uniqueId the node's identity: its hash ends every stamp this store makes, which is how
 *   a stamp names the device that wrote it.
 * @param now milliseconds; the bridge shifts it by the server's clock once it knows it.
 */
export function createScopeStore(scope: string, uniqueId: string, now: () => number = Date.now): ScopeStore {
  const engine = createMergeableStore(uniqueId, now);

  function rowsStamps(keys: Record<string, Record<string, true>>): ScopeChanges {
    const query: Record<string, Record<string, Record<string, never>>> = {};
    for (const [table, rows] of Object.entries(keys)) query[table] = Object.fromEntries(Object.keys(rows).map((r) => [r, {}]));
    return fromEngineTables(engine.getMergeableCellDiff(query as never)) ?? {};
  }

  function pick(all: ScopeChanges, wanted: ScopeChanges, keep: (before: Stamped | undefined, after: Stamped) => boolean, before?: ScopeChanges): ScopeChanges {
    const out: ScopeChanges = {};
    for (const [table, rows] of Object.entries(wanted)) {
      for (const [rowId, cells] of Object.entries(rows)) {
        for (const cell of Object.keys(cells)) {
          const after = all[table]?.[rowId]?.[cell];
          if (!after) continue;
          if (!keep(before?.[table]?.[rowId]?.[cell], after)) continue;
          ((out[table] ??= {})[rowId] ??= {})[cell] = after;
        }
      }
    }
    return out;
  }

  const keysOf = (changes: ScopeChanges) =>
    Object.fromEntries(Object.entries(changes).map(([t, rows]) => [t, Object.fromEntries(Object.keys(rows).map((r) => [r, true as const]))]));

  const store: ScopeStore = {
    scope,
    engine,
    load(changes) {
      engine.applyMergeableChanges(toEngineChanges(changes) as never);
    },
    write(fn) {
      const touched: Record<string, Record<string, Record<string, true>>> = {};
      const mark = (table: string, rowId: string, cell: string) => (((touched[table] ??= {})[rowId] ??= {})[cell] = true);
      engine.transaction(() => {
        fn({
          set(table, rowId, cells) {
            for (const [cell, value] of Object.entries(cells)) {
              const current = engine.getCell(table, rowId, cell);
              if (value === undefined) {
                if (current === undefined) continue;
                engine.delCell(table, rowId, cell, true);
              } else {
                if (current === value) continue;
                engine.setCell(table, rowId, cell, value);
              }
              mark(table, rowId, cell);
            }
          },
          deleteRow(table, rowId) {
            const cells = engine.getCellIds(table, rowId);
            if (!cells.length) return;
            for (const cell of cells) mark(table, rowId, cell);
            engine.delRow(table, rowId);
          },
        });
      });
      const rowKeys = Object.fromEntries(Object.entries(touched).map(([t, rows]) => [t, Object.fromEntries(Object.keys(rows).map((r) => [r, true as const]))]));
      return pick(rowsStamps(rowKeys), touched as unknown as ScopeChanges, () => true);
    },
    merge(changes) {
      const keys = keysOf(changes);
      const before = rowsStamps(keys);
      engine.applyMergeableChanges(toEngineChanges(changes) as never);
      return pick(rowsStamps(keys), changes, (b, a) => !b || b.hlc !== a.hlc || b.value !== a.value, before);
    },
    row(table, rowId) {
      return rowsStamps({ [table]: { [rowId]: true } })[table]?.[rowId];
    },
    rowIds: (table) => engine.getRowIds(table),
    content: () => fromEngineTables(engine.getMergeableContent()[0]) ?? {},
    tableIds: () => engine.getTableIds(),
    hashes: () => engine.getMergeableContentHashes() as [number, number],
  };
  return store;
}

/**
 * Applies changes that came from a peer through the hooks: `before` may refuse them, the engine
 * merges them, `after` learns which cells won and what they replaced. Used by link.ts for every
 * message a synchronizer applies.
 */
export function applyRemote(store: ScopeStore, incoming: ScopeChanges, apply: () => void, hooks: RemoteHooks): boolean {
  if (hooks.before && !hooks.before(incoming, store)) return false;
  const keys = Object.fromEntries(Object.entries(incoming).map(([t, rows]) => [t, Object.fromEntries(Object.keys(rows).map((r) => [r, true as const]))]));
  const readRows = () => {
    const out: ScopeChanges = {};
    for (const [table, rows] of Object.entries(keys)) {
      for (const rowId of Object.keys(rows)) {
        const r = store.row(table, rowId);
        if (r) (out[table] ??= {})[rowId] = r;
      }
    }
    return out;
  };
  const before = readRows();
  apply();
  const after = readRows();
  const accepted: ScopeChanges = {};
  const replaced: ScopeChanges = {};
  for (const [table, rows] of Object.entries(incoming)) {
    for (const [rowId, cells] of Object.entries(rows)) {
      for (const cell of Object.keys(cells)) {
        const a = after[table]?.[rowId]?.[cell];
        const b = before[table]?.[rowId]?.[cell];
        if (!a || (b && b.hlc === a.hlc)) continue;
        ((accepted[table] ??= {})[rowId] ??= {})[cell] = a;
        if (b) ((replaced[table] ??= {})[rowId] ??= {})[cell] = b;
      }
    }
  }
  if (Object.keys(accepted).length) hooks.after?.(accepted, replaced, store);
  return true;
}
