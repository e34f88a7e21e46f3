import type { Clock } from '../clock';
import type { KometDb } from '../db/open';
import type { Repos } from '../repos';
import { syncCellsRepo } from '../repos/sync/cells';
import { syncConflictRepo } from '../repos/sync/conflicts';
import { syncStateRepo } from '../repos/sync/local-state';
import { syncRowsRepo } from '../repos/sync/rows';
import { drainOutbox } from './capture';
import { countCells, forEachCell, type ScopeChanges } from './changes';
import { detectConflicts, type DetectedConflict } from './conflicts';
import { conflictRowCells } from './conflict-rows';
import type { RemoteHooks, ScopeStore } from './engine/scope-store';
import { project, type Touched } from './projection';
import { takeSnapshot } from './snapshot';
import { createStoreSet, type StoreSet } from './store-set';
import { erasesNames } from './erasure';

/**
 * The bridge between Komet's tables and the sync engine on one database. Local writes reach the
 * engine from the outbox after they commit; changes from peers reach the tables in one
 * transaction each, with capture standing still, derived columns recomputed, and conflicts
 * listed. The tables stay what the app reads.
 */
export interface SyncBridge {
  readonly stores: StoreSet;
  /** What a link of this scope runs around each change a peer sends: conflicts listed, then persisted and projected. */
  hooksFor(scope: string): RemoteHooks;
  /** Hands committed local writes to the engine; returns how many cells changed. */
  captureLocal(): number;
  /** At joining: puts every local row into the engine with stamps from when it was last changed. */
  snapshot(): number;
  /** Tables changed by peers, as they are applied; the app's change event listens here. */
  onChange(listener: (tables: string[]) => void): () => void;
  /** Called for a batch a peer sent that failed to apply; the bridge then needs a restart. */
  onFailure(listener: (err: unknown) => void): () => void;
  readonly uniqueId: string;
  close(): void;
}

export interface BridgeOptions {
  db: KometDb;
  repos: Repos;
  clock: Clock;
  /** This installation's identity in stamps (the device id once joined). */
  uniqueId: string;
  now?: () => number;
}

export function createSyncBridge(options: BridgeOptions): SyncBridge {
  const { db, repos } = options;
  const rows = syncRowsRepo(db.sqlite);
  const cells = syncCellsRepo(db.sqlite);
  const state = syncStateRepo(db.sqlite);
  const conflictRepo = syncConflictRepo(db.sqlite);
  const changeListeners = new Set<(tables: string[]) => void>();
  const failureListeners = new Set<(err: unknown) => void>();
  const tx = <T>(fn: () => T): T => db.sqlite.transaction(fn)();
  const now = options.now ?? Date.now;

  const hooksFor = (scope: string): RemoteHooks => {
    let detected: DetectedConflict[] = [];
    return {
      before(incoming, store) {
        detected = [];
        for (const [table, byRow] of Object.entries(incoming)) {
          for (const [rowId, stamps] of Object.entries(byRow)) detected.push(...detectConflicts(table, rowId, store.row(table, rowId), stamps));
        }
        return true;
      },
      after(accepted, _replaced, store) {
        const found = detected;
        detected = [];
        try {
          applyRemote(scope, store, accepted, found);
        } catch (err) {
          for (const l of failureListeners) l(err);
        }
      },
    };
  };

  const stores = createStoreSet(options.uniqueId, now);
  for (const scope of cells.scopes()) {
    const loaded = cells.load(scope);
    stores.ensure(scope).load(loaded);
    stores.note(scope, loaded);
  }

  function emit(tables: Set<string>) {
    if (!tables.size) return;
    const list = [...tables];
    for (const l of changeListeners) l(list);
  }

  /** One remote batch: persisted, projected and its conflicts listed, all or nothing. */
  function applyRemote(scope: string, store: ScopeStore, accepted: ScopeChanges, found: DetectedConflict[]) {
    const changed = tx(() => {
      cells.save(scope, accepted);
      stores.note(scope, accepted);
      const touched: Touched = new Map();
      forEachCell(accepted, (table, rowId) => {
        let ids = touched.get(table);
        if (!ids) touched.set(table, (ids = new Set()));
        ids.add(rowId);
      });
      const fresh = found.filter((c) => !store.row('sync_conflicts', c.id));
      if (fresh.length) {
        const written = store.write((w) => {
          for (const c of fresh) w.set('sync_conflicts', c.id, conflictRowCells(c, options.clock.now()));
        });
        cells.save(scope, written);
        stores.note(scope, written);
        for (const c of fresh) (touched.get('sync_conflicts') ?? touched.set('sync_conflicts', new Set()).get('sync_conflicts')!).add(c.id);
      }
      return state.applying(() => project(touched, { rows, state, stores, repos }));
    });
    if (erasesNames(accepted)) rows.checkpoint();
    emit(changed);
  }

  return {
    stores,
    hooksFor,
    uniqueId: options.uniqueId,
    captureLocal() {
      if (!state.isCapturing()) return 0;
      const written = tx(() => drainOutbox({ rows, cells, state, stores, resolvedAncestors: conflictRepo.resolvedStamps }));
      let n = 0;
      for (const changes of written.values()) n += countCells(changes);
      // The engine's copy of an erased name was overwritten just now; the file's older page goes too.
      if ([...written.values()].some(erasesNames)) rows.checkpoint();
      return n;
    },
    snapshot() {
      return tx(() => {
        const n = takeSnapshot({ rows, cells, stores, uniqueId: options.uniqueId, now });
        state.setCapturing(true);
        return n;
      });
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
    close() {
      changeListeners.clear();
      failureListeners.clear();
    },
  };
}
