import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-main/core/audit';
import { fixedClock } from '../../../src-main/core/clock';
import { AppError } from '../../../src-main/core/errors';
import { adjustMapping, describeMapping, guessMapping } from '../../../src-main/core/import/mapping';
import { readTable } from '../../../src-main/core/import/read-table';
import { createServices } from '../../../src-main/core/services';
import { createTestApp, testNow, type TestApp } from '../../helpers/db';
import { xlsxBytes } from '../../helpers/xlsx-file';

let t: TestApp;
let services: ReturnType<typeof createServices>;
let groupId: string;
beforeEach(async () => {
  t = createTestApp();
  const audit: AuditEntry[] = [];
  services = createServices(t.app.db, { clock: fixedClock(testNow), audit: { record: (e) => audit.push(e) } });
  const bromma = services.units.list({ includeArchived: false }).find((u) => u.name === 'Bromma stadsdelsförvaltning')!;
  const fKomet = services.programmes.list({ includeArchived: false }).find((p) => p.code === 'fKomet')!;
  const leader = services.staff.create({ name: 'Lena Ledare', unitId: bromma.id, email: null, phone: null, isLeader: true, isSupervisor: false });
  groupId = (await t.ok('groups.create', { programmeId: fKomet.id, unitId: bromma.id, startDate: '2025-03-04', startTime: '17:30', leaderIds: [leader.id] }))
    .id;
});
afterEach(() => t.close());

async function tableOf(name: string, content: string | Uint8Array) {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  const table = await readTable(file);
  return { table, mapping: adjustMapping('participants', table.headers, guessMapping('participants', table.headers), {}) };
}

const people = () =>
  services.participants
    .list({ groupId, includeMoved: true })
    .map((p) => `${p.displayName}|${p.relation}|${p.enrolmentDate}|${p.consent}|${p.consentDate ?? ''}`)
    .sort();

const consentBeforeEnrolment = 'Samtycket kan inte vara daterat före inskrivningen (2025-03-04).';
const header = 'Program;Enhet;Gruppstart;Namn;Relation;Familj;Inskriven;Samtycke;Samtyckesdatum\n';

