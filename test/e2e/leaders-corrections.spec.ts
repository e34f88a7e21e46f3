import { expect, expectNoAxeViolations, test, type KometServer } from './fixtures';
import { openRoute } from './participation-helpers';
import { arrange, arrangeGroup, isoDate, toast } from './ui-steps';

// Each test runs a few full-page axe scans on a shared machine.
test.setTimeout(150_000);

async function arrangeLeaders(komet: KometServer) {
  const arranged = await arrangeGroup(komet);
  const staff = await arrange(komet, 'staff.list', {});
  const id = (name: string) => staff.find((s) => s.name === name)!.id;
  return { ...arranged, astrid: id('Astrid Ledare'), bo: id('Bo Ledare'), cilla: id('Cilla Handledare') };
}

const auditOf = async (komet: KometServer, entity: string) =>
  (await arrange(komet, 'audit.list', { entity, limit: 50 })).rows.map((r) => `${r.action} ${r.entityId}`);

test('corrects a recorded supervision: the form opens filled in, and the change is saved and audited', async ({ page, komet }) => {
  const { astrid, cilla, group } = await arrangeLeaders(komet);
  const meeting = await arrange(komet, 'supervision.create', {
    date: isoDate(-3),
    supervisorId: cilla,
    format: 'group',
    mode: 'in_person',
    leaders: [{ leaderId: astrid, rating: 2 }],
    groupIds: [group.id],
    notes: 'Före rättelsen',
  });

  await openRoute(page, `/leaders/${astrid}`);
  const history = page.getByRole('table', { name: 'Handledning' });
  await expect(history).toContainText('Före rättelsen');
  await expectNoAxeViolations(page);
  await history.getByRole('link', { name: /^Redigera, handledning / }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Redigera handledning' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Anteckningar' })).toHaveValue('Före rättelsen');
  await expect(page.getByRole('checkbox', { name: 'Astrid Ledare', exact: true })).toBeChecked();
  const rating = page.getByRole('group', { name: 'Skattning för Astrid Ledare' });
  await expect(rating.getByRole('radio', { name: /^2 – Delvis/ })).toBeChecked();
  await expectNoAxeViolations(page);
  await rating.getByRole('radio', { name: /^3 – God/ }).check();
  await page.getByRole('textbox', { name: 'Anteckningar' }).fill('Efter rättelsen');
  await page.getByRole('button', { name: 'Spara ändringar' }).click();

  await expect(toast(page, 'Ändringarna i handledningen är sparade.')).toBeVisible();
  await expect(history).toContainText('Efter rättelsen');
  await expect(history).toContainText('3 – God');
  const saved = await arrange(komet, 'supervision.get', { id: meeting.id });
  expect(saved.notes).toBe('Efter rättelsen');
  expect(saved.leaders.map((l) => l.rating)).toEqual([3]);
  expect(await auditOf(komet, 'supervision')).toContain(`update ${meeting.id}`);
});

