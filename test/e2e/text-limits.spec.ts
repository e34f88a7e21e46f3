import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openRoute } from './participation-helpers';
import { arrangeGroup } from './ui-steps';

/** Every field a person types text into: it must stop at the contract's limit. */
const textFields = 'input:is([type=text], [type=email], [type=tel], [type=search], :not([type])), textarea';

async function expectEveryTextFieldLimited(page: Page, route: string, heading: RegExp) {
  await openRoute(page, route);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  const fields = page.locator(`main ${textFields}`);
  await expect(fields.first()).toBeVisible();
  const missing = await fields.evaluateAll((els) =>
    els.filter((el) => !((el as HTMLInputElement).maxLength > 0) && !(el as HTMLInputElement).readOnly).map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  expect(missing, `fields without maxlength on ${route}`).toEqual([]);
}

test('every text field in the forms stops at the limit the contract sets', async ({ page, komet }) => {
  const { group } = await arrangeGroup(komet);
  await expectEveryTextFieldLimited(page, '/groups/new', /Ny grupp/);
  await expectEveryTextFieldLimited(page, '/staff/new', /medarbetare/i);
  await expectEveryTextFieldLimited(page, '/programmes/new', /program/i);
  await expectEveryTextFieldLimited(page, '/units/new', /enhet/i);
  await expectEveryTextFieldLimited(page, '/courses/new', /Ny kurs/);
  await expectEveryTextFieldLimited(page, '/supervision/new', /handledning/i);
  await expectEveryTextFieldLimited(page, `/groups/${group.id}/edit`, /Redigera/);
  await expectEveryTextFieldLimited(page, '/groups', /Grupper/);
});

test('a text refused as too long says how long it may be', async ({ page, komet }) => {
  await arrangeGroup(komet);
  await openRoute(page, '/units/new');
  const name = page.getByRole('textbox', { name: /Namn/ });
  // The field stops typing at the limit, so the refusal shows for a value set past it.
  await name.evaluate((el) => el.removeAttribute('maxlength'));
  await name.fill('x'.repeat(201));
  await page.getByRole('button', { name: /^(Spara|Skapa|Lägg till)/ }).click();
  await expect(page.getByText('Texten är för lång: högst 200 tecken.')).toBeVisible();
});
