import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, arrangeGroup, goTo, mainNav, toast } from './ui-steps';

test('a programme in use cannot be deleted: the dialog says to archive it, and archiving works', async ({ page, komet }) => {
  await arrangeGroup(komet);
  await goTo(page, 'Program');
  const deleteButton = page.getByRole('button', { name: 'Ta bort, Testprogram' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Ta bort Testprogram?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Ta bort' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/används av 1 grupp och kan inte tas bort\. Arkivera det i stället\./);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await page.getByRole('button', { name: 'Arkivera, Testprogram' }).click();
  await expect(toast(page, 'Testprogram är arkiverad.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Testprogram' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Visa arkiverade' }).check();
  await expect(page.getByRole('rowheader', { name: /Testprogram/ })).toContainText('Arkiverad');
  await page.getByRole('button', { name: 'Återställ, Testprogram' }).click();
  await expect(page.getByRole('rowheader', { name: 'Testprogram' })).toBeVisible();
});

test('an unused unit is deleted after confirmation; editing keeps inline validation', async ({ page }) => {
  await goTo(page, 'Enheter');
  await page.getByRole('link', { name: 'Ny enhet' }).click();
  await page.getByRole('button', { name: 'Skapa enhet' }).click();
  const name = page.getByRole('textbox', { name: 'Namn', exact: true });
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription('Ange ett namn.');
  await name.fill('Tillfällig enhet');
  await page.getByRole('button', { name: 'Skapa enhet' }).click();

  await page.getByRole('link', { name: 'Redigera, Tillfällig enhet' }).click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Tillfällig enhet 2');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('rowheader', { name: 'Tillfällig enhet 2' })).toBeVisible();

  await page.getByRole('button', { name: 'Ta bort, Tillfällig enhet 2' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ta bort' }).click();
  await expect(toast(page, 'Tillfällig enhet 2 är borttagen.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Tillfällig enhet 2' })).toHaveCount(0);
});

test('staff need a role and a valid email, shown at the fields', async ({ page }) => {
  await goTo(page, 'Medarbetare');
  await expect(page.getByText('Det finns inga medarbetare att visa.')).toBeVisible();
  await page.getByRole('link', { name: 'Ny medarbetare' }).first().click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Dana Testsson');
  await page.getByRole('textbox', { name: 'E-post' }).fill('inte-en-adress');
  await page.getByRole('checkbox', { name: 'Gruppledare' }).uncheck();
  await page.getByRole('button', { name: 'Lägg till medarbetare' }).click();
  await expect(page.getByText('Välj minst en roll: gruppledare eller handledare.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Handledare' }).check();
  await page.getByRole('button', { name: 'Lägg till medarbetare' }).click();
  // Email format is the server's rule; its message lands on the email field.
  await expect(page.getByRole('textbox', { name: 'E-post' })).toHaveAccessibleDescription('Ange en giltig e-postadress.');
  await page.getByRole('textbox', { name: 'E-post' }).fill('dana@example.se');
  await page.getByRole('button', { name: 'Lägg till medarbetare' }).click();
  await expect(page.getByRole('row', { name: /Dana Testsson/ })).toContainText('Handledare');
});

test('keyboard only: skip link, navigation and creating a unit', async ({ page }) => {
  // The page loads on the vault gate's loading screen and shows the app once main answers that
  // the vault is unlocked; a user starts typing when the app is there, so the test waits for it.
  await expect(mainNav(page)).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await page.keyboard.press('Shift+Tab'); // back into the navigation, onto its last link
  await expect(page.getByRole('link', { name: 'Inställningar' })).toBeFocused();
  // Back through the links in their visible order until Enheter, however many come after it.
  const navLinks = mainNav(page).getByRole('link');
  const labels = (await navLinks.allInnerTexts()).map((label) => label.trim());
  const units = labels.indexOf('Enheter');
  expect(units).toBeGreaterThanOrEqual(0);
  for (let i = labels.length - 2; i >= units; i--) {
    await page.keyboard.press('Shift+Tab');
    await expect(navLinks.nth(i)).toBeFocused();
  }
  await expect(page.getByRole('link', { name: 'Enheter' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Ny enhet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Ny enhet' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toBeFocused();
  await page.keyboard.type('Tangentbordsskolan');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Typ' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('combobox', { name: 'Typ' })).toHaveValue('school');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skapa enhet' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Enheter' })).toBeFocused();
  await expect(page.getByRole('row', { name: /Tangentbordsskolan/ })).toContainText('Skola');
});

test('a long staff list comes a hundred at a time, and a name search finds anyone in it', async ({ page, komet }) => {
  test.setTimeout(180_000);
  const name = (i: number) => `Medarbetare ${String(i).padStart(3, '0')}`;
  for (let i = 1; i <= 105; i++) await arrange(komet, 'staff.create', { name: name(i), isLeader: true, isSupervisor: false });
  await goTo(page, 'Medarbetare');
  const table = page.getByRole('table', { name: 'Medarbetare' });
  const pages = page.getByRole('navigation', { name: 'Sidor' }).first();
  await expect(pages.getByText('Visar 1–100 av 105')).toBeVisible();
  await expect(table.getByRole('rowheader', { name: name(100) })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: name(101) })).toHaveCount(0);

  await pages.getByRole('button', { name: 'Nästa' }).focus();
  await page.keyboard.press('Enter');
  await expect(pages.getByText('Visar 101–105 av 105')).toBeVisible();
  await expect(table.getByRole('rowheader', { name: name(105) })).toBeVisible();
  await expectNoAxeViolations(page);

  const search = page.getByRole('searchbox', { name: 'Sök namn' });
  // Case does not matter; "Medarbetare 010" does not contain "medarbetare 10", 100–105 do.
  await search.fill('medarbetare 10');
  await expect(table.getByRole('rowheader')).toContainText([name(100), name(101), name(102), name(103), name(104), name(105)]);
  await expect(table.getByRole('rowheader')).toHaveCount(6);
  await expect(page.getByRole('navigation', { name: 'Sidor' })).toHaveCount(0);
  await search.fill('Ingen sådan');
  await expect(page.getByText('Inget namn innehåller ”Ingen sådan”.')).toBeVisible();
  await expectNoAxeViolations(page);
});
