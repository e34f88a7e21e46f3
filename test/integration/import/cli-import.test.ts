import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/db';
import { runKomet } from '../../helpers/cli';
import { xlsxBytes } from '../../helpers/xlsx-file';

let dir: string;
let db: string;
beforeAll(() => {
  dir = makeTempDir('komet-cli-import-');
  db = path.join(dir, 'komet.db');
  expect(runKomet(['init', '--db', db, '--unencrypted']).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const staffRows = () => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('select name, email from staff order by name').all() as { name: string; email: string | null }[];
  } finally {
    sqlite.close();
  }
};

const auditActors = () => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare("select distinct actor from audit_log where entity = 'staff'").pluck().all();
  } finally {
    sqlite.close();
  }
};

const write = (name: string, content: string | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe('komet import', () => {
  it('dry-runs, refuses a file with bad rows, imports, re-imports without duplicates and undoes', () => {
    const bad = write('bad.csv', '\uFEFFNamn;E-post;Roller\nÅsa Öberg;asa@example.se;gruppledare\nPer Lind;per@;handledare\n');
    const refused = runKomet(['import', bad, '--kind', 'staff', '--db', db]);
    expect(refused.code).toBe(1);
    // One and many agree with their number.
    expect(refused.stdout).toContain('1 ny, 0 fanns redan, 0 upprepade rader, 1 rad med fel. / ');
    expect(refused.stdout).toContain('1 new, 0 already there, 0 repeated rows, 1 row with errors.');
    expect(refused.stdout).toContain('rad 3: E-post: Ange en giltig e-postadress. / row 3: E-post: Enter a valid email address.');
    expect(refused.stdout).toContain('Inget importerades. / Nothing was imported.');
    expect(staffRows()).toEqual([]);

    const good = write('good.csv', '\uFEFFNamn;E-post;Roller\nÅsa Öberg;asa@example.se;gruppledare\nPer Lind;per@example.se;handledare\n');
    const dry = runKomet(['import', good, '--kind', 'staff', '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ committed: false, counts: { new: 2, existing: 0, duplicate: 0, invalid: 0 } });
    expect(staffRows()).toEqual([]);

    const done = runKomet(['import', '--file', good, '--kind', 'staff', '--db', db]);
    expect(done.stderr).toBe('');
    expect(done.stdout).toBe(
      'Importerat: 2 nya, 0 fanns redan, 0 upprepade rader, 0 rader med fel. / Imported: 2 new, 0 already there, 0 repeated rows, 0 rows with errors.\n',
    );
    expect(staffRows()).toEqual([
      { name: 'Per Lind', email: 'per@example.se' },
      { name: 'Åsa Öberg', email: 'asa@example.se' },
    ]);
    // An unencrypted database has no vault user: the log names the person signed in, not the program.
    expect(auditActors()).toEqual([os.userInfo().username]);

    const again = runKomet(['import', good, '--kind', 'staff', '--db', db, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ committed: true, counts: { new: 0, existing: 2 } });
    expect(staffRows()).toHaveLength(2);

    const undone = runKomet(['import', 'undo', '--db', db]);
    expect(undone.stdout).toBe('Den senaste importen är ångrad: 0 poster borttagna. / The last import is undone: 0 records removed.\n');
    expect(staffRows()).toHaveLength(2);
    expect(runKomet(['import', 'undo', '--db', db]).stderr).toBe('komet: Det finns ingen import att ångra. / There is no import to undo.\n');
  });

  it('undoes an import that created people, and uses a mapping file and a named sheet', () => {
    const book = write(
      'lista.xlsx',
      xlsxBytes([
        { name: 'Annat', rows: [['x'], ['y']] },
        {
          name: 'Personal',
          rows: [
            ['Vem', 'Post', 'Funktion'],
            ['Kim Ek', 'kim@example.se', 'handledare'],
          ],
        },
      ]),
    );
    const mapping = write('mapping.json', JSON.stringify({ name: 'Vem', email: 'Post', roles: 'Funktion' }));
    const r = runKomet(['import', book, '--kind', 'staff', '--sheet', 'Personal', '--mapping', mapping, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      sheet: 'Personal',
      sheets: ['Annat', 'Personal'],
      mapping: { name: 'Vem', email: 'Post', roles: 'Funktion' },
      counts: { new: 1 },
    });
    expect(staffRows().map((s) => s.name)).toContain('Kim Ek');
    expect(runKomet(['import', 'undo', '--db', db]).stdout).toBe(
      'Den senaste importen är ångrad: 1 post borttagen. / The last import is undone: 1 record removed.\n',
    );
    expect(staffRows().map((s) => s.name)).not.toContain('Kim Ek');
  });

  it('dry-runs participants with a broken date, naming the row', () => {
    const file = write('deltagare.csv', 'Program;Enhet;Gruppstart;Namn;Relation\nfKomet;Bromma;31/13/2024;Anna Berg;mamma\n');
    const r = runKomet(['import', file, '--kind', 'participants', '--db', db, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "rad 2: Gruppstart: datumet '31/13/2024' är inget datum (skriv till exempel 2024-03-05 eller 5/3/2024) / row 2: Gruppstart: the date '31/13/2024' is not a date (write for example 2024-03-05 or 5/3/2024)",
    );
  });

  it('dry-runs an attendance matrix, naming the row whose group is not in Komet', () => {
    const file = write('närvaro.csv', 'Program;Enhet;Gruppstart;Namn;Tillfälle 1;Tillfälle 2\nfKomet;Bromma;2024-03-05;Anna Berg;x;frånvarande\n');
    const r = runKomet(['import', file, '--kind', 'attendance', '--db', db, '--dry-run', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      kind: string;
      counts: object;
      mapping: object;
      rows: { row: number; issues: { column: string; message: { en: string } }[] }[];
    };
    expect(out).toMatchObject({ kind: 'attendance', counts: { new: 0, existing: 0, duplicate: 0, invalid: 1 } });
    expect(out.mapping).toEqual({ programme: 'Program', unit: 'Enhet', groupStart: 'Gruppstart', name: 'Namn', session: null, state: null });
    expect(out.rows[0]!.issues).toEqual([
      {
        column: 'Gruppstart',
        message: {
          sv: 'det finns ingen grupp i fKomet på Bromma stadsdelsförvaltning som startar 2024-03-05; lägg upp gruppen först',
          en: 'there is no fKomet group at Bromma stadsdelsförvaltning starting 2024-03-05; add the group first',
        },
      },
    ]);
  });

  it('reads a matrix column as the session the mapping file names, over what its header says', () => {
    const file = write('veckor.csv', 'Program;Enhet;Gruppstart;Namn;Vecka 1\nfKomet;Bromma;2024-03-05;Anna Berg;x\n');
    const guessed = runKomet(['import', file, '--kind', 'attendance', '--db', db, '--dry-run']);
    expect(guessed.code).toBe(1);
    expect(guessed.stderr).toMatch(/No column for the sessions was found/);
    const chosen = write('veckor.json', JSON.stringify({ name: 'Namn', sessions: { 'Vecka 1': 1 } }));
    const r = runKomet(['import', file, '--kind', 'attendance', '--mapping', chosen, '--db', db, '--dry-run', '--json']);
    // Past the session columns, the row meets the next rule: its group is not in Komet.
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { rows: { issues: { column: string }[] }[] };
    expect(out.rows[0]!.issues.map((i) => i.column)).toEqual(['Gruppstart']);
    const bad = write('fel.json', JSON.stringify({ sessions: { 'Vecka 1': 'första' } }));
    expect(runKomet(['import', file, '--kind', 'attendance', '--mapping', bad, '--db', db, '--dry-run']).stderr).toMatch(/session numbers \(1–999\) or null/);
    // Only attendance has session columns.
    expect(runKomet(['import', file, '--kind', 'staff', '--mapping', chosen, '--db', db, '--dry-run']).stderr).toMatch(
      /The column mapping must be a JSON object with fields as keys and headers as values/,
    );
  });

  it('refuses hostile and wrong files with one clear line, before touching the database', () => {
    const ods = write('lista.ods', 'PK');
    expect(runKomet(['import', ods, '--kind', 'staff', '--db', db]).stderr).toBe(
      'komet: OpenDocument-kalkylblad (.ods) kan inte läsas. Spara filen som Excel-arbetsbok (.xlsx) eller CSV och försök igen. / OpenDocument spreadsheets (.ods) cannot be read. Save the file as an Excel workbook (.xlsx) or CSV and try again.\n',
    );
    const missingKind = runKomet(['import', ods, '--db', db]);
    expect(missingKind.code).toBe(2);
    expect(missingKind.stderr).toBe(
      'komet: --kind: ange staff, groups, participants eller attendance / --kind: give staff, groups, participants or attendance\n',
    );
    const badMapping = write('bad-mapping.json', '{not json');
    const good = write('ok.csv', 'Namn;Roller\nA;handledare\n');
    expect(runKomet(['import', good, '--kind', 'staff', '--mapping', badMapping, '--db', db]).stderr).toBe(
      `komet: --mapping: ${badMapping} är ingen läsbar JSON-fil / --mapping: ${badMapping} is not a readable JSON file\n`,
    );
  });
});
