import type { ScopeChanges } from './changes';
import { createScopeStore, type ScopeStore } from './engine/scope-store';

/**
 * The engine stores a node holds, one per scope, and an index of which scopes hold which row
 * (a family or a supervision meeting may sit in several).
 */
export interface StoreSet {
  get(scope: string): ScopeStore | undefined;
  /** The scope's store, made empty if there is none yet. */
  ensure(scope: string): ScopeStore;
  scopes(): string[];
  heldIn(table: string, rowId: string): string[];
  /** Records that these rows are (now) in the scope's store. */
  note(scope: string, changes: ScopeChanges): void;
  drop(scope: string): void;
}

export function createStoreSet(uniqueId: string, now: () => number): StoreSet {
  const stores = new Map<string, ScopeStore>();
  const index = new Map<string, Map<string, Set<string>>>();

  function note(scope: string, changes: ScopeChanges) {
    for (const [table, rows] of Object.entries(changes)) {
      let byRow = index.get(table);
      if (!byRow) index.set(table, (byRow = new Map()));
      for (const rowId of Object.keys(rows)) {
        let scopes = byRow.get(rowId);
        if (!scopes) byRow.set(rowId, (scopes = new Set()));
        scopes.add(scope);
      }
    }
  }

  return {
    get: (scope) => stores.get(scope),
    ensure(scope) {
      let store = stores.get(scope);
      if (!store) {
        store = createScopeStore(scope, uniqueId, now);
        stores.set(scope, store);
      }
      return store;
    },
    scopes: () => [...stores.keys()],
    heldIn: (table, rowId) => [...(index.get(table)?.get(rowId) ?? [])],
    note,
    drop(scope) {
      stores.delete(scope);
      for (const byRow of index.values()) for (const scopes of byRow.values()) scopes.delete(scope);
    },
  };
}
