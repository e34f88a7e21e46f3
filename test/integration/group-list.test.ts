import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeProgramme, makeStaff, makeUnit, updateInput, type GroupSetup } from './fixtures';

let t: TestApp;
let s: GroupSetup;
const groups: Record<string, GroupDetail> = {};

// One database for the whole file: the list is read-only, so the groups are built once.
beforeAll(async () => {
  t = createTestApp();
  s = await groupSetup(t, 3);
  const other = { ...s, programme: await makeProgramme(t, { name: 'Tonår test', sessionCount: 2 }), unit: await makeUnit(t, 'Östermalm test') };
  const ulla = await makeStaff(t, { name: 'Ulla Åström' });
  groups.a = await makeGroup(t, s, { startDate: '2024-09-02', venue: 'Kvarnen' });
  groups.b = await makeGroup(t, s, { startDate: '2025-01-13', venue: 'Biblioteket' });
  groups.c = await makeGroup(t, other, { startDate: '2025-02-03', venue: 'Skolan', leaderIds: [ulla.id] });
  groups.d = await makeGroup(t, other, { startDate: '2025-02-03', venue: 'Fritidsgården' });
  await t.ok('sessions.record', { id: groups.b.sessions[0]!.id, status: 'held', heldDate: '2025-01-13', participantCount: 5 });
  await t.ok('sessions.record', { id: groups.b.sessions[1]!.id, status: 'cancelled', cancelReason: 'Snöstorm' });
  await t.ok('groups.update', updateInput(groups.a, { status: 'completed' }));
});
afterAll(() => t.close());

const ids = (r: { items: { id: string }[] }) => r.items.map((g) => g.id);

describe('groups.list', () => {
  it('lists newest start first with total, leaders and session figures', async () => {
    const r = await t.ok('groups.list', {});
    expect(r.total).toBe(4);
    expect(ids(r)).toEqual([groups.d!.id, groups.c!.id, groups.b!.id, groups.a!.id]);
    const b = r.items.find((g) => g.id === groups.b!.id)!;
    expect(b).toMatchObject({ status: 'running', sessionCount: 3, heldCount: 1, cancelledCount: 1, nextSessionDate: '2025-01-27' });
    expect(b.leaders.map((l) => l.name)).toEqual(['Anna Lind', 'Bo Ek']);
    expect(r.items.find((g) => g.id === groups.c!.id)?.leaders.map((l) => l.name)).toEqual(['Ulla Åström']);
  });

  it('filters by programme, unit, status and start year, alone and combined', async () => {
    expect(ids(await t.ok('groups.list', { programmeId: s.programme.id }))).toEqual([groups.b!.id, groups.a!.id]);
    expect((await t.ok('groups.list', { unitId: s.unit.id })).total).toBe(2);
    expect(ids(await t.ok('groups.list', { status: 'completed' }))).toEqual([groups.a!.id]);
    expect((await t.ok('groups.list', { year: 2025 })).total).toBe(3);
    expect(ids(await t.ok('groups.list', { year: 2024 }))).toEqual([groups.a!.id]);
    expect(ids(await t.ok('groups.list', { programmeId: s.programme.id, year: 2025, status: 'running' }))).toEqual([groups.b!.id]);
    expect(await t.ok('groups.list', { year: 2023 })).toEqual({ items: [], total: 0 });
  });

  it('offers as years only those in which groups start, newest first', async () => {
    expect(await t.ok('groups.years', {})).toEqual([2025, 2024]);
  });

  it('searches venue, programme, unit and leader names regardless of case, Swedish letters too', async () => {
    expect(ids(await t.ok('groups.list', { search: 'BIBLIO' }))).toEqual([groups.b!.id]);
    expect((await t.ok('groups.list', { search: 'tonår TEST' })).total).toBe(2);
    expect((await t.ok('groups.list', { search: 'ÖSTERMALM test' })).total).toBe(2);
    expect(ids(await t.ok('groups.list', { search: 'åSTRÖM' }))).toEqual([groups.c!.id]);
    expect((await t.ok('groups.list', { search: 'lind' })).total).toBe(3);
  });

  it('takes wildcard characters in a search literally', async () => {
    expect((await t.ok('groups.list', { search: '*' })).total).toBe(0);
    expect((await t.ok('groups.list', { search: '%' })).total).toBe(0);
    expect((await t.ok('groups.list', { search: '?' })).total).toBe(0);
    expect((await t.ok('groups.list', { search: '[' })).total).toBe(0);
  });

  it('pages with limit and offset while the total stays the full count', async () => {
    const first = await t.ok('groups.list', { limit: 3, offset: 0 });
    const second = await t.ok('groups.list', { limit: 3, offset: 3 });
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([...ids(first), ...ids(second)]).toEqual(ids(await t.ok('groups.list', {})));
    expect(await t.ok('groups.list', { offset: 10 })).toEqual({ items: [], total: 4 });
  });
});
