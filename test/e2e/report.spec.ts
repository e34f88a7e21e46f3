import { expect, expectNoAxeViolations, test } from './fixtures';
import type { Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import type { KometServer } from './fixtures';
import { arrange, arrangeGroup, goTo, isoDate, toast } from './ui-steps';

/** One group started this year with five parents, all present at the first session. */
async function arrangeFiveParents(komet: KometServer) {
  const arranged = await arrangeGroup(komet, 'R');
  for (let i = 1; i <= 5; i++) {
    const p = await arrange(komet, 'participants.create', {
      groupId: arranged.group.id,
      displayName: `Förälder ${i}`,
      relation: 'mother',
      enrolmentDate: isoDate(-14),
      consent: 'yes',
      consentDate: isoDate(-14),
      childBirthYear: 2019,
      childGender: 'girl',
      familyId: null,
    });
    await arrange(komet, 'attendance.set', { participantId: p.id, sessionId: arranged.group.sessions[0]!.id, state: 'present', markHeld: true });
  }
  return arranged;
}

/** Opens a scope picker (it folds under its summary) and ticks or unticks one choice. */
async function pickScope(page: Page, legend: 'Enheter' | 'Program', choice: string, checked: boolean) {
  const picker = page.locator('details.scope-picker').filter({ has: page.locator('summary', { hasText: `${legend}:` }) });
  if ((await picker.getAttribute('open')) === null) await picker.locator('summary').click();
  await picker.getByRole('checkbox', { name: choice }).setChecked(checked);
}

// A full-page axe scan and a PDF made in the server: more than the default minute on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('the report page shows this year’s figures, each chart with its table, and downloads the PDF', async ({ page, komet }) => {
  const { unit } = await arrangeFiveParents(komet);
  await arrange(komet, 'units.create', { name: 'Tomma distriktet', kind: 'district' });

  await goTo(page, 'Rapporter');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapporter' })).toBeVisible();
  const summary = page.getByRole('table', { name: 'Sammanfattning' });
  await expect(
    summary
      .getByRole('row', { name: /Grupper som startade/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');
  await expect(
    summary
      .getByRole('row', { name: /Föräldrar som började/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');

  // The chart's table alternative has the same unit row.
  await page.getByRole('button', { name: 'Visa som tabell' }).first().click();
  const groups = page.getByRole('table', { name: 'Grupper per enhet' });
  await expect(
    groups
      .getByRole('row', { name: new RegExp(unit.name) })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(page.getByText('Inga formulärdata för perioden.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Scoped to another unit: an honest empty report.
  await pickScope(page, 'Enheter', 'Tomma distriktet', true);
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).not.toHaveText('5');
  await expectNoAxeViolations(page);
  // Two units: the empty one and the one with the group.
  await pickScope(page, 'Enheter', unit.name, true);
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');
  await pickScope(page, 'Enheter', 'Tomma distriktet', false);
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ladda ned PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^verksamhetsrapport-\d{4}-01-01-\d{4}-12-31\.pdf$/);
  const bytes = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The tables as a workbook: the summary sheet has the same five enrolled parents, as a number.
  const bookDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ladda ned tabeller (XLSX)' }).click();
  const book = await bookDownload;
  expect(book.suggestedFilename()).toMatch(/^verksamhetsrapport-\d{4}-01-01-\d{4}-12-31\.xlsx$/);
  const sheet = await readSheet(Buffer.concat(await (await book.createReadStream()).toArray()), 'summary');
  expect(sheet.find((row) => row[0] === 'parentsEnrolled')?.[1]).toBe(5);
});

test('a saved report keeps its settings, budget and texts, shows the cost per started group, and can be renamed and deleted', async ({ page, komet }) => {
  const { programme } = await arrangeFiveParents(komet);
  await goTo(page, 'Rapporter');
  await expect(page.getByRole('table', { name: 'Sparade rapporter' }).or(page.getByText('Inga sparade rapporter än.'))).toBeVisible();
  await pickScope(page, 'Program', programme.name, true);

  await page.getByRole('button', { name: 'Spara som rapport' }).click();
  const saveDialog = page.getByRole('dialog', { name: 'Spara som rapport' });
  await expect(saveDialog.getByRole('textbox', { name: 'Titel' })).toBeFocused();
  await saveDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(saveDialog.getByText('Fältet måste fyllas i.')).toBeVisible();
  await expectNoAxeViolations(page);
  await saveDialog.getByRole('textbox', { name: 'Titel' }).fill('Nämndrapport');
  await saveDialog.getByRole('checkbox', { name: 'Formulär' }).uncheck();
  await page.keyboard.press('Enter');
  await expect(saveDialog).toBeHidden();
  await expect(toast(page, 'Rapporten Nämndrapport sparades.')).toBeVisible();

  const editor = page.getByRole('region', { name: 'Budget och texter: Nämndrapport' });
  await expect(editor).toBeVisible();
  await expect(editor.getByRole('checkbox', { name: 'Formulär' })).not.toBeChecked();
  const lines = [
    { label: 'Personal', kind: 'Kostnad', amount: 30_000 },
    { label: 'Lokaler', kind: 'Kostnad', amount: 5_000 },
    { label: 'Kursavgifter', kind: 'Intäkt', amount: 2_000 },
  ];
  for (const [i, line] of lines.entries()) {
    await editor.getByRole('button', { name: 'Lägg till budgetrad' }).click();
    await editor.getByRole('textbox', { name: `Rad ${i + 1}: benämning` }).fill(line.label);
    await editor.getByRole('combobox', { name: `Rad ${i + 1}: slag` }).selectOption({ label: line.kind });
    await editor.getByRole('textbox', { name: `Rad ${i + 1}: belopp (kr)` }).fill(i === 0 ? '-5' : String(line.amount));
  }
  await editor.getByRole('textbox', { name: 'Sammanfattande text' }).fill('Ett år med en ny grupp.');
  await editor.getByRole('textbox', { name: 'Anteckning till avsnittet Grupper' }).fill('Gruppen startade i december.');
  await editor.getByRole('button', { name: 'Spara rapporten' }).click();
  // A negative amount is refused on the line itself, and the page stays accessible with the error.
  await expect(editor.getByText('Ange ett belopp i hela kronor, 0–1 000 000 000.')).toBeVisible();
  await expect(editor.getByRole('textbox', { name: 'Rad 1: belopp (kr)' })).toBeFocused();
  await expectNoAxeViolations(page);
  await editor.getByRole('textbox', { name: 'Rad 1: belopp (kr)' }).fill(String(lines[0]!.amount));
  await editor.getByRole('button', { name: 'Spara rapporten' }).click();
  await expect(toast(page, 'Rapporten Nämndrapport sparades.').last()).toBeVisible();

  // One group started: its cost is the costs less the income, worked out here.
  const net = 30_000 + 5_000 - 2_000;
  const perGroup = net / 1;
  const costs = editor.getByRole('definition');
  const figure = (name: string) =>
    editor
      .locator('.details__row')
      .filter({ has: page.getByText(name, { exact: true }) })
      .getByRole('definition');
  await expect(figure('Kostnad per startad grupp')).toHaveText(`${perGroup.toLocaleString('sv-SE')} kr`);
  await expect(figure('Nettokostnad')).toHaveText(`${net.toLocaleString('sv-SE')} kr`);
  // No parent completed yet: no cost per completer to give.
  await expect(figure('Kostnad per förälder som fullföljde')).toHaveText('–');
  await expect(costs).toHaveCount(5);
  await expectNoAxeViolations(page);

  // The saved report's PDF carries its title in the file name.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ladda ned PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/^nämndrapport-\d{4}-01-01-\d{4}-12-31\.pdf$/);

  // Closed and opened again: the same values.
  await page.getByRole('button', { name: 'Stäng rapporten' }).click();
  await expect(editor).toBeHidden();
  await pickScope(page, 'Program', programme.name, false);
  await page.getByRole('button', { name: 'Öppna, Nämndrapport' }).click();
  await expect(editor).toBeVisible();
  for (const [i, line] of lines.entries()) {
    await expect(editor.getByRole('textbox', { name: `Rad ${i + 1}: benämning` })).toHaveValue(line.label);
    await expect(editor.getByRole('combobox', { name: `Rad ${i + 1}: slag` })).toHaveValue(line.kind === 'Kostnad' ? 'cost' : 'income');
    await expect(editor.getByRole('textbox', { name: `Rad ${i + 1}: belopp (kr)` })).toHaveValue(String(line.amount));
  }
  await expect(editor.getByRole('textbox', { name: 'Sammanfattande text' })).toHaveValue('Ett år med en ny grupp.');
  await expect(editor.getByRole('textbox', { name: 'Anteckning till avsnittet Grupper' })).toHaveValue('Gruppen startade i december.');
  await expect(editor.getByRole('checkbox', { name: 'Formulär' })).not.toBeChecked();
  await expect(page.locator('details.scope-picker summary').filter({ hasText: 'Program' })).toContainText(programme.name);
  await expect(figure('Kostnad per startad grupp')).toHaveText(`${perGroup.toLocaleString('sv-SE')} kr`);

  await page.getByRole('button', { name: 'Byt namn, Nämndrapport' }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Byt namn på rapporten' });
  await expect(renameDialog.getByRole('textbox', { name: 'Titel' })).toHaveValue('Nämndrapport');
  await expectNoAxeViolations(page);
  await renameDialog.getByRole('textbox', { name: 'Titel' }).fill('Nämndrapport 2026');
  await renameDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(renameDialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Budget och texter: Nämndrapport 2026' })).toBeVisible();

  await page.getByRole('button', { name: 'Ta bort, Nämndrapport 2026' }).click();
  const confirm = page.getByRole('dialog', { name: 'Ta bort rapporten Nämndrapport 2026?' });
  await expect(confirm.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Ta bort' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Inga sparade rapporter än.')).toBeVisible();
  await expect(page.getByRole('region', { name: /Budget och texter/ })).toBeHidden();
});
