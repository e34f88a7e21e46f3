import { expect, test } from './fixtures';
import { goTo, isoDate, statValue, toast } from './ui-steps';

// The user story of the foundation issue, entirely through the UI: register everything a group
// needs, create it, record what happened and see the overview follow.
test('registers a group with two leaders, records sessions and sees the overview change', async ({ page }) => {
  await goTo(page, 'Program');
  await page.getByRole('link', { name: 'Nytt program' }).click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Komet testprogram');
  await page.getByRole('textbox', { name: 'Kortnamn' }).fill('tKomet');
  await page.getByRole('spinbutton', { name: 'Antal träffar' }).fill('11');
  await page.getByRole('button', { name: 'Skapa program' }).click();
  await expect(toast(page, 'Programmet Komet testprogram är skapat.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Komet testprogram' })).toBeVisible();

  await goTo(page, 'Enheter');
  await page.getByRole('link', { name: 'Ny enhet' }).click();
  await page.getByRole('textbox', { name: 'Namn', exact: true }).fill('Testdistrikt Norr');
  await page.getByRole('button', { name: 'Skapa enhet' }).click();
  await expect(page.getByRole('rowheader', { name: 'Testdistrikt Norr' })).toBeVisible();

  for (const [name, leader, supervisor] of [
    ['Anna Ledare', true, false],
    ['Bertil Ledare', true, false],
    ['Cecilia Handledare', false, true],
  ] as const) {
    await goTo(page, 'Medarbetare');
    await page.getByRole('link', { name: 'Ny medarbetare' }).first().click();
    await page.getByRole('textbox', { name: 'Namn', exact: true }).fill(name);
    await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: 'Testdistrikt Norr' });
    await page.getByRole('checkbox', { name: 'Gruppledare' }).setChecked(leader);
    await page.getByRole('checkbox', { name: 'Handledare' }).setChecked(supervisor);
    await page.getByRole('button', { name: 'Lägg till medarbetare' }).click();
    await expect(page.getByRole('rowheader', { name })).toBeVisible();
  }

  await goTo(page, 'Grupper');
  await expect(page.getByText('Det finns inga grupper än.')).toBeVisible();
  await page.getByRole('link', { name: 'Ny grupp' }).first().click();
  await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'Komet testprogram' });
  await expect(page.getByText('11 träffar à 150 minuter läggs ut veckovis från startdatum.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: 'Testdistrikt Norr' });
  await page.getByRole('textbox', { name: 'Lokal' }).fill('Familjecentralen Norr');
  await page.getByLabel('Startdatum').fill(isoDate(-14));
  await page.getByLabel('Starttid').fill('17:30');
  await page.getByRole('checkbox', { name: /Anna Ledare/ }).check();
  await page.getByRole('checkbox', { name: /Bertil Ledare/ }).check();
  await expect(page.getByRole('checkbox', { name: /Cecilia Handledare/ })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Handledare' }).selectOption({ label: 'Cecilia Handledare' });
  await page.getByRole('button', { name: 'Skapa grupp' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Komet testprogram – Testdistrikt Norr' })).toBeFocused();
  await expect(toast(page, 'Gruppen är skapad med 11 träffar.')).toBeVisible();
  await expect(page.getByText('Anna Ledare, Bertil Ledare')).toBeVisible();
  const sessions = page.getByRole('table', { name: 'Träffar' });
  await expect(sessions.locator('tbody tr')).toHaveCount(11);

  // Before recording: two sessions have passed unrecorded, today's is this week.
  await goTo(page, 'Översikt');
  await expect(statValue(page, 'Planerade grupper')).toHaveText('1');
  await expect(statValue(page, 'Genomförda träffar i år')).toHaveText('0');
  const overdue = page.getByRole('region', { name: /Träffar att registrera/ });
  await expect(overdue.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Träffar denna vecka' }).getByRole('link', { name: 'Träff 3, tKomet Testdistrikt Norr' })).toBeVisible();
  await overdue.getByRole('link', { name: 'Träff 1, tKomet Testdistrikt Norr' }).click();

  // Held, with a count out of range first: the server's message appears at the field.
  await page.getByRole('button', { name: 'Genomförd, träff 1', exact: true }).click();
  const count = page.getByRole('spinbutton', { name: 'Antal deltagare' });
  await expect(count).toBeFocused();
  await count.fill('120');
  await count.press('Enter');
  await expect(page.getByText('Antal deltagare ska vara ett heltal mellan 0 och 99.')).toBeVisible();
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Datum', exact: true }).fill(isoDate(0));
  await count.fill('6');
  await count.press('Enter');
  await expect(toast(page, 'Träff 1 är registrerad som genomförd.')).toBeVisible();
  await expect(sessions.locator('tbody tr').first()).toContainText('6 deltagare');
  await expect(page.getByRole('button', { name: 'Ändra, träff 1', exact: true })).toBeFocused();

  // Cancelled: the reason is required.
  await page.getByRole('button', { name: 'Inställd, träff 2', exact: true }).click();
  const reason = page.getByRole('textbox', { name: 'Orsak' });
  await reason.press('Enter');
  await expect(page.getByText('Ange varför träffen ställdes in.')).toBeVisible();
  await reason.fill('Lokalen var stängd');
  await reason.press('Enter');
  await expect(sessions.locator('tbody tr').nth(1)).toContainText('Lokalen var stängd');
  await expect(sessions.locator('tbody tr').nth(1)).toContainText('Inställd');
  await expect(page.getByText('1 genomförda, 1 inställda av 11')).toBeVisible();

  await goTo(page, 'Översikt');
  await expect(statValue(page, 'Genomförda träffar i år')).toHaveText('1');
  // Six heads typed for a session, no one enrolled: six visits, no person known by name.
  await expect(statValue(page, 'Besök i år')).toHaveText('6');
  await expect(statValue(page, 'Personer i år')).toHaveText('0');
  // The group is mid-course: no completion rate for the year yet.
  await expect(statValue(page, 'Fullföljandegrad i år (avslutade grupper)')).toHaveText('–');
  await expect(page.getByText('Allt är registrerat. Inga passerade träffar väntar.')).toBeVisible();
});

test('group form marks required fields inline and focuses the first one', async ({ page }) => {
  await goTo(page, 'Grupper');
  await page.getByRole('link', { name: 'Ny grupp' }).first().click();
  await page.getByRole('button', { name: 'Skapa grupp' }).click();
  const programme = page.getByRole('combobox', { name: 'Program' });
  await expect(programme).toBeFocused();
  await expect(programme).toHaveAttribute('aria-invalid', 'true');
  await expect(programme).toHaveAccessibleDescription(/Fältet måste fyllas i\./);
  await expect(page.getByText('Välj minst en gruppledare.')).toBeVisible();
  await expect(page.getByText('Fältet måste fyllas i.')).toHaveCount(4);
});
