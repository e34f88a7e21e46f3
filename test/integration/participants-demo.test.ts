import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { generateDemo } from '../../src-main/core/demo/generate';
import { generateParticipation } from '../../src-main/core/demo/participation';
import { listDemoProgrammeBands, listDemoProgrammes, listDemoReasonIds, listDemoUnits } from '../../src-main/core/repos/demo-repo';
import { createTestApp, type TestApp } from '../helpers/db';

const today = '2026-03-15';
let t: TestApp;
beforeEach(() => {
  t = createTestApp({ now: `${today}T10:00:00.000Z` });
});
afterEach(() => t.close());

const generate = (seed: number) => {
  const db = t.app.db;
  const options = { scale: 1, seed, today };
  const rows = generateDemo(listDemoProgrammes(db), listDemoUnits(db), options);
  return generateParticipation(rows, listDemoProgrammeBands(db), listDemoReasonIds(db), options);
};
const all = <T>(sql: string) => t.app.db.sqlite.prepare(sql).all() as T[];

describe('demo participation', () => {
  it('is deterministic for a seed and realistic in its proportions', () => {
    const first = generate(1);
    expect(generate(1)).toEqual(first);
    expect(generate(2).participants[0]!.id).not.toBe(first.participants[0]!.id);
    const perGroup = first.participants.length / 170;
    expect(perGroup).toBeGreaterThan(4.5);
    expect(perGroup).toBeLessThan(8);
    const present = first.attendance.filter((a) => a.state === 'present').length / first.attendance.length;
    expect(present).toBeGreaterThan(0.72);
    expect(present).toBeLessThan(0.88);
    const left = first.participants.filter((p) => p.status === 'dropped_out' || p.status === 'never_started').length / first.participants.length;
    expect(left).toBeGreaterThan(0.08);
    expect(left).toBeLessThan(0.22);
    expect(first.participants.filter((p) => p.consent === 'yes').length / first.participants.length).toBeGreaterThan(0.75);
    // Some families bring two caregivers.
    const perFamily = new Map<string, number>();
    for (const p of first.participants) perFamily.set(p.familyId, (perFamily.get(p.familyId) ?? 0) + 1);
    expect([...perFamily.values()].filter((n) => n === 2).length).toBeGreaterThan(20);
  });

  it('writes counts and statuses that the services derive the same way', async () => {
    const summary = addDemoData(t.app.db, { scale: 1, seed: 3, today });
    expect(summary.participants).toBeGreaterThan(700);
    // Tracking groups: each marked held session counts the individuals and families present.
    const mismatched = all<{ id: string }>(`
      select s.id from sessions s join groups g on g.id = s.group_id
      where g.tracks_attendance = 1 and s.status = 'held' and exists (select 1 from attendance a where a.session_id = s.id)
        and (s.participant_count is not (select count(*) from attendance a where a.session_id = s.id and a.state = 'present')
          or s.family_count is not (select count(distinct p.family_id) from attendance a join participants p on p.id = a.participant_id
                                     where a.session_id = s.id and a.state = 'present'))`);
    expect(mismatched).toEqual([]);
    expect(all<{ n: number }>('select count(*) as n from sessions where fidelity_percent is not null')[0]!.n).toBe(t.rowCount('fidelity_records'));
    expect(all<{ n: number }>(`select count(*) as n from participants where consent_date < enrolment_date`)[0]!.n).toBe(0);

    const before = all<{ id: string; status: string; at_risk: number; present_count: number }>(
      'select id, status, at_risk, present_count from participants order by id',
    );
    // Saving the default rules makes the services re-derive every participant of each programme.
    for (const p of await t.ok('programmes.list', {})) {
      await t.ok('programmeRules.update', { programmeId: p.id, completionPercent: 70, dropoutAfter: 3, atRiskAfter: 2 });
    }
    expect(all('select id, status, at_risk, present_count from participants order by id')).toEqual(before);
  });
});
