import { expect, expectNoAxeViolations, test } from './fixtures';
import { openRoute } from './participation-helpers';
import { arrange, arrangeGroup } from './ui-steps';

test("the group form's leader list narrows by unit and by name, and keeps the chosen leaders in view", async ({ page, komet }) => {
  const { unit } = await arrangeGroup(komet);
  const other = await arrange(komet, 'units.create', { name: 'Annat distrikt', kind: 'district' });
  for (const name of ['Dora Ledare', 'Erik Ledare', 'Fia Ledare']) {
    await arrange(komet, 'staff.create', { name, unitId: other.id, isLeader: true, isSupervisor: false });
  }
  await openRoute(page, '/groups/new');
  const leaders = page.getByRole('group', { name: /Gruppledare/ });
  await expect(leaders.getByRole('checkbox')).toHaveCount(5);

  await leaders.getByRole('combobox', { name: 'Visa gruppledare från' }).selectOption({ label: unit.name });
  await expect(leaders.getByRole('checkbox')).toHaveCount(2);
  await leaders.getByRole('checkbox', { name: /Astrid Ledare/ }).check();

  await leaders.getByRole('combobox', { name: 'Visa gruppledare från' }).selectOption({ label: 'Annat distrikt' });
  await leaders.getByRole('searchbox', { name: 'Sök gruppledare' }).fill('eri');
  // Erik matches; Astrid stays because she is chosen.
  await expect(leaders.getByRole('checkbox')).toHaveCount(2);
  await expect(leaders.getByRole('checkbox', { name: /Erik Ledare/ })).toBeVisible();
  await expect(leaders.getByRole('checkbox', { name: /Astrid Ledare/ })).toBeChecked();
  await expect(leaders.getByText('Visar 2 av 5 gruppledare (valda visas alltid).')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the supervision form names each supervisor with the unit, and opened from a leader ticks the group and its co-leader', async ({ page, komet }) => {
  const { unit, group } = await arrangeGroup(komet);
  await arrange(komet, 'staff.create', { name: 'Cilla Handledare', unitId: unit.id, isLeader: false, isSupervisor: true });
  const staff = await arrange(komet, 'staff.list', {});
  const astrid = staff.find((s) => s.name === 'Astrid Ledare')!;

  await openRoute(page, `/leaders/${astrid.id}`);
  await page.getByRole('link', { name: 'Registrera handledning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrera handledning' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Astrid Ledare', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Bo Ledare', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /tKomet · Testdistrikt/ })).toBeChecked();
  // Two supervisors share a name; the unit tells them apart.
  const supervisor = page.getByRole('combobox', { name: 'Handledare' });
  await expect(supervisor.getByRole('option', { name: 'Cilla Handledare', exact: true })).toHaveCount(1);
  await expect(supervisor.getByRole('option', { name: `Cilla Handledare · ${unit.name}`, exact: true })).toHaveCount(1);
  await expectNoAxeViolations(page);

  // A group flagged for supervision leads to the form with that group ticked.
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
  await arrange(komet, 'leaderSettings.update', { inactiveAfterMonths: 12, noSupervisionWeeks: 1, lowAttendancePercent: 1, lowFidelityPercent: 1 });
  await openRoute(page, `/leaders/${astrid.id}`);
  await page.getByRole('link', { name: 'Ny handledning om gruppen' }).click();
  await expect(page).toHaveURL(new RegExp(`group=${group.id}`));
  await expect(page.getByRole('checkbox', { name: /tKomet · Testdistrikt/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Bo Ledare', exact: true })).toBeChecked();
});
