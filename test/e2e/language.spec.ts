import { expect, test } from './fixtures';
import { goTo } from './ui-steps';

test('switches to English and back; the choice is stored in the database', async ({ page, komet }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await goTo(page, 'Inställningar');
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect.poll(() => komet.call('settings.get', {})).toMatchObject({ ok: true, value: { language: 'en' } });

  // Forget the first-paint mirror: English must come back from the database alone.
  await page.evaluate(() => window.localStorage.clear());
  await page.goto('about:blank');
  await page.goto(komet.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Server messages follow the language too.
  await goTo(page, 'Units');
  await page.getByRole('link', { name: 'New unit' }).click();
  await page.getByRole('button', { name: 'Create unit' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();

  await goTo(page, 'Settings');
  await page.getByRole('radio', { name: 'Svenska' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect.poll(() => komet.call('settings.get', {})).toMatchObject({ ok: true, value: { language: 'sv' } });

  await page.goto('about:blank');
  await page.goto(komet.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
});
