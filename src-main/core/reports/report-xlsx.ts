import type { ActivityReport } from '../../contract';
import type { Cell } from '../export/table-def';
import { reportTables } from './report-csv';

/**
 * The report's tables as one workbook, a sheet per table, for those who edit further in Excel.
 * Every text goes in as a string cell, which a spreadsheet shows and never runs, so a unit named
 * "=HYPERLINK(…)" stays that text; numbers go in as numbers, so they can be summed. No cell is
 * ever written as a formula.
 */

type XlsxCell = { type: StringConstructor; value: string } | { type: NumberConstructor; value: number } | null;

const toXlsx = (c: Cell): XlsxCell => (c === null || c === '' ? null : typeof c === 'number' ? { type: Number, value: c } : { type: String, value: c });

export async function reportXlsx(r: ActivityReport): Promise<Buffer> {
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const sheets = Object.entries(reportTables(r)).map(([name, rows]) => ({
    // Excel allows sheet names of at most 31 characters.
    sheet: name.slice(0, 31),
    data: rows.map((row) => row.map(toXlsx)),
  }));
  return writeExcelFile(sheets).toBuffer();
}
