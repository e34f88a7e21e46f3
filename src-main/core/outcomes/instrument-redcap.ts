import { parse } from 'csv-parse/sync';
import type { Respondent } from '../../contract/enums';
import { INSTRUMENT_FORMAT, type InstrumentDefinition, type InstrumentItem } from '../../contract/schemas/instruments';
import type { FieldIssue } from '../../contract/errors';
import { AppError, type Bilingual } from '../errors';
import { checkInstrumentDefinition, invalid, MAX_DEFINITION_CHARS } from './definition';

/**
 * A REDCap data dictionary (the CSV REDCap exports for a project's instruments) read as a
 * `komet-instrument/1` definition without scales: each radio or dropdown field whose choices are
 * coded with whole numbers is an item, its range the lowest and highest code. Scales, reverse keys
 * and bands are added in the editor afterwards. The dictionary carries no name, respondent or
 * licence, so the caller gives them; the field labels become item texts only when the caller says
 * the licence lets Komet ship them.
 */
export interface RedcapMeta {
  code: string;
  version: string;
  name: { sv: string; en: string };
  respondent: Respondent;
  licence: { holder: string; terms: string };
  /** The field labels go into the definition as item texts. */
  includeTexts: boolean;
}

export interface RedcapSkip {
  variable: string;
  reason: Bilingual;
}

const columns = {
  variable: 'Variable / Field Name',
  type: 'Field Type',
  label: 'Field Label',
  choices: 'Choices, Calculations, OR Slider Labels',
} as const;

/** The columns every REDCap dictionary export begins with; one of them missing means another kind of file. */
const requiredColumns = [columns.variable, 'Form Name', columns.type, columns.label, columns.choices];

const prefixed = ({ sv, en }: Bilingual): Bilingual => ({ sv: `Datalexikonet lästes inte in: ${sv}`, en: `The data dictionary was not read: ${en}` });
const refused = (sv: string, en: string) => new AppError('validation', prefixed({ sv, en }));

/** Whether a file's text looks like a REDCap dictionary rather than a definition file. */
export const isRedcapDictionary = (text: string) => /^\uFEFF?"?Variable \/ Field Name"?[,;]/.test(text);

const headerKey = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** Labels may hold REDCap's HTML and line breaks; an item text is one line of plain text. */
const plainText = (label: string) =>
  label
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .slice(0, 1000);

/** "1, Aldrig | 2, Ibland | 3, Ofta": the codes, or why they are not whole numbers. */
function choiceCodes(choices: string): { codes: number[] } | { reason: Bilingual } {
  const parts = choices
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { reason: { sv: 'fältet har inga svarsalternativ', en: 'the field has no choices' } };
  const codes: number[] = [];
  for (const part of parts) {
    const code = part.split(',')[0]!.trim();
    if (!/^-?\d{1,4}$/.test(code) || Math.abs(Number(code)) > 1000) {
      return {
        reason: {
          sv: `svarskoden "${code.slice(0, 40)}" är inget heltal mellan -1000 och 1000`,
          en: `the choice code "${code.slice(0, 40)}" is not a whole number from -1000 to 1000`,
        },
      };
    }
    codes.push(Number(code));
  }
  return { codes };
}

const skippedType = (type: string): Bilingual => ({
  sv: `fälttypen "${type.slice(0, 40)}" är ingen fråga med kodade svar (bara radio och dropdown blir frågor)`,
  en: `the field type "${type.slice(0, 40)}" is not a question with coded answers (only radio and dropdown become items)`,
});

