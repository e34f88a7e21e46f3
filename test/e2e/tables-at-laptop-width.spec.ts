import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { arrangeParticipationGroup, openRoute } from './participation-helpers';
import { goTo } from './ui-steps';

// 1366 × 768 is the common laptop screen in the city's offices.
test.use({ viewport: { width: 1366, height: 768 } });

/** How far a table's content reaches past its scrolling frame, in pixels (0: it fits). */
const overflow = (table: Locator) =>
  table.evaluate((el) => {
    const frame = el.closest('.table-wrap') as HTMLElement;
    return frame.scrollWidth - frame.clientWidth;
  });

test('tables with row buttons fit beside the menu at 1366 px, with every button on screen', async ({ page, komet }) => {
  const { group } = await arrangeParticipationGroup(komet);

  await goTo(page, 'Program');
  const programmes = page.getByRole('table', { name: 'Program' });
  await expect(programmes).toBeVisible();
  expect(await overflow(programmes)).toBe(0);
  await expect(programmes.getByRole('button', { name: /^Ta bort, / }).first()).toBeInViewport();

  await openRoute(page, `/groups/${group.id}`);
  const participants = page.getByRole('table', { name: 'Deltagare' });
  await expect(participants).toBeVisible();
  expect(await overflow(participants)).toBe(0);
  await participants.scrollIntoViewIfNeeded();
  await expect(participants.getByRole('button', { name: 'Ta bort, Anna' })).toBeInViewport();
  // Both row actions sit inside the table's frame, not behind its horizontal scroll.
  const frame = await participants.evaluate((el) => {
    const r = el.closest('.table-wrap')!.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });
  for (const name of ['Flytta, Anna', 'Ta bort, Anna']) {
    const box = (await participants.getByRole('button', { name }).boundingBox())!;
    expect(box.x, `${name} starts inside the table`).toBeGreaterThanOrEqual(frame.left);
    expect(box.x + box.width, `${name} ends inside the table`).toBeLessThanOrEqual(frame.right);
  }
});
