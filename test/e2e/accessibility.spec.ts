import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeGroup, goTo } from './ui-steps';

// Every screen, with data in it, scanned against WCAG 2.1 AA (in Swedish, and the overview in English).
test('every screen passes axe with data, with forms showing errors and with dialogs open', async ({ page, komet }) => {
  test.setTimeout(180_000); // about twenty full-page scans
  await arrangeGroup(komet);

  await goTo(page, 'Översikt');
  await expect(
    page
      .getByRole('region', { name: /Träffar att registrera/ })
      .getByRole('listitem')
      .first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await goTo(page, 'Grupper');
  await expect(page.getByRole('table', { name: 'Grupper' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Ny grupp' }).click();
  await expect(page.getByRole('checkbox').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Skapa grupp' }).click();
  await expect(page.getByText('Välj minst en gruppledare.')).toBeVisible();
  await expectNoAxeViolations(page);

  await goTo(page, 'Grupper');
  await page.getByRole('link', { name: /tKomet · Testdistrikt/ }).click();
  await expect(page.getByRole('table', { name: 'Träffar' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Genomförd, träff 1', exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Antal deltagare' }).fill('120');
  await page.getByRole('spinbutton', { name: 'Antal deltagare' }).press('Enter');
  await expect(page.getByText('Antal deltagare ska vara ett heltal mellan 0 och 99.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await page.getByRole('button', { name: 'Ta bort gruppen' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();

  await page.getByRole('link', { name: 'Redigera' }).click();
  await expect(page.getByRole('combobox', { name: 'Status' })).toBeVisible();
  await expectNoAxeViolations(page);

  for (const [section, table] of [
    ['Medarbetare', 'Medarbetare'],
    ['Program', 'Program'],
    ['Enheter', 'Enheter'],
  ] as const) {
    await goTo(page, section);
    await expect(page.getByRole('table', { name: table })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('checkbox', { name: 'Visa arkiverade' }).check();
    await page
      .getByRole('link', { name: /^Redigera, / })
      .first()
      .click();
    await expect(page.getByRole('textbox', { name: 'Namn', exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  }

  await goTo(page, 'Inställningar');
  await expect(page.getByText('Version')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('radio', { name: 'English' }).check();
  await goTo(page, 'Overview');
  await expectNoAxeViolations(page);
});

test('empty screens pass axe too', async ({ page }) => {
  await goTo(page, 'Grupper');
  await expect(page.getByText('Det finns inga grupper än.')).toBeVisible();
  await expectNoAxeViolations(page);
  await goTo(page, 'Medarbetare');
  await expect(page.getByText('Det finns inga medarbetare att visa.')).toBeVisible();
  await expectNoAxeViolations(page);
});
