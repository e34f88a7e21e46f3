import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeaderRow } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeGroup, makeProgramme, makeStaff } from './fixtures';
import { course, hold, supervise, supervisionInput, world, type World } from './leaders-fixtures';

// The overview computes every leader at once with its own grouped queries, the leader page one
// leader at a time: whatever they both show must be the same.
let t: TestApp;
let w: World;
beforeEach(async () => {
  t = createTestApp();
  w = await world(t);
});
afterEach(() => t.close());

const overview = async (input: Record<string, unknown> = {}) => (await t.ok('leaders.overview', { includeArchived: true, ...input })).rows;
const names = (rows: LeaderRow[]) => rows.map((r) => r.name);

describe('the supervisor overview and the leader page agree', () => {
  it('on pathways, supervision and attention, a session about no group counting for every programme', async () => {
    await course(
      t,
      w.programme.id,
      ['2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'],
      [{ leaderId: w.anna.id, dates: ['2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'] }],
    );
    await hold(t, w.group, 4);
    await supervise(t, w, 3, '2025-01-13', {
      leaders: [
        { leaderId: w.anna.id, rating: 2 },
        { leaderId: w.bo.id, rating: 4 },
      ],
    });
    // The fourth session discussed no group: it still counts towards Anna's requirement.
    await t.ok('supervision.create', supervisionInput(w, { date: '2025-03-03', groupIds: [], leaders: [{ leaderId: w.anna.id, rating: 3 }] }));
    // Bo also leads a group in a second programme, with no supervision about it.
    const second = await makeProgramme(t, { sessionCount: 4 });
    await hold(t, await makeGroup(t, { ...w, programme: second, leaders: [w.bo] }, { startDate: '2025-02-03' }), 1);

    const rows = await overview();
    const anna = rows.find((r) => r.leaderId === w.anna.id)!;
    expect(anna).toMatchObject({ status: 'requirements_met', lastSupervisionDate: '2025-03-03', meanRating: 2.25, groupsLed: 1, runningGroups: 1 });
    expect(anna.attention.map((a) => a.rule)).toContain('ready_for_certification');
    const bo = rows.find((r) => r.leaderId === w.bo.id)!;
    expect(bo.pathways.map((p) => p.programmeCode).sort()).toEqual([w.programme.code, second.code].sort());
    expect(bo).toMatchObject({ lastSupervisionDate: '2025-01-27', meanRating: 4, groupsLed: 2, runningGroups: 2 });

    for (const row of rows) {
      const page = await t.ok('leaders.page', { leaderId: row.leaderId });
      expect(row.pathways).toEqual(page.pathways.map((p) => ({ programmeId: p.programmeId, programmeCode: p.programmeCode, status: p.status })));
      expect(row.attention).toEqual(page.attention);
      expect(row.groupsLed).toBe(page.groups.filter((g) => g.status !== 'cancelled').length);
      expect(row.openFollowUps).toBe(page.followUps.filter((f) => !f.done).length);
    }
    const annaPage = await t.ok('leaders.page', { leaderId: w.anna.id });
    expect(annaPage.pathways[0]!.checklist.find((c) => c.key === 'supervision_sessions')).toMatchObject({ done: 4, met: true });
  });

  it('sorts names the Swedish way, keeps ties in name order and reverses on request', async () => {
    for (const name of ['Örjan Al', 'Åsa Berg', 'Zara Ek', 'Ärla Ek']) await makeStaff(t, { name });
    const az = ['Anna Lind', 'Bo Ek', 'Zara Ek', 'Åsa Berg', 'Ärla Ek', 'Örjan Al'];
    expect(names(await overview({ sort: 'name' }))).toEqual(az);
    expect(names(await overview({ sort: 'name', direction: 'desc' }))).toEqual([...az].reverse());

    // Anna and Bo lead a running group never supervised: one flag each, the others none.
    await hold(t, w.group, 1);
    expect(names(await overview({ sort: 'attention' }))).toEqual(['Anna Lind', 'Bo Ek', 'Zara Ek', 'Åsa Berg', 'Ärla Ek', 'Örjan Al']);
    expect(names(await overview({ sort: 'attention', direction: 'asc' }))).toEqual(['Zara Ek', 'Åsa Berg', 'Ärla Ek', 'Örjan Al', 'Anna Lind', 'Bo Ek']);
    expect(names(await overview({ sort: 'groups', direction: 'asc', search: 'ek' }))).toEqual(['Zara Ek', 'Ärla Ek', 'Bo Ek']);
  });

  it('hands out the sorted list a page at a time, with the first leaders needing attention beside it', async () => {
    for (const name of ['Örjan Al', 'Åsa Berg', 'Zara Ek', 'Ärla Ek', 'Cilla Ny']) await makeStaff(t, { name });
    await hold(t, w.group, 1);
    // Sorted by attention: Anna and Bo (one flag each, name order), then the five others A–Ö.
    const all = ['Anna Lind', 'Bo Ek', 'Cilla Ny', 'Zara Ek', 'Åsa Berg', 'Ärla Ek', 'Örjan Al'];
    const page = (offset: number, limit: number, attentionLimit = 0) => t.ok('leaders.overview', { sort: 'attention', offset, limit, attentionLimit });
    const first = await page(0, 3, 1);
    expect(names(first.rows)).toEqual(all.slice(0, 3));
    expect(first.total).toBe(7);
    expect(first.attention.total).toBe(2);
    expect(names(first.attention.rows)).toEqual(['Anna Lind']);
    expect(names((await page(3, 3)).rows)).toEqual(all.slice(3, 6));
    const last = await page(6, 3, 5);
    expect(names(last.rows)).toEqual(['Örjan Al']);
    expect(names(last.attention.rows)).toEqual(['Anna Lind', 'Bo Ek']);
    expect((await page(7, 3)).rows).toEqual([]);
    // A filter counts and pages only what it keeps.
    const eks = await t.ok('leaders.overview', { sort: 'name', search: 'ek', offset: 1, limit: 1 });
    expect([names(eks.rows), eks.total, eks.attention.total]).toEqual([['Zara Ek'], 3, 1]);
    // Without a limit every row comes back, as the command line asks.
    expect((await t.ok('leaders.overview', { sort: 'attention' })).rows).toHaveLength(7);
    await t.fail('leaders.overview', { limit: 0 });
    await t.fail('leaders.overview', { offset: -1, limit: 10 });
  });

  it('lists on the leader page and the certificate summary only the course days that leader attended, in date order', async () => {
    const second = await makeProgramme(t);
    await course(
      t,
      w.programme.id,
      ['2024-10-07', '2024-10-08', '2024-09-02'],
      [
        { leaderId: w.anna.id, dates: ['2024-10-08', '2024-09-02'] },
        { leaderId: w.bo.id, dates: ['2024-10-07', '2024-10-08', '2024-09-02'] },
      ],
    );
    await course(t, second.id, ['2024-11-04', '2024-11-05'], [{ leaderId: w.anna.id, dates: ['2024-11-05'] }]);
    await course(t, w.programme.id, ['2024-12-02'], [{ leaderId: w.bo.id, dates: ['2024-12-02'] }]);

    const page = await t.ok('leaders.page', { leaderId: w.anna.id });
    expect(page.courses.map((c) => [c.programmeCode, c.daysAttended, c.totalDays])).toEqual([
      [second.code, ['2024-11-05'], 2],
      [w.programme.code, ['2024-09-02', '2024-10-08'], 3],
    ]);
    const summary = await t.ok('leaders.certificateSummary', { leaderId: w.anna.id, programmeId: w.programme.id });
    expect(summary.courses.map((c) => c.daysAttended)).toEqual([['2024-09-02', '2024-10-08']]);
    expect((await t.ok('leaders.page', { leaderId: w.bo.id })).courses.map((c) => c.daysAttended)).toEqual([
      ['2024-12-02'],
      ['2024-09-02', '2024-10-07', '2024-10-08'],
    ]);
  });
});
