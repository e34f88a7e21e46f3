import type { Repos } from '../repos';
import type { SyncStateRepo } from '../repos/sync/local-state';
import type { RowValues, SyncRowsRepo } from '../repos/sync/rows';
import { fidelityPercent } from '../domain/participation';
import { participationStatus } from '../services/participation-status';
import { instrumentCache } from '../services/instruments';
import { rescoreResponse } from '../services/response-scores';
import type { Stamped } from './changes';
import { columnsOfCell } from './cell-codec';
import { timeOf } from './engine/hlc';
import { parseScope } from './scopes';
import type { StoreSet } from './store-set';
import { keyOfRowId, syncedTableByName, syncedTables, type PartKind, type SyncedTable } from './tables';

export interface ProjectionDeps {
  rows: SyncRowsRepo;
  state: SyncStateRepo;
  stores: StoreSet;
  repos: Repos;
  /**
   * The batch carries only names and contact details (a group's identifying scope): rows already
   * in the tables keep every value their derived columns follow from, so those are not recomputed.
   */
  namesOnly?: boolean;
  /** Told of each row renamed here because another machine made the same code or name. */
  onRename?: (rename: UniqueRename) => void;
}

/** Two rows made with the same unique text on two machines: the one that gave way and its new text. */
export interface UniqueRename {
  table: string;
  column: string;
  keptId: string;
  renamedId: string;
  value: string;
  renamedTo: string;
}

/** Rows changed by a remote batch, per table. */
export type Touched = Map<string, Set<string>>;

interface Composed {
  live: boolean;
  values: RowValues;
  newest: string;
}

const scopeKindOf = (scope: string): PartKind | undefined => {
  const kind = parseScope(scope)?.kind;
  return kind === undefined ? undefined : kind;
};

/** Text columns whose uniqueness two machines can break at once; the later id gives way, the same way everywhere. */
const uniqueText: Record<string, string> = { programmes: 'code', units: 'name', dropout_reasons: 'code' };

/** The name a machine without the group's identifying scope shows for a participant. */
export const pseudonymName = (participantId: string) => `#${participantId.slice(0, 8)}`;

/**
 * A row as the stores hold it now: each cell from whichever holding scope has the latest stamp,
 * decoded into columns. A row is live when every cell of its main part has a value; anything
 * less is a deleted row (possibly touched again by a write that did not know it was deleted).
 */
function compose(t: SyncedTable, rowId: string, stores: StoreSet): Composed {
  const stamps = new Map<string, Stamped>();
  for (const scope of stores.heldIn(t.name, rowId)) {
    const kind = scopeKindOf(scope);
    const row = stores.get(scope)?.row(t.name, rowId);
    if (!row) continue;
    for (const part of t.parts) {
      if (part.kind !== kind && !(part.kind === 'subject')) continue;
      for (const cell of part.cells) {
        const s = row[cell.id];
        if (s && (!stamps.has(cell.id) || s.hlc > stamps.get(cell.id)!.hlc)) stamps.set(cell.id, s);
      }
    }
  }
  const values: RowValues = { ...keyOfRowId(t, rowId) };
  let newest = '';
  let live = true;
  t.parts.forEach((part, i) => {
    for (const cell of part.cells) {
      const s = stamps.get(cell.id);
      if (s?.hlc && s.hlc > newest) newest = s.hlc;
      const decoded = s && s.value !== undefined ? columnsOfCell(cell, s.value) : null;
      if (!decoded) {
        if (i === 0) live = false;
        continue;
      }
      Object.assign(values, decoded);
    }
  });
  if (t.name === 'participants' && values.display_name === undefined) {
    values.display_name = pseudonymName(rowId);
    values.contact = null;
  }
  return { live, values, newest };
}

function fidelityCounts(values: RowValues): { covered: number; total: number } | null {
  try {
    const components = JSON.parse(String(values.components)) as { covered?: unknown }[];
    if (!Array.isArray(components) || !components.length) return null;
    return { covered: components.filter((c) => c?.covered === true).length, total: components.length };
  } catch {
    return null;
  }
}

const constraintCode = (err: unknown): string | null => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') ? code : null;
};

interface Affected {
  groups: Set<string>;
  fidelity: Set<string>;
  courses: Set<string>;
  programmes: Set<string>;
  responses: Set<string>;
}

