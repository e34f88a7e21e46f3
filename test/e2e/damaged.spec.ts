import type { Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { arrange, goTo } from './ui-steps';

const passphraseField = (page: Page) => page.getByLabel(/^Lösenfras( \*)?$/);

/** Overwrites the first page of the database (its header and schema root), as a failing disk might. */
function damageDatabase(dataDir: string): Buffer {
  const file = path.join(dataDir, 'komet.db');
  const garbage = crypto.randomBytes(4096);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, garbage, 0, 4096, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // Locking checkpointed and closed the database; a left-over WAL would not be this file's.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return garbage;
}

test('a damaged database offers its verified backups after unlocking; restoring one opens Komet with its data', async ({ page, komet }) => {
  test.setTimeout(120_000);
  await arrange(komet, 'units.create', { name: 'Enheten i kopian', kind: 'school' });
  await arrange(komet, 'backups.create', {});
  // Locking closes the database in main, so the file can be damaged while nothing writes it.
  await page.getByRole('button', { name: 'Lås', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Komet är låst' })).toBeVisible();
  const damagedPage = damageDatabase(komet.dataDir);

  await passphraseField(page).fill(komet.passphrase);
  await page.getByRole('button', { name: 'Lås upp' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Databasen kan inte öppnas' })).toBeVisible();
  await expect(page.getByText('Databasfilen är skadad och kan inte öppnas.')).toBeVisible();
  // Nothing of the app is reachable behind this screen.
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
  const table = page.getByRole('table', { name: 'Säkerhetskopior att återställa' });
  await expect(table.getByRole('row')).not.toHaveCount(1);
  await expectNoAxeViolations(page);

  await table
    .getByRole('button', { name: /^Återställ, / })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: /^Återställa säkerhetskopian från / });
  await expect(dialog).toContainText('Den skadade databasen sparas undan först.');
  await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Återställ' }).click();

  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  await goTo(page, 'Enheter');
  await expect(page.getByRole('rowheader', { name: 'Enheten i kopian' })).toBeVisible();
  // The damaged file was kept aside byte for byte (not offered for restore), in case more can be rescued from it.
  const keptAside = fs.readdirSync(path.join(komet.dataDir, 'backups')).filter((name) => name.endsWith('-raw.db'));
  expect(keptAside).toHaveLength(1);
  expect(
    fs
      .readFileSync(path.join(komet.dataDir, 'backups', keptAside[0]!))
      .subarray(0, 4096)
      .equals(damagedPage),
  ).toBe(true);
});
