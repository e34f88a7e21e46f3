import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, arrangeGroup, goTo, isoDate } from './ui-steps';

// Four axe scans on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('imports participants from a CSV through the stepper, skipping a bad row, and undoes the whole import', async ({ page, komet }) => {
  const { group } = await arrangeGroup(komet);
  const csv =
    '\uFEFFProgram;Enhet;Gruppstart;Deltagare;Relation\n' +
    `tKomet;Testdistrikt;${isoDate(-14)};Anna Import;mamma\n` +
    `tKomet;Testdistrikt;${isoDate(-14)};Bo Import;pappa\n` +
    `tKomet;Testdistrikt;31/13/2024;Cilla Import;mamma\n`;
  const participants = async () => (await arrange(komet, 'participants.list', { groupId: group.id, includeMoved: true })).map((p) => p.displayName).sort();

  await goTo(page, 'Importera');
  await expect(page.getByRole('navigation', { name: 'Steg i importen' }).locator('[aria-current="step"]')).toContainText('Fil');
  await expectNoAxeViolations(page);
  await page.getByRole('combobox', { name: 'Listan innehåller' }).selectOption({ label: 'Deltagare' });
  // Without a file the step says what is missing.
  await page.getByRole('button', { name: 'Läs filen' }).click();
  await expect(page.getByText('Välj en fil.')).toBeVisible();
  await page.locator('#import-file').setInputFiles({ name: 'deltagare.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Läs filen' }).press('Enter');

  // The columns are guessed from the headers and can be changed.
  await expect(page.getByRole('heading', { name: 'Steg 2 av 4: Kolumner' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Namn' })).toHaveValue('Deltagare');
  await expect(page.getByRole('combobox', { name: 'Gruppens startdatum' })).toHaveValue('Gruppstart');
  await expect(page.getByRole('combobox', { name: 'Familj' })).toHaveValue('');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Provkör' }).click();

  // The dry run names the bad row and what to fix, and writes nothing.
  await expect(page.getByRole('heading', { name: 'Steg 3 av 4: Provkörning' })).toBeFocused();
  await expect(page.getByText('2 nya, 0 fanns redan, 0 upprepade rader, 1 rad med fel. Inget är sparat än.')).toBeVisible();
  const bad = page.getByRole('row', { name: /Cilla Import/ });
  await expect(bad).toContainText("Gruppstart: datumet '31/13/2024' är inget datum");
  expect(await participants()).toEqual([]);
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: 'Importera bara de giltiga raderna och hoppa över raden med fel' }).check();
  await page.getByRole('button', { name: 'Importera 2 nya' }).click();

  await expect(page.getByRole('heading', { name: 'Importen är klar' })).toBeFocused();
  await expect(page.getByText('Deltagare: 2 nya, 0 fanns redan, 1 rad hoppades över.')).toBeVisible();
  expect(await participants()).toEqual(['Anna Import', 'Bo Import']);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Ångra hela importen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ångra hela importen?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Ångra hela importen' }).click();
  await expect(page.getByRole('heading', { name: 'Importen är ångrad' })).toBeFocused();
  await expect(page.getByText('Allt som importen lade till är borttaget (2 poster).')).toBeVisible();
  expect(await participants()).toEqual([]);
});
