import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, type KometServer } from './fixtures';
import { arrange, arrangeGroup, goTo, isoDate, toast } from './ui-steps';

/** A group with two leaders and a supervisor, and requirements one course day and one supervision can meet. */
async function arrangePathway(komet: KometServer) {
  const arranged = await arrangeGroup(komet);
  await arrange(komet, 'pathwayRequirements.update', {
    programmeId: arranged.programme.id,
    minCourseDays: 1,
    requireSupervisedGroup: false,
    supervisedGroupMinHeldPercent: 80,
    minSupervisionSessions: 1,
  });
  const staff = await arrange(komet, 'staff.list', {});
  const id = (name: string) => staff.find((s) => s.name === name)!.id;
  const course = await arrange(komet, 'courses.create', {
    programmeId: arranged.programme.id,
    title: 'Gruppledarutbildning vår',
    trainerStaffId: null,
    trainerName: 'Extern utbildare',
    dates: [isoDate(-30)],
  });
  await arrange(komet, 'courses.setAttendance', { courseId: course.id, leaderId: id('Astrid Ledare'), dates: [isoDate(-30)] });
  return { ...arranged, astrid: id('Astrid Ledare'), bo: id('Bo Ledare'), cilla: id('Cilla Handledare') };
}

// The label carries a hidden "*" for required fields, so match on the accessible name.
const dateField = (page: Page) => page.getByRole('textbox', { name: 'Datum', exact: true });
const attention = (page: Page) => page.getByRole('region', { name: /Behöver uppmärksamhet/ });
const leaderRow = (page: Page, name: string) =>
  page
    .getByRole('table', { name: /Ledare, deras status/ })
    .getByRole('row')
    .filter({ hasText: name });

