import type { Bilingual } from '../errors';
import type { Programme, Unit } from '../../contract';
import { cellDate, cellText, closest, notADate } from './cell-values';
import type { ColumnMapping } from './mapping';
import type { Cell } from './parse-process';
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

/** A group as lists name it: programme, unit and start date, each found or refused on its own column. */
export interface GroupKeyCells {
  programmeText: string;
  unitText: string;
  startText: string;
  programme: Programme | undefined;
  unit: Unit | undefined;
  startDate: string | null;
}

/** Reads a group's natural key from a row; every part that is missing or unknown becomes an issue. */
export function readGroupKey(
  row: RowReading,
  find: { programme: (written: string) => { programme: Programme } | { issue: Bilingual }; unit: (written: string) => { unit: Unit } | { issue: Bilingual } },
  startField: string,
  missingStart: Bilingual,
): GroupKeyCells {
  const programmeText = cellText(row.cell('programme'));
  const foundProgramme = find.programme(programmeText);
  if ('issue' in foundProgramme) row.addMessage('programme', foundProgramme.issue);
  const unitText = cellText(row.cell('unit'));
  const foundUnit = unitText ? find.unit(unitText) : null;
  if (!foundUnit) row.add('unit', 'ange enheten', 'give the unit');
  else if ('issue' in foundUnit) row.addMessage('unit', foundUnit.issue);
  const startText = cellText(row.cell(startField));
  const startDate = cellDate(row.cell(startField));
  if (!startText) row.addMessage(startField, missingStart);
  else if (!startDate) row.addMessage(startField, notADate(startText));
  return {
    programmeText,
    unitText,
    startText,
    programme: 'programme' in foundProgramme ? foundProgramme.programme : undefined,
    unit: foundUnit && 'unit' in foundUnit ? foundUnit.unit : undefined,
    startDate,
  };
}
