import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, openRoute, programmeName, unitName } from './participation-helpers';
import { arrange, goTo, isoDate, statValue, toast } from './ui-steps';

// Each test runs several full-page axe scans, which take long on a shared machine.
test.describe.configure({ timeout: 180_000 });

test('adds participants through the form, with a family link and a duplicate the leader confirms', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 1 });
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
  const form = page.getByRole('form', { name: 'Ny deltagare' });
  await expect(form.getByRole('textbox', { name: 'Namn eller initialer' })).toBeFocused();
  // The group began eleven weeks ago: someone added now joins today, not at the group's start.
  await expect(form.getByRole('textbox', { name: 'Inskriven', exact: true })).toHaveValue(isoDate(0));
  await expectNoAxeViolations(page);

  await form.getByRole('textbox', { name: 'Namn eller initialer' }).fill('Anna');
  await form.getByRole('combobox', { name: 'Familj' }).selectOption({ label: 'Samma familj som Anna (familj 1)' });
  await expect(form.getByRole('spinbutton', { name: 'Barnets födelseår' })).toHaveValue(String(new Date().getFullYear() - 6));
  await form.getByRole('radio', { name: 'Ja' }).check();
  await expect(form.getByLabel('Datum för samtycke')).toHaveValue(isoDate(0));
  await form.getByRole('button', { name: 'Lägg till deltagare' }).click();
  await expect(form.getByRole('alert')).toContainText('Det finns redan en deltagare med samma namn i samma familj');
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Spara ändå' }).click();
  await expect(toast(page, 'Anna är tillagd i gruppen.')).toBeVisible();
  const list = page.getByRole('table', { name: 'Deltagare', exact: true });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(page.getByText('2 deltagare i 1 familj')).toBeVisible();

  // A birth year in the future is refused at the field.
  await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
  await form.getByRole('textbox', { name: 'Namn eller initialer' }).fill('Cilla');
  await form.getByRole('spinbutton', { name: 'Barnets födelseår' }).fill(String(new Date().getFullYear() + 1));
  await form.getByRole('button', { name: 'Lägg till deltagare' }).click();
  await expect(form.getByRole('spinbutton', { name: 'Barnets födelseår' })).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Avbryt' }).click();
  await expect(page.getByRole('button', { name: 'Lägg till deltagare' })).toBeFocused();
});

test('marks a dropout with a reason, keeps someone active and deletes a participant without marks', async ({ page, komet }) => {
  const { programme, unit, leader, group } = await arrangeParticipationGroup(komet, { participants: 3 });
  await arrange(komet, 'groups.create', {
    programmeId: programme.id,
    unitId: unit.id,
    venue: 'Skolan',
    startDate: isoDate(7),
    startTime: '17:30',
    note: '',
    leaderIds: [leader.id],
    supervisorId: null,
  });
  await openRoute(page, `/groups/${group.id}`);
  const list = page.getByRole('table', { name: 'Deltagare', exact: true });
  await list.getByRole('button', { name: 'Status, Bertil' }).click();
  await page.getByRole('radio', { name: 'Markera avhopp' }).check();
  await page.getByRole('combobox', { name: 'Orsak' }).selectOption({ label: 'Sjukdom' });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(toast(page, 'Status för Bertil är sparad.')).toBeVisible();
  await expect(list.getByRole('row', { name: /^Bertil/ })).toContainText('Avhopp');

  await list.getByRole('button', { name: 'Status, Cecilia' }).click();
  await page.getByRole('checkbox', { name: 'Behåll som aktiv trots 3 frånvaro i rad' }).check();
  await expect(toast(page, 'Cecilia hålls aktiv.')).toBeVisible();
  await expect(list.getByRole('row', { name: /^Cecilia/ })).toContainText('Hålls aktiv av ledare');
  await page.getByRole('button', { name: 'Stäng', exact: true }).click();

  await list.getByRole('button', { name: 'Ta bort, Anna' }).click();
  await page.getByRole('dialog', { name: 'Ta bort Anna?' }).getByRole('button', { name: 'Ta bort' }).click();
  await expect(toast(page, 'Anna är borttagen.')).toBeVisible();
  await expect(list.getByRole('row')).toHaveCount(3);

  // Moving Cecilia to a group starting next week keeps her row here, marked as moved.
  await list.getByRole('button', { name: 'Flytta, Cecilia' }).click();
  const move = page.getByRole('form', { name: 'Flytta Cecilia till en annan grupp' });
  await expect(move.getByRole('combobox', { name: 'Till grupp' })).toBeFocused();
  await move.getByRole('combobox', { name: 'Till grupp' }).selectOption({ index: 1 });
  await expectNoAxeViolations(page);
  await move.getByRole('button', { name: 'Flytta' }).click();
  await expect(toast(page, /^Cecilia är flyttad till fKomet /)).toBeVisible();
  await expect(list.getByRole('row', { name: /^Cecilia/ })).toContainText('Flyttad');
});

