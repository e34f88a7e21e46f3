import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureNames } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupInput, groupSetup, makeGroup, type GroupSetup } from './fixtures';

/** The procedures of the foundation slice; every one must appear in the cases below. */
const foundation = [
  'app.info',
  'settings.get',
  'settings.update',
  'programmes.list',
  'programmes.create',
  'programmes.update',
  'programmes.setActive',
  'programmes.delete',
  'units.list',
  'units.create',
  'units.update',
  'units.setActive',
  'units.delete',
  'staff.list',
  'staff.page',
  'staff.names',
  'staff.get',
  'staff.create',
  'staff.update',
  'staff.setActive',
  'staff.delete',
  'groups.list',
  'groups.get',
  'groups.create',
  'groups.update',
  'groups.delete',
  'sessions.record',
  'sessions.move',
  'sessions.addExtra',
  'sessions.delete',
  'dashboard.get',
  'stats.get',
] as const;

const uuid = '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const programme = { name: 'P', code: 'P1', audience: 'parents', sessionCount: 5, sessionLengthMinutes: 120 };
const staff = { name: 'S', isLeader: true, isSupervisor: false };

let t: TestApp;
let s: GroupSetup;
beforeAll(async () => {
  t = createTestApp();
  s = await groupSetup(t);
  await makeGroup(t, s);
});
afterAll(() => t.close());

const group = () => groupInput(s);

/** [procedure, input, path of the field the error must point at] — malformed or out-of-range input. */
const malformed: [string, () => unknown, string][] = [
  ['app.info', () => ({ verbose: true }), ''],
  ['settings.get', () => ({ key: 'language' }), ''],
  ['settings.update', () => ({ language: 'de' }), 'language'],
  ['programmes.list', () => ({ includeArchived: 'yes' }), 'includeArchived'],
  ['programmes.create', () => ({ ...programme, name: '   ' }), 'name'],
  ['programmes.create', () => ({ ...programme, code: 'a b' }), 'code'],
  ['programmes.create', () => ({ ...programme, sessionCount: 0 }), 'sessionCount'],
  ['programmes.create', () => ({ ...programme, sessionLengthMinutes: 601 }), 'sessionLengthMinutes'],
  ['programmes.create', () => ({ ...programme, childAgeMin: 12, childAgeMax: 3 }), 'childAgeMax'],
  ['programmes.update', () => ({ ...programme, id: 'not-a-uuid' }), 'id'],
  ['programmes.setActive', () => ({ id: s.programme.id, active: 'no' }), 'active'],
  ['programmes.delete', () => ({ id: 42 }), 'id'],
  ['units.list', () => ({ includeArchived: 1 }), 'includeArchived'],
  ['units.create', () => ({ name: 'Region', kind: 'county' }), 'kind'],
  ['units.update', () => ({ name: 'X', kind: 'other' }), 'id'],
  ['units.setActive', () => ({ id: s.unit.id }), 'active'],
  ['units.delete', () => ({}), 'id'],
  ['staff.list', () => ({ role: 'admin' }), 'role'],
  ['staff.names', () => ({ role: 'admin' }), 'role'],
  ['staff.page', () => ({ limit: 0 }), 'limit'],
  ['staff.page', () => ({ limit: 1001 }), 'limit'],
  ['staff.page', () => ({ limit: 10, offset: -1 }), 'offset'],
  ['staff.page', () => ({ limit: 10, search: 'a\u0000b' }), 'search'],
  ['staff.page', () => ({ limit: 10, search: 'x'.repeat(1000) }), 'search'],
  ['staff.get', () => ({ id: 'nobody' }), 'id'],
  ['staff.create', () => ({ ...staff, isLeader: false }), 'isLeader'],
  ['staff.create', () => ({ ...staff, email: 'anna@' }), 'email'],
  ['staff.update', () => ({ ...staff, id: s.leaders[0]!.id, phone: 'ring mig' }), 'phone'],
  ['staff.setActive', () => ({ id: s.leaders[0]!.id, active: null }), 'active'],
  ['staff.delete', () => ({ id: '' }), 'id'],
  ['groups.list', () => ({ limit: 0 }), 'limit'],
  ['groups.list', () => ({ year: 1999 }), 'year'],
  ['groups.get', () => ({ id: 'x' }), 'id'],
  ['groups.create', () => ({ ...group(), leaderIds: [] }), 'leaderIds'],
  ['groups.create', () => ({ ...group(), leaderIds: [s.leaders[0]!.id, s.leaders[0]!.id] }), 'leaderIds'],
  ['groups.create', () => ({ ...group(), startTime: '25:00' }), 'startTime'],
  ['groups.create', () => ({ ...group(), startDate: '2025-02-30' }), 'startDate'],
  ['groups.create', () => ({ ...group(), startDate: '1999-12-31' }), 'startDate'],
  ['groups.update', () => ({ ...group(), id: uuid, status: 'paused' }), 'status'],
  ['groups.delete', () => ({ id: [uuid] }), 'id'],
  ['sessions.record', () => ({ id: uuid, status: 'held', heldDate: '2025-03-03' }), 'participantCount'],
  ['sessions.record', () => ({ id: uuid, status: 'held', heldDate: '2025-03-03', participantCount: 100 }), 'participantCount'],
  ['sessions.record', () => ({ id: uuid, status: 'cancelled', cancelReason: '  ' }), 'cancelReason'],
  ['sessions.record', () => ({ id: uuid, status: 'maybe' }), 'status'],
  ['sessions.move', () => ({ id: uuid, plannedDate: '12/03/2025' }), 'plannedDate'],
  ['sessions.addExtra', () => ({ groupId: uuid, plannedDate: '2101-01-01' }), 'plannedDate'],
  ['sessions.delete', () => ({ id: null }), 'id'],
  ['dashboard.get', () => ({ today: 'igår' }), 'today'],
  ['stats.get', () => ({ by: 'year' }), ''],
];