describe('importing participants', () => {
  it('finds the group by programme, unit and start date in any common date form, and keeps families together', async () => {
    const { table, mapping } = await tableOf(
      'deltagare.csv',
      '\uFEFF' +
        header +
        'fKomet;Bromma;2025-03-04;Anna Berg;mamma;F1;;ja;2025-03-04\n' +
        'Komet för föräldrar 3–11;Bromma;4/3/2025;Jonas Berg;pappa;f1;2025-03-11;ja;11/3/2025\n' +
        'FKOMET;bromma;4 mars 2025;Sara Lund;vårdnadshavare;;;ej tillfrågad;\n',
    );
    expect(describeMapping('participants', table.headers, mapping)).toEqual({
      programme: 'Program',
      unit: 'Enhet',
      groupStart: 'Gruppstart',
      name: 'Namn',
      relation: 'Relation',
      family: 'Familj',
      enrolmentDate: 'Inskriven',
      consent: 'Samtycke',
      consentDate: 'Samtyckesdatum',
    });
    const { plan } = services.imports.commit('participants', table, mapping);
    expect(plan.counts).toEqual({ new: 3, existing: 0, duplicate: 0, invalid: 0 });
    expect(people()).toEqual([
      'Anna Berg|mother|2025-03-04|yes|2025-03-04',
      'Jonas Berg|father|2025-03-11|yes|2025-03-11',
      'Sara Lund|other_caregiver|2025-03-04|not_asked|',
    ]);
    const list = services.participants.list({ groupId, includeMoved: true });
    const family = (name: string) => list.find((p) => p.displayName === name)!.family.id;
    expect(family('Anna Berg')).toBe(family('Jonas Berg'));
    expect(family('Sara Lund')).not.toBe(family('Anna Berg'));

    const again = services.imports.commit('participants', table, mapping);
    expect(again.plan.counts).toEqual({ new: 0, existing: 3, duplicate: 0, invalid: 0 });
    expect(services.imports.undo()).toEqual({ kind: 'participants', removed: 0 });
  });

  it('reads xlsx date cells and serial numbers, and undoes the import', async () => {
    const { table, mapping } = await tableOf(
      'deltagare.xlsx',
      xlsxBytes([
        {
          name: 'Blad1',
          rows: [
            ['Program', 'Enhet', 'Startdatum', 'Namn', 'Relation'],
            ['fKomet', 'Bromma', { date: 45720 }, 'Anna Berg', 'Mamma'],
            ['fKomet', 'Bromma', 45720, 'Jonas Berg', 'Pappa'],
          ],
        },
      ]),
    );
    services.imports.commit('participants', table, mapping);
    expect(people()).toEqual(['Anna Berg|mother|2025-03-04|not_asked|', 'Jonas Berg|father|2025-03-04|not_asked|']);
    expect(services.imports.undo()).toEqual({ kind: 'participants', removed: 2 });
    expect(people()).toEqual([]);
    expect(t.rowCount('families')).toBe(0);
  });

  it('names each bad row and what to fix, and writes nothing', async () => {
    const { table, mapping } = await tableOf(
      'fel.csv',
      header +
        'fKomet;Bromma;31/13/2024;Ett Datum;mamma;;;;\n' +
        'fKommet;Bromma;2025-03-04;Fel Program;mamma;;;;\n' +
        'fKomet;Bromma;2025-05-01;Ingen Grupp;mamma;;;;\n' +
        'fKomet;Bromma;2025-03-04;Okänd Relation;moster;;;;\n' +
        'fKomet;Bromma;2025-03-04;Samtycke Utan Datum;mamma;;;ja;\n' +
        'fKomet;Bromma;2025-03-04;Fel Inskrivning;pappa;;5 mars;;\n' +
        'fKomet;Bromma;2025-03-04;Anna Berg;mamma;;;;\n' +
        'fKomet;Bromma;2025-03-04; anna  berg ;mamma;;;;\n' +
        'fKomet;Bromma;2025-03-04;Tidigt Samtycke;pappa;;;ja;2025-03-01\n',
    );
    const before = t.snapshot();
    const plan = services.imports.preview('participants', table, mapping);
    expect(plan.rows.map((r) => [r.rowNumber, r.status, r.issues.map((i) => `${i.column}: ${i.message.sv}`)])).toEqual([
      [2, 'invalid', ["Gruppstart: datumet '31/13/2024' är inget datum (skriv till exempel 2024-03-05 eller 5/3/2024)"]],
      [3, 'invalid', ["Program: programmet 'fKommet' finns inte; menade du 'fKomet'?"]],
      [4, 'invalid', ['Gruppstart: det finns ingen grupp i fKomet på Bromma stadsdelsförvaltning som startar 2025-05-01; lägg upp gruppen först']],
      [5, 'invalid', ["Relation: okänd relation 'moster' (skriv mamma, pappa, vårdnadshavare, familjehem, lärare eller förskolepersonal)"]],
      [6, 'invalid', ['Samtyckesdatum: Ange datum för samtycket när svaret är ja eller nej (och inget datum när frågan inte ställts).']],
      [7, 'invalid', ["Inskriven: datumet '5 mars' är inget datum (skriv till exempel 2024-03-05 eller 5/3/2024)"]],
      [8, 'new', []],
      [9, 'duplicate', []],
      [10, 'invalid', [`null: ${consentBeforeEnrolment}`]],
    ]);
    expect(() => services.imports.commit('participants', table, mapping)).toThrow(AppError);
    expect(t.snapshot()).toBe(before);
  });

  it('on a machine synced for other units, refuses the rows of a group outside them and writes nothing', async () => {
    const solna = services.units.list({ includeArchived: false }).find((u) => u.name !== 'Bromma stadsdelsförvaltning')!;
    t.app.db.sqlite
      .prepare("insert into sync_meta (key, value) values ('membership', ?)")
      .run(JSON.stringify({ identity: { role: 'supervisor', units: [solna.id] } }));
    const { table, mapping } = await tableOf(
      'deltagare.csv',
      header + 'fKomet;Bromma;2025-03-04;Anna Berg;mamma;;;;\nfKomet;Bromma;2025-03-04;Jonas Berg;pappa;;;;\n',
    );
    const before = t.snapshot();
    expect(() => services.imports.commit('participants', table, mapping)).toThrow(
      /Row 2: Participants in this group are added by staff of the group’s own unit/,
    );
    expect(t.snapshot()).toBe(before);
    expect(people()).toEqual([]);
  });
});