test('at risk after two absences in a row shows on the group and the dashboard; fidelity ticks give a percentage', async ({ page, komet }) => {
  const { group, participants } = await arrangeParticipationGroup(komet, { participants: 3 });
  const detail = await komet.call('groups.get', { id: group.id });
  if (!detail.ok) throw new Error('group missing');
  const [s1, s2] = detail.value.sessions;
  for (const s of [s1!, s2!]) {
    await komet.call('attendance.setColumn', { sessionId: s.id, state: 'present', markHeld: true });
    await komet.call('attendance.set', { participantId: participants[2]!.id, sessionId: s.id, state: 'absent' });
  }

  await openRoute(page, `/groups/${group.id}`);
  const grid = page.getByRole('grid', { name: 'Närvaro' });
  await expect(grid.getByRole('rowheader', { name: /^Cecilia/ })).toContainText('Risk för avhopp');
  await expect(statValue(page, 'Risk för avhopp')).toHaveText('1');

  // Fidelity for session 2: three of the five generic components.
  const fidelity = page.getByRole('region', { name: 'Programtrohet' });
  await fidelity.getByRole('button', { name: 'Registrera, träff 2' }).click();
  const form = page.getByRole('form', { name: 'Träff 2', exact: true });
  await expect(form).toBeVisible();
  await form.getByRole('checkbox', { name: 'Genomgång av hemuppgiften' }).check();
  await form.getByRole('checkbox', { name: 'Dagens tema' }).check();
  await form.getByRole('checkbox', { name: 'Rollspel' }).check();
  await expect(form.getByText('3 av 5 moment, 60 %')).toBeVisible();
  await form.getByRole('textbox', { name: 'Anteckning' }).fill('Filmen gick inte att visa');
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Spara programtrohet' }).click();
  await expect(toast(page, 'Programtrohet för träff 2 är sparad: 60 %.')).toBeVisible();
  await expect(fidelity.getByRole('row', { name: /^Träff 2 / })).toContainText('60 %');
  await expect(fidelity.getByText('Gruppens programtrohet i snitt: 60 %')).toBeVisible();
  await expect(statValue(page, 'Genomsnittlig programtrohet')).toHaveText('60 %');
  await expect(fidelity.getByRole('button', { name: 'Ändra, träff 2' })).toBeFocused();
  await expectNoAxeViolations(page);

  await goTo(page, 'Översikt');
  const atRisk = page.getByRole('region', { name: /^Risk för avhopp/ });
  await expect(atRisk.getByRole('listitem')).toHaveCount(1);
  await expect(atRisk).toContainText('Cecilia');
  await expect(atRisk).toContainText('2 frånvaro i rad');
  await expect(page.getByRole('region', { name: /^Träffar utan programtrohet/ }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('Alla genomförda träffar har närvaro registrerad.')).toBeVisible();
  await expectNoAxeViolations(page);
  await atRisk.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: `${programmeName} – ${unitName}` })).toBeVisible();
});

test('edits the session plan and the rules of a programme, and the dropout reasons', async ({ page, komet }) => {
  await arrangeParticipationGroup(komet, { participants: 0 });
  await goTo(page, 'Program');
  await page.getByRole('link', { name: `Träffplan, ${programmeName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Träffplan – ${programmeName}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /^2\. / }).click();
  const form = page.getByRole('form', { name: 'Träff 2' });
  await form.getByRole('textbox', { name: 'Rubrik' }).fill('Beröm och uppmärksamhet');
  await form.getByRole('button', { name: 'Ta bort moment 3' }).click();
  await form.getByRole('button', { name: 'Lägg till moment' }).click();
  await expect(form.getByRole('textbox', { name: 'Moment 5', exact: true })).toBeFocused();
  await form.getByRole('textbox', { name: 'Moment 5', exact: true }).fill('Avslutningsrunda');
  await form.getByRole('button', { name: 'Spara träffen' }).click();
  await expect(toast(page, 'Träff 2 i planen är sparad.')).toBeVisible();
  await expect(page.getByRole('button', { name: '2. Beröm och uppmärksamhet' })).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Moment 5', exact: true })).toHaveValue('Avslutningsrunda');
  await expect(form.getByRole('textbox', { name: 'Moment 3', exact: true })).toHaveValue('Rollspel');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Regler', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Regler för fullföljande och avhopp/ })).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: /Fullföljt vid närvaro/ })).toHaveValue('70');
  await expectNoAxeViolations(page);
  await page.getByRole('spinbutton', { name: /Risk för avhopp efter/ }).fill('4');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('spinbutton', { name: /Risk för avhopp efter/ })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('spinbutton', { name: /Risk för avhopp efter/ }).fill('2');
  await page.getByRole('spinbutton', { name: /Avhopp efter/ }).fill('4');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(toast(page, 'Reglerna är sparade.')).toBeVisible();

  await goTo(page, 'Program');
  await page.getByRole('link', { name: 'Avhoppsorsaker' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avhoppsorsaker' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Orsak', exact: true }).last().fill('Föräldraledighet');
  await page.getByRole('button', { name: 'Lägg till orsak' }).click();
  await expect(page.getByRole('rowheader', { name: 'Föräldraledighet' })).toBeVisible();
  await page.getByRole('button', { name: 'Byt namn, Sjukdom' }).click();
  await page.getByRole('form', { name: 'Byt namn på Sjukdom' }).getByRole('textbox', { name: 'Orsak', exact: true }).fill('Sjukdom i familjen');
  await page.getByRole('form', { name: 'Byt namn på Sjukdom' }).getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('rowheader', { name: 'Sjukdom i familjen' })).toBeVisible();
  await page.getByRole('button', { name: 'Arkivera, Ingen kontakt' }).click();
  await expect(page.getByRole('row', { name: /Ingen kontakt/ })).toContainText('Arkiverad');
  await expectNoAxeViolations(page);
});
