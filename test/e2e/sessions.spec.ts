import { expect, test } from './fixtures';
import { arrange, arrangeGroup, goTo, isoDate, statValue, toast } from './ui-steps';

test('moves, adds, resets and deletes sessions; edits and deletes the group', async ({ page, komet }) => {
  await arrangeGroup(komet);
  await goTo(page, 'Grupper');
  await page.getByRole('link', { name: /tKomet · Testdistrikt/ }).click();
  const rows = page.getByRole('table', { name: 'Träffar' }).locator('tbody tr');
  await expect(rows).toHaveCount(11);

  await page.getByRole('button', { name: 'Flytta, träff 4', exact: true }).click();
  const newDate = page.getByLabel('Nytt datum');
  await expect(newDate).toBeFocused();
  await newDate.fill(isoDate(2));
  await newDate.press('Enter');
  await expect(toast(page, 'Träff 4 är flyttad.')).toBeVisible();

  await page.getByLabel('Datum för extra träff').fill(isoDate(80));
  await page.getByRole('button', { name: 'Lägg till extra träff' }).click();
  await expect(rows).toHaveCount(12);
  await expect(rows.last()).toContainText('Extra');

  await page.getByRole('button', { name: 'Ta bort, träff 12', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Ta bort extraträffen?' });
  await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Ta bort' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(11);

  await page.getByRole('button', { name: 'Genomförd, träff 1', exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Antal deltagare' }).fill('5');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(rows.first()).toContainText('5 deltagare');

  // A group with held sessions cannot be deleted: the server says so in the dialog.
  await page.getByRole('button', { name: 'Ta bort gruppen' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Ta bort gruppen?' });
  await deleteDialog.getByRole('button', { name: 'Ta bort gruppen' }).click();
  await expect(deleteDialog.getByRole('alert')).toBeVisible();
  await deleteDialog.getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('button', { name: 'Ta bort gruppen' })).toBeFocused();

  await page.getByRole('button', { name: 'Återställ, träff 1', exact: true }).click();
  await page.getByRole('dialog', { name: 'Återställ träffen?' }).getByRole('button', { name: 'Återställ' }).click();
  await expect(rows.first()).toContainText('Planerad');

  await page.getByRole('link', { name: 'Redigera' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pågår' });
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Testprogram – Testdistrikt' })).toBeFocused();
  await expect(page.getByText('Pågår').first()).toBeVisible();
  await goTo(page, 'Översikt');
  await expect(statValue(page, 'Pågående grupper')).toHaveText('1');

  await goTo(page, 'Grupper');
  await page.getByRole('link', { name: /tKomet · Testdistrikt/ }).click();
  await page.getByRole('button', { name: 'Ta bort gruppen' }).click();
  await page.getByRole('dialog', { name: 'Ta bort gruppen?' }).getByRole('button', { name: 'Ta bort gruppen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grupper' })).toBeFocused();
  await expect(page.getByText('Det finns inga grupper än.')).toBeVisible();
});

test('group list filters by programme, status and search', async ({ page, komet }) => {
  await arrangeGroup(komet, 'A');
  const { group } = await arrangeGroup(komet, 'B');
  await arrange(komet, 'groups.update', {
    id: group.id,
    programmeId: group.programmeId,
    unitId: group.unitId,
    venue: group.venue,
    startDate: group.startDate,
    startTime: group.startTime,
    note: '',
    leaderIds: group.leaders.map((l) => l.id),
    supervisorId: group.supervisor?.id ?? null,
    status: 'running',
  });
  await goTo(page, 'Grupper');
  await expect(page.getByText('2 grupper')).toBeVisible();
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pågår' });
  await expect(page.getByText('1 grupp', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /tKometB/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'TestprogramA' });
  await expect(page.getByText('Inga grupper matchar filtren.')).toBeVisible();
  await page.getByRole('button', { name: 'Rensa filter' }).click();
  await page.getByRole('searchbox', { name: 'Sök', exact: true }).fill('TestdistriktA');
  await expect(page.getByText('1 grupp', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /tKometA/ })).toBeVisible();
});
