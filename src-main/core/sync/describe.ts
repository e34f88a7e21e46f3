import type { ConflictSide } from '../../contract/enums';
import type { ConflictRow } from '../repos/sync/conflicts';
import type { SyncRowsRepo } from '../repos/sync/rows';
import { keyOfRowId, syncedTableByName } from './tables';

/** One side: the value (null for an empty field), or a deletion of the row; who wrote it and when. */
export interface ConflictSideView {
  value: string | null;
  deleted: boolean;
  who: string;
  at: string;
}

/**
 * A conflict as the conflict list shows it: the row in words and both values readable. Grouped
 * cells (consent with its date, a status with its reason) read as their parts joined.
 */
export interface ConflictView {
  id: string;
  entity: string;
  field: string;
  subject: string;
  a: ConflictSideView;
  b: ConflictSideView;
  current: ConflictSide;
  renamedTo: string | null;
  detectedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

function readable(table: string, cell: string, raw: string | null): string | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return raw;
  }
  const def = syncedTableByName
    .get(table)
    ?.parts.flatMap((p) => p.cells)
    .find((c) => c.id === cell);
  if (def && def.columns.length > 1 && typeof value === 'string') {
    try {
      const parts = JSON.parse(value) as unknown[];
      return (
        parts
          .filter((p) => p !== null && p !== '')
          .map(String)
          .join(', ') || null
      );
    } catch {
      return value;
    }
  }
  return value === null ? null : String(value);
}

export function describeConflict(c: ConflictRow, rows: SyncRowsRepo, whoIs: (clientId: string) => string): ConflictView {
  const table = syncedTableByName.get(c.tbl);
  const row = table ? rows.read(c.tbl, keyOfRowId(table, c.rowId)) : undefined;
  const groupWords = (groupId: unknown) => {
    const g = typeof groupId === 'string' ? rows.read('groups', { id: groupId }) : undefined;
    const p = g ? rows.read('programmes', { id: String(g.programme_id) }) : undefined;
    return g ? `${p?.code ?? ''} ${g.start_date}`.trim() : '';
  };
  let subject = `${c.rowId.slice(0, 8)}`;
  if (row) {
    switch (c.tbl) {
      case 'participants':
        subject = String(row.display_name);
        break;
      case 'groups':
        subject = groupWords(row.id);
        break;
      case 'sessions':
        subject = `${groupWords(row.group_id)} #${row.number}`;
        break;
      case 'fidelity_records': {
        const s = rows.read('sessions', { id: c.rowId });
        subject = s ? `${groupWords(s.group_id)} #${s.number}` : subject;
        break;
      }
      default:
        subject = String(row.name ?? row.title ?? row.text ?? row.code ?? subject);
    }
  }
  return {
    id: c.id,
    entity: c.tbl,
    field: c.cell,
    subject,
    a: { value: readable(c.tbl, c.cell, c.valueA), deleted: c.valueA === null, who: whoIs(c.whoA), at: c.atA },
    b: { value: readable(c.tbl, c.cell, c.valueB), deleted: c.valueB === null, who: whoIs(c.whoB), at: c.atB },
    // The engine keeps the later write, except that a deletion stands against any edit.
    current: c.valueA === null ? 'a' : 'b',
    renamedTo: c.renamedTo,
    detectedAt: c.detectedAt,
    resolvedAt: c.resolvedAt,
    resolvedBy: c.resolvedBy,
  };
}
