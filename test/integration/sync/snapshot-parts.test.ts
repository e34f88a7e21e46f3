import { afterEach, describe, expect, it } from 'vitest';
import { addDemoData } from '../../../src-main/core/demo/add-demo';
import { syncCellsRepo } from '../../../src-main/core/repos/sync/cells';
import { syncRowsRepo } from '../../../src-main/core/repos/sync/rows';
import type { ScopeChanges } from '../../../src-main/core/sync/changes';
import { takeSnapshot } from '../../../src-main/core/sync/snapshot';
import { createStoreSet, type StoreSet } from '../../../src-main/core/sync/store-set';
import { createTestApp, type TestApp } from '../../helpers/db';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const nowMs = Date.parse('2025-06-01T12:00:00.000Z');

function city(): TestApp {
  const t = createTestApp();
  cleanups.push(() => t.close());
  addDemoData(t.app.db, { scale: 0.15, seed: 5, today: '2025-06-01' });
  return t;
}

/** A store set whose stores report how many cells each merge was handed. */
function measured(sizes: number[]): StoreSet {
  const stores = createStoreSet('admin', () => nowMs);
  const ensure = stores.ensure;
  const wrapped = new WeakSet<object>();
  stores.ensure = (scope) => {
    const store = ensure(scope);
    if (!wrapped.has(store)) {
      wrapped.add(store);
      const merge = store.merge.bind(store);
      (store as { merge: typeof store.merge }).merge = (changes: ScopeChanges) => {
        let n = 0;
        for (const rows of Object.values(changes)) for (const cells of Object.values(rows)) n += Object.keys(cells).length;
        sizes.push(n);
        return merge(changes);
      };
    }
    return store;
  };
  return stores;
}

describe('joining with a whole city in the database', () => {
  it('hands the rows to the engine in parts of bounded size, and the parts make the same stores and saved cells as the whole', () => {
    const part = 300;
    const a = city();
    const sizes: number[] = [];
    const stores = measured(sizes);
    const cells = syncCellsRepo(a.app.db.sqlite);
    const n = a.app.db.sqlite.transaction(() =>
      takeSnapshot({ rows: syncRowsRepo(a.app.db.sqlite), cells, stores, uniqueId: 'admin', now: () => nowMs, partCells: part }),
    )();

    // The same database read in one piece, into stores of its own; its saved cells kept aside.
    const b = city();
    const whole = createStoreSet('admin', () => nowMs);
    let expected = 0;
    const wholeCells = {
      ...syncCellsRepo(b.app.db.sqlite),
      save: (_scope: string, changes: ScopeChanges) => {
        for (const rows of Object.values(changes)) for (const c of Object.values(rows)) expected += Object.keys(c).length;
      },
    };
    b.app.db.sqlite.transaction(() =>
      takeSnapshot({ rows: syncRowsRepo(b.app.db.sqlite), cells: wholeCells, stores: whole, uniqueId: 'admin', now: () => nowMs, partCells: Infinity }),
    )();

    // Bounded: a part closes after the row that reaches the size, so one row's cells may go over it.
    expect(sizes.length).toBeGreaterThan(whole.scopes().length);
    expect(Math.max(...sizes)).toBeLessThan(part + 100);

    expect(stores.scopes().sort()).toEqual(whole.scopes().sort());
    for (const scope of whole.scopes()) expect(stores.get(scope)!.hashes(), scope).toEqual(whole.get(scope)!.hashes());
    for (const scope of whole.scopes()) expect(stores.get(scope)!.content(), scope).toEqual(whole.get(scope)!.content());
    // Every cell saved once, the same as the whole would save.
    expect(cells.count()).toBe(expected);
    expect(n).toBe(expected);
    for (const scope of whole.scopes()) expect(cells.load(scope), scope).toEqual(whole.get(scope)!.content());
  });
});
