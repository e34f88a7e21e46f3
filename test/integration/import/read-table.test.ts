import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { importLimits } from '../../../src-main/core/import/limits';
import { readTable } from '../../../src-main/core/import/read-table';
import { xlsxBytes, xlsxParts } from '../../helpers/xlsx-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-import-read-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, bytes: Uint8Array | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

async function refusal(promise: Promise<unknown>): Promise<{ sv: string; en: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).messages;
}

describe('reading CSV', () => {
  it('reads UTF-8 with a BOM and semicolons, as Swedish Excel saves it', async () => {
    const file = write('personal.csv', '\uFEFFNamn;Enhet;E-post\r\nÅsa Öberg;Skärholmen;asa@example.se\r\n"Lind; Per";Kista;\r\n');
    const table = await readTable(file);
    expect(table.format).toBe('csv');
    expect(table.headers).toEqual(['Namn', 'Enhet', 'E-post']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Åsa Öberg', 'Skärholmen', 'asa@example.se'] },
      { rowNumber: 3, cells: ['Lind; Per', 'Kista', ''] },
    ]);
  });

  it('reads commas without a BOM and keeps formula-looking text as text', async () => {
    const file = write('staff.csv', 'name,unit\n=HYPERLINK("x"),Kista\n');
    const table = await readTable(file);
    expect(table.headers).toEqual(['name', 'unit']);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['=HYPERLINK("x")', 'Kista'] }]);
  });

  it('keeps a __proto__ header as an ordinary header', async () => {
    const file = write('proto.csv', '__proto__;constructor\nx;y\n');
    const table = await readTable(file);
    expect(table.headers).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a file that is not UTF-8', async () => {
    const file = write('latin1.csv', Buffer.from([0x4e, 0x61, 0x6d, 0x6e, 0x0a, 0xc5, 0x73, 0x61, 0x0a]));
    expect((await refusal(readTable(file))).en).toBe('The CSV file is not saved as UTF-8. Save it from Excel as "CSV UTF-8 (comma delimited)" and try again.');
  });

  it('refuses an empty file and a file with only a header row', async () => {
    expect((await refusal(readTable(write('empty.csv', '')))).sv).toBe('Filen är tom.');
    expect((await refusal(readTable(write('header.csv', 'Namn;Enhet\n\n')))).sv).toBe('Bladet har inga rader under rubrikraden.');
  });

  it('refuses a file over the size cap without reading it', async () => {
    const file = write('huge.csv', 'a'.repeat(2000));
    const messages = await refusal(readTable(file, { limits: { ...importLimits, maxFileBytes: 1000 } }));
    expect(messages.en).toBe('The file is larger than 0 MB. Split the list into several files.');
  });

  it('refuses the real 20 MB cap', async () => {
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 20 * 1024 * 1024 + 1);
    expect((await refusal(readTable(file))).sv).toBe('Filen är större än 20 MB. Dela upp listan i flera filer.');
  });

  it('refuses more rows than the cap', async () => {
    const file = write('rows.csv', `Namn\n${'x\n'.repeat(6)}`);
    const messages = await refusal(readTable(file, { limits: { ...importLimits, maxRows: 5 } }));
    expect(messages.en).toBe('The sheet has more than 5 rows. Split the list into several files.');
  });

  it('refuses a CSV over the row cap from the quick count, before the parse', async () => {
    const phases: [string, number][] = [];
    const file = write('rows.csv', `Namn\n${'x\n'.repeat(6)}`);
    const messages = await refusal(readTable(file, { limits: { ...importLimits, maxRows: 5 }, onPhase: (p, n) => phases.push([p, n]) }));
    expect(messages.en).toBe('The sheet has more than 5 rows. Split the list into several files.');
    expect(phases).toEqual([['counted', 6]]);
  });

  it('refuses one row over the real cap from the count, and parses a file at it', async () => {
    const phases: [string, number][] = [];
    const over = write('over.csv', `Namn;Enhet\n${'Anna;Bromma\n'.repeat(importLimits.maxRows + 1)}`);
    expect((await refusal(readTable(over, { onPhase: (p, n) => phases.push([p, n]) }))).en).toBe(
      'The sheet has more than 100000 rows. Split the list into several files.',
    );
    expect(phases).toEqual([['counted', importLimits.maxRows + 1]]);
    phases.length = 0;
    const at = await readTable(write('at.csv', `Namn;Enhet\n${'Anna;Bromma\n'.repeat(importLimits.maxRows)}`), { onPhase: (p, n) => phases.push([p, n]) });
    expect(at.rows).toHaveLength(importLimits.maxRows);
    expect(phases).toEqual([
      ['counted', importLimits.maxRows],
      ['parsed', importLimits.maxRows],
    ]);
  });

  it('counts a CSV at the cap no higher than the parse does: quoted line breaks, blank and empty-cell lines, other line ends', async () => {
    const phases: [string, number][] = [];
    const csv = 'Namn;Anteckning\n"Anna";"rad ett\nrad två"\n\n;;\n"";" "\nBo;"sa ""hej""\n\n"\nCilla;x\r\nDan;y\rEva;z\nFia;"a;b"\n';
    const table = await readTable(write('cap.csv', csv), { limits: { ...importLimits, maxRows: 5 }, onPhase: (p, n) => phases.push([p, n]) });
    // The file's line end is its first, \n: the \r before Eva is text in Dan's row.
    expect(table.rows.map((r) => r.cells[0])).toEqual(['Anna', 'Bo', 'Cilla', 'Dan', 'Fia']);
    expect(phases).toEqual([
      ['counted', 5],
      ['parsed', 5],
    ]);
    // A file whose line end is \r\n: a lone \n is text.
    phases.length = 0;
    await readTable(write('crlf.csv', 'Namn;Anteckning\r\nAnna;"a"\r\nBo;b\nc\r\n'), { onPhase: (p, n) => phases.push([p, n]) });
    expect(phases).toEqual([
      ['counted', 2],
      ['parsed', 2],
    ]);
  });

  it('refuses a renamed program', async () => {
    const file = write('list.csv', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(64)]));
    expect((await refusal(readTable(file))).en).toBe('The file is not a spreadsheet. Choose an .xlsx or .csv file.');
  });
});

