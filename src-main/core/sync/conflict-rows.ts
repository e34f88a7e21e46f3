import type { CellWrite } from './changes';
import type { DetectedConflict } from './conflicts';
import { clientOf, timeOf } from './engine/hlc';

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
