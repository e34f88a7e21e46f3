import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startKomet } from '../../src-main/app/komet-app';
import { makeTempDir } from '../helpers/db';
import { runKomet } from '../helpers/cli';
import { dbPath, serverCli, startServerProcess, type ServerProcess } from '../helpers/sync-processes';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { goTo, isoDate, toast } from './ui-steps';
import { trivselFourItems as trivsel } from './trivsel';

// Two people on two computers: Bo types the paper form first at the office, the leader types it
// again on a laptop synced with the city's server, and the two typings are reconciled there.
let root: string;
let city: ServerProcess;
let leaderId: string;
let participant: { id: string; name: string; groupId: string };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = makeTempDir('komet-e2e-double-');
  const cityDir = path.join(root, 'city');
  expect(serverCli(['init', '--data', cityDir, '--name', 'Stadens server']).code).toBe(0);
  city = await startServerProcess(cityDir);
  const admin = dbPath(root, 'admin');
  fs.mkdirSync(path.dirname(admin), { recursive: true });
  expect(runKomet(['demo', '--db', admin, '--unencrypted', '--scale', '0.1', '--seed', '4']).code).toBe(0);
  expect(
    runKomet(['sync', 'join', '--db', admin, '--code', serverCli(['enrol', '--data', cityDir, '--name', 'Admin', '--role', 'admin']).stdout.trim()]).code,
  ).toBe(0);
  // The demo lays its groups out at random around today and may have none whose 'pre' is on
  // today's worklist, so the form's group is made here: started two weeks ago in the unit of a
  // demo leader, who leads it, with one parent not yet measured.
  const db = new Database(admin, { readonly: true });
  leaderId = (db.prepare('select id from staff where is_leader = 1 and active = 1 and unit_id is not null order by id limit 1').get() as { id: string }).id;
  const unitId = (db.prepare('select unit_id as unitId from staff where id = ?').get(leaderId) as { unitId: string }).unitId;
  db.close();

  // At the office, through the app's own procedures as the signed-in user Bo.
  const office = startKomet({ databasePath: admin, shell: 'test', actor: 'Bo Berg' });
  const call = async (name: string, input: unknown) => {
    const r = await office.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const programme = ((await call('programmes.list', {})) as Array<{ id: string; code: string }>).find((p) => p.code === 'fKomet')!;
  const group = (await call('groups.create', {
    programmeId: programme.id,
    unitId,
    venue: 'Familjecentralen',
    startDate: isoDate(-14),
    startTime: '17:30',
    note: '',
    leaderIds: [leaderId],
    supervisorId: null,
  })) as { id: string };
  const enrolled = isoDate(-21);
  const parent = (await call('participants.create', {
    groupId: group.id,
    displayName: 'Dubbel Inmatningsson',
    relation: 'mother',
    familyId: null,
    childBirthYear: new Date().getFullYear() - 6,
    childGender: 'girl',
    enrolmentDate: enrolled,
    consent: 'yes',
    consentDate: enrolled,
    contact: '',
  })) as { id: string; displayName: string };
  participant = { id: parent.id, name: parent.displayName, groupId: group.id };
  // Bo's first typing.
  await call('instruments.import', { text: JSON.stringify(trivsel), source: 'own' });
  await call('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'pre', doubleEntry: true });
  const first = await call('responses.enter', {
    participantId: participant.id,
    instrument: 'TRIVSEL',
    timepoint: 'pre',
    date: '2025-03-01',
    enteredBy: 'Bo Berg',
    answers: { t1: 4, t2: 2, t3: null, t4: 3 },
  });
  expect(first).toEqual({ state: 'waiting' });
  office.close();
  expect(runKomet(['sync', 'now', '--db', admin]).code).toBe(0);
});

