import { and, count, eq, placeholder, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staff, units } from '../../src-main/core/db/schema';
import { preparedPerShape, preparedRows, type Given } from '../../src-main/core/repos/prepared-rows';
import { bound } from '../../src-main/core/repos/sql-fragments';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeStaff, makeUnit } from './fixtures';

// The repositories' fast row building must give exactly what drizzle's own mapping gives for the
// same statement: same keys in the same order, booleans as booleans, nulls as null, mapWith applied.
describe('preparedRows', () => {
  let t: TestApp;
  beforeEach(() => (t = createTestApp()));
  afterEach(() => t.close());

  const fields = {
    id: staff.id,
    name: staff.name,
    email: staff.email,
    isLeader: staff.isLeader,
    isSupervisor: staff.isSupervisor,
    unitName: units.name,
    nameLength: sql<number>`length(${staff.name})`,
    doubledLength: sql<string>`length(${staff.name}) * 2`.mapWith((v: number) => `${v}!`),
  };
  const query = (t: TestApp) => t.app.db.orm.select(fields).from(staff).leftJoin(units, eq(units.id, staff.unitId)).orderBy(staff.name);

  it('builds the rows drizzle would, for every kind of field', async () => {
    const unit = await makeUnit(t, 'Enhet Norr');
    await makeStaff(t, { name: 'Anna Lind', isLeader: true, isSupervisor: false, unitId: unit.id });
    await makeStaff(t, { name: 'Bo Ek', isLeader: false, isSupervisor: true, unitId: null });

    const rows = preparedRows(query(t), fields).all();
    const expected = query(t).all();
    expect(rows).toEqual(expected);
    expect(rows.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r)));
    // The cases the comparison is about are really there.
    expect(rows.map((r) => [r.name, r.isLeader, r.isSupervisor, r.unitName, r.email, r.doubledLength])).toEqual([
      ['Anna Lind', true, false, 'Enhet Norr', null, '18!'],
      ['Bo Ek', false, true, null, null, '10!'],
    ]);
  });

  it('fills placeholders, and get gives undefined when nothing matches', async () => {
    const anna = await makeStaff(t, { name: 'Anna Lind' });
    const one = preparedRows(query(t).where(eq(staff.id, placeholder('id'))), fields);
    expect(one.get({ id: anna.id })).toEqual(query(t).where(eq(staff.id, anna.id)).get());
    expect(one.get({ id: crypto.randomUUID() })).toBeUndefined();

    const counted = { n: count() };
    const total = preparedRows(t.app.db.orm.select(counted).from(staff), counted);
    expect(total.get()).toEqual({ n: 1 });
  });
});

describe('preparedPerShape', () => {
  let t: TestApp;
  beforeEach(() => (t = createTestApp()));
  afterEach(() => t.close());

  it('gives each combination of filters its own statement and fills it from the filter each call', async () => {
    const north = await makeUnit(t, 'Enhet Norr');
    const south = await makeUnit(t, 'Enhet Söder');
    await makeStaff(t, { name: 'Anna Lind', isLeader: true, unitId: north.id });
    await makeStaff(t, { name: 'Bo Ek', isLeader: false, isSupervisor: true, unitId: north.id });
    await makeStaff(t, { name: 'Cecilia Holm', isLeader: true, unitId: south.id });
    await makeStaff(t, { name: 'David Berg', isLeader: true, unitId: null });

    const orm = t.app.db.orm;
    const fields = { name: staff.name };
    type Filter = { unitId?: string | null; isLeader?: boolean | undefined };
    let prepared = 0;
    const list = preparedPerShape((given: Given<Filter>) => {
      prepared++;
      const where = and(
        given('unitId') ? eq(staff.unitId, placeholder('unitId')) : undefined,
        given('isLeader') ? eq(staff.isLeader, bound('isLeader', staff.isLeader)) : undefined,
      );
      return preparedRows(orm.select(fields).from(staff).where(where).orderBy(staff.name), fields);
    });
    const names = (f: Filter) =>
      list(f)
        .all(f)
        .map((r) => r.name);
    // What the plain query finds, filtered here instead of in SQL.
    const everyone = orm.select().from(staff).orderBy(staff.name).all();
    const expected = (f: Filter) =>
      everyone.filter((s) => (f.unitId == null || s.unitId === f.unitId) && (f.isLeader === undefined || s.isLeader === f.isLeader)).map((s) => s.name);

    const filters: Filter[] = [
      {},
      { unitId: null },
      { unitId: north.id },
      { unitId: south.id },
      { isLeader: true },
      { isLeader: false },
      { unitId: north.id, isLeader: true },
      { isLeader: false, unitId: north.id },
      { unitId: south.id, isLeader: false },
    ];
    for (const f of filters) expect(names(f), JSON.stringify(f)).toEqual(expected(f));
    expect(expected({ unitId: north.id, isLeader: true })).toEqual(['Anna Lind']);
    // Four shapes: none, unit, leader, both; key order and null filters make no new statement.
    expect(prepared).toBe(4);
  });
});
