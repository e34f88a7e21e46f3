import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { AppError } from '../../../src-main/core/errors';
import { adjustMapping, describeMapping, guessMapping } from '../../../src-main/core/import/mapping';
import { readTable } from '../../../src-main/core/import/read-table';
import { adjustSessionColumns } from '../../../src-main/core/import/session-columns';
import { createServices } from '../../../src-main/core/services';
import { createTestApp, storedOrder, testNow, type TestApp } from '../../helpers/db';
import { xlsxBytes, type TestCell } from '../../helpers/xlsx-file';

// Today is 2025-03-12. The group meets on Tuesdays from 2025-02-04: sessions 1–5 have taken place
// (02-04 … 03-04), session 6 is on 03-11 and session 7 on 03-18 is still to come.
let t: TestApp;
let services: ReturnType<typeof createServices>;
let groupId: string;
let sessionIds: string[];
const people = new Map<string, string>();
beforeEach(async () => {
  t = createTestApp();
  services = createServices(t.app.db, { clock: fixedClock(testNow), audit: { record: () => {} } });
  const bromma = services.units.list({ includeArchived: false }).find((u) => u.name === 'Bromma stadsdelsförvaltning')!;
  const fKomet = services.programmes.list({ includeArchived: false }).find((p) => p.code === 'fKomet')!;
  const leader = services.staff.create({ name: 'Lena Ledare', unitId: bromma.id, email: null, phone: null, isLeader: true, isSupervisor: false });
  groupId = (await t.ok('groups.create', { programmeId: fKomet.id, unitId: bromma.id, startDate: '2025-02-04', startTime: '17:30', leaderIds: [leader.id] }))
    .id;
  sessionIds = services.attendance.grid({ groupId }).sessions.map((s) => s.id);
  people.clear();
  for (const [name, enrolmentDate] of [
    ['Anna Berg', '2025-02-04'],
    ['Jonas Berg', '2025-02-04'],
    ['Sara Lund', '2025-02-18'],
  ] as const) {
    const p = await t.ok('participants.create', { groupId, displayName: name, relation: 'mother', enrolmentDate, consent: 'yes', consentDate: enrolmentDate });
    people.set(name, p.id);
  }
});
afterEach(() => t.close());

async function tableOf(name: string, content: string | Uint8Array, chosen: unknown = {}) {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  const table = await readTable(file);
  return { table, mapping: adjustMapping('attendance', table.headers, guessMapping('attendance', table.headers), chosen) };
}

/** The grid as name → session number → state, read back through the attendance service. */
function grid(): Record<string, Record<number, string>> {
  const g = services.attendance.grid({ groupId });
  const numberOf = new Map(g.sessions.map((s) => [s.id, s.number]));
  const nameOf = new Map(g.participants.map((p) => [p.id, p.displayName]));
  const out: Record<string, Record<number, string>> = {};
  for (const m of g.marks) (out[nameOf.get(m.participantId)!] ??= {})[numberOf.get(m.sessionId)!] = m.state;
  return out;
}
/**
 * Every row of every table but the settings (which hold the record of what to undo), as text. The
 * yearly presence counters keep a row at 0 once its marks are gone; only those above 0 count.
 */
function tablesBut(skip: string): string {
  const sqlite = t.app.db.sqlite;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> ? order by name")
    .pluck()
    .all(skip) as string[];
  const rows = (name: string) =>
    sqlite.prepare(`select * from "${name}"${name === 'presence_years' ? ' where marks > 0' : ''}${storedOrder(sqlite, name)}`).all();
  return tables.map((name) => `${name}:${JSON.stringify(rows(name))}`).join('\n');
}
const sessionStatus = (n: number) => services.attendance.grid({ groupId }).sessions.find((s) => s.number === n)!;

const groupColumns = 'Program;Enhet;Gruppstart;Namn';
const matrix =
  '\uFEFF' +
  `${groupColumns};Tillfälle 1;2;Träff 3;2025-02-25\n` +
  'fKomet;Bromma;2025-02-04;Anna Berg;x;X;frånvarande;anmäld frånvaro\n' +
  'fKomet;Bromma;2025-02-04; jonas  berg ;närvarande;;återbud;x\n' +
  'fKomet;Bromma;2025-02-04;Sara Lund;;;x;nej\n';

