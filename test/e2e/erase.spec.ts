import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange, toast } from './ui-steps';

test('erases a participant permanently after a confirmation that says what goes, and the audit log records it without the name', async ({ page, komet }) => {
  const { group, participants } = await arrangeParticipationGroup(komet, { participants: 2 });
  const anna = participants[0]!;
  await openRoute(page, `/groups/${group.id}`);
  const list = page.getByRole('table', { name: 'Deltagare', exact: true });
  await expect(list.getByRole('row')).toHaveCount(3);

  await list.getByRole('button', { name: 'Radera permanent, Anna' }).click();
  const dialog = page.getByRole('dialog', { name: 'Radera Anna permanent?' });
  await expect(dialog).toContainText('kan inte ångras');
  await expectNoAxeViolations(page);
  // Cancelling erases nothing.
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await expect(list.getByRole('row')).toHaveCount(3);

  await list.getByRole('button', { name: 'Radera permanent, Anna' }).click();
  await page.getByRole('dialog', { name: 'Radera Anna permanent?' }).getByRole('button', { name: 'Radera permanent' }).click();
  await expect(toast(page, 'Anna är raderad.')).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('rowheader', { name: 'Anna' })).toHaveCount(0);

  const audit = await arrange(komet, 'audit.list', { entity: 'participant' });
  const erased = audit.rows.filter((e) => e.action === 'erase');
  expect(erased.map((e) => e.entityId)).toEqual([anna.id]);
  expect(JSON.stringify(audit)).not.toContain('Anna');
});
