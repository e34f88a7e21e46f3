import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, arrangeGroup, goTo, isoDate } from './ui-steps';

// A full-page axe scan and a PDF made in the server: more than the default minute on a shared machine.
test.describe.configure({ timeout: 120_000 });

test('the report page shows this year’s figures, each chart with its table, and downloads the PDF', async ({ page, komet }) => {
  const { group, unit } = await arrangeGroup(komet, 'R');
  // Five parents, all present at the first session: five enrolled and started, one group started.
  for (let i = 1; i <= 5; i++) {
    const p = await arrange(komet, 'participants.create', {
      groupId: group.id,
      displayName: `Förälder ${i}`,
      relation: 'mother',
      enrolmentDate: isoDate(-14),
      consent: 'yes',
      consentDate: isoDate(-14),
      childBirthYear: 2019,
      childGender: 'girl',
      familyId: null,
    });
    await arrange(komet, 'attendance.set', { participantId: p.id, sessionId: group.sessions[0]!.id, state: 'present', markHeld: true });
  }

  await goTo(page, 'Rapporter');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapporter' })).toBeVisible();
  const summary = page.getByRole('table', { name: 'Sammanfattning' });
  await expect(
    summary
      .getByRole('row', { name: /Grupper som startade/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');
  await expect(
    summary
      .getByRole('row', { name: /Föräldrar som började/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');

  // The chart's table alternative has the same unit row.
  await page.getByRole('button', { name: 'Visa som tabell' }).first().click();
  const groups = page.getByRole('table', { name: 'Grupper per enhet' });
  await expect(
    groups
      .getByRole('row', { name: new RegExp(unit.name) })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(page.getByText('Inga formulärdata för perioden.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Scoped to another unit: an honest empty report.
  await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ index: 1 });
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).not.toHaveText('5');
  await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: unit.name });
  await expect(
    summary
      .getByRole('row', { name: /Inskrivna föräldrar/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('5');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ladda ned PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^verksamhetsrapport-\d{4}-01-01-\d{4}-12-31\.pdf$/);
  const bytes = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
