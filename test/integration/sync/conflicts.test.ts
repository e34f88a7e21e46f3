import { afterEach, describe, expect, it } from 'vitest';
import type { TestLaptop } from '../../helpers/sync-nodes';
import { updateInput } from '../fixtures';
import { participantInput } from '../participants-fixtures';
import { twoLeadersOnOneGroup } from './two-leaders';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = () => twoLeadersOnOneGroup(cleanups);

async function setNote(l: TestLaptop, groupId: string, note: string) {
  const g = await l.t.ok('groups.get', { id: groupId });
  await l.t.ok('groups.update', updateInput(g, { note, supervisorId: null }));
}

describe('sync conflicts', () => {
  it('lists the same note changed on two laptops offline on both, with both values, who and when; a choice syncs and closes it everywhere', async () => {
    const { a, b, group } = await setup();
    await a.offline();
    await b.offline();
    await setNote(a, group.id, 'Lokalen byts till biblioteket');
    await new Promise((r) => setTimeout(r, 5));
    await setNote(b, group.id, 'Föräldrarna vill börja 18.00');
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    expect(await a.sync()).toBe(true);

    const la = a.laptop;
    const lb = b.laptop;
    const onA = la.conflictViews(false);
    expect(onA).toHaveLength(1);
    expect(lb.conflictViews(false)).toEqual(onA);
    const c = onA[0]!;
    expect(c).toMatchObject({
      entity: 'groups',
      field: 'note',
      a: { value: 'Lokalen byts till biblioteket', who: 'Ada Ledare' },
      b: { value: 'Föräldrarna vill börja 18.00', who: 'Bo Ledare' },
      current: 'b',
    });
    // The later write stands until someone chooses; nothing was lost on the way.
    expect((await a.t.ok('groups.get', { id: group.id })).note).toBe('Föräldrarna vill börja 18.00');

    la.resolveConflict(c.id, 'a', 'Ada Ledare');
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    expect((await b.t.ok('groups.get', { id: group.id })).note).toBe('Lokalen byts till biblioteket');
    expect(lb.conflictViews(false)).toEqual([]);
    expect(lb.conflictViews(true)).toEqual([expect.objectContaining({ id: c.id, resolvedBy: 'Ada Ledare' })]);
    // The choice had seen both values: no new conflict appears anywhere.
    expect(await a.sync()).toBe(true);
    expect(la.conflictViews(true)).toHaveLength(1);
  });

  it('does not list an update made after seeing the other laptop’s value', async () => {
    const { a, b, group } = await setup();
    await setNote(a, group.id, 'Första');
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    await setNote(b, group.id, 'Andra, efter den första');
    expect(await b.sync()).toBe(true);
    expect(await a.sync()).toBe(true);
    expect(a.laptop.conflictViews(true)).toEqual([]);
    expect(b.laptop.conflictViews(true)).toEqual([]);
  });
});

describe('an edit and a delete of the same row', () => {
  it('lists the edit beside the deletion on both laptops instead of letting the deletion win silently', async () => {
    const { a, b, group } = await setup();
    const p = await a.t.ok('participants.create', participantInput(group.id));
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    await a.offline();
    await b.offline();
    await a.t.ok('participants.setKeepActive', { id: p.id, keepActive: true });
    await new Promise((r) => setTimeout(r, 5));
    await b.t.ok('participants.delete', { id: p.id });
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    expect(await a.sync()).toBe(true);

    const onA = a.laptop.conflictViews(false);
    expect(onA).toEqual([
      expect.objectContaining({
        entity: 'participants',
        field: 'keep_active',
        a: expect.objectContaining({ who: 'Ada Ledare', deleted: false }),
        b: expect.objectContaining({ who: 'Bo Ledare', deleted: true }),
        current: 'b',
      }),
    ]);
    expect(b.laptop.conflictViews(false)).toEqual(onA);
    // The deletion stands on both until someone chooses; keeping it closes the conflict everywhere.
    expect((await a.t.fail('participants.get', { id: p.id })).code).toBe('not_found');
    a.laptop.resolveConflict(onA[0]!.id, 'b', 'Ada Ledare');
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    expect(b.laptop.conflictViews(false)).toEqual([]);
    expect(b.laptop.conflictViews(true)).toEqual([expect.objectContaining({ id: onA[0]!.id, resolvedBy: 'Ada Ledare' })]);
  });
});
