import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { noAudit } from '../../../src-main/core/audit';
import { adjustMapping, guessMapping } from '../../../src-main/core/import/mapping';
import { readTable } from '../../../src-main/core/import/read-table';
import { createServices } from '../../../src-main/core/services';
import { createTestApp, testNow, type TestApp } from '../../helpers/db';
import { xlsxBytes } from '../../helpers/xlsx-file';

let t: TestApp;
let services: ReturnType<typeof createServices>;
beforeEach(() => {
  t = createTestApp();
  services = createServices(t.app.db, { clock: fixedClock(testNow), audit: noAudit });
  const bromma = services.units.list({ includeArchived: false }).find((u) => u.name === 'Bromma stadsdelsförvaltning')!;
  const staff = (name: string, email: string | null, isLeader: boolean, isSupervisor: boolean) =>
    services.staff.create({ name, unitId: bromma.id, email, phone: null, isLeader, isSupervisor });
  staff('Lena Ledare', null, true, false);
  staff('Olle Ledare', null, true, false);
  staff('Hanna Handledare', null, false, true);
  staff('Kim Ek', 'kim1@example.se', true, false);
  staff('Kim Ek', 'kim2@example.se', true, false);
});
afterEach(() => t.close());

async function tableOf(name: string, content: string | Uint8Array) {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  const table = await readTable(file);
  return { table, mapping: adjustMapping('groups', table.headers, guessMapping('groups', table.headers), {}) };
}

const groupsNow = () =>
  services.groups
    .list({ limit: 50, offset: 0 })
    .items.map((g) => `${g.programmeCode}|${g.unitName}|${g.startDate}|${g.startTime}|${g.leaders.map((l) => l.name).join('+')}|${g.sessionCount}`)
    .sort();

