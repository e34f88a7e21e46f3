import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { AppError } from '../../../src-main/core/errors';
import { adjustMapping, describeMapping, guessMapping } from '../../../src-main/core/import/mapping';
import { readTable } from '../../../src-main/core/import/read-table';
import { createServices } from '../../../src-main/core/services';
import type { AuditEntry } from '../../../src-main/core/audit';
import { createTestApp, testNow, type TestApp } from '../../helpers/db';
import { xlsxBytes } from '../../helpers/xlsx-file';

let t: TestApp;
let audit: AuditEntry[];
let services: ReturnType<typeof createServices>;
beforeEach(() => {
  t = createTestApp();
  audit = [];
  services = createServices(t.app.db, { clock: fixedClock(testNow), audit: { record: (e) => audit.push(e) } });
});
afterEach(() => t.close());

async function tableOf(name: string, content: string | Uint8Array) {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  const table = await readTable(file);
  return { table, mapping: adjustMapping('staff', table.headers, guessMapping('staff', table.headers), {}) };
}

const staffNames = () =>
  services.staff
    .list({ includeArchived: true })
    .map((s) => `${s.name}|${s.unitName ?? ''}|${s.email ?? ''}|${s.isLeader ? 'L' : ''}${s.isSupervisor ? 'S' : ''}`)
    .sort();

const swedishCsv =
  '\uFEFFNamn;Enhet;E-post;Roller\r\n' +
  'Åsa Öberg;Bromma;asa@example.se;gruppledare\r\n' +
  '  Per   Lind ;Skärholmen stadsdelsförvaltning;;Gruppledare, handledare\r\n' +
  'Eva Holm;;eva@example.se;handledare\r\n';

