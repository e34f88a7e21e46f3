import { expect, expectNoAxeViolations, test } from './fixtures';
import { openRoute } from './participation-helpers';
import { arrange, arrangeGroup, isoDate, toast } from './ui-steps';

/** A date as Swedish prose writes it ("3 december 2026"), the way the messages give it. */
const inWords = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

test('the move form refuses a day before the start or one already taken, asks about the order, and can take the following sessions along', async ({
  page,
  komet,
}) => {
  test.setTimeout(150_000);
  const { group } = await arrangeGroup(komet);
  const plan = async () => (await arrange(komet, 'groups.get', { id: group.id })).sessions.map((s) => s.plannedDate);
  const start = await plan();

  await openRoute(page, `/groups/${group.id}`);
  const openMove = async () => {
    await page.getByRole('button', { name: 'Flytta, träff 5' }).click();
    return page.getByRole('form', { name: 'Flytta träff 5' });
  };
  let form = await openMove();
  const date = form.getByLabel('Nytt datum');
  await date.fill(isoDate(-20));
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(
    form.getByText(`Träff 5 kan inte flyttas till ${inWords(isoDate(-20))}: gruppen startar ${inWords(isoDate(-14))}.`, { exact: false }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await date.fill(start[1]!);
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText(`Träff 2 är redan ${inWords(start[1]!)}. Välj en annan dag för träff 5.`)).toBeVisible();

  // A week after session 6 puts 5 after 6: refused until the user ticks that the order may change.
  await date.fill(start[6]!);
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText(/^Träff 7 är redan/)).toBeVisible();
  await date.fill(isoDate(21 + 1));
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText(/^Träff 6 \(.*\) skulle komma före träff 5/)).toBeVisible();
  expect(await plan()).toEqual(start);

  // With the following sessions the order holds: 5–11 move one day later.
  await form.getByRole('checkbox', { name: 'Flytta även de följande träffarna lika många dagar' }).check();
  await date.fill(isoDate(14 + 1));
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(toast(page, 'Träff 5 är flyttad.')).toBeVisible();
  const dayAfter = (iso: string) => {
    const d = new Date(`${iso}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  expect(await plan()).toEqual(start.map((d, i) => (i >= 4 ? dayAfter(d) : d)));

  // Session 5 before session 4, confirmed.
  form = await openMove();
  await form.getByLabel('Nytt datum').fill(dayAfter(start[2]!));
  await form.getByRole('checkbox', { name: 'Träffen får hamna före en träff med lägre nummer' }).check();
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(toast(page, 'Träff 5 är flyttad.')).toBeVisible();
  // The first move's message may still stand in the live region: the stored plan says when this one is saved.
  await expect.poll(async () => (await plan())[4]).toBe(dayAfter(start[2]!));
});

test('a new start date moves the planned sessions by as many days, leaving the held one', async ({ page, komet }) => {
  test.setTimeout(120_000);
  const { group } = await arrangeGroup(komet);
  const before = await arrange(komet, 'groups.get', { id: group.id });
  await arrange(komet, 'sessions.record', { id: before.sessions[0]!.id, status: 'held', heldDate: before.sessions[0]!.plannedDate, participantCount: 4 });

  await openRoute(page, `/groups/${group.id}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: 'Redigera grupp' })).toBeVisible();
  const follow = page.getByRole('checkbox', { name: 'Flytta de planerade träffarna lika många dagar som startdatumet' });
  await expect(follow).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: 'Startdatum' }).fill(isoDate(-12));
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(toast(page, 'Ändringarna är sparade.')).toBeVisible();

  const after = await arrange(komet, 'groups.get', { id: group.id });
  const twoDaysLater = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  expect(after.sessions.map((s) => s.plannedDate)).toEqual(before.sessions.map((s, i) => (i === 0 ? s.plannedDate : twoDaysLater(s.plannedDate))));
});