describe('importing groups', () => {
  it('creates groups with their leaders and sessions, matches them on re-import, and undoes them', async () => {
    const { table, mapping } = await tableOf(
      'grupper.csv',
      'Program;Enhet;Startdatum;Tid;Gruppledare;Handledare;Lokal\n' +
        'fKomet;Bromma;2025-04-01;17:30;Lena Ledare, Olle Ledare;Hanna Handledare;Familjens hus\n' +
        'Tonårskomet;Bromma;7/4/2025;1800;kim2@example.se;;\n',
    );
    const { plan } = services.imports.commit('groups', table, mapping);
    expect(plan.counts).toEqual({ new: 2, existing: 0, duplicate: 0, invalid: 0 });
    expect(groupsNow()).toEqual([
      'Tonårskomet|Bromma stadsdelsförvaltning|2025-04-07|18:00|Kim Ek|10',
      'fKomet|Bromma stadsdelsförvaltning|2025-04-01|17:30|Lena Ledare+Olle Ledare|11',
    ]);
    expect(services.imports.commit('groups', table, mapping).plan.counts).toEqual({ new: 0, existing: 2, duplicate: 0, invalid: 0 });
    expect(groupsNow()).toHaveLength(2);
  });

  it('undoes the groups it created, unless one has participants now', async () => {
    const { table, mapping } = await tableOf(
      'g.csv',
      'Program;Enhet;Startdatum;Tid;Gruppledare\nfKomet;Bromma;2025-03-04;17:30;Lena Ledare\nfKomet;Bromma;2025-03-05;17:30;Lena Ledare\n',
    );
    services.imports.commit('groups', table, mapping);
    const [first] = services.groups.list({ limit: 50, offset: 0 }).items;
    services.participants.create({
      groupId: first!.id,
      displayName: 'Anna Berg',
      relation: 'mother',
      contact: null,
      familyId: null,
      childBirthYear: null,
      childGender: null,
      enrolmentDate: first!.startDate,
      consent: 'not_asked',
      consentDate: null,
      allowDuplicate: false,
    });
    const before = t.snapshot();
    expect(() => services.imports.undo()).toThrow('A group from the import has participants now and is not deleted. Nothing was undone.');
    expect(t.snapshot()).toBe(before);
    services.participants.delete({ id: services.participants.list({ groupId: first!.id, includeMoved: true })[0]!.id });
    expect(services.imports.undo()).toEqual({ kind: 'groups', removed: 2 });
    expect(groupsNow()).toEqual([]);
  });

  it('names each bad row and what to fix', async () => {
    const { table, mapping } = await tableOf(
      'fel.csv',
      'Program;Enhet;Startdatum;Tid;Gruppledare;Handledare\n' +
        'fKomet;Bromma;2025-04-01;17:30;Kim Ek;\n' +
        'fKomet;Bromma;2025-04-02;17:30;Lena Ledar;\n' +
        'fKomet;Bromma;2025-04-03;17:30;Hanna Handledare;\n' +
        'fKomet;Bromma;2025-04-04;25:00;Lena Ledare;\n' +
        'fKomet;Bromma;31/13/2024;17:30;Lena Ledare;\n' +
        'fKomet;Bromma;2025-04-05;17:30;;\n' +
        'fKomet;Bromma;2025-04-06;17:30;Lena Ledare;Olle Ledare\n' +
        'fKomet;Bromma;2025-04-07;17:30;Lena Ledare;\n' +
        'FKOMET;bromma;7/4/2025;17.30;Olle Ledare;\n',
    );
    const plan = services.imports.preview('groups', table, mapping);
    expect(plan.rows.map((r) => [r.rowNumber, r.status, r.issues.map((i) => `${i.column}: ${i.message.sv}`)])).toEqual([
      [2, 'invalid', ["Gruppledare: två medarbetare heter 'Kim Ek'; skriv e-postadressen i stället"]],
      [3, 'invalid', ["Gruppledare: medarbetaren 'Lena Ledar' finns inte; menade du 'Lena Ledare'?"]],
      [4, 'invalid', ["Gruppledare: 'Hanna Handledare' är inte gruppledare"]],
      [5, 'invalid', ['Tid: Ange en tid som TT:MM.']],
      [6, 'invalid', ["Startdatum: datumet '31/13/2024' är inget datum (skriv till exempel 2024-03-05 eller 5/3/2024)"]],
      [7, 'invalid', ['Gruppledare: Välj minst en gruppledare.']],
      [8, 'invalid', ["Handledare: 'Olle Ledare' är inte handledare"]],
      [9, 'new', []],
      [10, 'duplicate', []],
    ]);
  });

  it('names a missing, unknown or archived programme, suggesting only active ones for a new group', async () => {
    const programmes = services.programmes.list({ includeArchived: true });
    const teen = programmes.find((p) => p.code === 'Tonårskomet')!;
    services.programmes.setActive({ id: teen.id, active: false });
    const { table, mapping } = await tableOf(
      'program.csv',
      'Program;Enhet;Startdatum;Tid;Gruppledare\n' +
        ';Bromma;2025-04-01;17:30;Lena Ledare\n' +
        'fKommet;Bromma;2025-04-02;17:30;Lena Ledare\n' +
        'Tonårskomet;Bromma;2025-04-03;17:30;Lena Ledare\n' +
        'Tonårskommet;Bromma;2025-04-04;17:30;Lena Ledare\n',
    );
    const plan = services.imports.preview('groups', table, mapping);
    expect(plan.rows.map((r) => [r.rowNumber, r.status, r.issues.map((i) => `${i.column}: ${i.message.sv}`)])).toEqual([
      [2, 'invalid', ['Program: ange programmet']],
      [3, 'invalid', ["Program: programmet 'fKommet' finns inte; menade du 'fKomet'?"]],
      [4, 'invalid', ["Program: programmet 'Tonårskomet' är arkiverat"]],
      [5, 'invalid', ["Program: programmet 'Tonårskommet' finns inte"]],
    ]);
  });

  it('reads xlsx time cells', async () => {
    const { table, mapping } = await tableOf(
      'grupper.xlsx',
      xlsxBytes([
        {
          name: 'Blad1',
          rows: [
            ['Program', 'Enhet', 'Startdatum', 'Tid', 'Gruppledare'],
            ['fKomet', 'Bromma', { date: 45748 }, 0.75, 'Lena Ledare'],
          ],
        },
      ]),
    );
    services.imports.commit('groups', table, mapping);
    expect(groupsNow()).toEqual(['fKomet|Bromma stadsdelsförvaltning|2025-04-01|18:00|Lena Ledare|11']);
  });
});
