import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../find-chromium.mjs';
import { startServe } from './serve';
import { untilPaintedSource } from './screen-painted';
import { median } from './stats';

/** The screens behind the navigation, in its order, by the address each link goes to. */
const screens = [
  // Asks nothing of the database: what navigation, loading the screen's code and painting cost alone.
  { name: 'open an export (no data; the reference)', href: '#/open-export' },
  { name: 'groups', href: '#/groups' },
  { name: 'outcomes (Enkäter)', href: '#/outcomes' },
  { name: 'leaders', href: '#/leaders' },
  { name: 'staff', href: '#/staff' },
  { name: 'programmes', href: '#/programmes' },
  { name: 'units', href: '#/units' },
  { name: 'reports', href: '#/reports' },
  { name: 'audit', href: '#/audit' },
  { name: 'dashboard', href: '#/' },
] as const;

/**
 * Runs in the page: clicks a navigation link and resolves once the new screen's heading is there,
 * nothing on it is still loading, and the browser has painted a frame with it. Performance marks
 * bracket the measure, so a trace taken in DevTools shows the same span.
 */
const clickToPainted = (href: string) => `(async (href) => {
  ${untilPaintedSource}
  const main = document.querySelector('main');
  const before = main.querySelector('h1')?.textContent ?? '';
  const link = document.querySelector('nav a[href="' + href + '"]');
  if (!link) throw new Error('no navigation link to ' + href);
  performance.clearMarks();
  performance.mark('komet:navigate');
  link.click();
  await untilPainted(main, before);
  performance.mark('komet:painted');
  return performance.measure('komet:click-to-painted', 'komet:navigate', 'komet:painted').duration;
})(${JSON.stringify(href)})`;

/** The screen's heading is there and none of its queries is still loading. */
const settled = `(() => document.querySelector('main h1') !== null && document.querySelector('main .loading') === null)()`;

/** How long the screen must stand unchanged before a click: several frames, less than a person takes to click. */
const QUIET_MS = 150;
/** How long a screen may go on changing before the bench gives up on it. */
const QUIET_DEADLINE_MS = 10_000;

/**
 * Resolves once the screen has not changed for QUIET_MS. A click in the same task as the heading's
 * arrival also timed the browser finishing the page it had just reloaded (frames of 20-50 ms in the
 * 400 ms after, no task of our own among them): 15-35 ms on every screen, the no-data one included,
 * in eight alternating pairs at city scale. Nobody clicks that fast; the measure is of the screen
 * clicked to.
 */
const quiet = `new Promise((resolve, reject) => {
  const main = document.querySelector('main');
  let timer = setTimeout(done, ${QUIET_MS});
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(done, ${QUIET_MS});
  });
  observer.observe(main, { childList: true, subtree: true, characterData: true, attributes: true });
  // A screen that never stops changing (an animation) is reported, not waited for forever.
  const deadline = setTimeout(() => {
    observer.disconnect();
    clearTimeout(timer);
    reject(new Error('the screen never stood still for ${QUIET_MS} ms in ${QUIET_DEADLINE_MS / 1000} s'));
  }, ${QUIET_DEADLINE_MS});
  function done() {
    observer.disconnect();
    clearTimeout(deadline);
    resolve();
  }
})`;

/** Loads the page afresh at an address and waits until that screen has its data and is drawn to its end. */
async function openAfresh(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await page.reload();
  await page.waitForFunction(settled);
  await page.evaluate(quiet);
}

/**
 * From a click in the navigation to the screen painted with its data, in Chromium through the
 * browser shell. Each sample starts from a freshly loaded dashboard, so the screen's data is asked
 * for (the page keeps answers until the data changes, and a second visit would only show the kept
 * ones); the time the dashboard itself took to load, and to settle after, is not part of it.
 */
export async function measurePaint(
  root: string,
  databasePath: string,
  samples: number,
  record: (measure: string, target: string, cell: string) => void,
  ms: (n: number) => string,
): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    record('screen paint (click → painted with data)', '< 100 ms', 'n/a (no Chromium)');
    return;
  }
  // A first run builds the pages before serving.
  const server = await startServe(root, databasePath, { timeoutMs: 180_000 });
  const browser = await chromium.launch({ executablePath, args: ['--lang=sv-SE'] });
  try {
    // The measuring code is handed over as source, which the page's policy (no eval) would refuse.
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'sv-SE', bypassCSP: true });
    await page.goto(server.url.href);
    await page.waitForFunction(settled);
    // Round by round, each screen once a round: a spell of load on the machine falls on every
    // screen alike instead of on the one whose samples it happened to meet.
    const times = screens.map((): number[] => []);
    for (let i = 0; i < samples; i++) {
      for (const [n, screen] of screens.entries()) {
        // The dashboard cannot be clicked to from itself: its clicks start from the programmes list.
        await openAfresh(page, screen.href === '#/' ? '#/programmes' : '#/');
        times[n]!.push(await page.evaluate<number>(clickToPainted(screen.href)));
      }
    }
    for (const [n, screen] of screens.entries()) {
      record(
        `screen paint, ${screen.name}: click → painted with data (median / max of ${samples})`,
        '< 100 ms at scale 100',
        `${ms(median(times[n]!))} / ${ms(Math.max(...times[n]!))} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
