import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src-main/core/clock';
import { leadersReportRepo } from '../../src-main/core/repos/leaders-report';
import { participationReportRepo } from '../../src-main/core/repos/participation-reports';
import { supervisionRepo } from '../../src-main/core/repos/supervision';
import { createTestApp, type TestApp } from '../helpers/db';
import { statementsPreparedBy } from '../helpers/prepared';

let t: TestApp | undefined;
afterEach(() => t?.close());

// The statistics the migrations ship (0034 for the sessions and supervision sessions) decide these
// plans, on an empty database as on a city's; no statement names its index.
describe('the supervisor overview’s plans', () => {
  it('find a supervision session’s date in its (id, date) index, never in its row', () => {
    t = createTestApp();
    const sqlite = t.app.db.sqlite;
    const sources = statementsPreparedBy(sqlite, leadersReportRepo);
    expect(sources.filter((s) => /indexed\s+by/i.test(s))).toEqual([]);
    const plans = sources.map((source) => {
      const named = [...new Set([...source.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
      const args = Object.fromEntries(named.map((n) => [n, n === 'ids' ? '["x"]' : 'x']));
      const rows = sqlite.prepare(`explain query plan ${source}`).all(...(named.length > 0 ? [args] : [])) as { detail: string }[];
      return { source, details: rows.map((r) => r.detail) };
    });
    const dates = plans.filter((p) => /max\(v\.date\)/.test(p.source));
    // Over everyone, one leader and some leaders: the last supervision per group and per leader.
    expect(dates).toHaveLength(6);
    for (const p of dates) expect(p.details, p.source).toContain('SEARCH v USING COVERING INDEX supervision_id_date_idx (id=?)');
    const sessions = plans.filter((p) => /from sessions\b/.test(p.source));
    expect(sessions).toHaveLength(3);
    for (const p of sessions) expect(p.details.join('\n'), p.source).toMatch(/ sessions USING COVERING INDEX sessions_group_stats_idx/);
    const followUps = plans.filter((p) => /from follow_ups f/.test(p.source));
    expect(followUps).toHaveLength(3);
    for (const p of followUps) expect(p.details, p.source).toContain('SCAN f USING INDEX follow_ups_open_idx');
  });

  it('read the held sessions lacking marks or fidelity from their partial indexes alone', () => {
    t = createTestApp();
    const sqlite = t.app.db.sqlite;
    const sources = statementsPreparedBy(sqlite, participationReportRepo);
    expect(sources.filter((s) => /indexed\s+by/i.test(s))).toEqual([]);
    const needing = sources.filter((s) => /from sessions s\b/.test(s) && /s\.status = 'held'/.test(s));
    expect(needing).toHaveLength(4);
    const first = needing.map((source) => {
      const rows = sqlite
        .prepare(`explain query plan ${source}`)
        .all({ from: '2025-01-01', to: '2025-12-31', ...(source.includes('@limit') ? { limit: 10 } : {}) }) as {
        detail: string;
      }[];
      return rows.map((r) => r.detail).find((d) => /^SEARCH s /.test(d));
    });
    expect(first).toEqual([
      'SEARCH s USING COVERING INDEX sessions_held_no_attendance_idx (planned_date>? AND planned_date<?)',
      'SEARCH s USING COVERING INDEX sessions_held_no_attendance_idx (planned_date>? AND planned_date<?)',
      'SEARCH s USING COVERING INDEX sessions_held_no_fidelity_idx (planned_date>? AND planned_date<?)',
      'SEARCH s USING COVERING INDEX sessions_held_no_fidelity_idx (planned_date>? AND planned_date<?)',
    ]);
  });

  it('read the dashboard’s open follow-ups from their partial index, not every supervision session', () => {
    t = createTestApp();
    const sqlite = t.app.db.sqlite;
    // The repository's statements are built by the ORM on the connection itself: watch that.
    const sources: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    const spied = vi.spyOn(sqlite, 'prepare').mockImplementation((source: string) => {
      sources.push(source);
      return prepare(source);
    });
    try {
      const repo = supervisionRepo(t.app.db.orm, systemClock);
      repo.open({ supervisorId: null, leaderId: null, limit: 10 });
      repo.openCounts({ supervisorId: null, leaderId: null, today: '2025-06-01' });
    } finally {
      spied.mockRestore();
    }
    const reads = sources.filter((source) => /"follow_ups"."done" = 0/.test(source));
    expect(reads).toHaveLength(2);
    for (const source of reads) {
      const params = source
        .split('?')
        .slice(1)
        .map(() => 1);
      const details = (sqlite.prepare(`explain query plan ${source}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      expect(details[0], source).toBe('SCAN follow_ups USING INDEX follow_ups_open_idx');
      expect(details.join('\n'), source).not.toMatch(/SCAN supervision_sessions/);
    }
  });
});
