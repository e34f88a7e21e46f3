import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type KometServer } from './fixtures';
import { arrange, firstBackupMade, goTo, toast } from './ui-steps';

test("a write refreshes the screen through main's change event alone, and a change missed while the event stream was down is caught up when it returns", async ({
  page,
  komet,
}) => {
  await arrange(komet, 'units.create', { name: 'Enhet Öst', kind: 'district' });
  // Open Komet again with its change stream cut off.
  let cut = true;
  await page.route('**/api/events', (route) => (cut ? route.abort() : route.continue()));
  await page.goto('about:blank');
  await page.goto(komet.url);
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toBeVisible();

  const calls: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/call')) return;
    const body = request.postDataJSON() as { procedure?: string } | null;
    if (body?.procedure) calls.push(body.procedure);
  });
  await page.getByRole('button', { name: 'Arkivera, Enhet Öst' }).click();
  await expect(toast(page, 'Enhet Öst är arkiverad.')).toBeVisible();
  // The write re-read nothing itself: without the change event the list still shows the unit.
  expect(calls).toEqual(['units.setActive']);
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toBeVisible();

  // When the stream is back, the change it missed is caught up and the list follows once.
  cut = false;
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toHaveCount(0);
  expect(calls.filter((c) => c === 'units.list')).toHaveLength(1);
});

test('a change made while the page is still connecting its change stream shows once the stream is open', async ({ page, komet }) => {
  // Hold the stream back until the page has read its data and something else has written.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/events', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('about:blank');
  await page.goto(komet.url);
  await goTo(page, 'Enheter');
  await expect(page.getByRole('table', { name: 'Enheter' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Enhet Väst' })).toHaveCount(0);

  await arrange(komet, 'units.create', { name: 'Enhet Väst', kind: 'district' });
  release();
  await expect(page.getByRole('rowheader', { name: 'Enhet Väst' })).toBeVisible();
});

/** Logs, in order, each change event the page hears and each procedure it asks for. */
async function listen(page: Page, url: string): Promise<void> {
  await page.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    const Source = window.EventSource;
    // Its listener comes before the page's own, so an event is logged before the reads it causes.
    window.EventSource = class extends Source {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('changed', (message) => heard.push(`changed ${String(message.data)}`));
      }
    };
    const fetchBefore = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const procedure = (init?.headers as Record<string, string> | undefined)?.['X-Komet-Procedure'];
      if (procedure) heard.push(`call ${procedure}`);
      return fetchBefore(input, init);
    };
  });
  await page.goto(url);
}

/** What the page asked for after it last heard of a change naming `entity` alone, or null until it has. */
async function askedAfterChangeOf(page: Page, entity: string): Promise<string[] | null> {
  const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
  const at = heard.findLastIndex((line) => line.startsWith('changed ') && line.includes(`"entities":["${entity}"]`));
  return at < 0 ? null : heard.slice(at + 1);
}
const askedAfterBackup = (page: Page) => askedAfterChangeOf(page, 'backup');

/** Enheter, showing the unit, on one page and the screen `beside` on a second, each logging what it hears and asks for. */
async function unitsBeside(page: Page, komet: KometServer, unitName: string, beside: string): Promise<Page> {
  await listen(page, komet.url);
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: unitName })).toBeVisible();
  const second = await page.context().newPage();
  await listen(second, komet.url);
  await goTo(second, beside);
  await expect(second.getByRole('heading', { level: 1, name: beside })).toBeVisible();
  return second;
}
const unitsBesideBackups = (page: Page, komet: KometServer, unitName: string) => unitsBeside(page, komet, unitName, 'Säkerhetskopior');

/** Once a backup is announced: the units page asks for nothing, the backups page for its list alone. */
async function onlyBackupsReadAgain(page: Page, backupsPage: Page, unitName: string): Promise<void> {
  await expect.poll(() => askedAfterBackup(page)).not.toBeNull();
  // Reads leave as the event is handled; a moment more lets any late one show.
  await page.waitForTimeout(500);
  expect(await askedAfterBackup(page)).toEqual([]);
  expect(await askedAfterBackup(backupsPage)).toEqual(['call backups.list']);
  await expect(page.getByRole('rowheader', { name: unitName })).toBeVisible();
}

test("the day's first backup re-reads what shows backups, and nothing on any other screen", async ({ page, komet }) => {
  await arrange(komet, 'units.create', { name: 'Enhet Syd', kind: 'district' });
  const backupsPage = await unitsBesideBackups(page, komet, 'Enhet Syd');

  // Today's backup made anew while both screens are open: with none in the folder, the next unlock
  // makes one a moment later. The first one, made after the setup, must be out of the way.
  await firstBackupMade(komet);
  const backups = path.join(komet.dataDir, 'backups');
  for (const name of fs.readdirSync(backups)) fs.rmSync(path.join(backups, name), { recursive: true });
  await arrange(komet, 'vault.lock', {});
  await arrange(komet, 'vault.unlock', { passphrase: komet.passphrase });
  const table = backupsPage.getByRole('table', { name: 'Säkerhetskopior' });
  await expect(table.getByRole('row')).toHaveCount(2, { timeout: 15_000 });

  await onlyBackupsReadAgain(page, backupsPage, 'Enhet Syd');
});

test('a backup made by hand re-reads what shows backups, and nothing on any other screen', async ({ page, komet }) => {
  await arrange(komet, 'units.create', { name: 'Enhet Nord', kind: 'district' });
  // The day's first backup, which the server makes on its own after the setup, out of the way.
  await firstBackupMade(komet);
  const backupsPage = await unitsBesideBackups(page, komet, 'Enhet Nord');
  await expect(backupsPage.getByRole('table', { name: 'Säkerhetskopior' }).getByRole('row')).toHaveCount(2);

  await backupsPage.getByRole('button', { name: 'Säkerhetskopiera nu' }).click();
  await expect(toast(backupsPage, 'är gjord och kontrollerad')).toBeVisible({ timeout: 15_000 });

  await onlyBackupsReadAgain(page, backupsPage, 'Enhet Nord');
});

test('a new idle time before the lock re-reads the lock settings, and nothing on any other screen', async ({ page, komet }) => {
  await arrange(komet, 'units.create', { name: 'Enhet Öst', kind: 'district' });
  const settingsPage = await unitsBeside(page, komet, 'Enhet Öst', 'Inställningar');
  const minutes = settingsPage.getByRole('spinbutton', { name: 'Lås efter antal minuter utan aktivitet' });
  await expect(minutes).toHaveValue('10');

  await minutes.fill('25');
  await minutes.press('Enter');
  await expect(toast(settingsPage, 'Komet låser sig efter 25 minuter utan aktivitet.')).toBeVisible();

  await expect.poll(() => askedAfterChangeOf(page, 'vault')).not.toBeNull();
  // Reads leave as the event is handled; a moment more lets any late one show.
  await page.waitForTimeout(500);
  // Each window's lock gate holds the lock state, idle time included, and reads it again; the units
  // page asks for nothing else, the settings page for nothing else either.
  for (const each of [page, settingsPage]) {
    const asked = await askedAfterChangeOf(each, 'vault');
    expect(asked).toContain('call vault.status');
    expect(asked!.filter((line) => line !== 'call vault.status')).toEqual([]);
  }
  await expect(minutes).toHaveValue('25');
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toBeVisible();
});