/** Reads the dictionary; refuses the whole file (nothing is stored) when it is not one or cannot become a definition. */
export function readRedcapDictionary(text: string, meta: RedcapMeta): { definition: InstrumentDefinition; skipped: RedcapSkip[] } {
  if (text.length > MAX_DEFINITION_CHARS) throw refused('filen är större än 1 MB.', 'the file is larger than 1 MB.');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: 100_000 }) as string[][];
  } catch {
    throw refused('filen är ingen läsbar CSV.', 'the file is not readable CSV.');
  }
  const header = (rows[0] ?? []).map(headerKey);
  const indexOf = (name: string) => header.indexOf(headerKey(name));
  const missing = requiredColumns.filter((c) => indexOf(c) < 0);
  if (missing.length) {
    const list = missing.map((c) => `"${c}"`).join(', ');
    throw refused(
      `kolumnerna ${list} saknas. Exportera datalexikonet från REDCap som CSV.`,
      `the columns ${list} are missing. Export the data dictionary from REDCap as CSV.`,
    );
  }
  const [variableAt, typeAt, labelAt, choicesAt] = [columns.variable, columns.type, columns.label, columns.choices].map(indexOf) as [
    number,
    number,
    number,
    number,
  ];
  const items: InstrumentItem[] = [];
  const skipped: RedcapSkip[] = [];
  const seen = new Map<string, number>();
  // Faults are gathered field by field, so one reading names every row to fix.
  const faults: FieldIssue[] = [];
  const itemLines: { line: number; variable: string }[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const variable = (row[variableAt] ?? '').trim();
    if (!variable) {
      faults.push({
        path: `rows.${line}`,
        message: {
          sv: `Rad ${line}: variabelnamnet saknas. Skriv ett namn i kolumnen "${columns.variable}" eller ta bort raden.`,
          en: `Row ${line}: the variable name is missing. Give one in the column "${columns.variable}" or remove the row.`,
        },
      });
      return;
    }
    const earlier = seen.get(variable.toLowerCase());
    if (earlier !== undefined) {
      const name = variable.slice(0, 100);
      faults.push({
        path: `rows.${line}.${name}`,
        message: {
          sv: `Rad ${line}, fältet "${name}": variabelnamnet finns redan på rad ${earlier} (stora och små bokstäver räknas lika). Byt namn på ett av fälten.`,
          en: `Row ${line}, field "${name}": the variable name is already on row ${earlier} (upper and lower case count as the same). Rename one of the fields.`,
        },
      });
      return;
    }
    seen.set(variable.toLowerCase(), line);
    const type = (row[typeAt] ?? '').trim().toLowerCase();
    const shown = variable.slice(0, 100);
    if (type !== 'radio' && type !== 'dropdown') return void skipped.push({ variable: shown, reason: skippedType(type) });
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(variable)) {
      return void skipped.push({
        variable: shown,
        reason: {
          sv: 'variabelnamnet är längre än 40 tecken eller har tecken som en frågekod inte får ha',
          en: 'the variable name is longer than 40 characters or has characters an item code may not have',
        },
      });
    }
    const choices = choiceCodes(row[choicesAt] ?? '');
    if ('reason' in choices) return void skipped.push({ variable: shown, reason: choices.reason });
    const min = Math.min(...choices.codes);
    const max = Math.max(...choices.codes);
    if (min === max) return void skipped.push({ variable: shown, reason: { sv: 'fältet har bara ett svarsalternativ', en: 'the field has only one choice' } });
    const label = plainText(row[labelAt] ?? '');
    items.push({ code: variable, min, max, reverse: false, ...(meta.includeTexts && label ? { text: { sv: label, en: label } } : {}) });
    itemLines.push({ line, variable: shown });
  });
  if (faults.length === 1) throw new AppError('validation', prefixed(faults[0]!.message), faults);
  if (faults.length > 1) {
    throw new AppError(
      'validation',
      prefixed({
        sv: `${faults.length} fält har fel; rätta dem och läs in filen igen.`,
        en: `${faults.length} fields have faults; fix them and read the file again.`,
      }),
      faults.slice(0, 100),
    );
  }
  if (items.length === 0) {
    throw refused('inget fält är en radio- eller dropdownfråga med heltalskoder.', 'no field is a radio or dropdown question with whole-number codes.');
  }
  if (items.length > 500) throw refused('fler än 500 frågor.', 'more than 500 items.');
  const checked = checkInstrumentDefinition({
    format: INSTRUMENT_FORMAT,
    code: meta.code,
    version: meta.version,
    name: meta.name,
    respondent: meta.respondent,
    licence: { holder: meta.licence.holder, terms: meta.licence.terms, itemTextsIncluded: meta.includeTexts },
    items,
    scales: [],
  });
  if (!checked.ok) {
    // A fault in an item is named by the dictionary's row and field, not by the item's place in the definition.
    let named = false;
    const issues = checked.issues.map((issue) => {
      const at = issue.path.match(/^items\.(\d+)(?:\.|$)/);
      const field = at ? itemLines[Number(at[1])] : undefined;
      if (!field) return issue;
      named = true;
      return {
        path: `rows.${field.line}.${field.variable}`,
        message: {
          sv: `Rad ${field.line}, fältet "${field.variable}": ${issue.message.sv}`,
          en: `Row ${field.line}, field "${field.variable}": ${issue.message.en}`,
        },
      };
    });
    if (!named) throw invalid(issues);
    throw new AppError(
      'validation',
      prefixed(issues.length === 1 ? issues[0]!.message : { sv: 'fälten nedan har fel.', en: 'the fields below have faults.' }),
      issues,
    );
  }
  return { definition: checked.value, skipped };
}
