import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, arrangeGroup, goTo, recordProcedures } from './ui-steps';

test('the leaders screen asks for the supervisors’ names for its filter, not for the staff register', async ({ page, komet }) => {
  await arrangeGroup(komet);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const asked = recordProcedures(page);
  await goTo(page, 'Ledare');
  const table = page.getByRole('table', { name: /Ledare, deras status/ });
  await expect(table.getByRole('row').filter({ hasText: 'Astrid Ledare' })).toBeVisible();
  // The filter still offers the supervisor, and choosing her shows the leaders she supervises.
  const show = page.getByRole('combobox', { name: 'Visa', exact: true });
  await expect(show.getByRole('option')).toHaveText(['Alla ledare', 'Ledare som Cilla Handledare handleder']);
  await show.selectOption({ label: 'Ledare som Cilla Handledare handleder' });
  await expect(table.getByRole('row').filter({ hasText: 'Bo Ledare' })).toBeVisible();
  expect(asked).toContain('leaders.overview');
  expect(asked).not.toContain('staff.list');
  await expectNoAxeViolations(page);
});

test('the leaders of a remembered supervisor are asked for once, at once, not first everyone’s and then hers', async ({ page, komet }) => {
  const { group } = await arrangeGroup(komet);
  const supervisorId = (await arrange(komet, 'groups.get', { id: group.id })).supervisor?.id ?? '';
  // Chosen on an earlier visit: the choice is kept on this computer and read as the page loads.
  await page.evaluate((id) => window.localStorage.setItem('komet.leaders.supervisor', id), supervisorId);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overviews: unknown[] = [];
  page.on('request', (request) => {
    if (request.headers()['x-komet-procedure'] === 'leaders.overview') overviews.push((request.postDataJSON() as { input: unknown }).input);
  });
  await goTo(page, 'Ledare');
  await expect(page.getByRole('combobox', { name: 'Visa', exact: true })).toHaveValue(supervisorId);
  const table = page.getByRole('table', { name: /Ledare, deras status/ });
  await expect(table.getByRole('row').filter({ hasText: 'Bo Ledare' })).toBeVisible();
  expect(overviews).toEqual([expect.objectContaining({ scope: 'supervised', supervisorId })]);
  await expectNoAxeViolations(page);
});
