import type { RowStamps, Stamped } from './changes';
import { historyCellOf } from './changes';
import { stableId } from './stable-id';
import { syncedTables } from './tables';

/**
 * Telling a conflict from an update. The engine keeps the later of two writes to a cell; that is
 * right when the later writer had seen the earlier value, and loses work when it had not. So each
 * write carries, in a companion cell, the stamps of the values it replaced (its ancestry): two
 * writes conflict when their values differ and neither is in the other's ancestry.
 */
export const historyDepth = 8;

export const parseHistory = (s: Stamped | undefined): string[] => (typeof s?.value === 'string' && s.value ? s.value.split(',') : []);

/** The ancestry a new write to a cell carries: the stamp it replaces, that stamp's own ancestry, and any extra. */
export function nextHistory(current: Stamped | undefined, currentHistory: Stamped | undefined, extra: readonly string[] = []): string | undefined {
  const chain = [...(current?.hlc ? [current.hlc] : []), ...extra, ...parseHistory(currentHistory)];
  const unique = [...new Set(chain)].slice(0, historyDepth);
  return unique.length ? unique.join(',') : undefined;
}

/** Cells whose concurrent writes are not a person's lost work: keys, creation times, counts recomputed anyway. */
export const quietCells: ReadonlySet<string> = new Set(['created_at', 'participant_count', 'first_date', 'last_date']);

const identifyingCells: ReadonlySet<string> = new Set(
  syncedTables.flatMap((t) => t.parts.filter((p) => p.kind === 'people').flatMap((p) => p.cells.map((c) => `${t.name}.${c.id}`))),
);

export interface DetectedConflict {
  id: string;
  table: string;
  rowId: string;
  cell: string;
  /** The earlier write (by stamp) and the later one, which the engine keeps. */
  a: Stamped;
  b: Stamped;
}

const sameValue = (x: Stamped['value'], y: Stamped['value']) => x === y;

/**
 * Compares a cell's incoming write with the local one, before the engine merges them.
 * @param local the row's current stamps (cell and companion), undefined if the row is new here
 * @param incoming the row's incoming stamps
 */
export function detectConflicts(
  table: string,
  rowId: string,
  local: RowStamps | undefined,
  incoming: RowStamps,
  isQuiet: (cell: string) => boolean = (c) => quietCells.has(c),
): DetectedConflict[] {
  // Two machines noticing the same conflict write the same row; its cells are bookkeeping, not work.
  if (!local || table === 'sync_conflicts') return [];
  const out: DetectedConflict[] = [];
  for (const [cell, theirs] of Object.entries(incoming)) {
    if (cell.includes('~') || isQuiet(cell)) continue;
    const mine = local[cell];
    if (!mine?.hlc || !theirs.hlc || mine.hlc === theirs.hlc) continue;
    if (mine.value === undefined && theirs.value === undefined) continue;
    // An edit against a deletion is listed too: the deletion stands (a row lives only while all its
    // cells do), and the edit would otherwise vanish without a trace. Not for names and contact
    // details: the deletion may be an erasure, and the list must not keep what it erased.
    if ((mine.value === undefined || theirs.value === undefined) && identifyingCells.has(`${table}.${cell}`)) continue;
    if (sameValue(mine.value, theirs.value)) continue;
    const history = historyCellOf(cell);
    if (parseHistory(incoming[history]).includes(mine.hlc)) continue;
    if (parseHistory(local[history]).includes(theirs.hlc)) continue;
    const [a, b] = mine.hlc < theirs.hlc ? [mine, theirs] : [theirs, mine];
    out.push({ id: conflictId(table, rowId, cell, a.hlc, b.hlc), table, rowId, cell, a, b });
  }
  return out;
}

export const conflictId = (table: string, rowId: string, cell: string, hlcA: string, hlcB: string) => stableId('conflict', table, rowId, cell, hlcA, hlcB);
