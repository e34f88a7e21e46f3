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
  // Every table name and its count stay apart and inside the list, whatever the name's length.
  const overlaps = await dialog.locator('.backup-preview').evaluate((list) => {
    const found: string[] = [];
    const listBox = list.getBoundingClientRect();
    const rows = [...list.querySelectorAll('.backup-preview__row')].map((row) => ({
      text: row.textContent ?? '',
      row: row.getBoundingClientRect(),
      dt: row.querySelector('dt')!.getBoundingClientRect(),
      dd: row.querySelector('dd')!.getBoundingClientRect(),
    }));
    for (const r of rows) {
      if (r.dt.right > r.dd.left + 0.5 && r.dt.bottom > r.dd.top + 0.5) found.push(`${r.text}: name runs into the count`);
      if (r.dd.right > r.row.right + 0.5 || r.dt.right > r.row.right + 0.5) found.push(`${r.text}: outside its row`);
      if (r.row.right > listBox.right + 0.5) found.push(`${r.text}: outside the list`);
    }
    for (const [i, a] of rows.entries())
      for (const b of rows.slice(i + 1))
        if (a.row.left < b.row.right - 0.5 && b.row.left < a.row.right - 0.5 && a.row.top < b.row.bottom - 0.5 && b.row.top < a.row.bottom - 0.5)
          found.push(`${a.text} overlaps ${b.text}`);
    return found;
  });
  expect(overlaps).toEqual([]);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Återställ' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, /Databasen är återställd från säkerhetskopian/)).toBeVisible();
  // The database as it was just before is kept.
  await expect(table.getByText('Sparad före en återställning')).toBeVisible();

  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enheten som kommer tillbaka' })).toBeVisible();
});
