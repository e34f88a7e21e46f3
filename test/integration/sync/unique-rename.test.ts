import { afterEach, describe, expect, it } from 'vitest';
import { testLaptop, testServer } from '../../helpers/sync-nodes';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const programme = (name: string) => ({ name, code: 'PX', audience: 'parents', sessionCount: 5, sessionLengthMinutes: 120 }) as const;

describe('the same programme code made on two machines', () => {
  it('is listed in the conflicts on every machine: both programmes, who and when, and which one was renamed to what', async () => {
    const s = testServer();
    cleanups.push(() => s.close());
    const node = async (name: string) => {
      const l = await testLaptop(s, { personId: null, name, role: 'admin', units: [] });
      cleanups.push(() => l.close());
      return l;
    };
    const ada = await node('Ada Admin');
    const bo = await node('Bo Admin');
    const cy = await node('Cy Admin');
    for (const l of [ada, bo, cy]) expect(await l.sync()).toBe(true);
    await ada.offline();
    await bo.offline();
    const started = new Date().toISOString();
    const fromAda = await ada.t.ok('programmes.create', programme('Adas program'));
    const fromBo = await bo.t.ok('programmes.create', programme('Bos program'));
    for (const l of [ada, bo, cy, ada, bo, cy]) expect(await l.sync()).toBe(true);

    // The larger id gives way, on every machine.
    const [kept, renamed] = fromAda.id < fromBo.id ? [fromAda, fromBo] : [fromBo, fromAda];
    const [keptBy, renamedBy] = kept === fromAda ? ['Ada Admin', 'Bo Admin'] : ['Bo Admin', 'Ada Admin'];
    const renamedTo = `PX (${renamed.id.slice(0, 4)})`;
    for (const l of [ada, bo, cy]) {
      const codes = (await l.t.ok('programmes.list', {})).filter((p) => p.id === kept.id || p.id === renamed.id).map((p) => [p.id, p.code]);
      expect(Object.fromEntries(codes)).toEqual({ [kept.id]: 'PX', [renamed.id]: renamedTo });
    }

    const onAda = ada.laptop.conflictViews(false);
    expect(onAda).toEqual([
      expect.objectContaining({
        entity: 'programmes',
        field: 'code',
        a: expect.objectContaining({ value: 'PX', who: keptBy, deleted: false }),
        b: expect.objectContaining({ value: 'PX', who: renamedBy, deleted: false }),
        renamedTo,
      }),
    ]);
    // "When" is read from each write's hybrid logical clock stamp, which follows the machines' clocks
    // but may run a little ahead of this process's own reading of the time (once in CI it did); a
    // minute either side still tells a write made during this test from any other time.
    const now = Date.now();
    for (const side of [onAda[0]!.a, onAda[0]!.b]) {
      expect(Date.parse(side.at), `${side.at} not between ${started} and now`).toBeGreaterThanOrEqual(Date.parse(started) - 60_000);
      expect(Date.parse(side.at), `${side.at} later than now`).toBeLessThanOrEqual(now + 60_000);
    }
    expect(bo.laptop.conflictViews(false)).toEqual(onAda);
    expect(cy.laptop.conflictViews(false)).toEqual(onAda);

    // Taking note closes it everywhere and renames nothing back.
    cy.laptop.resolveConflict(onAda[0]!.id, 'a', 'Cy Admin');
    for (const l of [cy, ada, bo]) expect(await l.sync()).toBe(true);
    for (const l of [ada, bo, cy]) {
      expect(l.laptop.conflictViews(false)).toEqual([]);
      expect((await l.t.ok('programmes.list', {})).find((p) => p.id === renamed.id)?.code).toBe(renamedTo);
    }
    // Syncing again does not list it anew.
    for (const l of [ada, bo, cy]) expect(await l.sync()).toBe(true);
    expect(ada.laptop.conflictViews(true)).toHaveLength(1);
  });
});
