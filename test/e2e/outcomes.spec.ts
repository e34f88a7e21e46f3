import { expect, expectNoAxeViolations, test, type KometServer } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { arrange, isoDate, mainNav, recordProcedures, toast } from './ui-steps';

/**
 * A small own questionnaire: four items 1–5, t2 reversed (6 − answer); "mean" averages the answered
 * items, "sum" is prorated to all four; both need three answers. t1 has a text, the others not.
 */
const trivsel = {
  format: 'komet-instrument/1',
  code: 'TRIVSEL',
  version: '1',
  name: { sv: 'Trivsel i gruppen', en: 'Satisfaction with the group' },
  respondent: 'parent',
  licence: { holder: 'Komet', terms: 'Fri att använda.', itemTextsIncluded: true },
  items: [
    { code: 't1', min: 1, max: 5, reverse: false, text: { sv: 'Träffarna var till hjälp.', en: 'The sessions helped.' } },
    { code: 't2', min: 1, max: 5, reverse: true },
    { code: 't3', min: 1, max: 5, reverse: false },
    { code: 't4', min: 1, max: 5, reverse: false },
  ],
  scales: [
    {
      code: 'mean',
      items: ['t1', 't2', 't3', 't4'],
      method: 'mean',
      minAnswered: 3,
      bands: [
        { from: 1, to: 2.9, label: { sv: 'Låg', en: 'Low' } },
        { from: 3, to: 5, label: { sv: 'Hög', en: 'High' } },
      ],
    },
    { code: 'sum', items: ['t1', 't2', 't3', 't4'], method: 'sum', minAnswered: 3, prorate: true },
  ],
};

