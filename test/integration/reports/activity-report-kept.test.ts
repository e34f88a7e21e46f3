import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit } from '../fixtures';
import { makeReportGroup, reportNow } from './activity-fixture';

/** The service keeps the reports it made until the next write: no write may go unseen. */
describe('activity report kept between writes', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ now: reportNow });
  });
  afterEach(() => t.close());

  const year = { from: '2025-01-01', to: '2025-12-31' };

  it('is made again after a write through the app and after another connection commits', async () => {
    const unit = await makeUnit(t, 'Farsta');
    const programme = await makeProgramme(t, { name: 'Komet för föräldrar', code: 'RAPPA', sessionCount: 4 });
    const leader = await makeStaff(t, { name: 'Åsa Lind' });
    const spec = { unit, programme, leaders: [leader], supervisor: null, parents: ['PPPP', 'PPPA'] };
    await makeReportGroup(t, { ...spec, startDate: '2025-03-03' });

    const first = await t.ok('reports.activity', year);
    expect(first.current.groups.total.started).toBe(1);
    // Asked again with nothing written between: the same figures, its own time of making.
    const again = await t.ok('reports.activity', year);
    expect({ ...again, createdAt: null }).toEqual({ ...first, createdAt: null });

    // A second group through the app.
    await makeReportGroup(t, { ...spec, startDate: '2025-09-01' });
    const afterWrite = await t.ok('reports.activity', year);
    expect(afterWrite.current.groups.total.started).toBe(2);

    // A unit renamed by another connection (the CLI next to a running app).
    const other = new Database(t.app.databasePath);
    try {
      other.prepare('update units set name = ? where id = ?').run('Farsta strand', unit.id);
    } finally {
      other.close();
    }
    const afterOther = await t.ok('reports.activity', year);
    expect(afterOther.current.groups.byUnit.map((r) => r.label)).toEqual(['Farsta strand']);
    expect(afterOther.current.groups.total.started).toBe(2);

    // Another period or scope is a report of its own, not the one kept for this year.
    const scoped = await t.ok('reports.activity', { ...year, unitIds: [unit.id] });
    expect(scoped.scope.units).toEqual([{ id: unit.id, name: 'Farsta strand' }]);
    const spring = await t.ok('reports.activity', { from: '2025-01-01', to: '2025-06-30' });
    expect(spring.current.groups.total.started).toBe(1);
  });
});
