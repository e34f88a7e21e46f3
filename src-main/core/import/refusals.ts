import { AppError } from '../errors';

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Why a file is not read at all; nothing has been written when one of these is thrown. */
export const refuse = {
  empty: () => new AppError('validation', { sv: 'Filen är tom.', en: 'The file is empty.' }),
  tooLarge: (limit: number) =>
    new AppError('validation', {
      sv: `Filen är större än ${mb(limit)} MB. Dela upp listan i flera filer.`,
      en: `The file is larger than ${mb(limit)} MB. Split the list into several files.`,
    }),
  ods: () =>
    new AppError('validation', {
      sv: 'OpenDocument-kalkylblad (.ods) kan inte läsas. Spara filen som Excel-arbetsbok (.xlsx) eller CSV och försök igen.',
      en: 'OpenDocument spreadsheets (.ods) cannot be read. Save the file as an Excel workbook (.xlsx) or CSV and try again.',
    }),
  xls: () =>
    new AppError('validation', {
      sv: 'Det gamla Excel-formatet (.xls) kan inte läsas. Spara filen som Excel-arbetsbok (.xlsx) eller CSV och försök igen.',
      en: 'The old Excel format (.xls) cannot be read. Save the file as an Excel workbook (.xlsx) or CSV and try again.',
    }),
  notSpreadsheet: () =>
    new AppError('validation', {
      sv: 'Filen är inget kalkylblad. Välj en .xlsx- eller .csv-fil.',
      en: 'The file is not a spreadsheet. Choose an .xlsx or .csv file.',
    }),
  notUtf8: () =>
    new AppError('validation', {
      sv: 'CSV-filen är inte sparad som UTF-8. Spara den i Excel som "CSV UTF-8 (kommaavgränsad)" och försök igen.',
      en: 'The CSV file is not saved as UTF-8. Save it from Excel as "CSV UTF-8 (comma delimited)" and try again.',
    }),
  zipTooManyEntries: (limit: number) =>
    new AppError('validation', {
      sv: `Arbetsboken innehåller fler än ${limit} delar och läses inte (den kan vara skadad eller skadlig).`,
      en: `The workbook holds more than ${limit} parts and is not read (it may be damaged or hostile).`,
    }),
  zipTooLarge: (limit: number) =>
    new AppError('validation', {
      sv: `Arbetsboken packas upp till mer än ${mb(limit)} MB och läses inte (den kan vara en zip-bomb). Spara den som CSV eller dela upp den.`,
      en: `The workbook unpacks to more than ${mb(limit)} MB and is not read (it may be a zip bomb). Save it as CSV or split it.`,
    }),
  zipDamaged: () =>
    new AppError('validation', {
      sv: 'Arbetsboken är skadad och kan inte läsas. Öppna och spara den igen i Excel.',
      en: 'The workbook is damaged and cannot be read. Open and save it again in Excel.',
    }),
  sheetMissing: (name: string, sheets: readonly string[]) =>
    new AppError('validation', {
      sv: `Bladet "${name}" finns inte. Bladen heter: ${sheets.join(', ')}.`,
      en: `There is no sheet "${name}". The sheets are: ${sheets.join(', ')}.`,
    }),
  overlappingMerges: () =>
    new AppError('validation', {
      sv: 'Bladets sammanfogade celler överlappar varandra, så det går inte att avgöra vilket värde som hör till vilken rad. Ta bort sammanfogningen i Excel och försök igen.',
      en: "The sheet's merged cells overlap, so which value belongs to which row cannot be told. Unmerge the cells in Excel and try again.",
    }),
  noRows: () =>
    new AppError('validation', {
      sv: 'Bladet har inga rader under rubrikraden.',
      en: 'The sheet has no rows below the header row.',
    }),
  tooManyRows: (limit: number) =>
    new AppError('validation', {
      sv: `Bladet har fler än ${limit} rader. Dela upp listan i flera filer.`,
      en: `The sheet has more than ${limit} rows. Split the list into several files.`,
    }),
  tooManyColumns: (limit: number) =>
    new AppError('validation', {
      sv: `Bladet har fler än ${limit} kolumner.`,
      en: `The sheet has more than ${limit} columns.`,
    }),
  unreadable: () =>
    new AppError('validation', {
      sv: 'Filen kunde inte läsas som kalkylblad. Kontrollera att den är en .xlsx- eller .csv-fil.',
      en: 'The file could not be read as a spreadsheet. Check that it is an .xlsx or .csv file.',
    }),
  tooSlow: () =>
    new AppError('validation', {
      sv: 'Det tog för lång tid eller för mycket minne att läsa filen, så läsningen avbröts. Dela upp listan eller spara den som CSV.',
      en: 'Reading the file took too long or too much memory and was stopped. Split the list or save it as CSV.',
    }),
};
