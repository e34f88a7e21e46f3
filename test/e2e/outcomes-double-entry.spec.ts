import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange, toast } from './ui-steps';
import { trivselFourItems as trivsel } from './trivsel';

test('a schedule point asks for double entry, and the user who typed the first entry is told someone else types the second', async ({ page, komet }) => {
  test.setTimeout(120_000);
  const { programme, participants } = await arrangeParticipationGroup(komet);
  await arrange(komet, 'instruments.import', { text: JSON.stringify(trivsel), source: 'own' });

  await openRoute(page, '/outcomes/instruments');
  await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: programme.name });
  await page.getByRole('combobox', { name: 'Formulär' }).selectOption('TRIVSEL');
  await page.getByRole('combobox', { name: 'Mättillfälle' }).selectOption({ label: 'Efter' });
  await page.getByRole('checkbox', { name: 'Dubbelinmatning' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await expect(toast(page, 'Tillagd i schemat.')).toBeVisible();
  const schedule = page.getByRole('table', { name: 'Programmets enkätschema' });
  await expect(schedule.getByRole('row', { name: /TRIVSEL/ })).toContainText('Ja');
  await expectNoAxeViolations(page);

  await openRoute(page, '/outcomes');
  await page.getByRole('link', { name: 'För in, Anna, TRIVSEL Efter' }).click();
  await expect(page.getByRole('note')).toContainText('Det här är första inmatningen');
  const item = (code: string) => page.getByRole('textbox', { name: `Fråga ${code}` });
  await expect(item('t1')).toBeFocused();
  await page.keyboard.press('4');
  await page.keyboard.press('2');
  await page.keyboard.press(' ');
  await page.keyboard.press('3');
  await expect(page.getByRole('button', { name: 'Spara första inmatningen' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');

  await expect(toast(page, 'Första inmatningen är sparad. Nu ska någon annan mata in formuläret igen.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Väntar på andra inmatningen' })).toBeVisible();
  await expect(page.getByText('samma person får inte göra båda')).toBeVisible();
  await expectNoAxeViolations(page);
  // The first typing is no response: no scores, and the questionnaire is still on the worklist,
  // marked in words as waiting for its second typing, its link naming that.
  expect(await arrange(komet, 'scores.list', { participantId: participants[0]!.id })).toEqual([]);
  await openRoute(page, '/outcomes');
  const second = page.getByRole('link', { name: 'För in andra inmatningen, Anna, TRIVSEL Efter' });
  await expect(second).toBeVisible();
  await expect(page.getByRole('row').filter({ has: second })).toContainText('Väntar på andra inmatningen');
  await expectNoAxeViolations(page);
  // Opening it again tells the first typist that someone else types it.
  await second.click();
  await expect(page.getByRole('heading', { name: 'Väntar på andra inmatningen' })).toBeVisible();
});
