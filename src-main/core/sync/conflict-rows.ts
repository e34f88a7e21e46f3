import type { CellWrite, Stamped } from './changes';
import type { DetectedConflict } from './conflicts';
import { clientOf, timeOf } from './engine/hlc';
import type { UniqueRename } from './projection';
import { stableId } from './stable-id';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const iso = (hlc: string) => new Date(timeOf(hlc)).toISOString();

/**
 * The cells of a conflict's row. Its id follows from the cell and the two stamps, so machines
 * that notice the same conflict write the same row; the values are those two writes, who made
 * them (the client id at the end of each stamp, named when the list is shown) and when.
 */
export function conflictRowCells(c: DetectedConflict, detectedAt: string): CellWrite {
  return {
    tbl: c.table,
    row_id: c.rowId,
    cell: c.cell,
    value_a: json(c.a.value),
    hlc_a: c.a.hlc,
    at_a: iso(c.a.hlc),
    who_a: clientOf(c.a.hlc),
    value_b: json(c.b.value),
    hlc_b: c.b.hlc,
    at_b: iso(c.b.hlc),
    who_b: clientOf(c.b.hlc),
    detected_at: detectedAt,
    resolution: JSON.stringify([null, null]),
    created_at: detectedAt,
  };
}

/**
 * The cells of a listed rename: two machines made the same code or name, and the row with the
 * larger id took a suffix everywhere. Side a is the row that kept the text, side b the one that
 * gave way; both sides' values are the text as typed, renamed_to says what b became.
 */
export function renameRowCells(r: UniqueRename, kept: Stamped, renamed: Stamped, detectedAt: string): CellWrite {
  return {
    ...conflictRowCells({ id: renameConflictId(r), table: r.table, rowId: r.renamedId, cell: r.column, a: kept, b: renamed }, detectedAt),
    renamed_to: r.renamedTo,
  };
}

export const renameConflictId = (r: UniqueRename) => stableId('renamed', r.table, r.column, r.keptId, r.renamedId);
