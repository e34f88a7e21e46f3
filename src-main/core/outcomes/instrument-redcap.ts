import { parse } from 'csv-parse/sync';
import type { Respondent } from '../../contract/enums';
import { INSTRUMENT_FORMAT, type InstrumentDefinition, type InstrumentItem } from '../../contract/schemas/instruments';
import { AppError, type Bilingual } from '../errors';
import { MAX_DEFINITION_CHARS, validateInstrumentDefinition } from './definition';

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

const refused = (sv: string, en: string) =>
  new AppError('validation', { sv: `Datalexikonet lästes inte in: ${sv}`, en: `The data dictionary was not read: ${en}` });

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
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const variable = (row[variableAt] ?? '').trim();
    if (!variable) throw refused(`rad ${line} har inget variabelnamn.`, `row ${line} has no variable name.`);
    const earlier = seen.get(variable.toLowerCase());
    if (earlier !== undefined) {
      throw refused(
        `variabeln "${variable.slice(0, 100)}" finns både på rad ${earlier} och rad ${line}.`,
        `the variable "${variable.slice(0, 100)}" is on both row ${earlier} and row ${line}.`,
      );
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
  });
  if (items.length === 0) {
    throw refused('inget fält är en radio- eller dropdownfråga med heltalskoder.', 'no field is a radio or dropdown question with whole-number codes.');
  }
  if (items.length > 500) throw refused('fler än 500 frågor.', 'more than 500 items.');
  const definition = validateInstrumentDefinition({
    format: INSTRUMENT_FORMAT,
    code: meta.code,
    version: meta.version,
    name: meta.name,
    respondent: meta.respondent,
    licence: { holder: meta.licence.holder, terms: meta.licence.terms, itemTextsIncluded: meta.includeTexts },
    items,
    scales: [],
  });
  return { definition, skipped };
}
