import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '../helpers/db';
import { runKomet } from '../helpers/cli';
import { dbPath, serverCli, startServerProcess, type ServerProcess } from '../helpers/sync-processes';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { goTo, toast } from './ui-steps';

// A real `komet server` with the city's data on it; the app joins it from Settings with a code.
let root: string;
let cityDir: string;
let city: ServerProcess;
let leader: { id: string; name: string; unitId: string };
let unitGroups: number;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = makeTempDir('komet-e2e-sync-');
  cityDir = path.join(root, 'city');
  expect(serverCli(['init', '--data', cityDir, '--name', 'Stadens server']).code).toBe(0);
  city = await startServerProcess(cityDir);
  const admin = dbPath(root, 'admin');
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
