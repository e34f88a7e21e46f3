import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupInput, groupSetup, type GroupSetup } from './fixtures';

let t: TestApp;
let setup: GroupSetup;
beforeEach(async () => {
  t = createTestApp();
  setup = await groupSetup(t, 4);
});
afterEach(() => t.close());

// 2025: Easter Sunday 20 April, so annandag påsk is Monday 21 April.
const start = '2025-04-14';

describe('holidays and school breaks when sessions are laid out', () => {
  it('names the holiday and the unit’s break a date falls on, with the next free week', async () => {
    await t.ok('schoolBreaks.create', { unitId: setup.unit.id, name: 'Testlov', startDate: '2025-04-28', endDate: '2025-05-02' });
    const { conflicts } = await t.ok('calendar.check', { unitId: setup.unit.id, dates: ['2025-04-14', '2025-04-21', '2025-04-28', '2025-05-05'] });
    expect(conflicts).toEqual([
      { date: '2025-04-21', kind: 'holiday', name: { sv: 'annandag påsk', en: 'Easter Monday' }, nextFree: '2025-05-05' },
      { date: '2025-04-28', kind: 'school_break', name: { sv: 'Testlov', en: 'Testlov' }, nextFree: '2025-05-05' },
    ]);
    // A move knows only its group: the group's unit's breaks count.
    const group = await t.ok('groups.create', groupInput(setup, { startDate: start }));
    expect((await t.ok('calendar.check', { groupId: group.id, dates: ['2025-04-28'] })).conflicts.map((c) => c.kind)).toEqual(['school_break']);
    // Another unit's break is not this unit's.
    const other = await t.ok('units.create', { name: 'Annan enhet', kind: 'district' });
    expect((await t.ok('calendar.check', { unitId: other.id, dates: ['2025-04-28'] })).conflicts).toEqual([]);
  });

  it('generates sessions on every week by default, and past holidays and breaks when asked', async () => {
    await t.ok('schoolBreaks.create', { unitId: setup.unit.id, name: 'Testlov', startDate: '2025-04-28', endDate: '2025-05-02' });
    const plain = await t.ok('groups.create', groupInput(setup, { startDate: start }));
    expect(plain.sessions.map((s) => s.plannedDate)).toEqual(['2025-04-14', '2025-04-21', '2025-04-28', '2025-05-05']);
    const skipping = await t.ok('groups.create', groupInput(setup, { startDate: start, skipHolidays: true }));
    expect(skipping.sessions.map((s) => s.plannedDate)).toEqual(['2025-04-14', '2025-05-05', '2025-05-12', '2025-05-19']);
  });

  it('keeps breaks per unit, refuses a break that ends before it starts, and deletes one', async () => {
    const bad = await t.fail('schoolBreaks.create', { unitId: setup.unit.id, name: 'Baklänges', startDate: '2025-05-02', endDate: '2025-04-28' });
    expect(bad.issues?.map((i) => i.path)).toEqual(['endDate']);
    const b = await t.ok('schoolBreaks.create', { unitId: setup.unit.id, name: 'Sportlov', startDate: '2026-02-23', endDate: '2026-02-27' });
    expect(await t.ok('schoolBreaks.list', { unitId: setup.unit.id })).toEqual([b]);
    await t.ok('schoolBreaks.delete', { id: b.id });
    expect(await t.ok('schoolBreaks.list', { unitId: setup.unit.id })).toEqual([]);
    expect((await t.fail('schoolBreaks.delete', { id: b.id })).code).toBe('not_found');
  });
});
