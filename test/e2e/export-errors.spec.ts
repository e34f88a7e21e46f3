import fs from 'node:fs';
import path from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeExportData, detail, openOpenExport, openWizard, stepHeading } from './export-steps';
import { arrange, goTo, toast } from './ui-steps';

// The passphrase route, and every way opening can go wrong: each a clear message and no output.
test('exports with a passphrase; a wrong passphrase or a truncated file opens nothing', async ({ page, komet }) => {
  test.setTimeout(300_000); // scrypt runs once per attempt, slowly on a busy machine
  await arrangeExportData(komet);
  const exportsDir = path.join(komet.dataDir, 'exports');

  await openWizard(page);
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 2, 'Mottagare')).toBeFocused();
  await expect(page.getByText(/Det finns inga sparade mottagare än/)).toBeVisible();
  await page.getByRole('radio', { name: 'En lösenfras' }).check();
  const passphrase = page.getByRole('textbox', { name: 'Lösenfras', exact: true });
  await passphrase.fill('för kort');
  await page.getByRole('textbox', { name: 'Upprepa lösenfrasen' }).fill('för kort');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Lösenfrasen måste ha minst 12 tecken.')).toBeVisible();
  await expect(passphrase).toBeFocused();
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await passphrase.fill('korrekt häst batteri häftstift');
  await page.getByRole('textbox', { name: 'Upprepa lösenfrasen' }).fill('korrekt häst batteri');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Lösenfraserna är inte likadana.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Upprepa lösenfrasen' }).fill('korrekt häst batteri häftstift');
  await page.getByRole('button', { name: 'Nästa' }).click();

  // Below k only with a written reason, which the run step repeats and the log keeps.
  await expect(stepHeading(page, 3, 'Förhandsvisning')).toBeFocused();
  await expect(page.getByText('Skyddet når k = 5')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Exportera under k, utan generalisering och dolda värden' }).check();
  await expect(page.getByText('Export under k: enskilda deltagare kan pekas ut')).toBeVisible();
  const reason = page.getByRole('textbox', { name: 'Skriftlig motivering' });
  await expect(reason).toBeFocused();
  await reason.fill('för kort');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Skriv varför exporten behöver göras under k, med minst 10 tecken.')).toBeVisible();
  await expect(reason).toBeFocused();
  await expectNoAxeViolations(page);
  await reason.fill('Etikprövad studie 2026-01234 behöver exakta åldrar');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 4, 'Skapa fil')).toBeFocused();
  await expect(detail(page, 'Röjandeskydd')).toHaveText('Under k, med motiveringen: Etikprövad studie 2026-01234 behöver exakta åldrar');
  await page.getByRole('textbox', { name: 'Filnamn eller sökväg (valfritt)' }).fill('till-utvarderare.age');
  await page.getByRole('button', { name: 'Skapa krypterad exportfil' }).click();
  await expect(page.getByRole('heading', { name: 'Exportfilen är klar' })).toBeFocused({ timeout: 60_000 });
  await expect(detail(page, 'Krypterad för')).toHaveText('Lösenfras');
  await expect(detail(page, 'Röjandeskydd')).toContainText('Under k = 5, med motiveringen: Etikprövad studie 2026-01234 behöver exakta åldrar');
  const log = await komet.call('export.log', {});
  expect(log).toMatchObject({ ok: true, value: [{ belowKReason: 'Etikprövad studie 2026-01234 behöver exakta åldrar' }] });
  const file = path.join(exportsDir, 'till-utvarderare.age');
  await expect(detail(page, 'Fil')).toHaveText(file);

  // A file that already exists is never overwritten.
  await page.getByRole('button', { name: 'Gör en ny export' }).click();
  await expect(stepHeading(page, 1, 'Urval')).toBeFocused();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await page.getByRole('radio', { name: 'En lösenfras' }).check();
  await page.getByRole('textbox', { name: 'Lösenfras', exact: true }).fill('korrekt häst batteri häftstift');
  await page.getByRole('textbox', { name: 'Upprepa lösenfrasen' }).fill('korrekt häst batteri häftstift');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Skyddet når k = 5')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Exportera under k/ })).not.toBeChecked();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await page.getByRole('textbox', { name: 'Filnamn eller sökväg (valfritt)' }).fill('till-utvarderare.age');
  await page.getByRole('button', { name: 'Skapa krypterad exportfil' }).click();
  await expect(page.getByRole('alert')).toContainText('Det finns redan en fil eller mapp med det namnet.');
  await expectNoAxeViolations(page);

  const bytes = fs.readFileSync(file);
  fs.writeFileSync(path.join(exportsDir, 'avbruten.age'), bytes.subarray(0, Math.floor(bytes.length / 2)));

  await openOpenExport(page);
  await page.getByRole('button', { name: 'Öppna export' }).click();
  await expect(page.getByText('Ange exportfilen.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Exportfil (.age)' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Exportfil (.age)' }).fill('till-utvarderare.age');
  await page.getByRole('radio', { name: 'Lösenfras' }).check();
  await page.getByRole('textbox', { name: 'Lösenfras', exact: true }).fill('fel lösenfras helt och hållet');
  await page.getByRole('textbox', { name: 'Mapp att packa upp i (valfritt)' }).fill('uppackad');
  await page.getByRole('button', { name: 'Öppna export' }).click();
  await expect(page.getByRole('alert')).toContainText('Filen kan inte öppnas med den här nyckeln eller lösenfrasen.', { timeout: 60_000 });
  expect(fs.existsSync(path.join(exportsDir, 'uppackad'))).toBe(false);
  await expectNoAxeViolations(page);

  await page.getByRole('textbox', { name: 'Exportfil (.age)' }).fill('avbruten.age');
  await page.getByRole('textbox', { name: 'Lösenfras', exact: true }).fill('korrekt häst batteri häftstift');
  await page.getByRole('button', { name: 'Öppna export' }).click();
  await expect(page.getByRole('alert')).toContainText('Filen är skadad, ändrad eller ofullständig', { timeout: 60_000 });
  expect(fs.existsSync(path.join(exportsDir, 'uppackad'))).toBe(false);
  await expect(page.getByRole('heading', { name: 'Exporten är öppnad' })).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Exportfil (.age)' }).fill('till-utvarderare.age');
  await page.getByRole('button', { name: 'Öppna export' }).click();
  await expect(page.getByRole('heading', { name: 'Exporten är öppnad' })).toBeFocused({ timeout: 60_000 });
  await expect(detail(page, 'Program')).toHaveText('Alla program');
  expect(fs.readdirSync(path.join(exportsDir, 'uppackad'))).toContain('codebook.md');
});

