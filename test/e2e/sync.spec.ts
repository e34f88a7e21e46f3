import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '../helpers/db';
import { runKomet } from '../helpers/cli';
import { updateInput } from '../integration/fixtures';
import { dbPath, serverCli, spawnKomet, startServerProcess, type ServerProcess } from '../helpers/sync-processes';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, testUserName, type KometServer } from './fixtures';
import { arrange, goTo, toast } from './ui-steps';

// Joining and syncing with real processes takes a while on a busy machine, the page's own start included.
test.describe.configure({ timeout: 180_000 });

// A real `komet server` with the city's data on it; the app joins it from Settings with a code.
let root: string;
let cityDir: string;
let city: ServerProcess;
let leader: { id: string; name: string; unitId: string };
let unitGroups: number;
let admin: string;
let groupId: string;
let programme: { id: string; name: string };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = makeTempDir('komet-e2e-sync-');
  cityDir = path.join(root, 'city');
  expect(serverCli(['init', '--data', cityDir, '--name', 'Stadens server']).code).toBe(0);
  city = await startServerProcess(cityDir);
  admin = dbPath(root, 'admin');
  fs.mkdirSync(path.dirname(admin), { recursive: true });
  expect(runKomet(['demo', '--db', admin, '--unencrypted', '--scale', '0.1', '--seed', '4']).code).toBe(0);
  const code = serverCli(['enrol', '--data', cityDir, '--name', 'Admin', '--role', 'admin']).stdout.trim();
  expect(runKomet(['sync', 'join', '--db', admin, '--code', code]).code).toBe(0);
  const db = new Database(admin, { readonly: true });
  leader = db
    .prepare(
      `select id, name, unit_id as unitId from staff s where is_leader = 1 and (select count(*) from staff o where o.name = s.name) = 1
      order by (select count(*) from groups g where g.unit_id = s.unit_id) desc, id limit 1`,
    )
    .get() as typeof leader;
  groupId = (db.prepare('select id from groups where unit_id = ? order by id limit 1').get(leader.unitId) as { id: string }).id;
  programme = db.prepare('select id, name from programmes order by id limit 1').get() as typeof programme;
  unitGroups = (db.prepare('select count(*) as n from groups where unit_id = ?').get(leader.unitId) as { n: number }).n;
  db.close();
});

