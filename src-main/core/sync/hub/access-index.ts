import type { ScopeChanges } from '../changes';
import { columnsOfCell } from '../cell-codec';
import { parseScope, refScope } from '../scopes';
import type { StoreSet } from '../store-set';
import { keyOfRowId, syncedTableByName } from '../tables';

export interface GroupInfo {
  unitId: string | null;
  supervisorId: string | null;
  leaders: Set<string>;
}

/**
 * What the server needs to know to decide who may see which scope: each group's unit,
 * supervisor and leaders, each staff member's unit, and who has held supervision with a leader.
 * Kept current from the stores as changes are accepted.
 */
export interface AccessIndex {
  group(groupId: string): GroupInfo | undefined;
  staffUnit(staffId: string): string | null | undefined;
  supervisorsOf(leaderId: string): Set<string>;
  groupIds(): string[];
  /** The group a participant or session belongs to, in any scope the server holds; undefined if unknown. */
  ownerGroup(table: 'participants' | 'sessions', id: string): string | undefined;
  /** Re-reads what these changes touched; returns whether anything that decides access changed. */
  update(scope: string, changes: ScopeChanges): boolean;
}

const liveValue = (stores: StoreSet, scope: string, table: string, rowId: string, cellId: string): string | null | undefined => {
  const t = syncedTableByName.get(table);
  const cell = t?.parts.flatMap((p) => p.cells).find((c) => c.id === cellId);
  const stamped = stores.get(scope)?.row(table, rowId)?.[cellId];
  if (!cell || !stamped || stamped.value === undefined) return undefined;
  const cols = columnsOfCell(cell, stamped.value);
  const v = cols?.[cell.columns[0]!];
  return typeof v === 'string' ? v : v === null ? null : undefined;
};

export function createAccessIndex(stores: StoreSet): AccessIndex {
  const groups = new Map<string, GroupInfo>();
  const staff = new Map<string, string | null>();
  const pathwaySupervisors = new Map<string, Set<string>>();
  const owners = { participants: new Map<string, string>(), sessions: new Map<string, string>() };

  function readOwner(groupId: string, table: 'participants' | 'sessions', rowId: string): void {
    const g = liveValue(stores, `group:${groupId}`, table, rowId, 'group_id');
    if (g) owners[table].set(rowId, g);
    else if (owners[table].get(rowId) === groupId) owners[table].delete(rowId);
  }

  function readGroup(groupId: string): boolean {
    const scope = `group:${groupId}`;
    const store = stores.get(scope);
    const before = groups.get(groupId);
    const unitId = liveValue(stores, scope, 'groups', groupId, 'unit_id');
    if (!store || unitId === undefined) {
      groups.delete(groupId);
      return before !== undefined;
    }
    const leaders = new Set<string>();
    for (const rowId of store.rowIds('group_leaders')) {
      // A leader row is live while its one cell has a value; who it is, is in the row id.
      if (liveValue(stores, scope, 'group_leaders', rowId, 'created_at')) leaders.add(keyOfRowId(syncedTableByName.get('group_leaders')!, rowId).staff_id!);
    }
    const next: GroupInfo = { unitId, supervisorId: liveValue(stores, scope, 'groups', groupId, 'supervisor_id') ?? null, leaders };
    groups.set(groupId, next);
    return !before || before.unitId !== next.unitId || before.supervisorId !== next.supervisorId || [...before.leaders].join() !== [...leaders].join();
  }

  function readStaff(staffId: string): boolean {
    const before = staff.get(staffId);
    const name = liveValue(stores, refScope, 'staff', staffId, 'name');
    if (name === undefined) {
      staff.delete(staffId);
      return before !== undefined;
    }
    const unit = liveValue(stores, refScope, 'staff', staffId, 'unit_id') ?? null;
    staff.set(staffId, unit);
    return before !== unit;
  }

  function readPathway(leaderId: string): boolean {
    const scope = `pathway:${leaderId}`;
    const store = stores.get(scope);
    const next = new Set<string>();
    for (const rowId of store?.rowIds('supervision_sessions') ?? []) {
      const s = liveValue(stores, scope, 'supervision_sessions', rowId, 'supervisor_id');
      if (s) next.add(s);
    }
    const before = pathwaySupervisors.get(leaderId);
    pathwaySupervisors.set(leaderId, next);
    return !before || [...before].join() !== [...next].join();
  }

  for (const scope of stores.scopes()) {
    const parsed = parseScope(scope);
    if (parsed?.kind === 'group') {
      readGroup(parsed.id);
      for (const table of ['participants', 'sessions'] as const) for (const rowId of stores.get(scope)?.rowIds(table) ?? []) readOwner(parsed.id, table, rowId);
    }
    if (parsed?.kind === 'pathway') readPathway(parsed.id);
  }
  for (const id of stores.get(refScope)?.rowIds('staff') ?? []) readStaff(id);

  return {
    group: (id) => groups.get(id),
    staffUnit: (id) => staff.get(id),
    supervisorsOf(leaderId) {
      const out = new Set(pathwaySupervisors.get(leaderId) ?? []);
      for (const g of groups.values()) if (g.supervisorId && g.leaders.has(leaderId)) out.add(g.supervisorId);
      return out;
    },
    groupIds: () => [...groups.keys()],
    ownerGroup: (table, id) => owners[table].get(id),
    update(scope, changes) {
      const parsed = parseScope(scope);
      let changed = false;
      // Who owns a participant or a session decides no access, only which rows a group may name.
      if (parsed?.kind === 'group')
        for (const table of ['participants', 'sessions'] as const) for (const id of Object.keys(changes[table] ?? {})) readOwner(parsed.id, table, id);
      if (parsed?.kind === 'group' && (changes.groups || changes.group_leaders)) changed = readGroup(parsed.id) || changed;
      if (parsed?.kind === 'pathway' && changes.supervision_sessions) changed = readPathway(parsed.id) || changed;
      if (parsed?.kind === 'ref' && changes.staff) for (const id of Object.keys(changes.staff)) changed = readStaff(id) || changed;
      return changed;
    },
  };
}
