import { expect, expectNoAxeViolations, test } from './fixtures';
import { goTo } from './ui-steps';

test('the log shows who created a unit, filters by record and user, and says when nothing matches', async ({ page, komet }) => {
  await goTo(page, 'Enheter');
  await page.getByRole('link', { name: 'Ny enhet' }).first().click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Loggade enheten');
  await page.getByRole('button', { name: 'Skapa enhet' }).click();
  await expect(page.getByRole('rowheader', { name: 'Loggade enheten' })).toBeVisible();

  await goTo(page, 'Logg');
  const table = page.getByRole('table', { name: 'Logg' });
  const created = table.getByRole('row').filter({ hasText: 'units.create' });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Skapad');
  await expect(created).toContainText('Enhet');
  await expect(created).toContainText('name');
  await expect(created).toContainText(komet.userName);
  await expectNoAxeViolations(page);

  await page.getByRole('combobox', { name: 'Post' }).selectOption({ label: 'Enhet' });
  await expect(table.getByRole('row').filter({ hasText: 'units.create' })).toHaveCount(1);
  // Only the header row lacks the record type once filtered.
  await expect(table.getByRole('row').filter({ hasNotText: 'Enhet' })).toHaveCount(1);

  await page.getByRole('searchbox', { name: 'Användare' }).fill('Ingen Sådan Person');
  await expect(page.getByText('Inga händelser matchar filtren.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Rensa filter' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'units.create' })).toHaveCount(1);
});
