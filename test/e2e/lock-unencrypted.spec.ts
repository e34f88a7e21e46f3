import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test as base } from '@playwright/test';
import { cliEnv, kometBin, projectNode, root, runKomet } from '../helpers/cli';
import { expect, expectNoAxeViolations } from './fixtures';

// `komet serve` on an unencrypted database (demo, benchmark): the page opens without a passphrase.
const test = base;

test('"Lås" on an unencrypted database says why it cannot lock, and the page stays open', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-e2e-plain-'));
  const db = path.join(dir, 'komet.db');
  expect(runKomet(['init', '--db', db, '--unencrypted', '--user', 'Demo']).code).toBe(0);
  const child = spawn(projectNode, [kometBin, 'serve', '--db', db], { env: cliEnv(), cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve(line.trim()));
      child.once('exit', (code) => reject(new Error(`komet serve exited with ${code}`)));
    });
    await page.goto(url);
    const lock = page.getByRole('button', { name: 'Lås', exact: true });
    await expect(lock).toBeVisible({ timeout: 60_000 });
    await lock.click();
    await expect(page.getByRole('status').filter({ hasText: 'Databasen är okrypterad' })).toHaveText(
      'Databasen är okrypterad (demo eller mätning) och har ingen lösenfras, så den kan inte låsas.',
    );
    await expect(lock).toHaveAccessibleDescription(/kan inte låsas/);
    // Still open: the navigation is there, no lock screen.
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
    await expectNoAxeViolations(page);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
