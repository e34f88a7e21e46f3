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
import { conflictRowCells, renameConflictId, renameRowCells } from './conflict-rows';
import type { RemoteHooks, ScopeStore } from './engine/scope-store';
import { project, type Touched, type UniqueRename } from './projection';
import { takeSnapshot } from './snapshot';
import { createStoreSet, type StoreSet } from './store-set';
import { erasesNames } from './erasure';
import { rowSnapshot } from './row-snapshot';
import { parseScope } from './scopes';

/**
 * Snapshots of rows an incoming deletion meets while they carry an edit: for conflicts noticed
 * here, and for conflicts another machine noticed (arriving with the deletion) when this machine
 * made the edit and so is the one that still holds the row.
 */
function snapshotsFor(detected: DetectedConflict[], incoming: ScopeChanges, store: ScopeStore): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of detected) {
    if ((c.a.value === undefined) === (c.b.value === undefined)) continue;
    const snapshot = rowSnapshot(c.table, store.row(c.table, c.rowId));
    if (snapshot) out.set(c.id, snapshot);
  }
  for (const [id, stamps] of Object.entries(incoming.sync_conflicts ?? {})) {
    const known = store.row('sync_conflicts', id);
    if (stamps.snapshot?.value !== undefined || known?.snapshot?.value !== undefined) continue;
    const tbl = stamps.tbl?.value ?? known?.tbl?.value;
    const rowId = stamps.row_id?.value ?? known?.row_id?.value;
    const a = stamps.value_a ?? known?.value_a;
    const b = stamps.value_b ?? known?.value_b;
    if (typeof tbl !== 'string' || typeof rowId !== 'string' || !a || !b || (a.value === null) === (b.value === null)) continue;
    const snapshot = rowSnapshot(tbl, store.row(tbl, rowId));
    if (snapshot) out.set(id, snapshot);
  }
  return out;
}

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
    let snapshots = new Map<string, string>();
    return {
      before(incoming, store) {
        detected = [];
        for (const [table, byRow] of Object.entries(incoming)) {
          for (const [rowId, stamps] of Object.entries(byRow)) detected.push(...detectConflicts(table, rowId, store.row(table, rowId), stamps));
        }
        // Taken before the merge: the deletion arriving now would leave no values to take.
        snapshots = snapshotsFor(detected, incoming, store);
        return true;
      },
      after(accepted, _replaced, store) {
        const found = detected;
        const snaps = snapshots;
        detected = [];
        snapshots = new Map();
        try {
          applyRemote(scope, store, accepted, found, snaps);
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
  function applyRemote(scope: string, store: ScopeStore, accepted: ScopeChanges, found: DetectedConflict[], snapshots: Map<string, string>) {
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
      // A snapshot is added where the record lacks one; one never replaces another.
      const snapshotOnly = [...snapshots].filter(([id]) => store.row('sync_conflicts', id) && store.row('sync_conflicts', id)!.snapshot?.value === undefined);
      if (fresh.length || snapshotOnly.length) {
        const written = store.write((w) => {
          for (const c of fresh) {
            const snapshot = snapshots.get(c.id);
            w.set('sync_conflicts', c.id, { ...conflictRowCells(c, options.clock.now()), ...(snapshot ? { snapshot } : {}) });
          }
          for (const [id, snapshot] of snapshotOnly) w.set('sync_conflicts', id, { snapshot });
        });
        cells.save(scope, written);
        stores.note(scope, written);
        const ids = touched.get('sync_conflicts') ?? touched.set('sync_conflicts', new Set()).get('sync_conflicts')!;
        for (const c of fresh) ids.add(c.id);
        for (const [id] of snapshotOnly) ids.add(id);
      }
      const renames: UniqueRename[] = [];
      const namesOnly = parseScope(scope)?.kind === 'people';
      const changed = state.applying(() => project(touched, { rows, state, stores, repos, namesOnly, onRename: (r) => renames.push(r) }));
      const listed = listRenames(scope, store, renames);
      if (listed.size) for (const t of state.applying(() => project(new Map([['sync_conflicts', listed]]), { rows, state, stores, repos }))) changed.add(t);
      return changed;
    });
    if (erasesNames(accepted)) rows.checkpoint();
    emit(changed);
  }

  /** Renames this batch caused, listed in the conflicts once (every machine makes the same rename and the same record). */
  function listRenames(scope: string, store: ScopeStore, renames: UniqueRename[]): Set<string> {
    const ids = new Set<string>();
    const stampOf = (table: string, rowId: string, cell: string) => {
      for (const s of stores.heldIn(table, rowId)) {
        const stamped = stores.get(s)?.row(table, rowId)?.[cell];
        if (stamped?.hlc) return stamped;
      }
      return undefined;
    };
    const fresh = renames.filter((r) => !stores.heldIn('sync_conflicts', renameConflictId(r)).length);
    if (!fresh.length) return ids;
    const written = store.write((w) => {
      for (const r of fresh) {
        const kept = stampOf(r.table, r.keptId, r.column);
        const renamed = stampOf(r.table, r.renamedId, r.column);
        if (!kept || !renamed) continue;
        w.set('sync_conflicts', renameConflictId(r), renameRowCells(r, kept, renamed, options.clock.now()));
        ids.add(renameConflictId(r));
      }
    });
    if (ids.size) {
      cells.save(scope, written);
      stores.note(scope, written);
    }
    return ids;
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
