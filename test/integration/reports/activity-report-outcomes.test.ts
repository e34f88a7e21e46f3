import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../../src-main/contract';
import { createTestApp, type TestApp } from '../../helpers/db';
import { importTrivsel } from '../outcomes/fixtures';
import { buildLargeCells, reportNow } from './activity-fixture';

const low = { t1: 2, t2: 4, t3: 2, t4: 2 }; // mean 2, sum 8 (t2 is reversed: 6 − 4)
const mid = { t1: 4, t2: 2, t3: 4, t4: 4 }; // mean 4, sum 16
const high = { t1: 5, t2: 1, t3: 5, t4: 5 }; // mean 5, sum 20

describe('activity report with questionnaires', () => {
  let t: TestApp;
  let report: ActivityReport;
  beforeEach(async () => {
    t = createTestApp({ now: reportNow });
    const f = await buildLargeCells(t);
    await importTrivsel(t);
    for (const timepoint of ['pre', 'post'] as const)
      await t.ok('outcomeSchedules.add', { programmeId: f.p1.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
    await t.ok('outcomeSchedules.add', { programmeId: f.p2.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'fu6', windowDays: 30 });
    const parentsOf = (groupId: string) =>
      t.app.db.sqlite.prepare('select id, status from participants where group_id = ? order by rowid').all(groupId) as { id: string; status: string }[];
    const record = (participantId: string, timepoint: string, answers: Record<string, number>) =>
      t.ok('responses.record', { participantId, instrument: 'TRIVSEL', timepoint, date: '2025-06-01', enteredBy: 'Åsa', answers });
    const g1 = parentsOf(f.g1.id);
    const g3 = parentsOf(f.g3.id);
    // Pre: all 10 of G1 and all 6 of G3. Post: G1's 5 completers (mean 4) and G3's 6 (mean 5).
    for (const p of [...g1, ...g3]) await record(p.id, 'pre', low);
    for (const p of g1.filter((x) => x.status === 'completed')) await record(p.id, 'post', mid);
    for (const p of g3) await record(p.id, 'post', high);
    // A follow-up answered by two parents only.
    for (const p of g3.slice(0, 2)) await record(p.id, 'fu6', high);
    report = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
  });
  afterEach(() => t.close());

  it('gives the return rate per time point over the 21 parents who started', () => {
    if (!report.current.outcomes.present) throw new Error('expected outcome data');
    const [pre, post, fu6] = report.current.outcomes.returns;
    expect(pre).toEqual({
      timepoint: 'pre',
      base: { value: 21, hidden: null },
      returned: { value: 16, hidden: null },
      rate: { value: Math.round((16 / 21) * 1e6) / 1e6, hidden: null },
    });
    expect(post).toEqual({
      timepoint: 'post',
      base: { value: 21, hidden: null },
      returned: { value: 11, hidden: null },
      rate: { value: Math.round((11 / 21) * 1e6) / 1e6, hidden: null },
    });
    // Two answers are a small cell, and the rate would give them away.
    expect(fu6!.returned).toEqual({ value: null, hidden: 'small_cell' });
    expect(fu6!.rate.value).toBeNull();
  });

  it('gives the mean change from pre to post per scale over the 11 parents who answered both', () => {
    if (!report.current.outcomes.present) throw new Error('expected outcome data');
    const byScale = Object.fromEntries(report.current.outcomes.change.map((c) => [c.scale, [c.pairs.value, c.meanPre, c.meanPost, c.meanChange]]));
    expect(byScale).toEqual({
      mean: [11, 2, Math.round((50 / 11) * 1000) / 1000, Math.round((50 / 11 - 2) * 1000) / 1000],
      sum: [11, 8, Math.round((200 / 11) * 1000) / 1000, Math.round((200 / 11 - 8) * 1000) / 1000],
    });
  });

  it('narrows questionnaires to the chosen scope and hides a change over fewer than five pairs', async () => {
    const p2 = report.current.groups.byProgramme[1]!.key;
    const scoped = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31', programmeIds: [p2] });
    if (!scoped.current.outcomes.present) throw new Error('expected outcome data');
    // Tonårskomet alone: G3's 6 pairs are shown; the follow-up's 2 answers are hidden.
    expect(scoped.current.outcomes.change.map((c) => c.pairs.value)).toEqual([6, 6]);
    expect(scoped.current.outcomes.returns.find((r) => r.timepoint === 'fu6')!.returned.hidden).toBe('small_cell');

    // Kista: three of G2's parents answer before and after.
    const kista = report.current.groups.byUnit[0]!.key;
    const g2 = t.app.db.sqlite
      .prepare('select p.id from participants p join groups g on g.id = p.group_id where g.unit_id = ? and p.present_count > 0 order by p.rowid limit 3')
      .all(kista) as { id: string }[];
    for (const p of g2) {
      await t.ok('responses.record', { participantId: p.id, instrument: 'TRIVSEL', timepoint: 'pre', date: '2025-09-01', enteredBy: 'Åsa', answers: low });
      await t.ok('responses.record', { participantId: p.id, instrument: 'TRIVSEL', timepoint: 'post', date: '2025-10-01', enteredBy: 'Åsa', answers: mid });
    }
    const small = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31', unitIds: [kista] });
    if (!small.current.outcomes.present) throw new Error('expected outcome data');
    expect(small.current.outcomes.change).toEqual([
      { instrument: 'TRIVSEL', scale: 'mean', pairs: { value: null, hidden: 'small_cell' }, meanPre: null, meanPost: null, meanChange: null },
      { instrument: 'TRIVSEL', scale: 'sum', pairs: { value: null, hidden: 'small_cell' }, meanPre: null, meanPost: null, meanChange: null },
    ]);
  });

  it('reports questionnaires for the chosen period only, not for the period it is compared with', async () => {
    // 2026 is compared with 2025, the year that holds every answer above.
    const next = await t.ok('reports.activity', { from: '2026-01-01', to: '2026-12-31' });
    expect(next.previous.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(next.previous).not.toHaveProperty('outcomes');
    // The comparison's own figures are all there: 2025's 21 parents who started.
    expect(next.headlines.find((h) => h.key === 'parentsStarted')!.previous).toEqual({ value: 21, hidden: null });
    expect(next.previous.parents.total.started).toEqual({ value: 21, hidden: null });
  });
});
