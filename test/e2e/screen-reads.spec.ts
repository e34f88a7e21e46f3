import { expect, test } from './fixtures';
import { goTo } from './ui-steps';

interface Asked {
  procedure: string;
  input: string;
  /** The main heading shown when the read left. */
  heading: string;
}

/** The navigation's screens, each opened from the one before. */
const screens = ['Grupper', 'Enkäter', 'Ledare', 'Medarbetare', 'Program', 'Enheter', 'Rapporter', 'Logg', 'Öppna export', 'Översikt'];
/**
 * Reads a screen asks for only once another has answered: the worklist's group choices and the
 * leaders' supervisor choices, left until the first page is painted so that they do not hold it up.
 * (Enkäter's first instrument's results are asked with the click, without naming the instrument.)
 */
const following = new Set(['outcomes.worklistGroups', 'staff.names']);

test('a click in the navigation asks for the screen’s reads before it renders, each once', async ({ page }) => {
  await page.addInitScript(() => {
    const asked: Asked[] = [];
    (window as unknown as { asked: Asked[] }).asked = asked;
    const fetchBefore = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const procedure = (init?.headers as Record<string, string> | undefined)?.['X-Komet-Procedure'];
      if (procedure) asked.push({ procedure, input: String(init?.body), heading: document.querySelector('main h1')?.textContent ?? '' });
      return fetchBefore(input, init);
    };
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
  // The change stream's opening re-reads the screen once; let it pass before counting.
  await page.waitForTimeout(1000);
  for (const screen of screens) {
    const before = await page.getByRole('heading', { level: 1 }).textContent();
    await page.evaluate(() => ((window as unknown as { asked: Asked[] }).asked.length = 0));
    await goTo(page, screen);
    await expect(page.locator('main .loading')).toHaveCount(0);
    const asked = await page.evaluate(() => (window as unknown as { asked: Asked[] }).asked);
    const reads = asked.map((a) => `${a.procedure} ${a.input}`);
    expect(new Set(reads).size, `${screen}: a read asked twice (the click's and the screen's differ?): ${reads.join(', ')}`).toBe(reads.length);
    const late = asked.filter((a) => a.heading !== before && !following.has(a.procedure)).map((a) => a.procedure);
    expect(late, `${screen}: reads asked only after the screen rendered`).toEqual([]);
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});
