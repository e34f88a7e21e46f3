import type { Bilingual } from '../errors';

/**
 * One description of each exported table drives three outputs that must never disagree: the CSV
 * itself, its Frictionless Table Schema in datapackage.json, and the codebook.
 */

export type Cell = string | number | null;

export interface ColumnDef {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'yearmonth' | 'year';
  required: boolean;
  description: Bilingual;
  enum?: readonly string[];
  /** Codebook explanation of enum values, keyed by value. */
  enumLabels?: Record<string, Bilingual>;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface ForeignKeyDef {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableDef {
  /** Resource name in datapackage.json; the file is `${name}.csv`. */
  name: string;
  title: Bilingual;
  description: Bilingual;
  columns: ColumnDef[];
  /** Values that mean "no value here"; [''] unless the table hides values with "*". */
  missingValues?: readonly string[];
  primaryKey: string[];
  foreignKeys: ForeignKeyDef[];
  /** Rows in column order; re-reading is not required. */
  rows: () => Iterable<Cell[]> | AsyncIterable<Cell[]>;
  /**
   * The same rows as CSV records, one string each ending in CRLF, for a table whose rows repeat
   * long prefixes: each prefix is written once, not once per row. Must give exactly the text the
   * CSV writer makes of rows().
   */
  records?: (delimiter: ',' | ';') => Iterable<string>;
  /**
   * The records of one page of groups (ids in ascending byte order), for a table written page by
   * page: the pages' records in order are exactly those of `records`.
   */
  recordsOfGroups?: (groupIds: readonly string[], delimiter: ',' | ';') => Iterable<string>;
}

/** Booleans as 1/0: R, SPSS, Stata and Excel all read them as numbers without conversion. */
export const flag = (value: boolean): number => (value ? 1 : 0);

export const bi = (sv: string, en: string): Bilingual => ({ sv, en });
