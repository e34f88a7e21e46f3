import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange, statValue } from './ui-steps';

test.describe.configure({ timeout: 180_000 });

test('a group that counted heads only claims no attendance per person, and its ended participants are not left active', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 3 });
  await arrange(komet, 'groups.setTracksAttendance', { id: group.id, tracksAttendance: false });
  // Every session held with a typed head count: the group has ended.
  for (const s of group.sessions) await arrange(komet, 'sessions.record', { id: s.id, status: 'held', heldDate: s.plannedDate, participantCount: 3 });
  await openRoute(page, `/groups/${group.id}`);

  const participants = page.getByRole('table', { name: 'Deltagare', exact: true });
  for (const name of ['Anna', 'Bertil', 'Cecilia']) {
    const row = participants.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(row).toContainText('Ej registrerat per person');
    await expect(row).toContainText('Avslutad, närvaro ej per person');
    await expect(row).not.toContainText(/0 av \d+|Aktiv/);
  }
  await expect(page.getByText('3 deltagare i 2 familjer')).toBeVisible();
  await expect(statValue(page, 'Familjer nådda')).toHaveText('Ej registrerat per person');
  await expect(statValue(page, 'Fullföljandegrad')).not.toHaveText(/\d/);
  await expectNoAxeViolations(page);
});
