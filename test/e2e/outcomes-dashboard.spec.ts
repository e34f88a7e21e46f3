import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange } from './ui-steps';

const trivsel = {
  format: 'komet-instrument/1',
  code: 'TRIVSEL',
  version: '1',
  name: { sv: 'Trivsel i gruppen', en: 'Satisfaction with the group' },
  respondent: 'parent',
  licence: { holder: 'Komet', terms: 'Fri att använda.', itemTextsIncluded: true },
  items: [
    { code: 't1', min: 1, max: 5, reverse: false },
    { code: 't2', min: 1, max: 5, reverse: false },
  ],
  scales: [{ code: 'sum', items: ['t1', 't2'], method: 'sum', minAnswered: 1 }],
};

test('the dashboard says when no questionnaire is waiting to be collected', async ({ page }) => {
  const panel = page.getByRole('region', { name: /Enkäter att samla in/ });
  await expect(panel.getByText('Inga enkäter att samla in just nu.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the dashboard counts the questionnaires due and overdue and opens the first to close', async ({ page, komet }) => {
  test.setTimeout(120_000);
  // The group ended a week ago: before is overdue for all six, after is due for all six.
  const { programme } = await arrangeParticipationGroup(komet);
  await arrange(komet, 'instruments.import', { text: JSON.stringify(trivsel), source: 'own' });
  for (const timepoint of ['pre', 'post'])
    await arrange(komet, 'outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
  await openRoute(page, '/');
  const panel = page.getByRole('region', { name: /Enkäter att samla in/ });
  await expect(panel).toContainText('6 ska göras, 6 försenade.');
  const table = panel.getByRole('table', { name: 'Enkäter som stänger först' });
  // Five rows under the header; the overdue ones close first, Anna first by name.
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('row').nth(1)).toContainText('Anna');
  await expect(table.getByRole('row').nth(1)).toContainText('Försenad');
  await expectNoAxeViolations(page);
  await panel.getByRole('link', { name: 'För in, Anna, TRIVSEL Före' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'För in TRIVSEL' })).toBeVisible();
  await openRoute(page, '/');
  await page.getByRole('link', { name: 'Visa alla 12 enkäter på sidan Enkäter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enkäter' })).toBeVisible();
});
