import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, goTo } from './ui-steps';

const passphraseField = (page: Page) => page.getByLabel(/^Lösenfras( \*)?$/);
const removeDatabase = (dataDir: string) => {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `komet.db${s}`), { force: true });
};

test('a setup that finds backups offers them; one is restored with the passphrase it was made with', async ({ page, komet }) => {
  test.setTimeout(120_000);
  await arrange(komet, 'units.create', { name: 'Enheten från förr', kind: 'school' });
  await arrange(komet, 'backups.create', {});
  // Locking closes the database, so its files can go, as if lost or deleted by hand.
  await arrange(komet, 'vault.lock', {});
  removeDatabase(komet.dataDir);
  fs.rmSync(path.join(komet.dataDir, 'komet.keys.json'));
  // A fresh load, as when Komet is started again (the token lives in the address's fragment).
  await page.goto('about:blank');
  await page.goto(komet.url);

  await expect(page.getByRole('heading', { level: 1, name: 'Välkommen till Komet' })).toBeVisible();
  const earlier = page.getByRole('region', { name: 'Säkerhetskopior från en tidigare installation' });
  await expect(earlier).toContainText(/Mappen har (en|\d+) säkerhetskopi(a|or) men ingen databas/);
  await expect(earlier).toContainText('de gallras aldrig bort');
  await expect(page.getByRole('heading', { name: 'Eller börja om med en ny lösenfras' })).toBeVisible();
  await expectNoAxeViolations(page);

  const secret = earlier.getByLabel('Lösenfras eller återställningsnyckel');
  await secret.fill('inte den som gällde då');
  await earlier.getByRole('button', { name: 'Återställ säkerhetskopian' }).click();
  // The passphrase is derived at full cost (scrypt): seconds on a busy machine.
  await expect(secret).toHaveAccessibleDescription(/Fel lösenfras/, { timeout: 30_000 });
  await expectNoAxeViolations(page);
  await secret.fill(komet.passphrase);
  await earlier.getByRole('button', { name: 'Återställ säkerhetskopian' }).click();

  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible({ timeout: 30_000 });
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enheten från förr' })).toBeVisible();
});

test('a database missing beside its key file is not created anew: after unlocking, a backup is restored', async ({ page, komet }) => {
  test.setTimeout(120_000);
  await arrange(komet, 'units.create', { name: 'Enheten i kopian', kind: 'school' });
  await arrange(komet, 'backups.create', {});
  await page.getByRole('button', { name: 'Lås', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Komet är låst' })).toBeVisible();
  removeDatabase(komet.dataDir);

  await passphraseField(page).fill(komet.passphrase);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Databasen kan inte öppnas' })).toBeVisible();
  await expect(page.getByText(/Databasfilen \(komet\.db\) saknas eller är tom/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
  expect(fs.existsSync(path.join(komet.dataDir, 'komet.db'))).toBe(false);
  await expectNoAxeViolations(page);

  const table = page.getByRole('table', { name: 'Säkerhetskopior att återställa' });
  await table
    .getByRole('button', { name: /^Återställ, / })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: /^Återställa säkerhetskopian från / });
  await dialog.getByRole('button', { name: 'Återställ' }).click();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enheten i kopian' })).toBeVisible();
});

test('settings: replacing the keys shows the new recovery key once; the old passphrase then opens nothing', async ({ page, komet }) => {
  test.setTimeout(120_000);
  await arrange(komet, 'backups.create', {});
  await goTo(page, 'Inställningar');
  const panel = page.getByRole('region', { name: 'Byt databasens nyckel' });
  await panel.getByRole('button', { name: 'Byt nyckel …' }).click();
  const next = 'en ny nyckel och en ny fras';
  await panel.getByLabel('Nuvarande lösenfras').fill(komet.passphrase);
  await panel.getByLabel('Ny lösenfras').fill(next);
  await panel.getByLabel('Upprepa lösenfrasen').fill(next);
  await expectNoAxeViolations(page);
  await panel.getByRole('button', { name: 'Byt nyckel', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Byta databasens nyckel?' });
  await expect(dialog).toContainText('slutar gälla, även för säkerhetskopiorna');
  await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Byt nyckel' }).click();

  // Two full-cost derivations and the database re-encrypted: seconds on a busy machine.
  await expect(page.getByRole('heading', { level: 1, name: 'Spara din nya återställningsnyckel' })).toBeVisible({ timeout: 60_000 });
  const recoveryKey = (await page.getByTestId('recovery-key').textContent())?.trim() ?? '';
  expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: 'Jag har förvarat återställningsnyckeln säkert' }).check();
  await page.getByRole('button', { name: 'Fortsätt till Komet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  const audit = await arrange(komet, 'audit.list', { entity: 'vault' });
  expect(audit.rows.map((r) => r.procedure)).toContain('vault.rekey');

  await page.getByRole('button', { name: 'Lås', exact: true }).click();
  // Settings has a section named Lösenfras too: wait until the lock screen has replaced it.
  await expect(page.getByRole('heading', { level: 1, name: 'Komet är låst' })).toBeVisible();
  await passphraseField(page).fill(komet.passphrase);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  await expect(passphraseField(page)).toHaveAccessibleDescription(/Fel lösenfras/);
  await passphraseField(page).fill(next);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
});
