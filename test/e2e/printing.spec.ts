import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrangeParticipationGroup, names, openRoute, programmeName, unitName } from './participation-helpers';

test.describe.configure({ timeout: 180_000 });

/** Buttons and button-styled links a reader of the paper could not press. */
const visibleControls = (scope: Locator) => scope.locator('button:not(.sort-button), .button').filter({ visible: true });

/** The width of A4 inside print.css's margins (210 mm − 2 × 16 mm) in CSS pixels. */
const a4Width = Math.floor(((210 - 32) / 25.4) * 96);

/**
 * Tables that would lose columns on paper: wider than an A4 page, or inside a box that scrolls
 * (and so prints only what is in view).
 */
async function clippedTables(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: a4Width, height: 1100 });
  return page.evaluate(() => {
    const main = document.querySelector('main')!.getBoundingClientRect();
    return [...document.querySelectorAll('main table')].flatMap((table) => {
      const name = table.querySelector('caption')?.textContent ?? table.getAttribute('aria-label') ?? table.className;
      const clipped: string[] = [];
      if (table.getBoundingClientRect().right > main.right + 1) clipped.push(`${name}: wider than the page`);
      for (let box = table.parentElement; box && box.tagName !== 'MAIN'; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && box.scrollWidth > box.clientWidth + 1) clipped.push(`${name}: scrolls`);
      }
      return clipped;
    });
  });
}

test('the group page prints its content without buttons or navigation, tables whole', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 6 });
  await openRoute(page, `/groups/${group.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `${programmeName} – ${unitName}` })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
  await expect(visibleControls(page.locator('main'))).toHaveCount(0);
  await expect(page.getByRole('grid', { name: 'Närvaro' })).toBeVisible();
  expect(await clippedTables(page)).toEqual([]);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'screen' });
});

test('an attendance sheet for a session lists the participants with empty boxes, reached from the group page', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet, { participants: 4, startDaysAgo: 7 });
  await openRoute(page, `/groups/${group.id}`);
  await page.getByRole('link', { name: /^Närvarolista/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Närvarolista, träff \d+$/ })).toBeVisible();
  const sheet = page.getByRole('article', { name: new RegExp(`^${programmeName} – ${unitName}`) });
  const table = sheet.getByRole('table', { name: /^Närvarolista/ });
  await expect(table.getByRole('rowheader')).toHaveText([...names.slice(0, 4)]);
  await expect(table.getByRole('columnheader')).toHaveText(['Namn', 'Närvarande', 'Anmäld frånvaro', 'Anteckning']);
  // The boxes are empty: the sheet is filled in by hand.
  await expect(table.locator('tbody td')).toHaveText(Array(4 * 3).fill(''));
  await expect(sheet).toContainText('Astrid Ledare');
  await expectNoAxeViolations(page);

  // Another session of the same group.
  await page.getByRole('combobox', { name: 'Träff' }).selectOption({ index: 0 });
  await expect(page.getByRole('heading', { level: 1, name: 'Närvarolista, träff 1' })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(sheet).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Träff' })).toBeHidden();
  await expect(visibleControls(page.locator('main'))).toHaveCount(0);
  expect(await clippedTables(page)).toEqual([]);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'screen' });
});
