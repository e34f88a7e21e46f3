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

test('reads an attendance matrix with the session columns the user set by keyboard, over what the headers say', async ({ page, komet }) => {
  const { group } = await arrangeGroup(komet);
  await arrange(komet, 'participants.create', {
    groupId: group.id,
    displayName: 'Anna Matris',
    relation: 'mother',
    enrolmentDate: isoDate(-14),
    consent: 'yes',
    consentDate: isoDate(-14),
  });
  // "Vecka 1" and "Vecka 2" are the first two sessions; "3" holds notes, not session 3.
  const csv = `Program;Enhet;Gruppstart;Deltagare;Vecka 1;Vecka 2;3\ntKomet;Testdistrikt;${isoDate(-14)};Anna Matris;x;frånvarande;trött\n`;

  await goTo(page, 'Importera');
  const kind = page.getByRole('combobox', { name: 'Listan innehåller' });
  await kind.focus();
  await page.keyboard.press('ArrowDown');
  await expect(kind).toHaveValue('attendance');
  await page.locator('#import-file').setInputFiles({ name: 'närvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Läs filen' }).press('Enter');

  await expect(page.getByRole('heading', { name: 'Steg 2 av 4: Kolumner' })).toBeFocused();
  const week1 = page.getByRole('combobox', { name: 'Kolumnen "Vecka 1"' });
  const week2 = page.getByRole('combobox', { name: 'Kolumnen "Vecka 2"' });
  const notes = page.getByRole('combobox', { name: 'Kolumnen "3"' });
  // The guess: the weeks are no sessions, the notes are session 3.
  await expect(week1).toHaveValue('none');
  await expect(notes).toHaveValue('3');
  await expectNoAxeViolations(page);
  await week1.focus();
  await page.keyboard.press('ArrowDown');
  await expect(week1).toHaveValue('1');
  await page.keyboard.press('Tab');
  await expect(week2).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(week2).toHaveValue('2');
  await page.keyboard.press('Tab');
  await expect(notes).toBeFocused();
  await page.keyboard.press('Home');
  await expect(notes).toHaveValue('none');
  await page.getByRole('button', { name: 'Provkör' }).press('Enter');

  await expect(page.getByRole('heading', { name: 'Steg 3 av 4: Provkörning' })).toBeFocused();
  await expect(page.getByText('1 ny, 0 fanns redan, 0 upprepade rader, 0 rader med fel. Inget är sparat än.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Importera 1 ny' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Importen är klar' })).toBeFocused();

  const grid = await arrange(komet, 'attendance.grid', { groupId: group.id });
  const numberOf = new Map(grid.sessions.map((s) => [s.id, s.number]));
  expect(grid.marks.map((m) => [numberOf.get(m.sessionId), m.state]).sort()).toEqual([
    [1, 'present'],
    [2, 'absent'],
  ]);
});