/** The 11-session group that ended a week ago, with TRIVSEL scheduled before and after: pre is overdue, post due. */
async function arrangeScheduled(komet: KometServer) {
  const arranged = await arrangeParticipationGroup(komet);
  await arrange(komet, 'instruments.import', { text: JSON.stringify(trivsel), source: 'own' });
  for (const timepoint of ['pre', 'post'])
    await arrange(komet, 'outcomeSchedules.add', { programmeId: arranged.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
  return arranged;
}

test('a questionnaire is entered from the worklist by keyboard alone, and its scores are shown', async ({ page, komet }) => {
  test.setTimeout(120_000); // four full-page scans
  const { group, participants } = await arrangeScheduled(komet);
  await mainNav(page).getByRole('link', { name: 'Enkäter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enkäter' })).toBeVisible();
  const worklist = page.getByRole('table', { name: 'Enkäter att föra in' });
  await expect(worklist.getByRole('row')).toHaveCount(13);
  await expectNoAxeViolations(page);

  await page.getByLabel('Läge').selectOption({ label: 'Ska göras' });
  await expect(worklist.getByRole('row')).toHaveCount(7);
  await page.getByRole('link', { name: 'För in, Anna, TRIVSEL Efter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'För in TRIVSEL' })).toBeVisible();
  const item = (code: string) => page.getByRole('textbox', { name: `Fråga ${code}` });
  await expect(item('t1')).toBeFocused();
  await expect(page.getByText('Träffarna var till hjälp.')).toBeVisible();
  await expectNoAxeViolations(page);

  // 4 moves on; Backspace on the empty t2 goes back to t1, and 4 replaces what was there.
  await page.keyboard.press('4');
  await expect(item('t2')).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(item('t1')).toBeFocused();
  await page.keyboard.press('4');
  await expect(item('t2')).toBeFocused();
  // 9 is off the 1–5 form: refused at the field, which keeps the focus.
  await page.keyboard.press('9');
  await expect(item('t2')).toBeFocused();
  await expect(item('t2')).toHaveValue('');
  await expect(page.getByText('Svaret ska vara från 1 till 5.').first()).toBeVisible();
  await page.keyboard.press('2');
  // Space leaves t3 blank; after t4 the focus is on the save button.
  await expect(item('t3')).toBeFocused();
  await page.keyboard.press(' ');
  await page.keyboard.press('3');
  await expect(page.getByRole('button', { name: 'Spara svaren' })).toBeFocused();
  await page.keyboard.press('Enter');

  // t2 = 2 reversed is 4; answered 4, 4, 3: mean 11 / 3 = 3.67 (band Hög), sum prorated 11 × 4 / 3 = 14.67.
  const scores = page.getByRole('table', { name: 'Skalornas poäng' });
  await expect(scores.getByRole('row', { name: /mean/ })).toContainText('3,67');
  await expect(scores.getByRole('row', { name: /mean/ })).toContainText('Hög');
  await expect(scores.getByRole('row', { name: /sum/ })).toContainText('14,67');
  await expectNoAxeViolations(page);
  const stored = await arrange(komet, 'scores.list', { participantId: participants[0]!.id });
  expect(stored.map((s) => [s.timepoint, s.scale, s.score])).toEqual([
    ['post', 'mean', 11 / 3],
    ['post', 'sum', 44 / 3],
  ]);

  // The group page shows the same: Anna's answers after the group are in, the others' are due.
  await openRoute(page, `/groups/${group.id}`);
  const grid = page.getByRole('table', { name: 'Deltagarnas enkäter per mättillfälle' });
  await expect(grid.getByRole('row', { name: /Anna/ })).toContainText('Inmatad');
  await expect(grid.getByRole('row', { name: /Bertil/ })).toContainText('Ska göras');
  await expectNoAxeViolations(page);
});

test('a participant marked declined leaves the worklist, and results hide means of fewer than five', async ({ page, komet }) => {
  test.setTimeout(120_000);
  const { participants } = await arrangeScheduled(komet);
  // Sums with t2 = 3: 3x + 3. Pre for five (x = 1…5): 6, 9, 12, 15, 18 → mean 12. Post for four only.
  for (const [i, x] of [1, 2, 3, 4, 5].entries())
    await arrange(komet, 'responses.record', {
      participantId: participants[i]!.id,
      instrument: 'TRIVSEL',
      timepoint: 'pre',
      date: isoDate(-80),
      enteredBy: 'Anna Lind',
      answers: { t1: x, t2: 3, t3: x, t4: x },
    });
  for (const i of [0, 1, 2, 3])
    await arrange(komet, 'responses.record', {
      participantId: participants[i]!.id,
      instrument: 'TRIVSEL',
      timepoint: 'post',
      date: isoDate(-1),
      enteredBy: 'Anna Lind',
      answers: { t1: 5, t2: 3, t3: 5, t4: 5 },
    });
  await openRoute(page, '/outcomes');
  const worklist = page.getByRole('table', { name: 'Enkäter att föra in' });
  // Left: Frida before; Eva and Frida after.
  await expect(worklist.getByRole('row')).toHaveCount(4);
  await page.getByRole('link', { name: 'För in, Eva, TRIVSEL Efter' }).click();
  await page.getByRole('button', { name: 'Avböjde' }).click();
  await expect(toast(page, 'Eva är markerad: Avböjde.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Enkäter' })).toBeVisible();
  await expect(worklist.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'För in, Eva, TRIVSEL Efter' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Formulär' }).selectOption('TRIVSEL');
  const levels = page.getByRole('table', { name: 'Medelvärde per skala och mättillfälle' });
  await expect(levels.getByRole('row', { name: 'sum, Före' })).toContainText('12');
  // Pre sums 6 … 18: SD √(90 / 4) = 4.74; 95 % CI 12 ± t(0.975, 4) 2.776 × 4.74 / √5 = 6.11 to 17.89.
  await expect(levels.getByRole('row', { name: 'sum, Före' })).toContainText('4,74');
  await expect(levels.getByRole('row', { name: 'sum, Före' })).toContainText('6,11 till 17,89');
  // Six enrolled, so six due at both points: five answered before (83.33 %), four after (66.67 %), Eva's decline counted as not returned.
  const rates = page.getByRole('table', { name: 'Svarsfrekvens per mättillfälle (avhoppade räknas med)' });
  await expect(rates.getByRole('row', { name: /Före/ })).toContainText('83,33 %');
  await expect(rates.getByRole('row', { name: /Efter/ })).toContainText('66,67 %');
  await expect(levels.getByRole('row', { name: 'sum, Efter' })).toContainText('Dolt (färre än 5)');
  const changes = page.getByRole('table', { name: 'Förändring från före' });
  await expect(changes.getByRole('row', { name: 'sum, Före → Efter' })).toContainText('Dolt (färre än 5)');
  await expectNoAxeViolations(page);
});

test('the library lists forms with their licence, imports a definition file and edits a programme schedule', async ({ page, komet }) => {
  test.setTimeout(120_000);
  const { programme } = await arrangeParticipationGroup(komet);
  await openRoute(page, '/outcomes');
  await page.getByRole('link', { name: 'Formulär och scheman' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Formulär och scheman' })).toBeVisible();
  const library = page.getByRole('table', { name: 'Formulär i biblioteket' });
  await expect(library.getByRole('row', { name: /ECBI/ })).toContainText('Finns inte');

  await page.getByLabel('Definitionsfil').setInputFiles({ name: 'trivsel.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trivsel)) });
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(toast(page, 'TRIVSEL version 1 är importerad.')).toBeVisible();
  await expect(library.getByRole('row', { name: /TRIVSEL/ })).toContainText('Importerad');

  // A broken file is refused with the path of the fault.
  await page.getByLabel('Definitionsfil').setInputFiles({
    name: 'fel.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...trivsel, version: '2', items: [{ ...trivsel.items[0], min: 9 }, ...trivsel.items.slice(1)] })),
  });
  await page.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByRole('alert')).toContainText('items.0');

  await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: programme.name });
  await expect(page.getByText('Programmet har inget schema än.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Formulär' }).selectOption('ECBI');
  await page.getByRole('combobox', { name: 'Mättillfälle' }).selectOption({ label: 'Uppföljning N mån' });
  await page.getByLabel('Månader efter sista träffen').fill('6');
  await page.getByLabel('Fönster i dagar').fill('30');
  await expect(page.getByLabel('Dagar som försenad')).toHaveValue('90');
  await page.getByLabel('Dagar som försenad').fill('45');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await expect(toast(page, 'Tillagd i schemat.')).toBeVisible();
  const schedule = page.getByRole('table', { name: 'Programmets enkätschema' });
  await expect(schedule.getByRole('row', { name: /ECBI/ })).toContainText('Uppföljning 6 mån');
  await expect(schedule.getByRole('row', { name: /ECBI/ })).toContainText('30 dagar');
  await expectNoAxeViolations(page);
  await expect(schedule.getByRole('row', { name: /ECBI/ })).toContainText('45 dagar');
  expect((await arrange(komet, 'outcomeSchedules.list', { programmeId: programme.id })).map((s) => [s.instrumentCode, s.timepoint, s.windowDays])).toEqual([
    ['ECBI', 'fu6', 30],
  ]);
  expect((await arrange(komet, 'outcomeSchedules.list', { programmeId: programme.id })).map((s) => s.missedAfterDays)).toEqual([45]);

  await page.getByRole('button', { name: 'Ta bort, ECBI Uppföljning 6 mån' }).click();
  await expect(page.getByText('Programmet har inget schema än.')).toBeVisible();
});

test('the library reads a REDCap data dictionary by keyboard, asking for what the dictionary lacks and naming the skipped fields', async ({ page }) => {
  test.setTimeout(120_000);
  const dictionary = [
    '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note"',
    'record_id,trivsel,,text,"Record ID",,',
    't1,trivsel,,radio,"Trivs barnet?","1, Nej | 2, Ibland | 3, Ja",',
    't2,trivsel,,dropdown,"Bråkar ni?","0, Aldrig | 4, Ofta",',
  ].join('\n');
  await openRoute(page, '/outcomes');
  await page.getByRole('link', { name: 'Formulär och scheman' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Formulär och scheman' })).toBeVisible();
  await page.getByLabel('Definitionsfil').setInputFiles({ name: 'datalexikon.csv', mimeType: 'text/csv', buffer: Buffer.from(dictionary) });
  const fields = page.getByRole('group', { name: 'Från REDCap-datalexikonet' });
  await expect(fields).toBeVisible();
  await expectNoAxeViolations(page);

  await fields.getByLabel('Kod').focus();
  await page.keyboard.type('TRIV-RC');
  await page.keyboard.press('Tab');
  await expect(fields.getByLabel('Version')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Trivsel');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Wellbeing');
  await page.keyboard.press('Tab');
  await expect(fields.getByRole('combobox', { name: 'Vem svarar' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Forskargruppen');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Fri att använda i verksamheten.');
  await page.keyboard.press('Tab');
  await expect(fields.getByRole('checkbox', { name: 'Licensen tillåter att frågetexterna följer med' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Importera' }).press('Enter');

  await expect(toast(page, 'TRIV-RC version 1 är importerad.')).toBeVisible();
  const library = page.getByRole('table', { name: 'Formulär i biblioteket' });
  const row = library.getByRole('row', { name: /TRIV-RC/ });
  await expect(row).toContainText('Forskargruppen');
  await expect(row).toContainText('Finns');
  await expect(page.getByRole('heading', { name: '1 fält blev inte en fråga' })).toBeVisible();
  await expect(page.getByText('fälttypen "text" är ingen fråga med kodade svar')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the Enkäter screen asks for a page of the worklist, not the whole city’s list', async ({ page, komet }) => {
  test.setTimeout(120_000); // a full-page scan
  await arrangeScheduled(komet);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const asked = recordProcedures(page);
  await mainNav(page).getByRole('link', { name: 'Enkäter' }).click();
  const worklist = page.getByRole('table', { name: 'Enkäter att föra in' });
  await expect(worklist.getByRole('row')).toHaveCount(13);
  // The group filter still offers the group the points belong to.
  await expect(page.getByLabel('Grupp', { exact: true }).getByRole('option')).toHaveCount(2);
  // The first page in the screen's one call, beside the library and its first instrument's results.
  expect(asked).toContain('outcomes.screen');
  expect(asked).not.toContain('outcomes.worklist');
  expect(asked).not.toContain('outcomes.results');
  await expectNoAxeViolations(page);
});
