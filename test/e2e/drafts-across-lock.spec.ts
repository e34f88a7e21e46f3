import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange, goTo } from './ui-steps';

const lockScreen = (page: Page) => page.getByRole('heading', { level: 1, name: 'Komet är låst' });

/** Everything the page could have put in web storage, as one string to search. */
const webStorage = (page: Page) =>
  page.evaluate(() => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
    return `${dump(window.localStorage)}\n${dump(window.sessionStorage)}`;
  });

test('a half-filled participant form comes back after a lock and unlock, and never reaches web storage', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet);
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
  const form = page.getByRole('form', { name: 'Ny deltagare' });
  await form.getByRole('textbox', { name: /Namn/ }).fill('Gunilla Utkast');
  await form.getByRole('textbox', { name: /Kontakt/ }).fill('070-123 45 67');

  // The idle timer locks through the same path as a lock from another window: main closes the vault
  // and the page hears of it.
  await arrange(komet, 'vault.lock', {});
  await expect(lockScreen(page)).toBeVisible();
  expect(await webStorage(page)).not.toMatch(/Gunilla|070-123/);

  await page.getByLabel(/^Lösenfras( \*)?$/).fill(komet.passphrase);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  const again = page.getByRole('form', { name: 'Ny deltagare' });
  await expect(again.getByRole('textbox', { name: /Namn/ })).toHaveValue('Gunilla Utkast');
  await expect(again.getByRole('textbox', { name: /Kontakt/ })).toHaveValue('070-123 45 67');
  expect(await webStorage(page)).not.toMatch(/Gunilla|070-123/);

  // Cancelling drops the draft: the next "Lägg till deltagare" starts empty.
  await again.getByRole('button', { name: 'Avbryt' }).click();
  await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
  await expect(page.getByRole('form', { name: 'Ny deltagare' }).getByRole('textbox', { name: /Namn/ })).toHaveValue('');
});

test('a page form (new group) keeps its draft across a lock, and leaving the page drops it', async ({ page, komet }) => {
  await openRoute(page, '/groups/new');
  const venue = page.getByRole('textbox', { name: 'Lokal' });
  await venue.fill('Biblioteket i Kista');

  await arrange(komet, 'vault.lock', {});
  await expect(lockScreen(page)).toBeVisible();
  await page.getByLabel(/^Lösenfras( \*)?$/).fill(komet.passphrase);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  await expect(page.getByRole('textbox', { name: 'Lokal' })).toHaveValue('Biblioteket i Kista');
  expect(await webStorage(page)).not.toContain('Kista');

  await goTo(page, 'Enheter');
  await expect(page.getByRole('textbox', { name: 'Lokal' })).toHaveCount(0);
  await openRoute(page, '/groups/new');
  await expect(page.getByRole('textbox', { name: 'Lokal' })).toHaveValue('');
});

test('the unit, staff, programme, course and supervision forms keep their drafts across a lock, each on its own page', async ({ page, komet }) => {
  test.setTimeout(180_000);
  const forms = [
    { route: '/units/new', field: page.getByRole('textbox', { name: /^Namn/ }), text: 'Enheten i utkast' },
    { route: '/staff/new', field: page.getByRole('textbox', { name: /^Namn/ }), text: 'Medarbetaren i utkast' },
    { route: '/programmes/new', field: page.getByRole('textbox', { name: /^Namn/ }), text: 'Programmet i utkast' },
    { route: '/courses/new', field: page.getByRole('textbox', { name: /^Kursens namn/ }), text: 'Kursen i utkast' },
    { route: '/supervision/new', field: page.getByRole('textbox', { name: /^Anteckningar/ }), text: 'Handledningen i utkast' },
  ];
  for (const { route, field, text } of forms) {
    await openRoute(page, route);
    await field.fill(text);
    await arrange(komet, 'vault.lock', {});
    await expect(lockScreen(page)).toBeVisible();
    expect(await webStorage(page)).not.toContain(text);
    await page.getByLabel(/^Lösenfras( \*)?$/).fill(komet.passphrase);
    await page.getByRole('button', { name: 'Lås upp' }).click();
    await expect(field, route).toHaveValue(text);
    // Leaving the page drops the draft: coming back starts empty. The form must be gone before
    // the route is opened again, or the hash change could land before the navigation renders.
    await goTo(page, 'Översikt');
    await expect(field, route).toHaveCount(0);
    await openRoute(page, route);
    await expect(field, route).toHaveValue('');
  }
});
