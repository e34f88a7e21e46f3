import type { Page } from '@playwright/test';
import { expect, type KometServer } from './fixtures';
import { arrange, arrangeGroup, type ArrangedGroup } from './ui-steps';

/**
 * Shared steps for the FoU export specs. Lives beside the specs (not in ui-steps.ts) so the export
 * tests can grow without touching the shared helpers.
 */

/**
 * A group with five consenting mothers of girls aged 6, 6, 7, 7 and 8 at the group's start: with
 * exact ages the smallest look-alike group is 1 (below k = 5); age bands put all five in 6–8.
 */
export async function arrangeExportData(komet: KometServer, suffix = ''): Promise<ArrangedGroup> {
  const arranged = await arrangeGroup(komet, suffix);
  const startYear = Number(arranged.group.startDate.slice(0, 4));
  for (const [i, age] of [6, 6, 7, 7, 8].entries()) {
    await arrange(komet, 'participants.create', {
      groupId: arranged.group.id,
      displayName: `Förälder ${i + 1}${suffix}`,
      relation: 'mother',
      childBirthYear: startYear - age,
      childGender: 'girl',
      enrolmentDate: arranged.group.startDate,
      consent: 'yes',
      consentDate: arranged.group.startDate,
    });
  }
  return arranged;
}

/** The value beside a term in a <dl class="details"> (file, size, …). */
export const detail = (page: Page, term: string) =>
  page
    .locator('.details__row')
    .filter({ has: page.getByRole('term').getByText(term, { exact: true }) })
    .locator('dd');

export const stepHeading = (page: Page, number: number, name: string) => page.getByRole('heading', { level: 2, name: `Steg ${number} av 4: ${name}` });

export async function openWizard(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Exportera till FoU' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exportera till FoU' })).toBeVisible();
  await expect(stepHeading(page, 1, 'Urval')).toBeVisible();
}

export async function openOpenExport(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Öppna export' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Öppna export' })).toBeVisible();
}
