import type { SyncStateRepo } from '../repos/sync/local-state';
import type { RowValues, SyncRowsRepo } from '../repos/sync/rows';
import type { SyncCellsRepo } from '../repos/sync/cells';
import { historyCellOf, type CellWrite, type ScopeChanges } from './changes';
import { cellValueOf } from './cell-codec';
import { nextHistory } from './conflicts';
import { scopesOfRow, type ScopeLookups } from './scopes';
import type { StoreSet } from './store-set';
import { keyOfRowId, syncedTableByName, type SyncedTable } from './tables';

export interface CaptureDeps {
  rows: SyncRowsRepo;
  cells: SyncCellsRepo;
  state: SyncStateRepo;
  stores: StoreSet;
  /** Stamps of resolved conflicts on a cell: a choice made in the conflict list has seen both values. */
  resolvedAncestors(table: string, rowId: string, cell: string): string[];
}

interface Pending {
  table: SyncedTable;
  rowId: string;
  /** Columns changed, or null for the whole row. */
  columns: Set<string> | null;
}

const batchSize = 2000;

export function scopeLookups(deps: Pick<CaptureDeps, 'rows' | 'stores'>): ScopeLookups {
  return {
    groupOfParticipant: deps.rows.groupOfParticipant,
    groupOfSession: deps.rows.groupOfSession,
    groupsOfFamily: deps.rows.groupsOfFamily,
    leadersOfSupervision: deps.rows.leadersOfSupervision,
    supervisorOfSupervision: deps.rows.supervisorOfSupervision,
    heldIn: deps.stores.heldIn,
  };
}

/**
 * Hands committed local writes to the engine: reads the outbox, the rows as they are now, and
 * writes the changed cells (with the ancestry each replaced value leaves behind) into the stores
 * of the row's scopes. The caller runs this inside a transaction that also saves the returned
 * cells and clears the outbox, so a crash leaves either both or neither.
 */
export function drainOutbox(deps: CaptureDeps): Map<string, ScopeChanges> {
  const written = new Map<string, ScopeChanges>();
  const lookups = scopeLookups(deps);
  for (;;) {
    const batch = deps.state.outbox(batchSize);
    if (!batch.length) break;
    const pending = new Map<string, Pending>();
    for (const entry of batch) {
      const table = syncedTableByName.get(entry.tbl);
      if (!table) continue;
      const key = `${entry.tbl}\u0000${entry.rowKey}`;
      const cols = entry.cols === null ? null : (JSON.parse(entry.cols) as (string | null)[]).filter((c): c is string => Boolean(c));
      const existing = pending.get(key);
      if (!existing) pending.set(key, { table, rowId: entry.rowKey, columns: cols && new Set(cols) });
      else if (existing.columns && cols) for (const c of cols) existing.columns.add(c);
      else existing.columns = null;
    }
    // Rows shared by scopes follow their children into new scopes (a family into a new group).
    for (const p of [...pending.values()]) for (const extra of companions(p, deps.rows)) if (!pending.has(extra.key)) pending.set(extra.key, extra.pending);
    for (const p of pending.values()) captureRow(p, deps, lookups, written);
    deps.state.clearOutbox(batch.at(-1)!.id);
  }
  for (const [scope, changes] of written) deps.cells.save(scope, changes);
  return written;
}

function companions(p: Pending, rows: SyncRowsRepo): { key: string; pending: Pending }[] {
  const row = (name: string, id: string) => ({ key: `${name}\u0000${id}`, pending: { table: syncedTableByName.get(name)!, rowId: id, columns: null } });
  if (p.table.name === 'participants') {
    const familyId = rows.read('participants', { id: p.rowId })?.family_id;
    return typeof familyId === 'string' ? [row('families', familyId)] : [];
  }
  if (p.table.name === 'supervision_leaders') {
    const supervisionId = p.rowId.split('|')[0]!;
    return [row('supervision_sessions', supervisionId)];
  }
  return [];
}

function captureRow(p: Pending, deps: CaptureDeps, lookups: ScopeLookups, written: Map<string, ScopeChanges>): void {
  const { table, rowId } = p;
  const current = deps.rows.read(table.name, keyOfRowId(table, rowId));
  const record = (scope: string, changes: ScopeChanges) => {
    if (!Object.keys(changes).length) return;
    deps.stores.note(scope, changes);
    const into = written.get(scope) ?? {};
    for (const [t, rows] of Object.entries(changes)) for (const [r, cells] of Object.entries(rows)) Object.assign(((into[t] ??= {})[r] ??= {}), cells);
    written.set(scope, into);
  };

  if (!current) {
    for (const scope of deps.stores.heldIn(table.name, rowId)) {
      const store = deps.stores.get(scope);
      if (!store) continue;
      const stamps = store.row(table.name, rowId) ?? {};
      const tombstone: CellWrite = {};
      for (const [cell, s] of Object.entries(stamps)) {
        if (cell.includes('~') || s.value === undefined) continue;
        tombstone[cell] = undefined;
        // The deletion carries what it replaced, as any write does; never the values.
        tombstone[historyCellOf(cell)] = nextHistory(s, stamps[historyCellOf(cell)]);
      }
      record(
        scope,
        store.write((w) => w.set(table.name, rowId, tombstone)),
      );
    }
    return;
  }

  const partScopes = scopesOfRow(table, rowId, current, lookups);
  table.parts.forEach((part, i) => {
    for (const scope of partScopes[i] ?? []) {
      const store = deps.stores.ensure(scope);
      const stamps = store.row(table.name, rowId);
      const whole = !p.columns || !stamps || Object.values(stamps).every((s) => s.value === undefined);
      const write: CellWrite = {};
      for (const cell of part.cells) {
        if (!whole && !cell.columns.some((c) => p.columns!.has(c))) continue;
        const value = cellValueOf(cell, current as RowValues);
        const before = stamps?.[cell.id];
        if (before && before.value === value) continue;
        write[cell.id] = value;
        if (before?.hlc)
          write[historyCellOf(cell.id)] = nextHistory(before, stamps?.[historyCellOf(cell.id)], deps.resolvedAncestors(table.name, rowId, cell.id));
      }
      if (Object.keys(write).length)
        record(
          scope,
          store.write((w) => w.set(table.name, rowId, write)),
        );
    }
  });
}