describe('importing staff', () => {
  it('guesses the columns from Swedish and English headers', async () => {
    const { table, mapping } = await tableOf('sv.csv', swedishCsv);
    expect(describeMapping('staff', table.headers, mapping)).toEqual({
      name: 'Namn',
      unit: 'Enhet',
      email: 'E-post',
      phone: null,
      roles: 'Roller',
      leader: null,
      supervisor: null,
    });
    const en = await tableOf('en.csv', 'Full name,E-mail,Phone,Group leader,Supervisor\nA B,a@b.se,08-123 45,yes,\n');
    expect(describeMapping('staff', en.table.headers, en.mapping)).toEqual({
      name: 'Full name',
      unit: null,
      email: 'E-mail',
      phone: 'Phone',
      roles: null,
      leader: 'Group leader',
      supervisor: 'Supervisor',
    });
  });

  it('previews without writing, commits in one go, and a second import of the same file adds nothing', async () => {
    const { table, mapping } = await tableOf('personal.csv', swedishCsv);
    const before = t.snapshot();
    const preview = services.imports.preview('staff', table, mapping);
    expect(preview.counts).toEqual({ new: 3, existing: 0, duplicate: 0, invalid: 0 });
    expect(t.snapshot()).toBe(before);

    const { plan } = services.imports.commit('staff', table, mapping);
    expect(plan.counts).toEqual({ new: 3, existing: 0, duplicate: 0, invalid: 0 });
    expect(staffNames()).toEqual([
      'Eva Holm||eva@example.se|S',
      'Per Lind|Skärholmen stadsdelsförvaltning||LS',
      'Åsa Öberg|Bromma stadsdelsförvaltning|asa@example.se|L',
    ]);
    expect(audit.filter((e) => e.entity === 'staff').map((e) => e.action)).toEqual(['create', 'create', 'create']);
    expect(audit.at(-1)).toMatchObject({ action: 'import', entity: 'import', fields: ['staff'] });

    const again = services.imports.commit('staff', table, mapping);
    expect(again.plan.counts).toEqual({ new: 0, existing: 3, duplicate: 0, invalid: 0 });
    expect(staffNames()).toHaveLength(3);
  });

  it('matches existing staff by e-mail, or by name and unit, and marks repeated rows', async () => {
    const { table, mapping } = await tableOf(
      'match.csv',
      'Namn;Enhet;E-post;Roller\n' +
        'Åsa Ö. Berg;Farsta;ASA@example.se;gruppledare\n' +
        'per lind;Skärholmen;;handledare\n' +
        'Per Lind;Bromma;;handledare\n' +
        'Ny Person;Bromma;;gruppledare\n' +
        'Ny  Person;bromma;;gruppledare\n',
    );
    const first = await tableOf('personal.csv', swedishCsv);
    services.imports.commit('staff', first.table, first.mapping);
    const preview = services.imports.preview('staff', table, mapping);
    expect(preview.rows.map((r) => [r.rowNumber, r.status, r.sameAsRow ?? null])).toEqual([
      [2, 'existing', null],
      [3, 'existing', null],
      [4, 'new', null],
      [5, 'new', null],
      [6, 'duplicate', 5],
    ]);
  });

  it('reports every bad row with its number and what to fix, and writes nothing', async () => {
    const { table, mapping } = await tableOf(
      'bad.csv',
      'Namn;Enhet;E-post;Roller\n' +
        'Bra Person;Bromma;;gruppledare\n' +
        ';Bromma;;gruppledare\n' +
        'Fel Enhet;Bromm;;gruppledare\n' +
        'Ingen Enhet;Atlantis;;gruppledare\n' +
        'Fel Post;;inte-en-adress;handledare\n' +
        'Ingen Roll;;;\n' +
        'Konstig Roll;;;kock\n',
    );
    const preview = services.imports.preview('staff', table, mapping);
    expect(preview.counts).toEqual({ new: 1, existing: 0, duplicate: 0, invalid: 6 });
    expect(preview.rows.filter((r) => r.status === 'invalid').map((r) => [r.rowNumber, r.issues.map((i) => `${i.column}: ${i.message.sv}`)])).toEqual([
      [3, ['Namn: Ange ett namn.']],
      [4, ["Enhet: enheten 'Bromm' finns inte; menade du 'Bromma stadsdelsförvaltning'?"]],
      [5, ["Enhet: enheten 'Atlantis' finns inte i Komet; lägg till den under Enheter först"]],
      [6, ['E-post: Ange en giltig e-postadress.']],
      [7, ['Roller: Välj minst en roll: gruppledare eller handledare.']],
      [8, ["Roller: okänd roll 'kock' (skriv gruppledare och/eller handledare)", 'Roller: Välj minst en roll: gruppledare eller handledare.']],
    ]);
    const before = t.snapshot();
    const err = (() => {
      try {
        services.imports.commit('staff', table, mapping);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).messages.sv).toBe('6 rader har fel. Inget importerades. Rätta raderna eller importera bara de giltiga.');
    expect((err as AppError).issues?.[0]).toEqual({ path: 'row.3.Namn', message: { sv: 'Ange ett namn.', en: 'Enter a name.' } });
    expect(t.snapshot()).toBe(before);

    const skipped = services.imports.commit('staff', table, mapping, { skipInvalid: true });
    expect(skipped.plan.counts.new).toBe(1);
    expect(staffNames()).toEqual(['Bra Person|Bromma stadsdelsförvaltning||L']);
  });

  it('undoes the whole last import and only that, and refuses a second undo', async () => {
    const first = await tableOf('a.csv', 'Namn;Roller\nEtt Namn;handledare\n');
    services.imports.commit('staff', first.table, first.mapping);
    const second = await tableOf('personal.csv', swedishCsv);
    services.imports.commit('staff', second.table, second.mapping);
    expect(staffNames()).toHaveLength(4);

    expect(services.imports.undo()).toEqual({ kind: 'staff', removed: 3 });
    expect(staffNames()).toEqual(['Ett Namn|||S']);
    expect(audit.at(-1)).toMatchObject({ action: 'undo', entity: 'import' });
    expect(() => services.imports.undo()).toThrow('There is no import to undo.');
    expect(t.rowCount('staff')).toBe(1);
  });

  it('refuses to undo when an imported person now leads a group, and removes none of them', async () => {
    const { table, mapping } = await tableOf('personal.csv', swedishCsv);
    services.imports.commit('staff', table, mapping);
    const asa = services.staff.list({ includeArchived: false }).find((s) => s.name === 'Åsa Öberg')!;
    const programme = services.programmes.list({ includeArchived: false })[0]!;
    await t.ok('groups.create', {
      programmeId: programme.id,
      unitId: asa.unitId!,
      startDate: '2025-04-01',
      startTime: '17:30',
      leaderIds: [asa.id],
    });
    const before = t.snapshot();
    expect(() => services.imports.undo()).toThrow('The staff member leads or supervises 1 group and cannot be deleted. Archive them instead.');
    expect(t.snapshot()).toBe(before);
    expect(staffNames()).toHaveLength(3);
  });

  it('reads the same list from xlsx, with __proto__ headers and formula cells as plain values', async () => {
    const bytes = xlsxBytes([
      {
        name: 'Personal',
        rows: [
          ['Namn', '__proto__', 'Roll', 'constructor'],
          [{ formula: 'CONCAT("Åsa"," Öberg")', cached: 'Åsa Öberg' }, 'x', 'gruppledare', 'y'],
          ['=cmd|calc', 'x', 'handledare', 'y'],
        ],
      },
    ]);
    const { table, mapping } = await tableOf('personal.xlsx', bytes);
    services.imports.commit('staff', table, mapping);
    expect(staffNames()).toEqual(['=cmd|calc|||S', 'Åsa Öberg|||L']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a mapping naming an unknown field, a missing column, or leaving out the name', async () => {
    const { table } = await tableOf('sv.csv', swedishCsv);
    const guessed = guessMapping('staff', table.headers);
    expect(() => adjustMapping('staff', table.headers, guessed, JSON.parse('{"__proto__":"Namn"}'))).toThrow(
      'There is no field "__proto__" in this import. The fields are: name, unit, email, phone, roles, leader, supervisor.',
    );
    expect(() => adjustMapping('staff', table.headers, guessed, { email: 'Mejl' })).toThrow(
      'There is no column "Mejl" in the sheet. The headers are: Namn, Enhet, E-post, Roller.',
    );
    expect(() => adjustMapping('staff', table.headers, guessed, { name: null })).toThrow('No column was found for "Name". Give it in the mapping.');
    expect(() => adjustMapping('staff', table.headers, guessed, ['Namn'])).toThrow(
      'The column mapping must be a JSON object with fields as keys and headers as values.',
    );
    const moved = adjustMapping('staff', table.headers, guessed, { email: null, phone: 'E-post' });
    expect(describeMapping('staff', table.headers, moved)).toMatchObject({ email: null, phone: 'E-post' });
  });
});

describe('the refusal of a file with bad rows', () => {
  it('agrees in number with one bad row', async () => {
    const { table, mapping } = await tableOf('en.csv', 'Namn;E-post;Roller\nÅsa Öberg;asa@;gruppledare\nPer Lind;per@example.se;handledare\n');
    const before = t.snapshot();
    const err = (() => {
      try {
        services.imports.commit('staff', table, mapping);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).messages).toEqual({
      sv: '1 rad har fel. Inget importerades. Rätta raden eller importera bara de giltiga.',
      en: '1 row has errors. Nothing was imported. Fix the row or import only the valid ones.',
    });
    expect(t.snapshot()).toBe(before);
  });
});
