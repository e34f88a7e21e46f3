import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';
import { xlsxBytes } from '../../helpers/xlsx-file';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const base64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

describe('import procedures', () => {
  it('previews a chosen file, takes an adjusted mapping, commits, reports the last import and undoes it', async () => {
    const file = base64(
      xlsxBytes([
        {
          name: 'Personal',
          rows: [
            ['Medarbetare', 'Kontakt', 'Roller'],
            ['Åsa Öberg', 'asa@example.se', 'gruppledare'],
          ],
        },
      ]),
    );
    const guessed = await t.ok('imports.preview', { kind: 'staff', fileName: 'personal.xlsx', content: file });
    expect(guessed).toMatchObject({ sheet: 'Personal', sheets: ['Personal'], headers: ['Medarbetare', 'Kontakt', 'Roller'] });
    expect(guessed.mapping).toMatchObject({ name: 'Medarbetare', email: null, roles: 'Roller' });
    expect(guessed.fields.find((f) => f.field === 'name')).toEqual({ field: 'name', required: true });

    const mapping = { email: 'Kontakt' };
    const preview = await t.ok('imports.preview', { kind: 'staff', fileName: 'personal.xlsx', content: file, mapping });
    expect(preview.mapping).toMatchObject({ email: 'Kontakt' });
    expect(preview.rows).toEqual([{ row: 2, status: 'new', label: 'Åsa Öberg', issues: [] }]);
    expect(t.rowCount('staff')).toBe(0);

    const committed = await t.ok('imports.commit', { kind: 'staff', fileName: 'personal.xlsx', content: file, mapping });
    expect(committed.counts).toEqual({ new: 1, existing: 0, duplicate: 0, invalid: 0 });
    const staff = await t.ok('staff.list', { includeArchived: true });
    expect(staff.map((s) => [s.name, s.email])).toEqual([['Åsa Öberg', 'asa@example.se']]);
    expect(await t.ok('imports.last', {})).toMatchObject({ id: committed.importId, kind: 'staff', count: 1 });

    expect(await t.ok('imports.undo', {})).toEqual({ kind: 'staff', removed: 1 });
    expect(await t.ok('imports.last', {})).toBeNull();
    expect(t.rowCount('staff')).toBe(0);
  });

  it('lets the user choose a column the guess missed, and offers the columns of the last import for the next file', async () => {
    const file = base64('Person;Kontakt;Roller\nÅsa Öberg;asa@example.se;gruppledare\n');
    const first = await t.ok('imports.preview', { kind: 'staff', fileName: 'personal.csv', content: file });
    // No header says "name": the columns are shown for the user to choose, and no row is planned yet.
    expect(first).toMatchObject({ complete: false, rowCount: 1, rows: [], counts: { new: 0, existing: 0, duplicate: 0, invalid: 0 } });
    expect(first.mapping).toMatchObject({ name: null, email: null, roles: 'Roller' });
    const refused = await t.fail('imports.preview', { kind: 'staff', fileName: 'personal.csv', content: file, mapping: {} });
    expect(refused.message.en).toBe('No column was found for "Name". Give it in the mapping.');

    const mapping = { name: 'Person', email: 'Kontakt' };
    const committed = await t.ok('imports.commit', { kind: 'staff', fileName: 'personal.csv', content: file, mapping });
    expect(committed.counts.new).toBe(1);

    const next = base64('Person;Kontakt;Roller\nPer Lind;per@example.se;handledare\n');
    const again = await t.ok('imports.preview', { kind: 'staff', fileName: 'fler.csv', content: next });
    expect(again).toMatchObject({ complete: true, counts: { new: 1, existing: 0, duplicate: 0, invalid: 0 } });
    expect(again.mapping).toMatchObject({ name: 'Person', email: 'Kontakt', roles: 'Roller' });
    // A file without the saved columns falls back on the guess.
    const other = await t.ok('imports.preview', {
      kind: 'staff',
      fileName: 'andra.csv',
      content: base64('Namn;E-post;Roller\nEva Ek;eva@example.se;handledare\n'),
    });
    expect(other.mapping).toMatchObject({ name: 'Namn', email: 'E-post' });
  });

  it('starts from the guess when the saved mapping is damaged, and leaves it to be replaced by the next commit', async () => {
    const file = base64('Person;Kontakt;Roller\nÅsa Öberg;asa@example.se;gruppledare\n');
    const damaged = ['{"name":"Person",', '"Person"', '["Person"]', '{"name":"Person","email":7}', 'null'];
    for (const value of damaged) {
      t.app.db.sqlite
        .prepare("insert or replace into settings (key, value, updated_at) values ('import.mapping.staff', ?, '2025-03-12T10:00:00.000Z')")
        .run(value);
      const preview = await t.ok('imports.preview', { kind: 'staff', fileName: 'personal.csv', content: file });
      // Nothing from the damaged value is used: "Person" is not a header the guess knows.
      expect(preview.mapping, value).toMatchObject({ name: null, email: null, roles: 'Roller' });
      expect(preview.complete).toBe(false);
    }
    const mapping = { name: 'Person', email: 'Kontakt' };
    await t.ok('imports.commit', { kind: 'staff', fileName: 'personal.csv', content: file, mapping });
    const next = await t.ok('imports.preview', {
      kind: 'staff',
      fileName: 'fler.csv',
      content: base64('Person;Kontakt;Roller\nPer Lind;per@example.se;handledare\n'),
    });
    expect(next.mapping).toMatchObject({ name: 'Person', email: 'Kontakt', roles: 'Roller' });
  });

  it('answers no last import and refuses the undo with a clear message when the record of the last import is damaged', async () => {
    const file = base64('Namn;E-post;Roller\nÅsa Öberg;asa@example.se;gruppledare\n');
    await t.ok('imports.commit', { kind: 'staff', fileName: 'personal.csv', content: file, mapping: {} });
    for (const value of [
      '{"id":"x","kind":"staff",',
      '{"id":"x","kind":"weather","at":"","created":[]}',
      '{"id":"x","kind":"staff","at":"","created":[7]}',
      '[]',
    ]) {
      t.app.db.sqlite.prepare("update settings set value = ? where key = 'import.last'").run(value);
      expect(await t.ok('imports.last', {}), value).toBeNull();
      const before = t.snapshot();
      const refused = await t.fail('imports.undo', {});
      expect(refused.message, value).toEqual({
        sv: 'Uppgiften om vad den senaste importen lade till är skadad, så importen kan inte ångras. Inget togs bort; ta bort posterna för hand vid behov.',
        en: 'The record of what the last import added is damaged, so the import cannot be undone. Nothing was removed; remove the records by hand if needed.',
      });
      expect(t.snapshot()).toBe(before);
    }
    expect(t.rowCount('staff')).toBe(1);
  });

  it('refuses a file over the size cap before decoding it, and a file that is not a spreadsheet', async () => {
    const tooLarge = await t.fail('imports.preview', { kind: 'staff', fileName: 'stor.csv', content: 'A'.repeat(28 * 1024 * 1024) });
    expect(tooLarge.code).toBe('validation');
    expect(JSON.stringify(tooLarge)).toContain('Filen är större än 20 MB');
    const exe = await t.fail('imports.preview', { kind: 'staff', fileName: 'lista.xlsx', content: base64(new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2])) });
    expect(exe.message.en).toBe('The file is not a spreadsheet. Choose an .xlsx or .csv file.');
  });
});
