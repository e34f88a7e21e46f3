import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, goTo } from './ui-steps';

const lockScreen = (page: Page) => page.getByRole('heading', { level: 1, name: 'Komet är låst' });
// Password inputs have no role; the label text carries the required marker.
const passphraseField = (page: Page) => page.getByLabel(/^Lösenfras( \*)?$/);

test.describe('first run', () => {
  test.use({ freshVault: true });

  test('setup validates inline, shows the recovery key once, and the key unlocks with a new passphrase', async ({ page }) => {
    test.setTimeout(120_000);
    await expect(page.getByRole('heading', { level: 1, name: 'Välkommen till Komet' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Skapa lösenfras' }).click();
    const name = page.getByRole('textbox', { name: 'Ditt namn' });
    await expect(name).toBeFocused();
    await expect(name).toHaveAccessibleDescription(/Ange ditt namn/);
    await name.fill('Sara Socialsekreterare');
    await passphraseField(page).fill('kort fras');
    await expect(page.getByText('För kort: 9 av 12 tecken.')).toBeVisible();
    await page.getByLabel('Upprepa lösenfrasen').fill('något annat');
    await page.getByRole('button', { name: 'Skapa lösenfras' }).click();
    await expect(passphraseField(page)).toHaveAccessibleDescription(/Lösenfrasen måste vara minst 12 tecken/);
    await expectNoAxeViolations(page);

    const first = 'blåbär i skogen vid sjön';
    await passphraseField(page).fill(first);
    await expect(page.getByText('Stark.')).toBeVisible();
    await page.getByLabel('Upprepa lösenfrasen').fill(first);
    await page.getByRole('button', { name: 'Skapa lösenfras' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Spara din återställningsnyckel' })).toBeVisible();
    const recoveryKey = (await page.getByTestId('recovery-key').textContent())?.trim() ?? '';
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
    await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
    // The key belongs on paper: the screen offers printing and no copying to the clipboard.
    await expect(page.getByRole('button', { name: 'Kopiera' })).toHaveCount(0);
    await expect(page.getByText('Skriv ut nyckeln eller skriv av den för hand, på papper.')).toBeVisible();
    await expect(page.getByText('Spara den aldrig i en fil, ett e-postmeddelande eller i molnet.')).toBeVisible();
    await expectNoAxeViolations(page);

    // Continuing needs the confirmation; the error lands on the checkbox.
    await page.getByRole('button', { name: 'Fortsätt till Komet' }).click();
    const stored = page.getByRole('checkbox', { name: 'Jag har förvarat återställningsnyckeln säkert' });
    await expect(stored).toBeFocused();
    await expect(stored).toHaveAccessibleDescription(/Bekräfta att du har förvarat/);
    await stored.check();
    await page.getByRole('button', { name: 'Fortsätt till Komet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
    await expect(page.getByText('Sara Socialsekreterare')).toBeVisible();
    // Shown once: the key is nowhere in the app.
    await expect(page.getByText(recoveryKey)).toHaveCount(0);

    // Forgotten passphrase: the recovery key unlocks and sets a new one.
    await page.getByRole('button', { name: 'Lås', exact: true }).click();
    await expect(lockScreen(page)).toBeVisible();
    await page.getByRole('button', { name: 'Glömt lösenfrasen?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lås upp med återställningsnyckeln' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByRole('textbox', { name: 'Återställningsnyckel' }).fill(recoveryKey.toLowerCase());
    const second = 'ny lösenfras efter semestern';
    await page.getByLabel('Ny lösenfras').fill(second);
    await page.getByLabel('Upprepa lösenfrasen').fill(second);
    await page.getByRole('button', { name: 'Lås upp och byt lösenfras' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();

    // The old passphrase no longer works; the new one does.
    await page.getByRole('button', { name: 'Lås', exact: true }).click();
    await passphraseField(page).fill(first);
    await page.getByRole('button', { name: 'Lås upp' }).click();
    await expect(passphraseField(page)).toHaveAccessibleDescription(/Fel lösenfras/);
    await passphraseField(page).fill(second);
    await page.getByRole('button', { name: 'Lås upp' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  });
});

test('locking hides everything; a wrong passphrase is explained, repeated ones must wait; the right one unlocks', async ({ page, komet }) => {
  test.setTimeout(120_000);
  await arrange(komet, 'units.create', { name: 'Hemliga enheten', kind: 'district' });
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Hemliga enheten' })).toBeVisible();

  await page.getByRole('button', { name: 'Lås', exact: true }).click();
  await expect(lockScreen(page)).toBeVisible();
  await expect(passphraseField(page)).toBeFocused();
  await expect(page.getByText('Hemliga enheten')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Lås upp' }).click();
  await expect(passphraseField(page)).toHaveAccessibleDescription('Ange din lösenfras.');

  // Three tries are free; after that each wrong one makes the next wait longer (the button waits).
  for (let i = 0; i < 5; i++) {
    await passphraseField(page).fill(`fel lösenfras nummer ${i}`);
    await page.getByRole('button', { name: 'Lås upp' }).click();
    await expect(passphraseField(page)).toHaveAccessibleDescription(/Fel lösenfras\. Försök igen, eller använd återställningsnyckeln\./);
    await expect(passphraseField(page)).toHaveValue('');
  }
  await expect(page.getByText(/Du kan försöka igen om \d+ sekund/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lås upp' })).toBeDisabled();
  await expectNoAxeViolations(page);
  await expect(page.getByRole('button', { name: 'Lås upp' })).toBeEnabled({ timeout: 15_000 });

  await passphraseField(page).fill(komet.passphrase);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  // Focus lands on the page the user was on, not on the document's start.
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeFocused();
  await expect(page.getByRole('rowheader', { name: 'Hemliga enheten' })).toBeVisible();
});

test('a lock from elsewhere (idle timer, another window) reaches the page', async ({ page, komet }) => {
  await goTo(page, 'Enheter');
  await arrange(komet, 'vault.lock', {});
  await expect(lockScreen(page)).toBeVisible();
  await arrange(komet, 'vault.unlock', { passphrase: komet.passphrase });
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeVisible();
});

test('settings: change the passphrase and the auto-lock time', async ({ page, komet }) => {
  await goTo(page, 'Inställningar');
  await expect(page.getByRole('heading', { name: 'Automatisk låsning' })).toBeVisible();
  await expectNoAxeViolations(page);

  const current = page.getByLabel('Nuvarande lösenfras');
  await current.fill('inte den rätta frasen');
  await page.getByLabel('Ny lösenfras').fill('kort');
  await page.getByRole('button', { name: 'Byt lösenfras' }).click();
  await expect(page.getByLabel('Ny lösenfras')).toHaveAccessibleDescription(/Lösenfrasen måste vara minst 12 tecken/);
  const next = 'en helt ny och lång lösenfras';
  await page.getByLabel('Ny lösenfras').fill(next);
  await page.getByLabel('Upprepa lösenfrasen').fill(next);
  await page.getByRole('button', { name: 'Byt lösenfras' }).click();
  await expect(current).toHaveAccessibleDescription(/Fel lösenfras/);
  await expectNoAxeViolations(page);
  await current.fill(komet.passphrase);
  await page.getByRole('button', { name: 'Byt lösenfras' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lösenfrasen är bytt.' })).toBeVisible();
  await expect(current).toHaveValue('');

  const minutes = page.getByRole('spinbutton', { name: 'Lås efter antal minuter utan aktivitet' });
  await expect(minutes).toHaveValue('10');
  await minutes.fill('0');
  await minutes.press('Enter');
  await expect(minutes).toHaveAccessibleDescription(/Ange ett helt antal minuter mellan 1 och 240/);
  await minutes.fill('15');
  await minutes.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Komet låser sig efter 15 minuter utan aktivitet.' })).toBeVisible();
  expect(await arrange(komet, 'vault.status', {})).toMatchObject({ autoLockMinutes: 15 });

  await page.getByRole('button', { name: 'Lås', exact: true }).click();
  await expect(lockScreen(page)).toBeVisible();
  await passphraseField(page).fill(next);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
});
