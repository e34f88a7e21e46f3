import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

// Playwright cannot download its own browsers everywhere; the system Chromium/Chrome/Edge is used
// when its bundled one is absent (scripts/find-chromium.mjs says in which order).
const executablePath = findChromium() ?? undefined;

// One time zone for the whole test world, as on a user's machine: the page's (the browser
// context's) and that of this process, its workers and the servers they start. With only the
// browser's set, from 23:00 to midnight UTC the page's "today" was already tomorrow in Stockholm
// while the tests' and the server's was still today.
const TIME_ZONE = 'Europe/Stockholm';
process.env.TZ = TIME_ZONE;

export default defineConfig({
  testDir: 'test/e2e',
  workers: 2,
  // On the 2-core CI machine a spec now and then misses its data under load (seen once: the
  // dashboard's record link, which passes alone). One retry there; the list reporter marks such a
  // test "flaky" in the summary, so it is seen, and a test that fails twice still fails the run.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'sv-SE',
    timezoneId: TIME_ZONE,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
});
