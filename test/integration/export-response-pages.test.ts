// responses.csv written in pages of groups by two threads (core/export/response-pages.ts): the
// scores thread, on its own connection, makes exactly the bytes the export's own thread makes of
// the same pages, and whichever thread makes a page, the file is the one read in one go. (A whole
// export with the thread beside it: export-scores-thread.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { defaultCoarsening } from '../../src-main/core/export/model';
import { compareUtf8, prepareExport, startScoresThread } from '../../src-main/core/export/package';
import { createPseudonymiser } from '../../src-main/core/export/pseudonym';
import { PageClaims, pageCount, pageGroups, PAGES_AHEAD, pagesInOrder, RESPONSE_PAGE_GROUPS } from '../../src-main/core/export/response-pages';
import type { TableDef } from '../../src-main/core/export/table-def';
import { buildTables } from '../../src-main/core/export/tables';
import { exportSourceRepo } from '../../src-main/core/repos/export-source';
import { createTestApp, type TestApp } from '../helpers/db';
import { TEST_KEY } from '../unit/export/fixtures';

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ now: '2026-12-03T10:00:00.000Z' });
  addDemoData(t.app.db, { scale: 1, seed: 4, today: '2026-12-03' });
});
afterAll(() => t.close());

function prepared() {
  const repo = exportSourceRepo(t.app.db.sqlite);
  const scope = { from: null, to: null, programmeIds: [], unitIds: [] };
  const source = repo.gather(scope, repo.scopeLabels(scope));
  const ready = prepareExport(source, { key: TEST_KEY, coarsening: defaultCoarsening, belowKReason: 'Sidorna prövas' });
  const tables = buildTables({ source: ready.source, pseudo: createPseudonymiser(TEST_KEY), plan: ready.plan });
  const groupIds = ready.source.groups.map((g) => g.id).sort(compareUtf8);
  return { ready, tables, groupIds, table: (name: string) => tables.find((x) => x.name === name)! };
}

/** The scores thread on the test's database file, making pages of responses.csv after scores.csv. */
const startThread = (ready: ReturnType<typeof prepared>['ready'], scores: TableDef, groupIds: string[], claims: PageClaims) =>
  startScoresThread(scores, ready, { databasePath: t.app.db.sqlite.name, key: null }, ready.source.outcomes!.keptEnrolments!, new Date(), groupIds, claims);

describe("responses.csv's pages", { timeout: 120_000 }, () => {
  it('are made by the scores thread as the same bytes as the export thread makes of them', async () => {
    const { ready, groupIds, table } = prepared();
    const pages = pageCount(groupIds.length, RESPONSE_PAGE_GROUPS);
    // Several pages, so that the thread's pages each start and end at a group of their own.
    expect(pages).toBeGreaterThan(3);
    const claims = new PageClaims(pages);
    const thread = startThread(ready, table('scores'), groupIds, claims);
    try {
      // This thread takes no page: the scores thread makes every one, in turn.
      for (let page = 0; page < pages; page++) {
        const made = await thread.pageFromThread(page);
        const text = new TextDecoder().decode(made.bytes);
        const expected = [...table('responses').recordsOfGroups!(pageGroups(groupIds, RESPONSE_PAGE_GROUPS, page), ',')];
        expect(made.rows, `page ${page}`).toBe(expected.length);
        expect(text, `page ${page}`).toBe(expected.join(''));
        thread.giveBack(made.bytes);
      }
      expect(claims.taken()).toBe(pages);
      // scores.csv, made first, is complete too.
      expect((await thread.digest).rows).toBeGreaterThan(0);
    } finally {
      thread.stop();
    }
  });

  it('written in order as both threads make them are the records of the whole file', async () => {
    const { ready, groupIds, table } = prepared();
    const responses = table('responses');
    const claims = new PageClaims(pageCount(groupIds.length, RESPONSE_PAGE_GROUPS));
    const thread = startThread(ready, table('scores'), groupIds, claims);
    try {
      // Once the thread has taken the pages it may make ahead, this thread starts writing too.
      while (claims.taken() < PAGES_AHEAD) await new Promise((resolve) => setTimeout(resolve, 20));
      const recordsOf = (page: number) => [...responses.recordsOfGroups!(pageGroups(groupIds, RESPONSE_PAGE_GROUPS, page), ',')];
      const whole = (page: number) => ({ pieces: recordsOf(page), rows: recordsOf(page).length });
      let text = '';
      let rows = 0;
      const madeBy = { thread: 0, here: 0 };
      for await (const page of pagesInOrder(
        claims,
        whole,
        (p) => thread.pageFromThread(p),
        (p) => thread.hasPage(p),
      )) {
        if ('bytes' in page) {
          text += new TextDecoder().decode(page.bytes);
          rows += page.rows;
          thread.giveBack(page.bytes);
          madeBy.thread++;
          continue;
        }
        const records = 'make' in page ? recordsOf(page.make) : page.pieces;
        text += records.join('');
        rows += records.length;
        madeBy.here++;
      }
      expect(madeBy.thread).toBeGreaterThanOrEqual(PAGES_AHEAD);
      expect(madeBy.here).toBeGreaterThan(0);
      const expected = [...responses.records!(',')];
      expect(rows).toBe(expected.length);
      expect(text).toBe(expected.join(''));
    } finally {
      thread.stop();
    }
  });

  it('hold, one after the other, the records of the whole file read in one go', () => {
    const { groupIds, table } = prepared();
    const responses = table('responses');
    const byPages: string[] = [];
    for (let page = 0; page < pageCount(groupIds.length, RESPONSE_PAGE_GROUPS); page++) {
      byPages.push(...responses.recordsOfGroups!(pageGroups(groupIds, RESPONSE_PAGE_GROUPS, page), ','));
    }
    const whole = [...responses.records!(',')];
    expect(whole.length).toBeGreaterThan(1000);
    expect(byPages).toEqual(whole);
  });
});