test('records a supervision, certifies a leader who meets the requirements and sees the attention list change', async ({ page, komet }) => {
  test.setTimeout(180_000); // a whole supervision-to-certificate flow with seven axe scans
  await arrangePathway(komet);

  await goTo(page, 'Ledare');
  await expect(leaderRow(page, 'Astrid Ledare')).toContainText('Under utbildning');
  await expect(attention(page).getByText('Ingen behöver uppmärksamhet just nu.')).toBeVisible();
  await expectNoAxeViolations(page);

  // The supervision form: a date in the future comes back from the server onto the date field.
  await page.getByRole('link', { name: 'Registrera handledning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrera handledning' })).toBeVisible();
  await expect(dateField(page)).toHaveValue(isoDate(0));
  await page.getByRole('combobox', { name: 'Handledare' }).selectOption({ label: 'Cilla Handledare' });
  await page.getByRole('radio', { name: 'Video' }).check();
  await page.getByRole('checkbox', { name: 'Astrid Ledare', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Bo Ledare', exact: true }).check();
  await page.getByRole('checkbox', { name: /tKomet · Testdistrikt/ }).check();
  const astridRating = page.getByRole('group', { name: 'Skattning för Astrid Ledare' });
  await expect(astridRating.getByRole('radio')).toHaveCount(5);
  await astridRating.getByRole('radio', { name: /^3 – God/ }).check();
  await expect(astridRating.getByRole('radio', { name: /^3 – God/ })).toHaveAccessibleName(/Programmet följs i allt väsentligt/);
  await page
    .getByRole('group', { name: 'Skattning för Bo Ledare' })
    .getByRole('radio', { name: /^2 – Delvis/ })
    .check();
  await page.getByRole('textbox', { name: 'Anteckningar' }).fill('Gick igenom träff 2 och 3.');
  await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
  await expect(page.getByRole('textbox', { name: 'Åtgärd 1' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Åtgärd 1' }).fill('Astrid ringer familjen som uteblev');
  await page.getByLabel('Klart senast (1)').fill(isoDate(7));
  await page.getByRole('combobox', { name: 'Gäller (1)' }).selectOption({ label: 'Astrid Ledare' });
  await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
  await page.getByRole('button', { name: 'Ta bort åtgärd 2' }).click();
  await expect(page.getByRole('textbox', { name: 'Åtgärd 2' })).toHaveCount(0);

  await dateField(page).fill(isoDate(3));
  await page.getByRole('button', { name: 'Spara handledning' }).click();
  await expect(page.getByText('Handledningen kan inte dateras i framtiden.')).toBeVisible();
  await expect(dateField(page)).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await dateField(page).fill(isoDate(0));
  await page.getByRole('button', { name: 'Spara handledning' }).click();
  await expect(toast(page, 'Handledningen är registrerad.')).toBeVisible();

  // Astrid now meets the requirements: the attention list says so, with the rule in words.
  await expect(page.getByRole('heading', { level: 1, name: 'Ledare' })).toBeVisible();
  await expect(attention(page).getByRole('listitem').filter({ hasText: 'Astrid Ledare' })).toContainText(
    'Uppfyller kraven för tKomet men är inte certifierad.',
  );
  await expect(leaderRow(page, 'Astrid Ledare')).toContainText('Krav uppfyllda');
  await expect(leaderRow(page, 'Astrid Ledare')).toContainText('Redo för certifiering');
  await expect(attention(page).getByRole('listitem').filter({ hasText: 'Bo Ledare' })).toHaveCount(0);
  await page.getByText('Så avgörs vem som behöver uppmärksamhet').click();
  await expect(attention(page).getByText('En pågående grupp har under 60 % närvaro på hållna träffar.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Sorting by name is a header button; aria-sort follows.
  await page.getByRole('button', { name: /^Namn/ }).click();
  await expect(page.getByRole('columnheader', { name: /Namn/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(
    page
      .getByRole('table', { name: /Ledare, deras status/ })
      .getByRole('rowheader')
      .first(),
  ).toContainText('Astrid Ledare');
  await page.getByRole('button', { name: /^Namn/ }).click();
  await expect(page.getByRole('columnheader', { name: /Namn/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(
    page
      .getByRole('table', { name: /Ledare, deras status/ })
      .getByRole('rowheader')
      .first(),
  ).toContainText('Bo Ledare');

  // "Mina ledare": Cilla supervises the group both lead.
  await page.getByRole('combobox', { name: 'Visa' }).selectOption({ label: 'Ledare som Cilla Handledare handleder' });
  await expect(page.getByText('2 ledare')).toBeVisible();

  await attention(page).getByRole('link', { name: 'Astrid Ledare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Astrid Ledare' })).toBeVisible();
  const pathway = page.getByRole('region', { name: 'Vägen mot certifiering' });
  await expect(pathway.getByRole('listitem').filter({ hasText: 'Handledningstillfällen' })).toContainText('1 av 1');
  await expect(pathway.getByRole('listitem').filter({ hasText: 'Gruppledarutbildning' })).toContainText('uppfyllt');
  const history = page.getByRole('table', { name: 'Handledning' });
  await expect(history).toContainText('3 – God');
  await expect(history).toContainText('Grupphandledning, Video');
  await expect(page.getByRole('region', { name: 'Uppföljningar från handledning' })).toContainText('Astrid ringer familjen som uteblev');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Certifiera', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Certifiera Astrid Ledare' });
  await expect(dialog.getByText('Alla krav för programmet är uppfyllda.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /Motivering/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Certifiera', exact: true }).click();
  await expect(dialog.getByRole('combobox', { name: /Certifierande handledare/ })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await dialog.getByRole('combobox', { name: /Certifierande handledare/ }).selectOption({ label: 'Cilla Handledare' });
  await dialog.getByRole('button', { name: 'Certifiera', exact: true }).click();
  await expect(toast(page, 'Astrid Ledare är certifierad för tKomet.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(pathway).toContainText('Certifierad');
  await expect(pathway).toContainText('av Cilla Handledare');

  await goTo(page, 'Ledare');
  await expect(leaderRow(page, 'Astrid Ledare')).toContainText('Certifierad');
  await expect(attention(page).getByText('Ingen behöver uppmärksamhet just nu.')).toBeVisible();

  // The follow-up is on the dashboard until it is done.
  await goTo(page, 'Översikt');
  const followUps = page.getByRole('region', { name: /Uppföljningar från handledning/ });
  await expect(followUps.getByRole('listitem')).toHaveCount(1);
  await expectNoAxeViolations(page);
  await followUps.getByRole('button', { name: 'Markera som klar: Astrid ringer familjen som uteblev' }).click();
  await expect(followUps.getByText('Inga öppna uppföljningar. Allt är gjort.')).toBeVisible();
});

test('certifies with a written reason when the requirements are not met, and prints the summary', async ({ page, komet }) => {
  const { bo } = await arrangePathway(komet);
  await page.goto(`${komet.url.replace(/#.*$/, '')}#/leaders/${bo}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bo Ledare' })).toBeVisible();

  await page.getByRole('button', { name: 'Certifiera', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Certifiera Bo Ledare' });
  await expect(dialog.getByText('Kraven är inte uppfyllda.', { exact: false })).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Gruppledarutbildning' })).toContainText('0 av 1');
  await dialog.getByRole('combobox', { name: /Certifierande handledare/ }).selectOption({ label: 'Cilla Handledare' });
  const reason = dialog.getByRole('textbox', { name: /Motivering/ });
  await dialog.getByRole('button', { name: 'Certifiera med motivering' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Skriv en motivering när kraven inte är uppfyllda\./);
  // Too short for the server's rule: its own message lands on the same field.
  await reason.fill('Kort');
  await dialog.getByRole('button', { name: 'Certifiera med motivering' }).click();
  await expect(dialog.getByText(/minst 10 tecken/).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await reason.fill('Har lett motsvarande grupper i tidigare kommun i fem år.');
  await dialog.getByRole('button', { name: 'Certifiera med motivering' }).click();
  await expect(toast(page, 'Bo Ledare är certifierad för tKomet.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Vägen mot certifiering' })).toContainText('Kraven var inte uppfyllda');

  await page.getByRole('link', { name: 'Sammanfattning för utskrift (tKomet)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sammanfattning för Bo Ledare' })).toBeVisible();
  const certificate = page.getByRole('article', { name: 'Certifiering som gruppledare – Testprogram' });
  await expect(certificate).toContainText('Cilla Handledare');
  await expect(certificate).toContainText('Har lett motsvarande grupper i tidigare kommun i fem år.');
  await expect(certificate).toContainText('Gruppledarutbildning (kursdagar)');
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
  await expectNoAxeViolations(page);

  // On paper only the certificate remains.
  await page.emulateMedia({ media: 'print' });
  await expect(certificate).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
  // The signature lines go on the same page as the end of the certificate, never alone on the next.
  const signature = certificate.locator('.certificate__signature');
  await expect(signature).toHaveCSS('break-inside', 'avoid');
  await expect(signature).toHaveCSS('break-before', 'avoid');
  await page.emulateMedia({ media: 'screen' });
});

test('a city’s leaders come a hundred at a time: paged by keyboard, a search starts again from the first page', async ({ page, komet }) => {
  test.setTimeout(180_000);
  const name = (i: number) => `Ledare ${String(i).padStart(3, '0')}`;
  for (let i = 1; i <= 105; i++) await arrange(komet, 'staff.create', { name: name(i), isLeader: true, isSupervisor: false });
  await goTo(page, 'Ledare');
  const table = page.getByRole('table', { name: /Ledare, deras status/ });
  const pages = page.getByRole('navigation', { name: 'Sidor' }).first();
  // Nobody needs attention, so the default order (attention first) keeps name order.
  await expect(table.getByRole('row')).toHaveCount(101);
  await expect(pages.getByText('Visar 1–100 av 105')).toBeVisible();
  await expect(leaderRow(page, name(100))).toBeVisible();
  await expect(leaderRow(page, name(101))).toHaveCount(0);

  await pages.getByRole('button', { name: 'Nästa' }).focus();
  await page.keyboard.press('Enter');
  await expect(pages.getByText('Visar 101–105 av 105')).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(leaderRow(page, name(105))).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('searchbox', { name: 'Sök namn' }).fill('Ledare 01');
  await expect(table.getByRole('row')).toHaveCount(11);
  await expect(leaderRow(page, name(10))).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sidor' })).toHaveCount(0);
});
