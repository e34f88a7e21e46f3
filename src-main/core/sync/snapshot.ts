import type { RowValues, SyncRowsRepo } from '../repos/sync/rows';
import type { SyncCellsRepo } from '../repos/sync/cells';
import type { RowStamps, ScopeChanges } from './changes';
import { cellValueOf } from './cell-codec';
import { stampAt } from './engine/hlc';
import { scopeLookups } from './capture';
import { scopesOfRow } from './scopes';
import { seedTimestamp } from './stable-id';
import type { StoreSet } from './store-set';
import { rowIdOf, syncedTables } from './tables';

/** The node every untouched seed row is stamped by, so those rows are identical on every machine. */
const seedNode = 'komet-seed';

/** Cells read before they are handed to the engine (a few megabytes of change objects). */
const snapshotPartCells = 20_000;

export interface SnapshotDeps {
  rows: SyncRowsRepo;
  cells: SyncCellsRepo;
  stores: StoreSet;
  uniqueId: string;
  now: () => number;
  /** Cells read before they are handed to the engine; tests make it small. */
  partCells?: number;
}

const holdsValues = (stamps: RowStamps | undefined): stamps is RowStamps => Boolean(stamps && Object.values(stamps).some((s) => s.value !== undefined));

/**
 * Puts every row of the database into the engine when the installation joins. Each cell is
 * stamped with the time its row last changed (never later than now): what the server already
 * holds in a newer version wins, what only this machine has goes up. Seeded rows nobody edited
 * carry one stamp everywhere, so a fresh installation adopts the server's reference data.
 *
 * An installation that joins again (after leaving) still holds what it synced before: of the rows
 * the engine holds, only the cells changed since go in, as a local write would put them. Stamped
 * anew, every unchanged row would go up as this machine's change, and the server would refuse
 * those it may not change (reference data on a leader's laptop) or not hold (another leader's
 * supervision meetings it shares a scope with).
 */
export function takeSnapshot(deps: SnapshotDeps): number {
  const lookups = scopeLookups(deps);
  let byScope = new Map<string, ScopeChanges>();
  let pending = 0;
  let n = 0;
  const nowMs = deps.now();
  /** Merged but not yet saved: the table being read keeps the database busy until it is read through. */
  const unsaved: [string, ScopeChanges][] = [];
  /**
   * Hands what has been read so far to the engine. Done in parts, not once at the end: an
   * administrator's database holds the whole city, and all of it as change objects at once needs
   * several times the memory the engine's stores do. Each row is read once, so no row is split
   * between two parts, and merging is per cell, so parts give the same stores as one whole.
   */
  const flush = () => {
    for (const [scope, changes] of byScope) {
      const won = deps.stores.ensure(scope).merge(changes);
      deps.stores.note(scope, won);
      unsaved.push([scope, won]);
      for (const rows of Object.values(won)) for (const cells of Object.values(rows)) n += Object.keys(cells).length;
    }
    byScope = new Map();
    pending = 0;
  };
  const save = () => {
    for (const [scope, won] of unsaved) deps.cells.save(scope, won);
    unsaved.length = 0;
  };
  for (const t of syncedTables) {
    for (const row of deps.rows.iterate(t.name)) {
      const rowId = rowIdOf(t, row);
      const changedAt = typeof row.updated_at === 'string' ? row.updated_at : typeof row.created_at === 'string' ? row.created_at : null;
      const ms = changedAt ? Math.min(Date.parse(changedAt) || nowMs, nowMs) : nowMs;
      const hlc = changedAt === seedTimestamp ? stampAt(ms, seedNode) : stampAt(ms, deps.uniqueId);
      const held = deps.stores
        .heldIn(t.name, rowId)
        .map((scope) => deps.stores.get(scope)?.row(t.name, rowId))
        .filter(holdsValues);
      scopesOfRow(t, rowId, row, lookups).forEach((scopes, i) => {
        const part = t.parts[i]!;
        const values = part.cells.map((cell) => cellValueOf(cell, row as RowValues));
        for (const scope of scopes) {
          const here = deps.stores.get(scope)?.row(t.name, rowId);
          let changed = part.cells.map((_, c) => c);
          // Held in this scope: the cells that differ. Held only elsewhere (a scope the server gave
          // it another way): nothing if it is unchanged there, else the whole row, as a capture would.
          if (holdsValues(here)) changed = changed.filter((c) => here[part.cells[c]!.id]?.value !== values[c]);
          else if (held.some((stamps) => part.cells.every((cell, c) => stamps[cell.id] !== undefined && stamps[cell.id]!.value === values[c]))) changed = [];
          if (!changed.length) continue;
          const changes = byScope.get(scope) ?? {};
          byScope.set(scope, changes);
          const cells = ((changes[t.name] ??= {})[rowId] ??= {});
          for (const c of changed) cells[part.cells[c]!.id] = { value: values[c]!, hlc };
          pending += changed.length;
        }
      });
      if (pending >= (deps.partCells ?? snapshotPartCells)) flush();
    }
    flush();
    save();
  }
  return n;
}
