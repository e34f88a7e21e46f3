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

  it('refuses a file over the size cap before decoding it, and a file that is not a spreadsheet', async () => {
    const tooLarge = await t.fail('imports.preview', { kind: 'staff', fileName: 'stor.csv', content: 'A'.repeat(28 * 1024 * 1024) });
    expect(tooLarge.code).toBe('validation');
    expect(JSON.stringify(tooLarge)).toContain('Filen är större än 20 MB');
    const exe = await t.fail('imports.preview', { kind: 'staff', fileName: 'lista.xlsx', content: base64(new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2])) });
    expect(exe.message.en).toBe('The file is not a spreadsheet. Choose an .xlsx or .csv file.');
  });
});