/** Well-formed input naming something that does not exist. */
const unknownIds: [string, () => unknown][] = [
  ['programmes.update', () => ({ ...programme, id: uuid })],
  ['programmes.setActive', () => ({ id: uuid, active: false })],
  ['programmes.delete', () => ({ id: uuid })],
  ['units.update', () => ({ id: uuid, name: 'X', kind: 'other' })],
  ['units.setActive', () => ({ id: uuid, active: false })],
  ['units.delete', () => ({ id: uuid })],
  ['staff.update', () => ({ ...staff, id: uuid })],
  ['staff.setActive', () => ({ id: uuid, active: true })],
  ['staff.delete', () => ({ id: uuid })],
  ['groups.get', () => ({ id: uuid })],
  ['groups.update', () => ({ ...group(), id: uuid, status: 'planned' })],
  ['groups.delete', () => ({ id: uuid })],
  ['sessions.record', () => ({ id: uuid, status: 'planned' })],
  ['sessions.move', () => ({ id: uuid, plannedDate: '2025-03-03' })],
  ['sessions.addExtra', () => ({ groupId: uuid, plannedDate: '2025-03-03' })],
  ['sessions.delete', () => ({ id: uuid })],
];

describe('bad input', () => {
  it('has a malformed-input case for every foundation procedure, all of them in the contract', () => {
    expect(procedureNames).toEqual(expect.arrayContaining([...foundation]));
    expect(new Set(malformed.map(([name]) => name))).toEqual(new Set(foundation));
  });

  it.each(malformed)('%s rejects %s with a validation error on the field, writing nothing', async (name, input, path) => {
    const before = t.snapshot();
    const err = await t.fail(name, input());
    expect(err.code).toBe('validation');
    expect(err.message.sv).toBe('Kontrollera de markerade fälten.');
    const issue = err.issues?.find((i) => i.path === path);
    expect(issue, JSON.stringify(err.issues)).toBeDefined();
    expect(issue!.message.sv.length).toBeGreaterThan(0);
    expect(issue!.message.sv).not.toBe(issue!.message.en);
    expect(t.snapshot()).toBe(before);
  });

  it.each(unknownIds)('%s answers not_found for an unknown id, writing nothing', async (name, input) => {
    const before = t.snapshot();
    const err = await t.fail(name, input());
    expect(err.code).toBe('not_found');
    expect(err.message.sv).toMatch(/finns inte/);
    expect(err.message.en).toMatch(/does not exist/);
    expect(t.snapshot()).toBe(before);
  });

  it('rejects a procedure name outside the contract', async () => {
    const err = await t.fail('groups.drop', {});
    expect(err.code).toBe('unknown_procedure');
    expect(err.message.sv).toBe('Okänd funktion.');
  });
});