test.afterAll(async () => {
  await city?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('a second typing on another computer shows the differences item by item, and one is reconciled by keyboard', async ({ page }) => {
  test.setTimeout(180_000);
  const code = serverCli(['enrol', '--data', path.join(root, 'city'), '--name', leaderId, '--role', 'leader']).stdout.trim();
  await goTo(page, 'Inställningar');
  await page.getByRole('link', { name: 'Synkronisering' }).click();
  await page.getByRole('textbox', { name: /Anslutningskod/ }).fill(code);
  await page.getByRole('button', { name: 'Anslut' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Synkad \d\d:\d\d/ })).toBeVisible({ timeout: 90_000 });

  // The group page marks the form as waiting for its second typing, in words, and its link says what to do.
  await page.evaluate((hash) => (window.location.hash = hash), `#/groups/${participant.groupId}`);
  const grid = page.getByRole('table', { name: 'Deltagarnas enkäter per mättillfälle' });
  const waiting = grid.getByRole('link', { name: `Väntar på andra inmatningen: För in andra inmatningen TRIVSEL Före, ${participant.name}` });
  await expect(waiting).toHaveText('Väntar på andra inmatningen');
  await expectNoAxeViolations(page);

  // So does the worklist, reached by keyboard.
  await goTo(page, 'Enkäter');
  const worklist = page.getByRole('table', { name: 'Enkäter att föra in' });
  const second = page.getByRole('link', { name: `För in andra inmatningen, ${participant.name}, TRIVSEL Före` });
  await expect(second).toBeVisible();
  await expect(worklist.getByRole('row').filter({ has: second })).toContainText('Väntar på andra inmatningen');
  for (let tab = 0; tab < 80 && !(await second.evaluate((el) => el === document.activeElement)); tab++) await page.keyboard.press('Tab');
  await expect(second).toBeFocused();
  await expectNoAxeViolations(page, { include: 'section[aria-labelledby="outcomes-worklist"]' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('note')).toContainText('Bo Berg gjorde den första');
  const item = (code: string) => page.getByRole('textbox', { name: `Fråga ${code}` });
  await page.getByRole('textbox', { name: 'Datum då formuläret fylldes i' }).fill('2025-03-01');
  await item('t1').focus();
  // t2 typed 3 where Bo typed 2.
  for (const key of ['4', '3', ' ', '3']) await page.keyboard.press(key);
  await expect(page.getByRole('button', { name: 'Spara andra inmatningen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Inmatningarna skiljer sig åt. Stäm av skillnaderna mot pappret.')).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Stäm av skillnaderna' })).toBeVisible();
  const t2 = page.getByRole('textbox', { name: 'Fråga t2' });
  await expect(t2).toBeFocused();
  await expect(page.getByText('Första: 2 · Andra: 3')).toBeVisible();
  await expect(page.getByRole('textbox', { name: /Fråga t[134]/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The paper says 2: typing it moves on to the save button.
  await page.keyboard.press('2');
  await expect(page.getByRole('button', { name: 'Spara de avstämda svaren' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(toast(page, 'Svaren är avstämda och sparade.')).toBeVisible();
  // t2 = 2 reversed is 4; 4 + 4 + 3 = 11 prorated to four items: 14.67.
  await expect(page.getByRole('table', { name: 'Skalornas poäng' }).getByRole('row', { name: /sum/ })).toContainText('14,67');
  await expectNoAxeViolations(page);

  // The form is a response now: off the worklist, and entered on the group page without the mark.
  await goTo(page, 'Enkäter');
  await expect(page.getByRole('table', { name: 'Enkäter att föra in' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`, ${participant.name}, TRIVSEL Före$`) })).toHaveCount(0);
  await expect(page.getByText('Väntar på andra inmatningen')).toHaveCount(0);
  await page.evaluate((hash) => (window.location.hash = hash), `#/groups/${participant.groupId}`);
  await expect(grid.getByRole('row', { name: new RegExp(participant.name) })).toContainText('Inmatad');
  await expect(grid.getByText('Väntar på andra inmatningen')).toHaveCount(0);
});