describe('importing attendance', () => {
  it('reads a matrix with a column per session, named by number, by word and number, or by date', async () => {
    const { table, mapping } = await tableOf('närvaro.csv', matrix);
    expect(describeMapping('attendance', table.headers, mapping)).toEqual({
      programme: 'Program',
      unit: 'Enhet',
      groupStart: 'Gruppstart',
      name: 'Namn',
      session: null,
      state: null,
    });
    const preview = services.imports.preview('attendance', table, mapping);
    expect(preview.counts).toEqual({ new: 3, existing: 0, duplicate: 0, invalid: 0 });
    expect(grid()).toEqual({});

    services.imports.commit('attendance', table, mapping);
    expect(grid()).toEqual({
      'Anna Berg': { 1: 'present', 2: 'present', 3: 'absent', 4: 'absent_with_notice' },
      'Jonas Berg': { 1: 'present', 3: 'absent_with_notice', 4: 'present' },
      'Sara Lund': { 3: 'present', 4: 'absent' },
    });
    // The sessions that had taken place are recorded held, with their counts from the marks.
    expect(sessionStatus(1)).toMatchObject({ status: 'held', heldDate: '2025-02-04', participantCount: 2 });
    expect(sessionStatus(3)).toMatchObject({ status: 'held', participantCount: 1 });
    expect(sessionStatus(5)).toMatchObject({ status: 'planned' });
    const anna = services.participants.get({ id: people.get('Anna Berg')! });
    expect(anna.presentCount).toBe(2);

    // The same file again changes nothing.
    const again = services.imports.commit('attendance', table, mapping);
    expect(again.plan.counts).toEqual({ new: 0, existing: 3, duplicate: 0, invalid: 0 });
  });

  it('reads an xlsx matrix whose session headers are date cells, and a list with one row per mark', async () => {
    // 45713 is 2025-02-25 (session 4) and 45720 is 2025-03-04 (session 5) as Excel counts days.
    const rows: TestCell[][] = [
      ['Program', 'Enhet', 'Gruppstart', 'Namn', { date: 45713 }, { date: 45720 }],
      ['fKomet', 'Bromma', { date: 45692 }, 'Anna Berg', 'x', 'x'],
    ];
    const { table, mapping } = await tableOf('närvaro.xlsx', xlsxBytes([{ name: 'Närvaro', rows }]));
    services.imports.commit('attendance', table, mapping);
    expect(grid()).toEqual({ 'Anna Berg': { 4: 'present', 5: 'present' } });

    const list = await tableOf(
      'lista.csv',
      `${groupColumns};Träff;Närvaro\n` +
        'fKomet;Bromma;2025-02-04;Sara Lund;3;x\n' +
        'fKomet;Bromma;2025-02-04;Sara Lund;2025-03-04;anmäld\n' +
        'fKomet;Bromma;2025-02-04;Sara Lund;3;x\n',
    );
    expect(describeMapping('attendance', list.table.headers, list.mapping)).toMatchObject({ session: 'Träff', state: 'Närvaro' });
    const { plan } = services.imports.commit('attendance', list.table, list.mapping);
    expect(plan.counts).toEqual({ new: 2, existing: 0, duplicate: 1, invalid: 0 });
    expect(plan.rows[2]).toMatchObject({ status: 'duplicate', sameAsRow: 2 });
    expect(grid()['Sara Lund']).toEqual({ 3: 'present', 5: 'absent_with_notice' });
  });

  it('refuses, row by row, what the attendance grid refuses, and writes nothing', async () => {
    const cancelled = sessionIds[1]!;
    await t.ok('sessions.record', { id: cancelled, status: 'cancelled', cancelReason: 'Sjukdom' });
    await t.ok('attendance.set', { participantId: people.get('Anna Berg')!, sessionId: sessionIds[4]!, state: 'absent', markHeld: true });
    const before = t.snapshot();
    const { table, mapping } = await tableOf(
      'fel.csv',
      `${groupColumns};1;2;5;7\n` +
        'fKomet;Bromma;2025-02-04;Anna Berg;x;;x;\n' +
        'fKomet;Bromma;2025-02-04;Jonas Berg;;x;;\n' +
        'fKomet;Bromma;2025-02-04;Sara Lund;x;;;\n' +
        'fKomet;Bromma;2025-02-04;Okänd Person;x;;;\n' +
        'fKomet;Bromma;2025-02-04;Jonas Berg;ja kanske;;;\n' +
        'fKomet;Bromma;2025-02-04;Anna Berg;;;;x\n',
    );
    const preview = services.imports.preview('attendance', table, mapping);
    const messages = (row: number) => preview.rows.find((r) => r.rowNumber === row)!.issues.map((i) => `${i.column}: ${i.message.sv}`);
    // Session 5 already has another mark for Anna.
    expect(messages(2)).toEqual(['5: Komet har redan en annan närvaro för träff 5; ändra den i närvarolistan om filen har rätt']);
    // Session 2 was cancelled.
    expect(messages(3)).toEqual(
      ['Träffen är inställd, så ingen närvaro kan registreras för den. Ändra träffens status först om den ändå hölls.'].map((m) => `null: ${m}`),
    );
    // Sara was enrolled on 2025-02-18, after session 1.
    expect(messages(4)).toEqual([
      'null: Träffen (2025-02-04) var före deltagarens inskrivning (2025-02-18). Ändra inskrivningsdatumet först om deltagaren var med.',
    ]);
    expect(messages(5)).toEqual(["Namn: 'Okänd Person' finns inte bland gruppens deltagare; importera deltagarna först"]);
    expect(messages(6)[0]).toMatch(/^1: okänd närvaro 'ja kanske'/);
    // Session 7 (2025-03-18) has not taken place.
    expect(messages(7)).toEqual(['null: Träffen har inte ägt rum än (planerad 2025-03-18). Närvaro registreras tidigast samma dag.']);
    expect(preview.counts).toEqual({ new: 0, existing: 0, duplicate: 0, invalid: 6 });
    expect(() => services.imports.commit('attendance', table, mapping)).toThrow(AppError);
    expect(t.snapshot()).toBe(before);
  });

  it('reads a matrix column as the session the user chose, over what its header says, and offers the choice again', async () => {
    // "Vecka 1" and "Vecka 2" are sessions the headers do not name; "3" is a column of notes, not session 3.
    const weeks = `${groupColumns};Vecka 1;Vecka 2;3\n` + 'fKomet;Bromma;2025-02-04;Anna Berg;x;frånvarande;trött\n';
    const guessed = await tableOf('veckor.csv', weeks);
    const wrong = services.imports.preview('attendance', guessed.table, guessed.mapping);
    expect(wrong.rows[0]!.issues.map((i) => `${i.column}: ${i.message.en}`)).toEqual([expect.stringMatching(/^3: unknown attendance 'trött'/)]);

    const chosen = { 'Vecka 1': 1, 'Vecka 2': 2, '3': null };
    const sessions = adjustSessionColumns(guessed.table.headers, guessed.mapping, chosen);
    expect(services.imports.preview('attendance', guessed.table, guessed.mapping, sessions).counts).toEqual({ new: 1, existing: 0, duplicate: 0, invalid: 0 });
    expect(grid()).toEqual({});
    services.imports.commit('attendance', guessed.table, guessed.mapping, { sessions });
    expect(grid()).toEqual({ 'Anna Berg': { 1: 'present', 2: 'absent' } });

    // Through the procedures: the next file with these headers opens with the choice, which the dry run uses.
    const content = Buffer.from(weeks.replace('Anna Berg', 'Jonas Berg')).toString('base64');
    const again = await t.ok('imports.preview', { kind: 'attendance', fileName: 'veckor.csv', content });
    expect(again.sessionColumns).toEqual([
      { header: 'Vecka 1', session: 1, date: null },
      { header: 'Vecka 2', session: 2, date: null },
      { header: '3', session: null, date: null },
    ]);
    expect(again.counts).toEqual({ new: 1, existing: 0, duplicate: 0, invalid: 0 });
    // A choice sent with the file replaces the saved one, and the commit takes it.
    const mapping = again.mapping;
    const swapped = { 'Vecka 1': 2, 'Vecka 2': 1, '3': null };
    await t.ok('imports.commit', { kind: 'attendance', fileName: 'veckor.csv', content, mapping, sessions: swapped });
    expect(grid()['Jonas Berg']).toEqual({ 1: 'absent', 2: 'present' });
  });

  it('refuses a session choice that names no column, a field column, one session twice, or no session number', async () => {
    const { table, mapping } = await tableOf('veckor.csv', `${groupColumns};Vecka 1;Vecka 2\nfKomet;Bromma;2025-02-04;Anna Berg;x;x\n`);
    expect(() => adjustSessionColumns(table.headers, mapping, { 'Vecka 9': 1 })).toThrow(/There is no column "Vecka 9" in the sheet/);
    expect(() => adjustSessionColumns(table.headers, mapping, { Namn: 1 })).toThrow(/"Namn" is already chosen for a field/);
    for (const bad of [{ 'Vecka 1': 0 }, { 'Vecka 1': '1' }, { 'Vecka 1': 1.5 }, ['Vecka 1'], null]) {
      expect(() => adjustSessionColumns(table.headers, mapping, bad), JSON.stringify(bad)).toThrow(/session numbers \(1–999\) or null/);
    }
    const twice = adjustSessionColumns(table.headers, mapping, { 'Vecka 1': 4, 'Vecka 2': 4 });
    expect(() => services.imports.preview('attendance', table, mapping, twice)).toThrow(/"Vecka 1" and "Vecka 2" are both session 4/);
  });

  it('refuses a sheet with neither session columns nor session and attendance columns', async () => {
    const { table, mapping } = await tableOf('utan.csv', `${groupColumns};Kommentar\nfKomet;Bromma;2025-02-04;Anna Berg;bra\n`);
    expect(() => services.imports.preview('attendance', table, mapping)).toThrow(/No column for the sessions was found/);
  });

  it('undoes the import back to the exact previous state, held sessions and group status included', async () => {
    await t.ok('attendance.set', { participantId: people.get('Anna Berg')!, sessionId: sessionIds[4]!, state: 'absent', markHeld: true });
    const beforeTables = tablesBut('settings');
    const { table, mapping } = await tableOf('närvaro.csv', matrix);
    services.imports.commit('attendance', table, mapping);
    expect(tablesBut('settings')).not.toBe(beforeTables);
    expect(services.imports.undo()).toEqual({ kind: 'attendance', removed: 9 });
    expect(grid()).toEqual({ 'Anna Berg': { 5: 'absent' } });
    expect(sessionStatus(1)).toMatchObject({ status: 'planned', heldDate: null, participantCount: null });
    // Every table as it was; settings hold the record of what to undo, now spent.
    expect(tablesBut('settings')).toBe(beforeTables);
  });
});
