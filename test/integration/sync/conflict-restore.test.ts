import { afterEach, describe, expect, it } from 'vitest';
import type { TestLaptop } from '../../helpers/sync-nodes';
import { participantInput } from '../participants-fixtures';
import { twoLeadersOnOneGroup } from './two-leaders';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = () => twoLeadersOnOneGroup(cleanups);

const tick = () => new Promise((r) => setTimeout(r, 5));
const sessionOn = (l: TestLaptop, id: string) =>
  l.t.app.db.sqlite.prepare('select group_id as groupId, planned_date as plannedDate, number, is_extra as isExtra from sessions where id = ?').get(id);

describe('choosing an edit over a deletion', () => {
  for (const order of ['edit first', 'delete first'] as const) {
    it(`brings the row back with the edited values on every machine (${order}), chosen on the machine that deleted it`, async () => {
      const { a, b, admin, group } = await setup();
      const extra = await a.t.ok('sessions.addExtra', { groupId: group.id, plannedDate: '2025-05-20' });
      expect(await a.sync()).toBe(true);
      expect(await b.sync()).toBe(true);
      await a.offline();
      await b.offline();
      const edit = () => a.t.ok('sessions.move', { id: extra.id, plannedDate: '2025-05-27' });
      const remove = () => b.t.ok('sessions.delete', { id: extra.id });
      if (order === 'edit first') {
        await edit();
        await tick();
        await remove();
      } else {
        await remove();
        await tick();
        await edit();
      }
      for (const l of [a, b, a, b]) expect(await l.sync()).toBe(true);

      const onB = b.laptop.conflictViews(false);
      expect(onB).toEqual([expect.objectContaining({ entity: 'sessions', field: 'planned_date' })]);
      const c = onB[0]!;
      const editSide = c.a.deleted ? 'b' : 'a';
      expect(c[editSide]).toMatchObject({ who: 'Ada Ledare', deleted: false });
      expect(sessionOn(b, extra.id)).toBeUndefined();

      b.laptop.resolveConflict(c.id, editSide, 'Bo Ledare');
      for (const l of [b, a, admin]) expect(await l.sync()).toBe(true);
      for (const l of [a, b, admin]) {
        expect(sessionOn(l, extra.id)).toEqual({ groupId: group.id, plannedDate: '2025-05-27', number: extra.number, isExtra: 1 });
        expect(l.laptop.conflictViews(false)).toEqual([]);
      }
      // The restored row was written after the deletion had been seen: no new conflict anywhere.
      for (const l of [a, b]) expect(await l.sync()).toBe(true);
      expect(a.laptop.conflictViews(true)).toEqual([expect.objectContaining({ id: c.id, resolvedBy: 'Bo Ledare' })]);
    });
  }

  it('cannot bring back an erased participant: the conflict keeps no copy of the row', async () => {
    const { a, b, group } = await setup();
    const p = await a.t.ok('participants.create', participantInput(group.id, { displayName: 'Erika Raderasson' }));
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    await a.offline();
    await b.offline();
    await a.t.ok('participants.setKeepActive', { id: p.id, keepActive: true });
    await tick();
    await b.t.ok('participants.erase', { id: p.id });
    for (const l of [a, b, a, b]) expect(await l.sync()).toBe(true);

    const onA = a.laptop.conflictViews(false);
    expect(onA).toEqual([expect.objectContaining({ entity: 'participants', field: 'keep_active' })]);
    for (const l of [a, b]) {
      const rows = l.t.app.db.sqlite.prepare('select * from sync_conflicts').all() as Record<string, unknown>[];
      for (const r of rows) {
        expect(r.snapshot).toBeNull();
        expect(JSON.stringify(r)).not.toContain('Erika');
      }
    }
    const editSide = onA[0]!.a.deleted ? 'b' : 'a';
    expect(() => a.laptop.resolveConflict(onA[0]!.id, editSide, 'Ada Ledare')).toThrow(/deleted/);
    for (const l of [a, b]) expect(await l.sync()).toBe(true);
    for (const l of [a, b]) expect((await l.t.fail('participants.get', { id: p.id })).code).toBe('not_found');
  });
});