describe('the row cap in xlsx', () => {
  const numbers = (count: number) => [['Namn'], ...Array.from({ length: count }, (_, i) => [i + 1])];
  /** The workbook with its sheet part rewritten, as another program might write it. */
  const rewritten = (count: number, rewrite: (xml: string) => string) => {
    const parts = xlsxParts([{ name: 'Blad1', rows: numbers(count) }]);
    parts['xl/worksheets/sheet1.xml'] = strToU8(rewrite(new TextDecoder().decode(parts['xl/worksheets/sheet1.xml'] as Uint8Array)));
    return zipSync(parts);
  };
  const lyingDimension = (xml: string) => xml.replace('<sheetData>', '<dimension ref="A1:A2"/><sheetData>');

  it('refuses a sheet over the cap from the quick count, before the parse, whatever its dimension says', async () => {
    const phases: [string, number][] = [];
    const file = write('over.xlsx', rewritten(6, lyingDimension));
    const messages = await refusal(readTable(file, { limits: { ...importLimits, maxRows: 5 }, onPhase: (p, n) => phases.push([p, n]) }));
    expect(messages.en).toBe('The sheet has more than 5 rows. Split the list into several files.');
    expect(phases).toEqual([['counted', 6]]);
  });

  it('still refuses after the parse a sheet whose values the quick count does not see', async () => {
    // Values written <v xml:space="preserve">, which the count does not look for, and a dimension of two rows.
    const phases: [string, number][] = [];
    const file = write(
      'hidden.xlsx',
      rewritten(6, (xml) => lyingDimension(xml).replaceAll('<v>', '<v xml:space="preserve">')),
    );
    const messages = await refusal(readTable(file, { limits: { ...importLimits, maxRows: 5 }, onPhase: (p, n) => phases.push([p, n]) }));
    expect(messages.en).toBe('The sheet has more than 5 rows. Split the list into several files.');
    expect(phases).toEqual([
      ['counted', 0],
      ['parsed', 6],
    ]);
  });

  it('takes a sheet at the cap, its empty and styled rows not counted', async () => {
    const phases: [string, number][] = [];
    const file = write(
      'cap.xlsx',
      rewritten(5, (xml) => xml.replace('</sheetData>', '<row r="7"/><row r="8"><c r="A8" s="1"/></row><row r="9"><c r="A9"><v></v></c></row></sheetData>')),
    );
    const table = await readTable(file, { limits: { ...importLimits, maxRows: 5 }, onPhase: (p, n) => phases.push([p, n]) });
    expect(table.rows).toHaveLength(5);
    expect(phases).toEqual([
      ['counted', 5],
      ['parsed', 5],
    ]);
  });
});

