import type { Bilingual } from '../errors';
import type { Programme } from '../../contract';
import { closest } from './cell-values';
import type { ColumnMapping } from './mapping';
import type { Cell } from './parse-worker';
import type { RowIssue } from './plan-types';
import type { ImportTable } from './read-table';

/** Names compared as people write them: case and runs of spaces do not matter. */
export const nameKey = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** One row as a plan reads it: cells by field, and the issues found so far, each under its column's header. */
export interface RowReading {
  cell: (field: string) => Cell | undefined;
  issues: RowIssue[];
  /** An issue in the column mapped to `field`. */
  add: (field: string, sv: string, en: string) => void;
  addMessage: (field: string, message: Bilingual) => void;
}

/** Reads a table's rows through the mapping, so every plan names columns the way the file does. */
export function rowReader(table: ImportTable, mapping: ColumnMapping) {
  const header = (field: string) => {
    const i = mapping.get(field);
    return i === undefined ? null : (table.headers[i] ?? null);
  };
  const read = (cells: readonly Cell[]): RowReading => {
    const issues: RowIssue[] = [];
    const addMessage = (field: string, message: Bilingual) => issues.push({ column: header(field), message });
    return {
      cell: (field) => {
        const i = mapping.get(field);
        return i === undefined ? undefined : cells[i];
      },
      issues,
      add: (field, sv, en) => addMessage(field, { sv, en }),
      addMessage,
    };
  };
  return { header, read };
}

/**
 * Finds a programme by its code or its name. With `activeOnly` an archived programme is refused
 * and only active ones are suggested (a new group); without it any programme is found (people
 * joining a group that already exists).
 */
export function programmeLookup(programmes: readonly Programme[], activeOnly: boolean) {
  const byName = new Map<string, Programme>();
  for (const p of programmes) {
    byName.set(p.code.toLowerCase(), p);
    byName.set(nameKey(p.name), p);
  }
  const suggestions = programmes.filter((p) => !activeOnly || p.active).map((p) => p.code);
  return (written: string): { programme: Programme } | { issue: Bilingual } => {
    if (!written) return { issue: { sv: 'ange programmet', en: 'give the programme' } };
    const programme = byName.get(written.toLowerCase()) ?? byName.get(nameKey(written));
    if (!programme) {
      const near = closest(written, suggestions);
      return {
        issue: {
          sv: `programmet '${written}' finns inte${near ? `; menade du '${near}'?` : ''}`,
          en: `there is no programme '${written}'${near ? `; did you mean '${near}'?` : ''}`,
        },
      };
    }
    if (activeOnly && !programme.active) return { issue: { sv: `programmet '${written}' är arkiverat`, en: `the programme '${written}' is archived` } };
    return { programme };
  };
}
