import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, arrangeGroup, goTo, isoDate, toast } from './ui-steps';

test('creates a course, marks attendance with the keyboard and sees it on the leader page', async ({ page, komet }) => {
  test.setTimeout(120_000); // the app is opened twice and scanned five times
  await arrangeGroup(komet);
  await goTo(page, 'Ledare');
  await page.getByRole('link', { name: 'Kurser' }).click();
  await expect(page.getByText('Inga kurser registrerade än.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Ny kurs' }).first().click();
  await page.getByRole('button', { name: 'Skapa kurs' }).click();
  await expect(page.getByRole('combobox', { name: 'Program' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'Testprogram' });
  await page.getByRole('textbox', { name: 'Kursens namn' }).fill('Gruppledarutbildning höst');
  await page.getByLabel('Dag 1').fill(isoDate(-20));
  await page.getByRole('button', { name: 'Lägg till dag' }).click();
  await page.getByLabel('Dag 2').fill(isoDate(-20));
  // No trainer and the same day twice: both come back from the server onto their fields.
  await page.getByRole('button', { name: 'Skapa kurs' }).click();
  await expect(page.getByRole('textbox', { name: 'Extern utbildares namn' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Extern utbildares namn' }).fill('Extern utbildare');
  await page.getByLabel('Dag 2').fill(isoDate(-19));
  await page.getByRole('button', { name: 'Skapa kurs' }).click();
  await expect(toast(page, 'Kursen Gruppledarutbildning höst är skapad.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Gruppledarutbildning höst' })).toBeVisible();

  const grid = page.getByRole('table', { name: 'Närvaro på kursen' });
  const day1 = grid.getByRole('checkbox', { name: /^Astrid Ledare, dag 1/ });
  await day1.focus();
  await page.keyboard.press('Space');
  await expect(day1).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('checkbox', { name: /^Astrid Ledare, dag 2/ })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('checkbox', { name: /^Bo Ledare, dag 2/ })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(grid.getByRole('row').filter({ hasText: 'Astrid Ledare' })).toContainText('2 av 2');
  await expect(grid.getByRole('row').filter({ hasText: 'Bo Ledare' })).toContainText('1 av 2');
  // What is stored, not what the page remembers: reopen Komet from its tokenised address (the
  // token lives only in memory, so a bare reload would be refused) and come back to the course.
  await page.goto('about:blank');
  await page.goto(komet.url);
  await goTo(page, 'Ledare');
  await page.getByRole('link', { name: 'Kurser' }).click();
  await expect(page.getByRole('table', { name: 'Kurser' })).toContainText('2 dagar');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Gruppledarutbildning höst' }).click();
  await expect(grid.getByRole('checkbox', { name: /^Astrid Ledare, dag 1/ })).toBeChecked();
  await expect(grid.getByRole('checkbox', { name: /^Astrid Ledare, dag 2/ })).toBeChecked();
  await expect(grid.getByRole('checkbox', { name: /^Bo Ledare, dag 1/ })).not.toBeChecked();
  await expect(grid.getByRole('checkbox', { name: /^Bo Ledare, dag 2/ })).toBeChecked();
  await expectNoAxeViolations(page);

  await goTo(page, 'Ledare');
  await page.getByRole('link', { name: 'Astrid Ledare' }).first().click();
  await expect(page.getByRole('region', { name: 'Utbildning' })).toContainText('2 av 2 dagar');
  await expect(page.getByRole('region', { name: 'Vägen mot certifiering' }).getByRole('listitem').filter({ hasText: 'Gruppledarutbildning' })).toContainText(
    '2 av 4',
  );
});

test("edits a programme's certification requirements and the pathway follows", async ({ page, komet }) => {
  await arrangeGroup(komet);
  await goTo(page, 'Program');
  await page.getByRole('link', { name: 'Krav för ledare, Testprogram' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Krav för certifiering – Testprogram' })).toBeVisible();
  await expect(page.getByText('Programmet använder standardkraven.', { exact: false })).toBeVisible();
  const days = page.getByRole('spinbutton', { name: 'Kursdagar' });
  await expect(days).toHaveValue('4');
  await expectNoAxeViolations(page);
  await days.fill('31');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await days.fill('5');
  await page.getByRole('spinbutton', { name: 'Handledningstillfällen' }).fill('6');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(toast(page, 'Kraven är sparade.')).toBeVisible();

  await goTo(page, 'Ledare');
  await page.getByRole('link', { name: 'Bo Ledare' }).first().click();
  const pathway = page.getByRole('region', { name: 'Vägen mot certifiering' });
  await expect(pathway.getByRole('listitem').filter({ hasText: 'Gruppledarutbildning' })).toContainText('0 av 5');
  await expect(pathway.getByRole('listitem').filter({ hasText: 'Handledningstillfällen' })).toContainText('0 av 6');
  await expect(page.getByRole('img', { name: /Ingen närvaro registrerad än|Närvaro per träff/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('two quick clicks on one leader are both kept, even when the first save is slow', async ({ page, komet }) => {
  const { programme } = await arrangeGroup(komet);
  const course = await arrange(komet, 'courses.create', {
    programmeId: programme.id,
    title: 'Snabbklickskursen',
    trainerStaffId: null,
    trainerName: 'Extern utbildare',
    dates: [isoDate(-30), isoDate(-29)],
  });
  // Hold the first attendance save back, so that if the second were sent at once it would be
  // stored first and then overwritten by the first, older set of days.
  let held = 0;
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { procedure?: string };
    if (body.procedure === 'courses.setAttendance' && held++ === 0) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  let answered = 0;
  page.on('response', (response) => {
    const body = response.request().postDataJSON() as { procedure?: string } | null;
    if (response.url().endsWith('/api/call') && body?.procedure === 'courses.setAttendance') answered++;
  });
  await goTo(page, 'Ledare');
  await page.getByRole('link', { name: 'Kurser' }).click();
  await page.getByRole('link', { name: course.title }).click();
  const grid = page.getByRole('table', { name: 'Närvaro på kursen' });
  await grid.getByRole('checkbox', { name: /^Astrid Ledare, dag 1/ }).click();
  await grid.getByRole('checkbox', { name: /^Astrid Ledare, dag 2/ }).click();
  await expect(grid.getByRole('row').filter({ hasText: 'Astrid Ledare' })).toContainText('2 av 2');
  await expect.poll(() => answered, { timeout: 10_000 }).toBe(2);
  expect((await arrange(komet, 'courses.get', { id: course.id })).attendees).toEqual([
    expect.objectContaining({ name: 'Astrid Ledare', dates: [isoDate(-30), isoDate(-29)] }),
  ]);
});