describe('reading xlsx', () => {
  it('reads the first sheet, or the one named, with dates, numbers and formula values', async () => {
    const file = write(
      'grupper.xlsx',
      xlsxBytes([
        {
          name: 'Första',
          rows: [
            ['Namn', 'Start', 'Antal'],
            ['Grupp A', { date: 45356 }, { formula: 'SUM(1,2)', cached: 3 }],
          ],
        },
        { name: 'Andra', rows: [['Name'], [{ formula: 'CONCAT("=1","+1")', cached: '=1+1' }]] },
      ]),
    );
    const first = await readTable(file);
    expect(first.format).toBe('xlsx');
    expect(first.sheets).toEqual(['Första', 'Andra']);
    expect(first.sheet).toBe('Första');
    expect(first.headers).toEqual(['Namn', 'Start', 'Antal']);
    expect(first.rows).toEqual([{ rowNumber: 2, cells: ['Grupp A', new Date('2024-03-05T00:00:00.000Z'), 3] }]);
    const second = await readTable(file, { sheet: 'Andra' });
    expect(second.rows).toEqual([{ rowNumber: 2, cells: ['=1+1'] }]);
  });

  it('parses only the chosen sheet: a damaged other sheet does not stop it, and every sheet is still named', async () => {
    const parts = xlsxParts([
      { name: 'Grupp A & B', rows: [['Namn'], ['Åsa']] },
      { name: "Grupp 'C'", rows: [['Namn'], ['Per']] },
    ]);
    parts['xl/worksheets/sheet2.xml'] = strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>');
    const file = write('grupper.xlsx', zipSync(parts));
    const table = await readTable(file);
    expect(table.sheets).toEqual(['Grupp A & B', "Grupp 'C'"]);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['Åsa'] }]);
    expect((await refusal(readTable(file, { sheet: "Grupp 'C'" }))).en).toBe(
      'The file could not be read as a spreadsheet. Check that it is an .xlsx or .csv file.',
    );
  });

  it("gives a merged cell's value to every row and column it spans below the header row", async () => {
    const file = write(
      'sammanfogad.xlsx',
      xlsxBytes([
        {
          name: 'Deltagare',
          rows: [
            ['Grupp', 'Namn', 'Tillfälle 1', 'Tillfälle 2', null],
            ['Grupp A', 'Åsa', 'x', null, null],
            [null, 'Per', 'sjuk', null, null],
            [null, 'Eva', null, 'x', null],
            ['Grupp B', 'Kim', 'x', 'x', null],
          ],
          // The group merged down over its three parents; "sjuk" over both sessions; a header merged over the empty column.
          merges: ['A2:A4', 'C3:D3', 'D1:E1'],
        },
      ]),
    );
    const table = await readTable(file);
    expect(table.headers).toEqual(['Grupp', 'Namn', 'Tillfälle 1', 'Tillfälle 2']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Grupp A', 'Åsa', 'x', null],
      ['Grupp A', 'Per', 'sjuk', 'sjuk'],
      ['Grupp A', 'Eva', null, 'x'],
      ['Grupp B', 'Kim', 'x', 'x'],
    ]);
  });

  it('refuses merged ranges that overlap, before anything is planned', async () => {
    const rows = [
      ['Namn', 'Enhet'],
      ['Åsa', 'Bromma'],
      [null, null],
      [null, null],
    ];
    const file = write('overlap.xlsx', xlsxBytes([{ name: 'Blad1', rows, merges: ['A2:B4', 'A2:B4', 'A2:B4'] }]));
    expect((await refusal(readTable(file))).sv).toBe(
      'Bladets sammanfogade celler överlappar varandra, så det går inte att avgöra vilket värde som hör till vilken rad. Ta bort sammanfogningen i Excel och försök igen.',
    );
  });

  it('refuses a workbook whose sheet is empty or has only its header row', async () => {
    expect((await refusal(readTable(write('tom.xlsx', xlsxBytes([{ name: 'Blad1', rows: [] }]))))).sv).toBe('Filen är tom.');
    const headerOnly = write(
      'rubriker.xlsx',
      xlsxBytes([
        {
          name: 'Blad1',
          rows: [
            ['Namn', 'Enhet'],
            [null, '  '],
          ],
        },
      ]),
    );
    expect((await refusal(readTable(headerOnly))).en).toBe('The sheet has no rows below the header row.');
  });

  it('refuses a sheet that does not exist, naming those that do', async () => {
    const file = write('one.xlsx', xlsxBytes([{ name: 'Blad1', rows: [['Namn'], ['x']] }]));
    expect((await refusal(readTable(file, { sheet: 'Blad9' }))).sv).toBe('Bladet "Blad9" finns inte. Bladen heter: Blad1.');
  });

  it('refuses a zip bomb by its declared size before unpacking', async () => {
    const parts = xlsxParts([{ name: 'Blad1', rows: [['Namn'], ['x']] }]);
    parts['xl/worksheets/sheet2.xml'] = new Uint8Array(130 * 1024 * 1024);
    const file = write('bomb.xlsx', zipSync(parts, { level: 9 }));
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    expect((await refusal(readTable(file))).en).toBe(
      'The workbook unpacks to more than 120 MB and is not read (it may be a zip bomb). Save it as CSV or split it.',
    );
  });

  it('refuses an archive that declares a huge entry it does not hold', async () => {
    const bytes = xlsxBytes([{ name: 'Blad1', rows: [['Namn'], ['x']] }]);
    // Patch every central directory entry's declared unpacked size to 4 GB - 1.
    const view = Buffer.from(bytes);
    for (let i = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
      view.writeUInt32LE(0xfffffffe, i + 24);
    }
    const file = write('liar.xlsx', view);
    expect((await refusal(readTable(file))).sv).toBe(
      'Arbetsboken packas upp till mer än 120 MB och läses inte (den kan vara en zip-bomb). Spara den som CSV eller dela upp den.',
    );
  });

  it('refuses an archive with too many entries', async () => {
    const parts = xlsxParts([{ name: 'Blad1', rows: [['Namn'], ['x']] }]);
    for (let i = 0; i < 1001; i++) parts[`junk/${i}.xml`] = strToU8('x');
    const file = write('many.xlsx', zipSync(parts));
    expect((await refusal(readTable(file))).en).toBe('The workbook holds more than 1000 parts and is not read (it may be damaged or hostile).');
  });

  it('refuses .ods with the advice to save as xlsx or CSV, by name and by content', async () => {
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') });
    const advice = 'OpenDocument spreadsheets (.ods) cannot be read. Save the file as an Excel workbook (.xlsx) or CSV and try again.';
    expect((await refusal(readTable(write('lista.ods', ods)))).en).toBe(advice);
    expect((await refusal(readTable(write('lista.xlsx', ods)))).en).toBe(advice);
  });

  it('refuses an old .xls file and a zip that is no workbook', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect((await refusal(readTable(write('old.xls', xls)))).sv).toBe(
      'Det gamla Excel-formatet (.xls) kan inte läsas. Spara filen som Excel-arbetsbok (.xlsx) eller CSV och försök igen.',
    );
    const notWorkbook = zipSync({ 'readme.txt': strToU8('hello') });
    expect((await refusal(readTable(write('fake.xlsx', notWorkbook)))).en).toBe('The file is not a spreadsheet. Choose an .xlsx or .csv file.');
  });

  it('refuses a damaged workbook', async () => {
    const bytes = xlsxBytes([{ name: 'Blad1', rows: [['Namn'], ['x']] }]);
    const file = write('cut.xlsx', bytes.subarray(0, bytes.length - 40));
    expect((await refusal(readTable(file))).en).toBe('The workbook is damaged and cannot be read. Open and save it again in Excel.');
  });

  it('stops a parse that runs out of its memory limit', async () => {
    const rows = [['Namn', 'Text'], ...Array.from({ length: 20000 }, (_, i) => [`Person ${i}`, 'x'.repeat(200)])];
    const file = write('heavy.xlsx', xlsxBytes([{ name: 'Blad1', rows }]));
    const messages = await refusal(readTable(file, { limits: { ...importLimits, parserHeapMb: 8 } }));
    expect(messages.en).toBe('Reading the file took too long or too much memory and was stopped. Split the list or save it as CSV.');
  });
});
