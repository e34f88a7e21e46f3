import { expect, expectNoAxeViolations, test } from './fixtures';
import { programmeName, unitName, openRoute } from './participation-helpers';
import { arrange, toast } from './ui-steps';

// 2027: Kristi himmelsfärdsdag is Thursday 6 May. A Thursday group from 29 April meets on it in week 2.
test('a unit’s school break is entered under the unit, and a new group is warned about it and the holiday and can skip them', async ({ page, komet }) => {
  const unit = (await arrange(komet, 'units.list', {})).find((u) => u.name === unitName)!;
  await arrange(komet, 'staff.create', { name: 'Astrid Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });

  await openRoute(page, `/units/${unit.id}/edit`);
  const breaks = page.getByRole('region', { name: 'Lov' });
  await expect(breaks.getByText('Inga lov inlagda.')).toBeVisible();
  await breaks.getByRole('textbox', { name: 'Lovets namn' }).fill('Testlov');
  await breaks.getByLabel('Första dag').fill('2027-05-17');
  await breaks.getByLabel('Sista dag').fill('2027-05-21');
  await breaks.getByRole('button', { name: 'Lägg till lov' }).click();
  await expect(toast(page, 'Lovet ”Testlov” är tillagt.')).toBeVisible();
  await expect(breaks.getByRole('rowheader', { name: 'Testlov' })).toBeVisible();
  await expectNoAxeViolations(page);

  await openRoute(page, '/groups/new');
  await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: programmeName });
  await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: unitName });
  await page.getByLabel('Startdatum').fill('2027-04-29');
  await page.getByLabel('Starttid').fill('17:30');
  const warning = page.getByRole('status').filter({ hasText: 'träffar infaller på helgdagar eller under lov' });
  await expect(warning).toContainText('Träff 2');
  await expect(warning).toContainText('Kristi himmelsfärdsdag');
  await expect(warning).toContainText('Träff 4');
  await expect(warning).toContainText('Testlov');
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: /Hoppa över de veckorna/ }).check();
  await page.getByRole('checkbox', { name: /Astrid Ledare/ }).check();
  await page.getByRole('button', { name: 'Skapa grupp' }).click();
  await expect(toast(page, /Gruppen är skapad/)).toBeVisible();

  const list = await arrange(komet, 'groups.list', { unitId: unit.id });
  const group = await arrange(komet, 'groups.get', { id: list.items[0]!.id });
  expect(group.sessions.slice(0, 4).map((s) => s.plannedDate)).toEqual(['2027-04-29', '2027-05-13', '2027-05-27', '2027-06-03']);
});

test('moving a session onto a holiday warns and offers the next free week', async ({ page, komet }) => {
  const unit = (await arrange(komet, 'units.list', {})).find((u) => u.name === unitName)!;
  const programme = (await arrange(komet, 'programmes.list', {})).find((p) => p.name === programmeName)!;
  const leader = await arrange(komet, 'staff.create', { name: 'Bo Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const group = await arrange(komet, 'groups.create', {
    programmeId: programme.id,
    unitId: unit.id,
    venue: '',
    startDate: '2027-04-22',
    startTime: '17:30',
    note: '',
    leaderIds: [leader.id],
    supervisorId: null,
  });
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('button', { name: 'Flytta, träff 1', exact: true }).click();
  await page.getByLabel('Nytt datum').fill('2027-05-06');
  const warning = page.getByRole('status').filter({ hasText: 'Kristi himmelsfärdsdag' });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: /^Välj .* i stället$/ }).click();
  await expect(page.getByLabel('Nytt datum')).toHaveValue('2027-05-13');
});