test("deletes a supervision after asking, and the toast's undo brings it back with its follow-ups", async ({ page, komet }) => {
  const { astrid, cilla } = await arrangeLeaders(komet);
  const meeting = await arrange(komet, 'supervision.create', {
    date: isoDate(-3),
    supervisorId: cilla,
    format: 'individual',
    mode: 'video',
    leaders: [{ leaderId: astrid, rating: 4, note: 'Stark start' }],
    notes: 'Att ta bort',
    followUps: [
      { text: 'Ringa familjen', dueDate: isoDate(2), leaderId: astrid },
      { text: 'Läsa manualen', dueDate: isoDate(5), leaderId: null },
    ],
  });
  await arrange(komet, 'followUps.setDone', { id: meeting.followUps.find((f) => f.text === 'Ringa familjen')!.id, done: true });

  await openRoute(page, `/leaders/${astrid}`);
  const history = page.getByRole('table', { name: 'Handledning' });
  await history.getByRole('button', { name: /^Ta bort, handledning / }).click();
  const dialog = page.getByRole('dialog', { name: /^Ta bort handledningen / });
  await expect(dialog).toContainText('Cilla Handledare');
  await expectNoAxeViolations(page);
  // Cancelling leaves it be.
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await expect(history).toContainText('Att ta bort');
  await history.getByRole('button', { name: /^Ta bort, handledning / }).click();
  await dialog.getByRole('button', { name: 'Ta bort' }).click();

  await expect(toast(page, /^Handledningen .* är borttagen\./)).toBeVisible();
  await expect(page.getByText('Ingen handledning registrerad.')).toBeVisible();
  expect(await arrange(komet, 'supervision.list', { leaderId: astrid })).toEqual([]);
  expect(await auditOf(komet, 'supervision')).toContain(`delete ${meeting.id}`);

  await page.getByRole('button', { name: 'Ångra' }).click();
  await expect(toast(page, 'Handledningen är återställd.')).toBeVisible();
  await expect(history).toContainText('Att ta bort');
  const [back] = await arrange(komet, 'supervision.list', { leaderId: astrid });
  expect(back).toMatchObject({ date: meeting.date, supervisorId: cilla, format: 'individual', mode: 'video', notes: 'Att ta bort' });
  expect(back!.leaders).toEqual([{ leaderId: astrid, name: 'Astrid Ledare', rating: 4, note: 'Stark start' }]);
  expect(back!.followUps.map((f) => [f.text, f.dueDate, f.leaderId, f.done]).sort()).toEqual([
    ['Läsa manualen', isoDate(5), null, false],
    ['Ringa familjen', isoDate(2), astrid, true],
  ]);
  expect(await auditOf(komet, 'supervision')).toContain(`create ${back!.id}`);
});

test('revokes a certification made with an override after showing its reason, and undo certifies again with the same reason', async ({ page, komet }) => {
  const { bo, cilla, programme } = await arrangeLeaders(komet);
  const reason = 'Lång erfarenhet från liknande program i annan kommun.';
  const made = await arrange(komet, 'certifications.certify', {
    leaderId: bo,
    programmeId: programme.id,
    date: isoDate(-1),
    supervisorId: cilla,
    overrideReason: reason,
    note: '',
  });
  expect(made.requirementsMet).toBe(false);

  await openRoute(page, `/leaders/${bo}`);
  const pathway = page.getByRole('group', { name: /tKomet/ });
  await expect(pathway).toContainText('Certifierad');
  await pathway.getByRole('button', { name: 'Återkalla certifieringen för tKomet' }).click();
  const dialog = page.getByRole('dialog', { name: 'Återkalla certifieringen för tKomet?' });
  await expect(dialog).toContainText(reason);
  await expect(dialog).toContainText('Cilla Handledare');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Återkalla' }).click();

  await expect(toast(page, 'Certifieringen för tKomet är återkallad.')).toBeVisible();
  await expect(pathway.getByRole('button', { name: 'Certifiera för tKomet' })).toBeVisible();
  expect(await arrange(komet, 'certifications.list', { leaderId: bo })).toEqual([]);
  expect(await auditOf(komet, 'certification')).toContain(`delete ${made.id}`);

  await page.getByRole('button', { name: 'Ångra' }).click();
  await expect(toast(page, 'Certifieringen för tKomet är återställd.')).toBeVisible();
  await expect(pathway.getByRole('button', { name: 'Återkalla certifieringen för tKomet' })).toBeVisible();
  const [again] = await arrange(komet, 'certifications.list', { leaderId: bo });
  expect(again).toMatchObject({ date: made.date, supervisorId: cilla, requirementsMet: false, overrideReason: reason });
});

test('an address under #/supervision that leads nowhere says so instead of a blank page', async ({ page }) => {
  for (const route of ['/supervision', '/supervision/okänd']) {
    await openRoute(page, route);
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