const noAffected = (): Affected => ({ groups: new Set(), fidelity: new Set(), courses: new Set(), programmes: new Set(), responses: new Set() });

function noteAffectedRow(affected: Affected, t: SyncedTable, rowId: string, values: RowValues, rows: SyncRowsRepo): void {
  const group = (id: unknown) => typeof id === 'string' && affected.groups.add(id);
  switch (t.name) {
    case 'groups':
      group(rowId);
      break;
    case 'sessions':
    case 'participants':
      group(values.group_id);
      break;
    case 'attendance':
      group(rows.groupOfSession(String(values.session_id)));
      break;
    case 'fidelity_records':
      affected.fidelity.add(rowId);
      group(rows.groupOfSession(rowId));
      break;
    case 'programme_rules':
      affected.programmes.add(rowId);
      break;
    case 'courses':
      affected.courses.add(rowId);
      break;
    case 'course_days':
      affected.courses.add(String(values.course_id));
      break;
    case 'outcome_responses':
      affected.responses.add(rowId);
      break;
  }
}

/** Derived columns after a row was written back locally (a deleted row restored from the conflict list). */
export function recomputeAfterRow(table: string, rowId: string, values: RowValues, deps: ProjectionDeps): void {
  const t = syncedTableByName.get(table);
  if (!t) return;
  const affected = noAffected();
  noteAffectedRow(affected, t, rowId, values, deps.rows);
  recompute(affected, deps);
}

/** Columns a restored row needs beyond its synced cells: counts derived from them, the local change time. */
export function derivedForWrite(t: SyncedTable, values: RowValues, updatedAt: string): RowValues | null {
  const out: RowValues = { ...values };
  if (t.name === 'fidelity_records') {
    const counts = fidelityCounts(values);
    if (!counts) return null;
    out.covered_count = counts.covered;
    out.total_count = counts.total;
  }
  if (t.local.includes('updated_at')) out.updated_at = updatedAt;
  return out;
}

/**
 * Writes what changed in the stores into the tables, in one transaction the caller holds (with
 * capture standing still): deletions children-first, then inserts and updates parents-first.
 * A row whose required parent is missing waits (sync_pending) and is written when the parent
 * arrives; an optional reference to a missing row is left empty until then. Derived columns are
 * recomputed here from what arrived, never taken from the wire. Returns the tables it changed.
 */
export function project(touched: Touched, deps: ProjectionDeps): Set<string> {
  const changedTables = new Set<string>();
  const projected: [string, string][] = [];
  const affected = noAffected();

  const composedRows = new Map<string, Map<string, Composed>>();
  for (const t of syncedTables) {
    const ids = touched.get(t.name);
    if (!ids) continue;
    composedRows.set(t.name, new Map([...ids].map((id) => [id, compose(t, id, deps.stores)])));
  }

  const noteAffected = (t: SyncedTable, rowId: string, values: RowValues) => noteAffectedRow(affected, t, rowId, values, deps.rows);

  // Deletions, children first.
  for (const t of [...syncedTables].reverse()) {
    for (const [rowId, c] of composedRows.get(t.name) ?? []) {
      if (c.live) continue;
      const key = keyOfRowId(t, rowId);
      const before = deps.rows.read(t.name, key);
      deps.state.clearPending(t.name, rowId);
      if (!before) continue;
      try {
        deps.rows.delete(t.name, key);
        changedTables.add(t.name);
        noteAffected(t, rowId, before);
      } catch (err) {
        if (!constraintCode(err)) throw err;
        // Rows elsewhere still point at it: it stays until they are gone too.
        deps.state.addPending(t.name, rowId, '!restrict', '');
      }
    }
  }

  // Inserts and updates, parents first; then whatever was waiting on them.
  const queue: [SyncedTable, string, Composed][] = [];
  for (const t of syncedTables) for (const [rowId, c] of composedRows.get(t.name) ?? []) if (c.live) queue.push([t, rowId, c]);
  const seen = new Set<string>();
  while (queue.length) {
    const [t, rowId, c] = queue.shift()!;
    const mark = `${t.name}\u0000${rowId}`;
    if (seen.has(mark)) continue;
    seen.add(mark);
    const known = deps.namesOnly === true && deps.rows.exists(t.name, t.key, Object.values(keyOfRowId(t, rowId)));
    if (!write(t, rowId, c, deps)) continue;
    changedTables.add(t.name);
    projected.push([t.name, rowId]);
    if (!known) noteAffected(t, rowId, c.values);
    for (const waiting of deps.state.waitingOn(t.name, rowId)) {
      const wt = syncedTableByName.get(waiting.tbl);
      if (!wt) continue;
      seen.delete(`${wt.name}\u0000${waiting.rowId}`);
      queue.push([wt, waiting.rowId, compose(wt, waiting.rowId, deps.stores)]);
    }
  }

  recompute(affected, deps);
  return changedTables;
}

