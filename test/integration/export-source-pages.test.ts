import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { exportSourceRepo } from '../../src-main/core/repos/export-source';
import { createTestApp, type TestApp } from '../helpers/db';

/**
 * The export reads questionnaire answers and scores a page of groups at a time. The rows it hands
 * over must be those of one query over the whole scope, in the files' order, whatever the page
 * boundaries: the expectation here is read in one go and sorted in the test, and the demo data
 * holds more groups with answers than one page takes.
 */

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ now: '2026-12-03T10:00:00.000Z' });
  addDemoData(t.app.db, { scale: 1, seed: 1, today: '2026-12-03' });
});
afterAll(() => {
  t.close();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

const byKeys = (keys: (string | number)[][]) => (a: number, b: number) => {
  for (let i = 0; i < keys[a]!.length; i++) {
    const x = keys[a]![i]!;
    const y = keys[b]![i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

function gatherAll() {
  const repo = exportSourceRepo(t.app.db.sqlite);
  const scope = { from: null, to: null, programmeIds: [], unitIds: [] };
  return repo.gather(scope, repo.scopeLabels(scope));
}

describe('questionnaire rows read a page of groups at a time', { timeout: 120_000 }, () => {
  it('hands over every response of the scope once, in group, person, form, time point and response order', () => {
    const all = t.app.db.sqlite
      .prepare(
        `select p.person_id as participantId, p.group_id as groupId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
           r.timepoint, r.date, r.answers, r.source, r.id as responseId
         from outcome_responses r join participants p on p.id = r.participant_id`,
      )
      .all() as Record<string, string>[];
    const groupsWithAnswers = new Set(all.map((r) => r.groupId)).size;
    // More than one page of groups (30), so the pages' joins are part of what is checked.
    expect(groupsWithAnswers).toBeGreaterThan(120);
    const keys = all.map((r) => [r.groupId!, r.participantId!, r.instrumentCode!, r.timepoint!, r.responseId!]);
    const expected = all
      .map((_, i) => i)
      .sort(byKeys(keys))
      .map((i) => {
        const { responseId: _id, ...row } = all[i]!;
        return row;
      });
    const read = [...gatherAll().outcomes!.responses()].map((r) => ({ ...r }));
    expect(read).toEqual(expected);
  });

  it('hands over every score of the scope once, in the responses’ order and each response’s scales as stored', () => {
    const all = t.app.db.sqlite
      .prepare(
        `select p.person_id as participantId, p.group_id as groupId, r.instrument_code as instrumentCode, r.instrument_version as instrumentVersion,
           r.timepoint, sc.scale, sc.score, sc.band, r.id as responseId, sc.rowid as scoreRow
         from outcome_scores sc join outcome_responses r on r.id = sc.response_id join participants p on p.id = r.participant_id`,
      )
      .all() as Record<string, string | number | null>[];
    expect(all.length).toBeGreaterThan(1000);
    const keys = all.map((r) => [
      r.groupId as string,
      r.participantId as string,
      r.instrumentCode as string,
      r.timepoint as string,
      r.responseId as string,
      r.scoreRow as number,
    ]);
    const expected = all
      .map((_, i) => i)
      .sort(byKeys(keys))
      .map((i) => {
        const { responseId: _id, scoreRow: _row, ...row } = all[i]!;
        return row;
      });
    const read = [...gatherAll().outcomes!.scores()].map((s) => ({ ...s }));
    expect(read).toEqual(expected);
  });

  it('reads with a small page cache while an export runs and puts the usual one back after the last', () => {
    const repo = exportSourceRepo(t.app.db.sqlite);
    const cacheSize = () => t.app.db.sqlite.pragma('cache_size', { simple: true }) as number;
    const usual = cacheSize();
    expect(usual).toBe(-128 * 1024);
    const first = repo.streamingCache();
    expect(cacheSize()).toBe(-16 * 1024);
    const second = repo.streamingCache();
    first();
    first();
    expect(cacheSize()).toBe(-16 * 1024);
    second();
    expect(cacheSize()).toBe(usual);
  });
});
