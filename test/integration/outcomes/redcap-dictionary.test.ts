import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';

const apps: TestApp[] = [];
const open = () => {
  const t = createTestApp();
  apps.push(t);
  return t;
};
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

const header =
  '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max","Identifier?","Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"';
const row = (variable: string, type: string, label: string, choices = '') => `${variable},trivsel,,${type},"${label}","${choices}",,,,,,,,,,,,`;
const dictionary = [
  header,
  row('record_id', 'text', 'Record ID'),
  row('t1', 'radio', 'Hur ofta <b>trivs</b>\nbarnet?', '0, Aldrig | 1, Ibland | 2, Ofta | 3, Alltid'),
  row('t2', 'dropdown', 'Hur ofta bråkar ni?', '1, Sällan | 2, Ibland | 3, Ofta | 5, Jämt'),
  row('t3', 'checkbox', 'Vilka dagar?', '1, Mån | 2, Tis'),
  row('t4', 'radio', 'Vem fyller i?', 'mor, Mor | far, Far'),
  row('kommentar', 'notes', 'Övrigt'),
].join('\n');
/** The definition as stored, read back from the database. */
const stored = (t: TestApp) =>
  JSON.parse(t.app.db.sqlite.prepare("select definition from instruments where code = 'TRIV-RC'").pluck().get() as string) as {
    items: unknown[];
    scales: unknown[];
  };
const meta = {
  code: 'TRIV-RC',
  version: '1',
  name: { sv: 'Trivsel (REDCap)', en: 'Wellbeing (REDCap)' },
  respondent: 'parent' as const,
  licence: { holder: 'Forskargruppen', terms: 'Fri att använda i verksamheten.' },
  includeTexts: false,
};

describe('a REDCap data dictionary in the instrument library', () => {
  it('becomes a definition without scales: radio and dropdown items with the range of their codes, the rest listed as skipped', async () => {
    const t = open();
    const result = await t.ok('instruments.import', { text: dictionary, redcap: meta });
    expect(result.created).toBe(true);
    expect(result.instrument).toMatchObject({ code: 'TRIV-RC', version: '1', items: 2, scales: [], itemTextsIncluded: false, source: 'imported' });
    expect(result.skipped?.map((s) => [s.variable, s.reason.en])).toEqual([
      ['record_id', 'the field type "text" is not a question with coded answers (only radio and dropdown become items)'],
      ['t3', 'the field type "checkbox" is not a question with coded answers (only radio and dropdown become items)'],
      ['t4', 'the choice code "mor" is not a whole number from -1000 to 1000'],
      ['kommentar', 'the field type "notes" is not a question with coded answers (only radio and dropdown become items)'],
    ]);
    const definition = stored(t);
    expect(definition.items).toEqual([
      { code: 't1', min: 0, max: 3, reverse: false },
      { code: 't2', min: 1, max: 5, reverse: false },
    ]);
    expect(definition.scales).toEqual([]);
  });

  it('takes the labels as item texts, as one line of plain text, only when the licence lets them ship', async () => {
    const t = open();
    const result = await t.ok('instruments.import', { text: dictionary, redcap: { ...meta, includeTexts: true } });
    expect(result.instrument.itemTextsIncluded).toBe(true);
    expect(stored(t).items).toEqual([
      { code: 't1', min: 0, max: 3, reverse: false, text: { sv: 'Hur ofta trivs barnet?', en: 'Hur ofta trivs barnet?' } },
      { code: 't2', min: 1, max: 5, reverse: false, text: { sv: 'Hur ofta bråkar ni?', en: 'Hur ofta bråkar ni?' } },
    ]);
  });

  it('refuses wrong columns, duplicate variables, a dictionary with no usable field, a missing licence and a huge file, writing nothing', async () => {
    const t = open();
    const before = t.snapshot();
    const refusal = async (text: string, redcap: typeof meta | null = meta) =>
      (await t.fail('instruments.import', redcap ? { text, redcap } : { text })).message.en;
    expect(await refusal('"Variable / Field Name",Typ\nt1,radio\n')).toBe(
      'The data dictionary was not read: the columns "Form Name", "Field Type", "Field Label", "Choices, Calculations, OR Slider Labels" are missing. Export the data dictionary from REDCap as CSV.',
    );
    expect(await refusal([header, row('t1', 'radio', 'A', '1, a | 2, b'), row('T1', 'radio', 'B', '1, a | 2, b')].join('\n'))).toBe(
      'The data dictionary was not read: Row 3, field "T1": the variable name is already on row 2 (upper and lower case count as the same). Rename one of the fields.',
    );
    expect(await refusal([header, row('t1', 'radio', 'A', 'a, Ja | b, Nej'), row('t2', 'text', 'B')].join('\n'))).toBe(
      'The data dictionary was not read: no field is a radio or dropdown question with whole-number codes.',
    );
    expect(await refusal(dictionary, null)).toMatch(/^The file is a REDCap data dictionary\. Give the instrument's code/);
    const huge = await t.fail('instruments.import', { text: `${header}\n${'x'.repeat(1_000_001)}`, redcap: meta });
    expect(huge.issues?.map((i) => i.message.en)).toEqual(['The file is larger than 1 MB, so it is neither an instrument definition nor a data dictionary.']);
    expect(t.snapshot()).toBe(before);
  });

  it('names every faulty field with its row and what to fix, in Swedish and English, writing nothing', async () => {
    const t = open();
    const before = t.snapshot();
    const text = [
      header,
      row('t1', 'radio', 'A', '1, a | 2, b'),
      row('', 'radio', 'B', '1, a | 2, b'),
      row('t2', 'radio', 'C', '1, a | 2, b'),
      row('T1', 'radio', 'D', '1, a | 2, b'),
      row('t2', 'dropdown', 'E', '1, a | 2, b'),
    ].join('\n');
    const error = await t.fail('instruments.import', { text, redcap: meta });
    expect(error.code).toBe('validation');
    expect(error.message).toEqual({
      sv: 'Datalexikonet lästes inte in: 3 fält har fel; rätta dem och läs in filen igen.',
      en: 'The data dictionary was not read: 3 fields have faults; fix them and read the file again.',
    });
    expect(error.issues).toEqual([
      {
        path: 'rows.3',
        message: {
          sv: 'Rad 3: variabelnamnet saknas. Skriv ett namn i kolumnen "Variable / Field Name" eller ta bort raden.',
          en: 'Row 3: the variable name is missing. Give one in the column "Variable / Field Name" or remove the row.',
        },
      },
      {
        path: 'rows.5.T1',
        message: {
          sv: 'Rad 5, fältet "T1": variabelnamnet finns redan på rad 2 (stora och små bokstäver räknas lika). Byt namn på ett av fälten.',
          en: 'Row 5, field "T1": the variable name is already on row 2 (upper and lower case count as the same). Rename one of the fields.',
        },
      },
      {
        path: 'rows.6.t2',
        message: {
          sv: 'Rad 6, fältet "t2": variabelnamnet finns redan på rad 4 (stora och små bokstäver räknas lika). Byt namn på ett av fälten.',
          en: 'Row 6, field "t2": the variable name is already on row 4 (upper and lower case count as the same). Rename one of the fields.',
        },
      },
    ]);
    expect(t.snapshot()).toBe(before);
  });
});
