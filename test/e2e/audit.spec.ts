import { expect, expectNoAxeViolations, test } from './fixtures';
import { goTo } from './ui-steps';

// Two full-page axe scans and a page visit after them: more than the default minute on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('the log shows who created a unit, filters by record and user, and says when nothing matches', async ({ page, komet }) => {
  await goTo(page, 'Enheter');
  await page.getByRole('link', { name: 'Ny enhet' }).first().click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Loggade enheten');
  await page.getByRole('button', { name: 'Skapa enhet' }).click();
  await expect(page.getByRole('rowheader', { name: 'Loggade enheten' })).toBeVisible();

  await goTo(page, 'Logg');
  const table = page.getByRole('table', { name: 'Logg' });
  // The new unit's entry: seeded units are "Förifylld", not "Skapad".
  const createdUnit = () => table.getByRole('row').filter({ hasText: 'Skapad' }).filter({ hasText: 'Enhet' });
  const created = createdUnit();
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Skapad');
  await expect(created).toContainText('Enhet');
  // The changed fields in words, not as the program names them.
  await expect(created.getByRole('cell').last()).toHaveText('Namn, Typ');
  await expect(created).toContainText(komet.userName);
  await expectNoAxeViolations(page);
  // Certification, supervision and export can be picked out.
  for (const label of ['Certifiering', 'Handledning', 'Export till FoU']) {
    await expect(page.getByRole('combobox', { name: 'Post' }).getByRole('option', { name: label, exact: true })).toHaveCount(1);
  }

  await page.getByRole('combobox', { name: 'Post' }).selectOption({ label: 'Enhet' });
  await expect(createdUnit()).toHaveCount(1);
  // Only the header row lacks the record type once filtered.
  await expect(table.getByRole('row').filter({ hasNotText: 'Enhet' })).toHaveCount(1);

  await page.getByRole('searchbox', { name: 'Användare' }).fill('Ingen Sådan Person');
  await expect(page.getByText('Inga händelser matchar filtren.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Rensa filter' }).click();
  await expect(createdUnit()).toHaveCount(1);

  // The entry leads to the unit it is about.
  await createdUnit().getByRole('link', { name: 'Enhet' }).click();
  await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toHaveValue('Loggade enheten');
});
