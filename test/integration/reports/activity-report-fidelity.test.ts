import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';

describe('activity report fidelity figures', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  it('gives the share of held sessions with a fidelity record and their mean coverage', async () => {
    const unit = await makeUnit(t, 'Farsta');
    const programme = await makeProgramme(t, { name: 'Komet för föräldrar', code: 'RAPPA', sessionCount: 4 });
    const leader = await makeStaff(t, { name: 'Åsa Lind' });
    // Four sessions, all held.
    const group = await makeReportGroup(t, {
      unit,
      programme,
      startDate: '2025-03-03',
      leaders: [leader],
      supervisor: null,
      parents: ['PPPP', 'PPPP', 'PPPP', 'PPPP', 'PPPP'],
      status: 'completed',
    });
    const sessions = [...group.sessions].sort((a, b) => a.number - b.number);
    const plans = await Promise.all(sessions.map((s) => t.ok('fidelity.get', { sessionId: s.id })));
    const keys = plans.map((p) => p.components.map((c) => c.key));
    expect(keys[0]!.length).toBeGreaterThanOrEqual(3);
    // Session 1 covers its whole plan, session 2 one part of it, session 3 none (recorded as such);
    // session 4 has no record.
    await t.ok('fidelity.record', { sessionId: sessions[0]!.id, covered: keys[0]! });
    await t.ok('fidelity.record', { sessionId: sessions[1]!.id, covered: keys[1]!.slice(0, 1) });
    await t.ok('fidelity.record', { sessionId: sessions[2]!.id, covered: [] });

    const coverage = [1, 1 / keys[1]!.length, 0];
    // Each session's coverage is kept as a whole percent; the report gives the mean as a share.
    const percents = coverage.map((c) => Math.round(c * 100));
    const mean = percents.reduce((a, b) => a + b, 0) / percents.length / 100;

    const report = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-12-31' });
    expect(report.current.leaders.heldSessions).toBe(4);
    expect(report.current.leaders.sessionsWithFidelity).toBe(3);
    expect(report.current.leaders.fidelityRecordedRate).toBe(3 / 4);
    expect(report.current.leaders.fidelityMean).toBeCloseTo(mean, 4);
    // The previous period held nothing: no rate and no mean rather than zeros.
    expect(report.previous.leaders.fidelityRecordedRate).toBeNull();
    expect(report.previous.leaders.fidelityMean).toBeNull();
  });
});
