import type { RowValues, SyncRowsRepo } from '../repos/sync/rows';
import type { SyncCellsRepo } from '../repos/sync/cells';
import type { ScopeChanges } from './changes';
import { cellValueOf } from './cell-codec';
import { stampAt } from './engine/hlc';
import { scopeLookups } from './capture';
import { scopesOfRow } from './scopes';
import { seedTimestamp } from './stable-id';
import type { StoreSet } from './store-set';
import { rowIdOf, syncedTables } from './tables';

/** The node every untouched seed row is stamped by, so those rows are identical on every machine. */
const seedNode = 'komet-seed';

export interface SnapshotDeps {
  rows: SyncRowsRepo;
  cells: SyncCellsRepo;
  stores: StoreSet;
  uniqueId: string;
  now: () => number;
}

/**
 * Puts every row of the database into the engine when the installation joins. Each cell is
 * stamped with the time its row last changed (never later than now): what the server already
 * holds in a newer version wins, what only this machine has goes up. Seeded rows nobody edited
 * carry one stamp everywhere, so a fresh installation adopts the server's reference data.
 */
export function takeSnapshot(deps: SnapshotDeps): number {
  const lookups = scopeLookups(deps);
  const byScope = new Map<string, ScopeChanges>();
  const nowMs = deps.now();
  for (const t of syncedTables) {
    for (const row of deps.rows.iterate(t.name)) {
      const rowId = rowIdOf(t, row);
      const changedAt = typeof row.updated_at === 'string' ? row.updated_at : typeof row.created_at === 'string' ? row.created_at : null;
      const ms = changedAt ? Math.min(Date.parse(changedAt) || nowMs, nowMs) : nowMs;
      const hlc = changedAt === seedTimestamp ? stampAt(ms, seedNode) : stampAt(ms, deps.uniqueId);
      scopesOfRow(t, rowId, row, lookups).forEach((scopes, i) => {
        const part = t.parts[i]!;
        for (const scope of scopes) {
          const changes = byScope.get(scope) ?? {};
          byScope.set(scope, changes);
          const cells = ((changes[t.name] ??= {})[rowId] ??= {});
          for (const cell of part.cells) cells[cell.id] = { value: cellValueOf(cell, row as RowValues), hlc };
        }
      });
    }
  }
  let n = 0;
  for (const [scope, changes] of byScope) {
    const won = deps.stores.ensure(scope).merge(changes);
    deps.stores.note(scope, won);
    deps.cells.save(scope, won);
    for (const rows of Object.values(won)) for (const cells of Object.values(rows)) n += Object.keys(cells).length;
  }
  return n;
}