test.afterAll(async () => {
  await city?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('joins a server from Settings with a code, shows the sync in the header and the unit’s groups, and lists no conflicts', async ({ page }) => {
  test.setTimeout(120_000);
  const code = serverCli(['enrol', '--data', cityDir, '--name', leader.id, '--role', 'leader']).stdout.trim();
  await goTo(page, 'Inställningar');
  await page.getByRole('link', { name: 'Synkronisering' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synkronisering' })).toBeVisible();
  // An empty code is caught before anything is sent, with the field marked.
  await page.getByRole('button', { name: 'Anslut' }).click();
  await expect(page.getByText('Klistra in hela anslutningskoden.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: /Anslutningskod/ })).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByRole('textbox', { name: /Anslutningskod/ }).fill(code);
  await page.getByRole('textbox', { name: /Anslutningskod/ }).press('Tab');
  await page.keyboard.press('Enter');
  await expect(toast(page, /Ansluten till Stadens server/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: /Synkad \d\d:\d\d/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(leader.name, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/)).toBeVisible();
  await expectNoAxeViolations(page);

  await goTo(page, 'Grupper');
  await expect(page.getByRole('table', { name: 'Grupper' }).getByRole('row')).toHaveCount(unitGroups + 1);

  await page.getByRole('link', { name: /Synkad/ }).click();
  await page.getByRole('button', { name: 'Synka nu' }).click();
  await expect(toast(page, 'Synkad.')).toBeVisible({ timeout: 60_000 });

  await page.goto(`${new URL(page.url()).origin}/#/sync/conflicts`);
  await expect(page.getByRole('heading', { level: 1, name: 'Synkkonflikter' })).toBeVisible();
  await expect(page.getByText('Inga synkkonflikter')).toBeVisible();
  await expectNoAxeViolations(page);
});

// The header's sync line: a polite live region with a link to the settings.
const syncLine = (page: Page) => page.locator('.sidebar-sync__text');

/** The page's installation joins the city server as the leader, over the API (the UI join is tested above). */
async function joinAsLeader(page: Page, komet: KometServer, synced = /Synkad \d\d:\d\d/): Promise<void> {
  const code = serverCli(['enrol', '--data', cityDir, '--name', leader.id, '--role', 'leader']).stdout.trim();
  await arrange(komet, 'sync.join', { code });
  await page.reload();
  await expect(syncLine(page)).toHaveText(synced, { timeout: 60_000 });
}

async function setNote(komet: KometServer, note: string): Promise<void> {
  const g = await arrange(komet, 'groups.get', { id: groupId });
  await arrange(komet, 'groups.update', updateInput(g, { note }));
}

function adminNote(): string {
  const db = new Database(admin, { readonly: true });
  const { note } = db.prepare('select note from groups where id = ?').get(groupId) as { note: string };
  db.close();
  return note;
}

/**
 * `komet sync … --db <admin>` run in the background: a blocking run would keep this process from
 * noticing that the page's server closed an idle connection, and the next call would fail on it.
 */
async function adminCli(args: string[]): Promise<unknown> {
  const r = await spawnKomet(['sync', ...args, '--db', admin, '--json']).done;
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}
const adminSync = async () => (await adminCli(['now'])) as { conflicts: number };

/**
 * The same group note written on the administrator's laptop (before it syncs) and in the page's
 * installation: both reach the server, and each machine lists the conflict.
 */
async function makeConflict(komet: KometServer, notes: { admin: string; leader: string }): Promise<void> {
  const db = new Database(admin);
  db.prepare('update groups set note = ? where id = ?').run(notes.admin, groupId);
  db.close();
  await setNote(komet, notes.leader);
  expect(await arrange(komet, 'sync.now', {})).toMatchObject({ converged: true });
  expect((await adminSync()).conflicts).toBe(1);
  expect(await arrange(komet, 'sync.now', {})).toMatchObject({ converged: true });
}

/** Presses Tab until `target` has focus (at most `max` times): the way a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('lists a note changed on two machines with both values, who and when; keeping one by keyboard applies it and reaches the other machine', async ({
  page,
  komet,
}) => {
  await joinAsLeader(page, komet);
  const notes = { admin: 'Lokalen byts till biblioteket', leader: 'Föräldrarna vill börja 18.00' };
  await makeConflict(komet, notes);
  const current = (await arrange(komet, 'groups.get', { id: groupId })).note;
  const keep = current === notes.admin ? notes.leader : notes.admin;

  await page.getByRole('link', { name: '1 synkkonflikt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synkkonflikter' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Synkkonflikter' });
  const row = table.getByRole('row').filter({ hasText: 'Gruppens anteckning' });
  await expect(row).toHaveCount(1);
  const when = /\d{1,2} \S+ \d{4} \d\d:\d\d/;
  await expect(row.getByRole('cell').filter({ hasText: notes.admin })).toContainText(new RegExp(`Admin, ${when.source}`));
  await expect(row.getByRole('cell').filter({ hasText: notes.leader })).toContainText(new RegExp(`${leader.name}, ${when.source}`));
  await expect(row.getByRole('cell').filter({ hasText: current })).toContainText('gäller nu');
  await expect(row).toContainText('Att välja');
  await expectNoAxeViolations(page);

  const button = row.getByRole('button', { name: `Behåll ${keep} för Gruppens anteckning` });
  await tabTo(page, button);
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Valet är sparat och synkas.')).toBeVisible();
  await expect(page.getByText('Inga synkkonflikter')).toBeVisible();
  await expect(page.getByRole('link', { name: /synkkonflikt/ })).toHaveCount(0);
  expect((await arrange(komet, 'groups.get', { id: groupId })).note).toBe(keep);
  const showResolved = page.getByRole('checkbox', { name: 'Visa även lösta' });
  await tabTo(page, showResolved);
  await page.keyboard.press('Space');
  // Resolved by the person using this installation.
  await expect(row).toContainText(new RegExp(`Löst av ${testUserName} ${when.source}`));

  // The choice syncs: the administrator's laptop ends with the kept note and nothing to choose.
  expect(await arrange(komet, 'sync.now', {})).toMatchObject({ converged: true });
  await adminSync();
  expect(adminNote()).toBe(keep);
  expect(await adminCli(['conflicts'])).toEqual([]);
});

test('the header says when it synced, that it is offline and what waits; leaving warns of unsent changes and shows the join form again', async ({
  page,
  komet,
}) => {
  await joinAsLeader(page, komet);
  await expect(syncLine(page)).toHaveAttribute('role', 'status');
  await expect(syncLine(page)).toHaveAttribute('aria-live', 'polite');
  // A change made while connected is sent at once and the line says so again.
  await setNote(komet, 'Skickas direkt');
  await expect(syncLine(page)).toHaveText(/^Synkad \d\d:\d\d$/, { timeout: 30_000 });
  expect((await arrange(komet, 'sync.status', {})).unsent).toBe(0);

  await city.stop();
  try {
    await expect(syncLine(page)).toHaveText(/^Offline sedan \d\d:\d\d$/, { timeout: 40_000 });
    await setNote(komet, 'Skrivs utan nätverk');
    await expect(syncLine(page)).toHaveText(/^Offline sedan \d\d:\d\d, 1 ändring väntar$/);

    await syncLine(page).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Synkronisering' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: /^1 ändring$/ })).toBeVisible();
    const leave = page.getByRole('button', { name: 'Lämna servern' });
    await leave.click();
    const dialog = page.getByRole('dialog', { name: 'Lämna servern?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('1 ändring har inte skickats. Den finns kvar här men når aldrig servern.');
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(leave).toBeFocused();
    expect((await arrange(komet, 'sync.status', {})).joined).toBe(true);

    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Lämna', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(toast(page, 'Databasen synkar inte längre.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Anslutningskod/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Anslut' })).toBeVisible();
    await expect(syncLine(page)).toHaveCount(0);
    // The change stays here.
    expect((await arrange(komet, 'groups.get', { id: groupId })).note).toBe('Skrivs utan nätverk');
  } finally {
    city = await startServerProcess(cityDir, ['--port', String(city.port)]);
  }
});

test('a change the server refuses is shown with its reason and put back, and can be dismissed', async ({ page, komet }) => {
  await joinAsLeader(page, komet);
  const programmeNow = async () => (await arrange(komet, 'programmes.list', {})).find((x) => x.id === programme.id)!;
  const p = await programmeNow();
  const { id, name, code, audience, sessionCount, sessionLengthMinutes, childAgeMin, childAgeMax } = p;
  await arrange(komet, 'programmes.update', {
    id,
    name: `${name} (ändrat av ledaren)`,
    code,
    audience,
    sessionCount,
    sessionLengthMinutes,
    childAgeMin,
    childAgeMax,
  } as never);

  await expect(page.getByRole('link', { name: '1 ändring vägrades' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: '1 ändring vägrades' }).click();
  const refusals = page.getByRole('table', { name: 'Vägrade ändringar' });
  await expect(refusals.getByRole('row')).toHaveCount(2);
  await expect(refusals).toContainText(
    'Bara administratörer kan ändra referensdata (program, enheter, medarbetare, planer och regler). Ändringen är återställd.',
  );
  await expect.poll(async () => (await programmeNow()).name).toBe(programme.name);
  await expectNoAxeViolations(page);

  const dismiss = refusals.getByRole('button', { name: /^Stäng vägran från / });
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Vägrade ändringar' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /vägrades/ })).toHaveCount(0);
  expect((await arrange(komet, 'sync.status', {})).refusals).toEqual([]);
});

test('the sync settings and the conflicts page in English', async ({ page, komet }) => {
  await arrange(komet, 'settings.update', { language: 'en' });
  await joinAsLeader(page, komet, /^Synced \d\d:\d\d$/);
  const notes = { admin: 'The venue moves to the library', leader: 'Parents want to start at 18.00' };
  await makeConflict(komet, notes);
  const swedish = /Synkronisering|Synka|Lämna|Senast|Ansluten|Väntar|ändring|Behåll|gäller|Uppgift|värdet|Läge|Visa|Aldrig|anteckning/;

  await syncLine(page).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(page.getByRole('link', { name: '1 to choose in' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(swedish);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Leave the server' }).click();
  await expect(page.getByRole('dialog', { name: 'Leave the server?' })).toBeVisible();
  await expect(page.getByRole('dialog')).not.toContainText(swedish);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: '1 to choose in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync conflicts' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Sync conflicts' }).getByRole('row').filter({ hasText: notes.admin });
  await expect(row).toContainText(notes.leader);
  await expect(row).toContainText(/Admin, \d{1,2} \S+ \d{4} \d\d:\d\d/);
  await expect(row).toContainText('in effect');
  await expect(page.getByRole('main')).not.toContainText(swedish);
  await expectNoAxeViolations(page);
  await row.getByRole('button', { name: `Keep ${notes.leader} for Group note` }).press('Enter');
  await expect(page.getByText('No sync conflicts')).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(swedish);
});

test('a unit name made on two machines at once is listed with what it became, and is noted with “Uppfattat”', async ({ page, komet }) => {
  const code = serverCli(['enrol', '--data', cityDir, '--name', 'Admin två', '--role', 'admin']).stdout.trim();
  await arrange(komet, 'sync.join', { code });
  await page.reload();
  await expect(syncLine(page)).toHaveText(/Synkad \d\d:\d\d/, { timeout: 60_000 });
  const name = 'Enhet Väster';
  // The administrator's laptop renames a unit (not the leader's) before it syncs; this installation creates one by that name.
  const db = new Database(admin);
  db.prepare('update units set name = ? where id = (select min(id) from units where id <> ?)').run(name, leader.unitId);
  db.close();
  await arrange(komet, 'units.create', { name, kind: 'district' });
  expect(await arrange(komet, 'sync.now', {})).toMatchObject({ converged: true });
  await adminSync();
  expect(await arrange(komet, 'sync.now', {})).toMatchObject({ converged: true });

  await page.getByRole('link', { name: '1 synkkonflikt' }).click();
  const row = page.getByRole('table', { name: 'Synkkonflikter' }).getByRole('row').filter({ hasText: 'Enhetens namn' });
  await expect(row).toContainText(/Samma text fanns redan\. Döptes om till Enhet Väster \([0-9a-f]{4}\) på alla datorer\./);
  await expect(row.getByRole('button', { name: /^Behåll/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const noted = row.getByRole('button', { name: /^Uppfattat: Enhetens namn döptes om till Enhet Väster \([0-9a-f]{4}\)$/ });
  await tabTo(page, noted);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Inga synkkonflikter')).toBeVisible();
  const names = (await arrange(komet, 'units.list', {})).map((u) => u.name).filter((n) => n.startsWith(name));
  expect(names).toHaveLength(2);
  expect(names).toContain(name);
});
