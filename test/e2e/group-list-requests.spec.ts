import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeGroup, goTo, recordProcedures } from './ui-steps';

test('the group list asks for its page of groups and its filters, not for the whole staff register', async ({ page, komet }) => {
  await arrangeGroup(komet);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const asked = recordProcedures(page);
  await goTo(page, 'Grupper');
  await expect(page.getByRole('table', { name: 'Grupper' }).getByRole('row')).toHaveCount(2);
  // The filters still offer the programmes and units.
  await expect(page.getByRole('combobox', { name: 'Program', exact: true }).getByRole('option')).not.toHaveCount(1);
  await expect(page.getByRole('combobox', { name: 'Enhet', exact: true }).getByRole('option')).not.toHaveCount(1);
  // In one call, with the years and the filters' choices.
  expect(asked).toContain('groups.listScreen');
  expect(asked).not.toContain('staff.list');
  await expectNoAxeViolations(page);
});
