import { expect, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange } from './ui-steps';

test('the dropout form leaves "Sista träff" empty, as its hint says, even when attendance gives a last session', async ({ page, komet }) => {
  const { group, participants } = await arrangeParticipationGroup(komet);
  await arrange(komet, 'attendance.set', { participantId: participants[0]!.id, sessionId: group.sessions[7]!.id, state: 'present' });
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('button', { name: 'Status, Anna', exact: true }).click();
  await page.getByRole('radio', { name: 'Markera avhopp' }).check();
  const last = page.getByRole('spinbutton', { name: /Sista träff/ });
  await expect(last).toBeVisible();
  await expect(last).toHaveValue('');
});

test('"Genomförd" on a session planned for a later day does not offer that day', async ({ page, komet }) => {
  // Started a week ago: session 3 lies a week ahead.
  const { group } = await arrangeParticipationGroup(komet, { startDaysAgo: 7 });
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('button', { name: 'Genomförd, träff 3', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Datum', exact: true })).toHaveValue('');
});
