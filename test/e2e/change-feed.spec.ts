import { expect, test } from './fixtures';
import { arrange, firstBackupMade, goTo, toast } from './ui-steps';

test("a write refreshes the screen through main's change event alone, and a change missed while the event stream was down is caught up when it returns", async ({
  page,
  komet,
}) => {
  await arrange(komet, 'units.create', { name: 'Enhet Öst', kind: 'district' });
  // The day's first backup announces a change of its own; past it, the only change is the test's.
  await firstBackupMade(komet);
  // Open Komet again with its change stream cut off.
  let cut = true;
  await page.route('**/api/events', (route) => (cut ? route.abort() : route.continue()));
  await page.goto('about:blank');
  await page.goto(komet.url);
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toBeVisible();

  const calls: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/call')) return;
    const body = request.postDataJSON() as { procedure?: string } | null;
    if (body?.procedure) calls.push(body.procedure);
  });
  await page.getByRole('button', { name: 'Arkivera, Enhet Öst' }).click();
  await expect(toast(page, 'Enhet Öst är arkiverad.')).toBeVisible();
  // The write re-read nothing itself: without the change event the list still shows the unit.
  expect(calls).toEqual(['units.setActive']);
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toBeVisible();

  // When the stream is back, the change it missed is caught up and the list follows once.
  cut = false;
  await expect(page.getByRole('rowheader', { name: 'Enhet Öst' })).toHaveCount(0);
  expect(calls.filter((c) => c === 'units.list')).toHaveLength(1);
});

test('a change made while the page is still connecting its change stream shows once the stream is open', async ({ page, komet }) => {
  // Hold the stream back until the page has read its data and something else has written.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/events', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('about:blank');
  await page.goto(komet.url);
  await goTo(page, 'Enheter');
  await expect(page.getByRole('table', { name: 'Enheter' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Enhet Väst' })).toHaveCount(0);

  await arrange(komet, 'units.create', { name: 'Enhet Väst', kind: 'district' });
  release();
  await expect(page.getByRole('rowheader', { name: 'Enhet Väst' })).toBeVisible();
});
