import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeExportData, openWizard, stepHeading } from './export-steps';
import { arrange, toast } from './ui-steps';

// The first recipient is added from inside the wizard: step 1's choices stay, the new key is saved
// among the recipients and is already ticked, and the wizard goes on to the preview.
test('adds the first recipient inside the wizard without losing step 1, and it is chosen', async ({ page, komet }) => {
  test.setTimeout(180_000);
  await arrangeExportData(komet);
  const key = await arrange(komet, 'export.keygen', {});

  await openWizard(page);
  await page.getByRole('checkbox', { name: 'Testprogram (tKomet)' }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 2, 'Mottagare')).toBeFocused();
  await expect(page.getByText(/Det finns inga sparade mottagare än/)).toBeVisible();
  const add = page.getByRole('region', { name: 'Lägg till en mottagare här' });
  await expectNoAxeViolations(page);

  // A malformed key is answered on its field, inside the wizard.
  await add.getByRole('textbox', { name: 'Namn' }).fill('FoU-enheten');
  await add.getByRole('textbox', { name: 'Publik nyckel' }).fill(key.publicKey.slice(0, 40));
  await add.getByRole('button', { name: 'Lägg till mottagare' }).click();
  await expect(add.getByText('Nyckeln ska börja med age1 och vara 62 tecken lång.')).toBeVisible();
  await expect(add.getByRole('textbox', { name: 'Publik nyckel' })).toBeFocused();
  await expect(stepHeading(page, 2, 'Mottagare')).toBeVisible();
  await expectNoAxeViolations(page);

  // Enter in the key field saves the recipient (its own form), not the step.
  await add.getByRole('textbox', { name: 'Publik nyckel' }).fill(key.publicKey);
  await add.getByRole('textbox', { name: 'Publik nyckel' }).press('Enter');
  await expect(toast(page, 'Mottagaren FoU-enheten är tillagd.')).toBeVisible();
  await expect(stepHeading(page, 2, 'Mottagare')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /FoU-enheten/ })).toBeChecked();
  expect((await arrange(komet, 'recipients.list', {})).map((r: { name: string }) => r.name)).toEqual(['FoU-enheten']);
  await expectNoAxeViolations(page);

  // Back to step 1: the programme chosen there is still chosen.
  await page.getByRole('button', { name: 'Tillbaka' }).click();
  await expect(page.getByRole('checkbox', { name: 'Testprogram (tKomet)' })).toBeChecked();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await page.getByRole('checkbox', { name: /FoU-enheten/ }).check();
  await page.getByRole('button', { name: 'Nästa' }).click();
  await expect(stepHeading(page, 3, 'Förhandsvisning')).toBeFocused();
});
