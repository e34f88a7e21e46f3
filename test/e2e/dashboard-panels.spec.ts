import type { Page, Route } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';

/** A call to hold back until released, then answer (as the server would, unless told otherwise). */
function held(answer: (route: Route) => Promise<void> = (route) => route.continue()) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, answer: async (route: Route) => (await released, await answer(route)) };
}

/** Answers the named procedures' calls as given; every other call goes through. */
async function intercept(page: Page, answers: Record<string, (route: Route) => Promise<void>>): Promise<void> {
  await page.route('**/api/call', async (route) => {
    const { procedure } = route.request().postDataJSON() as { procedure?: string };
    await (procedure && answers[procedure] ? answers[procedure](route) : route.continue());
  });
}

const loading = (page: Page) => page.getByRole('main').getByRole('status').filter({ hasText: 'Laddar …' });
const keyFigures = (page: Page) => page.getByRole('region', { name: 'Nyckeltal', exact: true });
const participation = (page: Page) => page.getByRole('region', { name: 'Deltagande', exact: true });
const outcomes = (page: Page) => page.getByRole('region', { name: /Enkäter att samla in/ });
const followUps = (page: Page) => page.getByRole('region', { name: 'Uppföljningar från handledning' });

test("the dashboard's panels do not wait for its key figures: each is asked for at once and shown when it comes", async ({ page }) => {
  const dashboard = held();
  await intercept(page, { 'dashboard.get': dashboard.answer });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await expect(outcomes(page).getByText('Inga enkäter att samla in just nu.')).toBeVisible();
  await expect(followUps(page).getByText('Inga öppna uppföljningar. Allt är gjort.')).toBeVisible();
  await expect(participation(page)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Risk för avhopp' }).getByText('Ingen deltagare har risk för avhopp just nu.')).toBeVisible();
  // Only the key figures and the week's sessions are still on their way, and say so where they go.
  await expect(keyFigures(page)).toHaveCount(0);
  await expect(loading(page)).toHaveCount(1);
  await expectNoAxeViolations(page);

  dashboard.release();
  await expect(keyFigures(page)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Träffar denna vecka' }).getByText('Inga träffar är planerade den här veckan.')).toBeVisible();
  await expect(loading(page)).toHaveCount(0);
});

test('a dashboard panel whose data is late or fails says so in its own place while the others show theirs', async ({ page }) => {
  const failure = { ok: false, error: { code: 'io', message: { sv: 'Kunde inte läsa uppföljningarna.', en: 'Could not read the follow-ups.' } } };
  const follow = held((route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(failure) }));
  const figures = held();
  await intercept(page, { 'followUps.open': follow.answer, 'dashboard.participation': figures.answer });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await expect(keyFigures(page)).toBeVisible();
  await expect(outcomes(page).getByText('Inga enkäter att samla in just nu.')).toBeVisible();
  // The follow-ups are on their way in their panel; the participation figures where they go.
  await expect(followUps(page).getByRole('status')).toHaveText('Laddar …');
  await expect(participation(page)).toHaveCount(0);
  await expect(loading(page)).toHaveCount(2);
  await expectNoAxeViolations(page);

  follow.release();
  await expect(followUps(page).getByRole('alert')).toHaveText('Kunde inte läsa uppföljningarna.');
  await expect(loading(page)).toHaveCount(1);
  await expect(keyFigures(page)).toBeVisible();

  figures.release();
  await expect(participation(page)).toBeVisible();
  await expect(loading(page)).toHaveCount(0);
  await expect(followUps(page).getByRole('alert')).toHaveText('Kunde inte läsa uppföljningarna.');
  await expectNoAxeViolations(page);
});