test('an empty selection is refused at the preview; the log starts empty', async ({ page }) => {
  await openWizard(page);
  await page.getByRole('link', { name: 'Exportlogg' }).click();
  await expect(page.getByText('Inga exporter än.')).toBeVisible();
  await expectNoAxeViolations(page);

  await openWizard(page);
  // Keyboard only: Enter submits each step's form, Space ticks the radio.
  await page.getByLabel('Grupper som startat från och med').press('Enter');
  await expect(stepHeading(page, 2, 'Mottagare')).toBeFocused();
  await page.getByRole('radio', { name: 'En lösenfras' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('textbox', { name: 'Lösenfras', exact: true }).fill('en lång nog lösenfras');
  await page.getByRole('textbox', { name: 'Upprepa lösenfrasen' }).fill('en lång nog lösenfras');
  await page.getByRole('textbox', { name: 'Upprepa lösenfrasen' }).press('Enter');
  await expect(stepHeading(page, 3, 'Förhandsvisning')).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('Urvalet innehåller inga grupper att exportera.');
  await expect(page.getByRole('button', { name: 'Nästa' })).toBeDisabled();
  await expectNoAxeViolations(page);
});

test('saved recipients: a secret key is refused, deleting asks first, the list empties', async ({ page, komet }) => {
  const key = await arrange(komet, 'export.keygen', {});
  await arrange(komet, 'recipients.create', { name: 'Utvärderare Syd', publicKey: key.publicKey });

  await goTo(page, 'Inställningar');
  await page.getByRole('link', { name: 'Hantera mottagare' }).click();
  const row = page.getByRole('row', { name: /Utvärderare Syd/ });
  await expect(row).toBeVisible();

  const secret =
    fs
      .readFileSync(key.file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-')) ?? '';
  await page.getByRole('textbox', { name: 'Namn' }).fill('Fel nyckel');
  await page.getByRole('textbox', { name: 'Publik nyckel' }).fill(secret);
  await page.getByRole('button', { name: 'Lägg till mottagare' }).click();
  await expect(page.getByText(/Det här är en hemlig nyckel/)).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(2);

  await row.getByRole('button', { name: 'Ta bort Utvärderare Syd' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ta bort mottagaren?' });
  await expect(dialog).toContainText('Utvärderare Syd');
  await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Ta bort mottagaren' }).click();
  await expect(toast(page, 'Mottagaren Utvärderare Syd är borttagen.')).toBeVisible();
  await expect(page.getByText('Det finns inga sparade mottagare än.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Mottagare' })).toBeFocused();
});