/** Writes one live row; false when it has to wait for a parent or breaks a rule it cannot keep. */
function write(t: SyncedTable, rowId: string, c: Composed, deps: ProjectionDeps): boolean {
  const values: RowValues = { ...c.values };
  deps.state.clearPending(t.name, rowId);
  for (const p of t.parents) {
    const fk = p.columns.map((col) => values[col]);
    if (fk.some((v) => v === null || v === undefined)) continue;
    const parent = syncedTableByName.get(p.table)!;
    if (deps.rows.exists(parent.name, parent.key, fk)) continue;
    deps.state.addPending(t.name, rowId, parent.name, fk.join('|'));
    if (p.required) return false;
    for (const col of p.columns) values[col] = null;
  }
  if (t.name === 'fidelity_records') {
    const counts = fidelityCounts(values);
    if (!counts) {
      deps.state.addPending(t.name, rowId, '!invalid', '');
      return false;
    }
    values.covered_count = counts.covered;
    values.total_count = counts.total;
  }
  if (t.local.includes('updated_at')) values.updated_at = new Date(timeOf(c.newest) || Date.now()).toISOString();
  const update = Object.keys(values).filter((col) => !t.key.includes(col));

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      deps.rows.upsert(t.name, values, update);
      return true;
    } catch (err) {
      const code = constraintCode(err);
      if (!code) throw err;
      const column = uniqueText[t.name];
      if (attempt === 0 && code === 'SQLITE_CONSTRAINT_UNIQUE' && column && typeof values[column] === 'string') {
        const holder = deps.rows.holderOf(t.name, column, values[column], rowId);
        if (holder) {
          // The larger id gives way on every machine, so all end with the same table.
          const value = values[column];
          const [keptId, renamedId] = holder > rowId ? [rowId, holder] : [holder, rowId];
          const renamedTo = `${value} (${renamedId.slice(0, 4)})`;
          if (holder > rowId) deps.rows.setColumn(t.name, holder, column, renamedTo);
          else values[column] = renamedTo;
          deps.onRename?.({ table: t.name, column, keptId, renamedId, value, renamedTo });
          continue;
        }
      }
      deps.state.addPending(t.name, rowId, '!constraint', code);
      return false;
    }
  }
  return false;
}

function recompute(affected: Affected, deps: ProjectionDeps): void {
  const { repos, rows } = deps;
  for (const programmeId of affected.programmes) for (const g of rows.groupsOfProgramme(programmeId)) affected.groups.add(g);
  for (const sessionId of affected.fidelity) {
    const f = repos.plans.fidelity(sessionId);
    rows.setFidelityPercent(sessionId, f ? fidelityPercent(f.coveredCount, f.totalCount) : null);
  }
  const status = participationStatus(repos);
  for (const groupId of affected.groups) {
    if (!repos.groups.row(groupId)) continue;
    if (rows.tracksAttendance(groupId)) {
      // With marks the counts follow from them; without, the count is what was typed or last derived
      // where the marks were (the engine's value), the same on every machine.
      for (const s of rows.derivedCountSessions(groupId)) {
        if (rows.hasMarks(s)) repos.attendance.deriveSessionCounts(s);
        else {
          const count = compose(syncedTableByName.get('sessions')!, s, deps.stores).values.participant_count;
          rows.setSessionCounts(s, typeof count === 'number' ? count : null, null);
        }
      }
    }
    status.recomputeGroup(groupId);
  }
  for (const courseId of affected.courses) rows.recomputeCourseDates(courseId);
  // Scores are never taken from the wire: each machine scores the answers with its definition
  // (read and prepared once per batch, not once per answer: a group's first sync brings hundreds).
  const instruments = instrumentCache(repos);
  for (const responseId of affected.responses) rescoreResponse(repos, responseId, instruments);
}
