import { format, parseISO } from 'date-fns';
import { sv } from 'date-fns/locale';
import { expect, test } from './fixtures';
import { arrangeGroup, goTo } from './ui-steps';

// Names assembled from visible text plus hidden text got a space before the hidden comma in
// Chromium ("Namn , sorterbar"); these are the names a screen reader user hears.
test('table controls are named without a stray space before a comma', async ({ page, komet }) => {
  const { group } = await arrangeGroup(komet);

  await goTo(page, 'Ledare');
  const table = page.getByRole('table', { name: /Ledare, deras status/ });
  await expect(table.getByRole('button', { name: 'Namn, sorterbar', exact: true })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Senaste handledning, sorterbar', exact: true })).toBeVisible();
  // The sorted column says only its name; aria-sort on its header says which way.
  await expect(table.getByRole('columnheader', { name: 'Uppmärksamhet', exact: true })).toHaveAttribute('aria-sort', 'descending');

  await goTo(page, 'Grupper');
  const start = format(parseISO(group.startDate), 'EEE d MMM yyyy', { locale: sv });
  await expect(page.getByRole('link', { name: `tKomet · Testdistrikt, ${start}`, exact: true })).toBeVisible();
});
