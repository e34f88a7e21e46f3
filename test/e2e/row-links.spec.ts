import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeGroup, goTo } from './ui-steps';

// The rows of the long lists link with a lighter anchor than the router's Link: the same address,
// reached and followed from the keyboard, landing where Link landed, with the browser's history.

test("a group list row's link is followed with Enter; Back returns to the list", async ({ page, komet }) => {
  const { group } = await arrangeGroup(komet);
  await goTo(page, 'Grupper');
  const link = page.getByRole('link', { name: /^tKomet · Testdistrikt, / });
  await expect(link).toHaveAttribute('href', `#/groups/${group.id}`);
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/groups/${group.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testprogram – Testdistrikt');
  // The page's heading while it loaded gave way to the loaded one: focus went with it, not to the body.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Grupper' })).toBeVisible();
  await expect(link).toBeVisible();
});

test("the dashboard's session links and a register's edit links go where their addresses say", async ({ page, komet }) => {
  const { group, programme } = await arrangeGroup(komet);
  await page.reload();
  // The group started two weeks ago: its first sessions are overdue on the dashboard.
  const overdue = page.getByRole('region', { name: /^Träffar att registrera/ });
  const session = overdue.getByRole('link', { name: 'Träff 1, tKomet Testdistrikt', exact: true });
  await expect(session).toHaveAttribute('href', `#/groups/${group.id}`);
  await session.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/groups/${group.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testprogram – Testdistrikt');

  await goTo(page, 'Program');
  const edit = page.getByRole('link', { name: 'Redigera, Testprogram' });
  await expect(edit).toHaveAttribute('href', `#/programmes/${programme.id}/edit`);
  await expectNoAxeViolations(page);
  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/programmes/${programme.id}/edit$`));
  await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toHaveValue('Testprogram');
});
