import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, goTo, toast } from './ui-steps';

test('back up now, delete a unit, restore the backup after a preview: the unit is back', async ({ page, komet }) => {
  test.setTimeout(120_000);
  const unit = await arrange(komet, 'units.create', { name: 'Enheten som kommer tillbaka', kind: 'school' });
  // The seed's districts plus this unit; the preview must show the count from before the delete.
  const unitsBackedUp = (await arrange(komet, 'units.list', { includeArchived: true })).length;

  await goTo(page, 'Säkerhetskopior');
  await page.getByRole('button', { name: 'Säkerhetskopiera nu' }).click();
  await expect(toast(page, /Säkerhetskopian från .* är gjord och kontrollerad\./)).toBeVisible();
  const table = page.getByRole('table', { name: 'Säkerhetskopior' });
  await expect(table.getByRole('row').nth(1)).toContainText('Kontrollerad');
  await expectNoAxeViolations(page);

  // Nothing is backed up after this point (today's automatic backup exists), so the newest holds the unit.
  await arrange(komet, 'units.delete', { id: unit.id });
  await goTo(page, 'Enheter');
  await expect(page.getByText('Enheten som kommer tillbaka')).toHaveCount(0);

  await goTo(page, 'Säkerhetskopior');
  await table
    .getByRole('button', { name: /^Återställ, / })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: /^Återställa säkerhetskopian från / });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Den nuvarande databasen sparas först som en säkerhetskopia');
  await expect(dialog.getByRole('definition').first()).toBeVisible();
  await expect(dialog.locator('.backup-preview__row').filter({ hasText: 'Enheter' }).getByRole('definition')).toHaveText(String(unitsBackedUp));
  await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Återställ' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, /Databasen är återställd från säkerhetskopian/)).toBeVisible();
  // The database as it was just before is kept.
  await expect(table.getByText('Sparad före en återställning')).toBeVisible();

  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enheten som kommer tillbaka' })).toBeVisible();
});
