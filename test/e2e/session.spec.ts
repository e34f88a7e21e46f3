import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { prepareAppWindow } from '../../scripts/app-window.mjs';
import { expect, test } from './fixtures';
import { goTo } from './ui-steps';

// How a browser gets into the browser shell: a single-use launch address gives it a session
// cookie, the address bar then shows nothing secret, and the session lasts as long as the tab.

test('a reload keeps the session, and the address shows no secret', async ({ page, komet }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  expect(page.url()).toMatch(new RegExp(`^${komet.origin}/(#.*)?$`));

  await goTo(page, 'Enheter');
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeVisible();
  await expect(page.getByText('Sidan har ingen giltig session')).toHaveCount(0);
  // Writing still works after the reload.
  await page.getByRole('link', { name: 'Ny enhet' }).click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Enheten efter omladdning');
  await page.getByRole('button', { name: 'Skapa enhet' }).click();
  await expect
    .poll(async () => {
      const units = await komet.call('units.list', { includeArchived: true });
      return units.ok && units.value.some((u) => u.name === 'Enheten efter omladdning');
    })
    .toBe(true);
});

test('the session cookie is HttpOnly and SameSite=Strict, out of the page’s reach', async ({ page, komet }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  const port = new URL(komet.origin).port;
  const cookies = await page.context().cookies(komet.origin);
  const session = cookies.find((c) => c.name === `komet-session-${port}`);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
  expect(await page.evaluate(() => document.cookie)).not.toContain('komet-session');
});

test('a launch address works once: another browser that opens it again gets no session', async ({ page, komet, browser }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  const launchUrl = await komet.launchUrl();
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const mine = await first.newPage();
    await mine.goto(launchUrl);
    await expect(mine.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();

    const theirs = await second.newPage();
    const refused = await theirs.goto(launchUrl);
    expect(refused?.status()).toBe(401);
    await expect(theirs.getByRole('heading', { level: 1, name: 'Adressen kan inte användas igen' })).toBeVisible();
    await theirs.goto(komet.url);
    await expect(theirs.getByText('Sidan har ingen giltig session')).toBeVisible();
    expect(await second.cookies(komet.origin)).toEqual([]);
  } finally {
    await first.close();
    await second.close();
  }
});

test('the launch page `npm start` hands the browser leads into Komet', async ({ komet, browser }) => {
  const appWindow = prepareAppWindow({ launchUrl: await komet.launchUrl() });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const launchPage = appWindow.args.find((a) => a.startsWith('--app='))!.slice('--app='.length);
    expect(launchPage).toBe(pathToFileURL(`${appWindow.dir}/open-komet.html`).href);
    // Dates in the native date fields are Swedish whatever the system's language.
    expect(appWindow.args).toContain('--lang=sv-SE');
    await page.goto(launchPage);
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
    expect(page.url()).toMatch(new RegExp(`^${komet.origin}/(#.*)?$`));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  } finally {
    await context.close();
    appWindow.remove();
  }
  expect(fs.existsSync(appWindow.dir)).toBe(false);
});
