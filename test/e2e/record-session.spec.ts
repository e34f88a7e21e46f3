import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange, toast } from './ui-steps';

test('records the session just run from the dashboard: attendance, fidelity, notes, then saved as held', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet);
  const last = group.sessions[group.sessions.length - 1]!;
  await openRoute(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  const record = page.getByRole('link', { name: new RegExp(`^Registrera träff ${last.number}`) });
  await expect(record).toBeVisible();

  // From the top of the dashboard to the first attendance choice by keyboard alone.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  let tabs = 0;
  const tab = async () => {
    tabs++;
    await page.keyboard.press('Tab');
  };
  await tab();
  await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await tab();
  await expect(record).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Registrera träff ${last.number}` })).toBeFocused();
  const firstChoice = page.getByRole('group', { name: 'Anna' }).getByRole('radio', { name: 'Närvarande' });
  while (tabs < 10 && !(await firstChoice.evaluate((el) => el === document.activeElement))) await tab();
  await expect(firstChoice).toBeFocused();
  expect(tabs).toBeLessThanOrEqual(6);
  await expectNoAxeViolations(page);

  await page.keyboard.press('Space');
  await expect(firstChoice).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Anna: närvarande. Sparat.' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('group', { name: 'Bertil' }).getByRole('radio', { name: 'Frånvarande', exact: true })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Bertil: frånvarande. Sparat.' })).toBeVisible();

  // Marking did not quietly record the session held, and no head count is asked for.
  let stored = (await arrange(komet, 'groups.get', { id: group.id })).sessions.find((s) => s.id === last.id)!;
  expect(stored.status).toBe('planned');
  await expect(page.getByLabel(/Antal deltagare/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Programtrohet' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Programtrohet' })).toBeFocused();
  await page.getByRole('checkbox').first().check();
  await page.getByRole('textbox', { name: 'Anteckning' }).fill('Rollspelet tog längre tid.');
  await page.getByRole('button', { name: 'Spara som genomförd' }).click();
  await expect(toast(page, `Träff ${last.number} är sparad som genomförd.`)).toBeVisible();

  stored = (await arrange(komet, 'groups.get', { id: group.id })).sessions.find((s) => s.id === last.id)!;
  expect(stored).toMatchObject({ status: 'held', heldDate: last.plannedDate, participantCount: 1 });
  const fidelity = await arrange(komet, 'fidelity.get', { sessionId: last.id });
  expect(fidelity.recorded).toBe(true);
  expect(fidelity.note).toBe('Rollspelet tog längre tid.');
});

test('the group page opens the same flow; a counts-only group asks for the number there', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet);
  await arrange(komet, 'groups.setTracksAttendance', { id: group.id, tracksAttendance: false });
  const last = group.sessions[group.sessions.length - 1]!;
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('link', { name: `Registrera träff ${last.number}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Registrera träff ${last.number}` })).toBeVisible();
  await page.getByLabel(/Antal deltagare/).fill('4');
  await page.getByRole('button', { name: 'Spara som genomförd' }).click();
  await expect(toast(page, `Träff ${last.number} är sparad som genomförd.`)).toBeVisible();
  const stored = (await arrange(komet, 'groups.get', { id: group.id })).sessions.find((s) => s.id === last.id)!;
  expect(stored).toMatchObject({ status: 'held', participantCount: 4 });
});
