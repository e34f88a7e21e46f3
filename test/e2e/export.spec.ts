import fs from 'node:fs';
import path from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { detail, arrangeExportData, openOpenExport, openWizard, stepHeading } from './export-steps';
import { arrange, goTo, toast } from './ui-steps';

// The export's user story across both roles: the evaluator creates a key, the coordinator saves it as
// a recipient, exports through the wizard (meeting the k warning on the way), and the evaluator
// opens the file with the key and reads the summary and codebook.
test('exports to a recipient made in the UI and opens the package with the matching key', async ({ page, komet }) => {
  test.setTimeout(180_000); // a dozen axe scans and two age operations
  await arrangeExportData(komet);

  // Evaluator: Skapa nyckel.
  await openOpenExport(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  await expect(page.getByRole('heading', { name: 'Nyckeln är skapad' })).toBeFocused();
  const publicKey = await page.getByRole('textbox', { name: 'Publik nyckel' }).inputValue();
  expect(publicKey).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
  const keyFile = (await page.locator('.export-keygen-result .mono').textContent())?.trim() ?? '';
  expect(fs.readFileSync(keyFile, 'utf8')).toContain(`# public key: ${publicKey}`);
  await expectNoAxeViolations(page);

  // Coordinator: Inställningar → Mottagare.
  await goTo(page, 'Inställningar');
  await page.getByRole('link', { name: 'Hantera mottagare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mottagare' })).toBeVisible();
  await expect(page.getByText('Det finns inga sparade mottagare än.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: 'Namn' }).fill('FoU-enheten');
  await page.getByRole('textbox', { name: 'Publik nyckel' }).fill(publicKey.slice(0, 40));
  await page.getByRole('button', { name: 'Lägg till mottagare' }).click();
  await expect(page.getByText('Nyckeln ska börja med age1 och vara 62 tecken lång.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Publik nyckel' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: 'Publik nyckel' }).fill(publicKey);
  await page.getByRole('button', { name: 'Lägg till mottagare' }).click();
  await expect(toast(page, 'Mottagaren FoU-enheten är tillagd.')).toBeVisible();
  const row = page.getByRole('row', { name: /FoU-enheten/ });
  await expect(row).toContainText(/[0-9a-f]{4}(:[0-9a-f]{4}){3}/);
  const fingerprint = (await row.locator('td.mono').textContent())?.trim() ?? '';
  await expectNoAxeViolations(page);

  // Step 1: scope, with an inverted period first.
  await openWizard(page);
  await expect(page.getByRole('navigation', { name: 'Steg i exporten' }).locator('[aria-current="step"]')).toContainText('Urval');
  await expectNoAxeViolations(page);
  await page.getByLabel('Grupper som startat från och med').fill('2030-01-01');
  await page.getByLabel('Till och med').fill('2020-01-01');
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Slutdatum kan inte vara före startdatum.')).toBeVisible();
  await expect(page.getByLabel('Till och med')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByLabel('Grupper som startat från och med').fill('');
  await page.getByLabel('Till och med').fill('');
  await page.getByRole('checkbox', { name: 'Testprogram (tKomet)' }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();

  // Step 2: recipients.
  await expect(stepHeading(page, 2, 'Mottagare')).toBeFocused();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(page.getByText('Välj minst en mottagare, eller välj lösenfras.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: new RegExp(`FoU-enheten.*${fingerprint}`) }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();

  // Step 3: preview — five mothers with exact ages are too few to hide among, so Komet puts the
  // ages in bands by itself and says so; nothing has to be confirmed.
  await expect(stepHeading(page, 3, 'Förhandsvisning')).toBeFocused();
  const files = page.getByRole('table', { name: 'Filer i paketet' });
  await expect(files.getByRole('row', { name: /participants\.csv/ })).toContainText('5');
  await expect(page.getByText('Skyddet når k = 5')).toBeVisible();
  await expect(
    page.getByText('Med de valda inställningarna skulle 5 av 5 deltagarrader dela sina kännetecken med färre än k − 1 andra (minsta grupp: 1).'),
  ).toBeVisible();
  await expect(page.getByText('Komet har generaliserat i alla filer: Startperiod: månad; barnets ålder: i åldersgrupper; enhet: enhetens namn.')).toBeVisible();
  await expect(page.getByText('Inga värden behövde döljas.')).toBeVisible();
  await expect(page.getByText('Minsta grupp med samma kännetecken i deltagarfilen: 5.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Exportera under k/ })).not.toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Nästa' }).click();

  // Step 4: run, then the result.
  await expect(stepHeading(page, 4, 'Skapa fil')).toBeFocused();
  await expect(detail(page, 'Krypterad för')).toHaveText('FoU-enheten');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Skapa krypterad exportfil' }).click();
  await expect(page.getByRole('heading', { name: 'Exportfilen är klar' })).toBeFocused({ timeout: 30_000 });
  const file = (await detail(page, 'Fil').textContent())?.trim() ?? '';
  expect(path.dirname(file)).toBe(path.join(komet.dataDir, 'exports'));
  expect(file).toMatch(/\.age$/);
  expect(fs.readFileSync(file).subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
  await expect(detail(page, 'Krypterad för')).toHaveText(fingerprint);
  await expect(detail(page, 'Röjandeskydd')).toContainText('k = 5 nås (minsta grupp 5); 0 värden dolda, 0 rader utelämnade');
  await expect(page.getByRole('table', { name: 'Rader per fil' }).getByRole('row', { name: /participants\.csv/ })).toContainText('5');
  await expectNoAxeViolations(page);

  // The log records it, without the data.
  await page.getByRole('main').getByRole('link', { name: 'Exportlogg' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exportlogg' })).toBeVisible();
  const entry = page.getByRole('table', { name: 'Exportlogg' }).locator('tbody tr');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(fingerprint);
  await expect(entry).toContainText('tKomet');
  await expect(entry).toContainText('participants.csv: 5');
  await expect(entry).toContainText('k = 5 nått (minsta grupp 5), 0 dolda värden, 0 rader utelämnade');
  await expect(entry).toContainText('Klar');
  await expectNoAxeViolations(page);

  // Evaluator: Öppna export with the key file.
  await openOpenExport(page);
  await page.getByRole('textbox', { name: 'Exportfil (.age)' }).fill(file);
  await page.getByRole('textbox', { name: 'Nyckelfil', exact: true }).fill(keyFile);
  await page.getByRole('textbox', { name: 'Mapp att packa upp i (valfritt)' }).fill('opened-by-evaluator');
  await page.getByRole('button', { name: 'Öppna export' }).click();
  await expect(page.getByRole('heading', { name: 'Exporten är öppnad' })).toBeFocused({ timeout: 30_000 });
  await expect(page.getByText('Alla filer stämmer med innehållsregistret.')).toBeVisible();
  await expect(detail(page, 'Program')).toHaveText('tKomet');
  await expect(detail(page, 'Kontroll av röjanderisk')).toContainText('Minsta grupp med samma kännetecken: 5 (k = 5).');
  await expect(detail(page, 'Generalisering')).toHaveText('Startperiod: månad; barnets ålder: i åldersgrupper; enhet: enhetens namn');
  await expect(page.getByRole('table', { name: 'Filer', exact: true }).getByRole('row', { name: /participants\.csv/ })).toContainText('5');
  const codebook = page.getByRole('region', { name: 'Kodbok' });
  await expect(codebook.getByRole('heading', { name: /participants\.csv/ })).toBeVisible();
  await expect(codebook).toContainText('pseudonymiserat');
  const outDir = path.join(komet.dataDir, 'exports', 'opened-by-evaluator');
  expect(fs.readdirSync(outDir).sort()).toContain('participants.csv');
  await expectNoAxeViolations(page);
});

// The same explanation in English: what the protection did, and the written reason it asks for
// before an export below k.
test('explains the protection in English and asks for a written reason to go below k', async ({ page, komet }) => {
  test.setTimeout(120_000);
  await arrangeExportData(komet);
  await arrange(komet, 'settings.update', { language: 'en' });
  await page.goto('about:blank');
  await page.goto(komet.url);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Export for evaluation' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 1 of 4: Selection' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: 'A passphrase' }).check();
  await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill('correct horse battery staple');
  await page.getByRole('textbox', { name: 'Repeat the passphrase' }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 4: Preview' })).toBeFocused();
  await expect(page.getByText('The protection reaches k = 5')).toBeVisible();
  await expect(page.getByText("Komet generalised in every file: Start period: month; child's age: in age bands; unit: the unit's name.")).toBeVisible();
  await expect(page.getByText('No values had to be hidden.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Export below k, without generalisation and hidden values' }).check();
  await expect(page.getByText('Export below k: individual participants could be singled out')).toBeVisible();
  await expect(page.getByText(/Smallest group sharing the same characteristics: 1; 5 participant rows in 3 groups are below k = 5\./)).toBeVisible();
  const reason = page.getByRole('textbox', { name: 'Written reason' });
  await expect(reason).toBeFocused();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Write why the export must be made below k, in at least 10 characters.')).toBeVisible();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
});
