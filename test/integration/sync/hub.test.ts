import { afterEach, describe, expect, it } from 'vitest';
import { testLaptop, testServer, type TestLaptop, type TestServer } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function server(): TestServer {
  const s = testServer();
  cleanups.push(() => s.close());
  return s;
}
async function laptop(s: TestServer, identity: Parameters<typeof testLaptop>[1]): Promise<TestLaptop> {
  const l = await testLaptop(s, identity);
  cleanups.push(() => l.close());
  return l;
}

const rows = (l: TestLaptop, table: string, order = 'rowid') =>
  (l.t.app.db.sqlite.prepare(`select * from ${table} order by ${order}`).all() as Record<string, unknown>[]).map(({ updated_at: _u, ...rest }) => rest);

/** An administrator's laptop with a unit, a leader and a supervisor, synced up to the server. */
async function city(s: TestServer) {
  const admin = await laptop(s, { personId: null, name: 'Admin', role: 'admin', units: [] });
  const unit = await admin.t.ok('units.create', { name: 'Testenheten', kind: 'district' });
  const other = await admin.t.ok('units.create', { name: 'Andra enheten', kind: 'district' });
  const leader = await admin.t.ok('staff.create', { name: 'Lea Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const leader2 = await admin.t.ok('staff.create', { name: 'Leo Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
  const supervisor = await admin.t.ok('staff.create', { name: 'Sara Handledare', unitId: other.id, isLeader: false, isSupervisor: true });
  expect(await admin.sync()).toBe(true);
  return { admin, unit, other, leader, leader2, supervisor };
}

describe('a server in the middle', () => {
  it('gives a fresh laptop the city’s reference data without duplicating its own seeds, and carries a group between two leaders', async () => {
    const s = server();
    const c = await city(s);
    const a = await laptop(s, { personId: c.leader.id, name: 'Lea Ledare', role: 'leader', units: [c.unit.id] });
    const b = await laptop(s, { personId: c.leader2.id, name: 'Leo Ledare', role: 'leader', units: [c.unit.id] });
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    expect(rows(a, 'programmes', 'id')).toEqual(rows(c.admin, 'programmes', 'id'));
    expect(rows(a, 'units', 'id')).toEqual(rows(c.admin, 'units', 'id'));
    expect(rows(a, 'staff', 'id')).toEqual(rows(c.admin, 'staff', 'id'));

    const programme = (await a.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const group = await a.t.ok(
      'groups.create',
      groupInput({ programme, unit: c.unit, leaders: [c.leader, c.leader2], supervisor: c.supervisor } as never) as never,
    );
    await a.t.ok('participants.create', {
      groupId: group.id,
      displayName: 'Maja Andersson',
      relation: 'mother',
      contact: null,
      enrolmentDate: '2025-03-03',
      consent: 'not_asked',
      consentDate: null,
      childBirthYear: 2019,
      childGender: 'girl',
    } as never);
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    for (const table of ['groups', 'sessions', 'participants', 'families']) expect(rows(b, table, 'id'), table).toEqual(rows(a, table, 'id'));
  });

  it('carries an administrator’s school break to a leader, and the administrator keeps it', async () => {
    const s = server();
    const c = await city(s);
    const a = await laptop(s, { personId: c.leader.id, name: 'Lea Ledare', role: 'leader', units: [c.unit.id] });
    await c.admin.t.ok('schoolBreaks.create', { unitId: c.unit.id, name: 'Sportlov', startDate: '2026-02-23', endDate: '2026-02-27' });
    expect(await c.admin.sync()).toBe(true);
    expect(await a.sync()).toBe(true);
    expect(c.admin.t.app.db.sqlite.prepare('select count(*) as n from sync_refusals').get()).toEqual({ n: 0 });
    const kept = rows(c.admin, 'school_breaks', 'id');
    expect(kept.map((r) => r.name)).toEqual(['Sportlov']);
    expect(rows(a, 'school_breaks', 'id')).toEqual(kept);
  });

  it('refuses a leader’s change to reference data, says why, and puts her copy back to the server’s', async () => {
    const s = server();
    const c = await city(s);
    const a = await laptop(s, { personId: c.leader.id, name: 'Lea Ledare', role: 'leader', units: [c.unit.id] });
    expect(await a.sync()).toBe(true);
    const programme = (await a.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const { groupCount: _g, createdAt: _c, updatedAt: _u, active: _a, ...editable } = programme;
    await a.t.ok('programmes.update', { ...editable, name: 'Lokalt omdöpt' } as never);
    expect(await a.sync()).toBe(true);
    expect((await a.t.ok('programmes.list', {})).find((p) => p.id === programme.id)!.name).toBe(programme.name);
    const refusals = a.t.app.db.sqlite.prepare('select tables, message_sv as sv from sync_refusals').all() as { tables: string; sv: string }[];
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!.tables)).toEqual(['programmes']);
    expect(refusals[0]!.sv).toMatch(/administratörer/);
    expect(rows(c.admin, 'programmes', 'id')).toEqual(rows(a, 'programmes', 'id'));
  });

  it('does not refuse a new leader’s laptop for its older copy of a seeded programme an administrator has renamed', async () => {
    const s = server();
    const c = await city(s);
    const programme = (await c.admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const { groupCount: _g, createdAt: _c, updatedAt: _u, active: _a, ...editable } = programme;
    await c.admin.t.ok('programmes.update', { ...editable, name: 'Omdöpt av administratören' } as never);
    expect(await c.admin.sync()).toBe(true);
    // Her new laptop holds the seeded name, older than the administrator's: it takes the new one.
    const a = await laptop(s, { personId: c.leader.id, name: 'Lea Ledare', role: 'leader', units: [c.unit.id] });
    expect(await a.sync()).toBe(true);
    expect((await a.t.ok('programmes.list', {})).find((p) => p.id === programme.id)!.name).toBe('Omdöpt av administratören');
    expect(a.laptop.status()).toMatchObject({ refusals: [], lastError: null, unsent: 0, openConflicts: 0 });
    expect(rows(c.admin, 'programmes', 'id')).toEqual(rows(a, 'programmes', 'id'));
  });

  it('refuses a mark that ties a parent of a group the device may write to a session of another unit’s group', async () => {
    const s = server();
    const c = await city(s);
    const programme = (await c.admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const parent = {
      relation: 'mother',
      contact: null,
      enrolmentDate: '2025-03-03',
      consent: 'not_asked',
      consentDate: null,
      childBirthYear: 2019,
      childGender: 'girl',
    } as const;
    // Another unit's group and parent, made on the administrator's machine.
    const theirs = await c.admin.t.ok(
      'groups.create',
      groupInput({ programme, unit: c.other, leaders: [c.leader2], supervisor: c.supervisor } as never) as never,
    );
    expect(await c.admin.sync()).toBe(true);

    const a = await laptop(s, { personId: c.leader.id, name: 'Lea Ledare', role: 'leader', units: [c.unit.id] });
    expect(await a.sync()).toBe(true);
    const ours = await a.t.ok('groups.create', groupInput({ programme, unit: c.unit, leaders: [c.leader], supervisor: c.supervisor } as never) as never);
    const own = await a.t.ok('participants.create', { ...parent, groupId: ours.id, displayName: 'Egen' } as never);
    await a.t.ok('attendance.set', { participantId: own.id, sessionId: ours.sessions[0]!.id, state: 'present' });
    expect(await a.sync()).toBe(true);
    const refusals = () => a.t.app.db.sqlite.prepare('select tables, message_sv as sv from sync_refusals').all() as { tables: string; sv: string }[];
    expect(refusals()).toEqual([]);

    // A tampered copy: a mark for her own parent at the other unit's session, written past the app's own checks.
    const sqlite = a.t.app.db.sqlite;
    sqlite.pragma('foreign_keys = off');
    sqlite
      .prepare("insert into attendance (participant_id, session_id, state, updated_at) values (?, ?, 'present', '2025-03-12T10:00:00.000Z')")
      .run(own.id, theirs.sessions[0]!.id);
    sqlite.pragma('foreign_keys = on');
    a.t.app.events.emit({ source: 'local', entities: ['attendance'] });
    await a.sync();
    expect(refusals().map((r) => r.sv)).toEqual([expect.stringMatching(/en annan grupp/)]);
    expect(await c.admin.sync()).toBe(true);
    const marksAt = (sessionId: string) => c.admin.t.app.db.sqlite.prepare('select count(*) from attendance where session_id = ?').pluck().get(sessionId);
    expect(marksAt(theirs.sessions[0]!.id)).toBe(0);
    // The group's own mark made before it is still there, and the laptop's copy is put back.
    expect(marksAt(ours.sessions[0]!.id)).toBe(1);
    expect(a.t.app.db.sqlite.prepare('select count(*) from attendance where session_id = ?').pluck().get(theirs.sessions[0]!.id)).toBe(0);
  });

  it('refuses a parent added in a group of a unit the device does not belong to as a whole: neither the row nor the name is taken in', async () => {
    const s = server();
    const c = await city(s);
    const programme = (await c.admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const a = await laptop(s, { personId: c.leader.id, name: 'Lea Ledare', role: 'leader', units: [c.unit.id] });
    expect(await a.sync()).toBe(true);
    const group = await a.t.ok('groups.create', groupInput({ programme, unit: c.unit, leaders: [c.leader], supervisor: c.supervisor } as never) as never);
    expect(await a.sync()).toBe(true);

    // The group's supervisor belongs to another unit: she holds the group, not its parents' names.
    const sup = await laptop(s, { personId: c.supervisor.id, name: 'Sara Handledare', role: 'supervisor', units: [c.other.id] });
    expect(await sup.sync()).toBe(true);
    expect(sup.t.app.db.sqlite.prepare('select count(*) from groups where id = ?').pluck().get(group.id)).toBe(1);
    const input = {
      groupId: group.id,
      displayName: 'Utanför Enheten',
      relation: 'mother',
      contact: 'utanfor@example.se',
      enrolmentDate: '2025-03-03',
      consent: 'not_asked',
      consentDate: null,
      childBirthYear: 2019,
      childGender: 'girl',
    } as const;
    // The app says so at once, before anything is written.
    const refused = await sup.t.fail('participants.create', input);
    expect(refused.issues?.[0]?.message.sv ?? refused.message.sv).toMatch(/gruppens egen enhet/);
    expect(sup.t.rowCount('participants')).toBe(0);

    // A copy written past the app's checks (an older version, a tampered file) is refused by the server as a whole.
    const added = { id: crypto.randomUUID() };
    const sqlite = sup.t.app.db.sqlite;
    const familyId = crypto.randomUUID();
    sqlite
      .prepare("insert into families (id, child_birth_year, child_gender, created_at, updated_at) values (?, 2019, 'girl', ?, ?)")
      .run(familyId, '2025-03-12T10:00:00.000Z', '2025-03-12T10:00:00.000Z');
    sqlite
      .prepare(
        `insert into participants (id, person_id, group_id, family_id, display_name, relation, contact, enrolment_date, consent, created_at, updated_at)
         values (?, ?, ?, ?, 'Utanför Enheten', 'mother', 'utanfor@example.se', '2025-03-03', 'not_asked', ?, ?)`,
      )
      .run(added.id, crypto.randomUUID(), group.id, familyId, '2025-03-12T10:00:00.000Z', '2025-03-12T10:00:00.000Z');
    sup.t.app.events.emit({ source: 'local', entities: ['participant'] });
    await sup.sync();
    const refusals = sup.t.app.db.sqlite.prepare('select message_sv as sv from sync_refusals').pluck().all() as string[];
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals).toEqual([expect.stringMatching(/gruppens egen enhet/)]);

    // Nothing of it anywhere: not on the administrator's machine, not in the group's unit, and her copy is put back.
    expect(await c.admin.sync()).toBe(true);
    expect(await a.sync()).toBe(true);
    for (const l of [c.admin, a, sup]) {
      expect(l.t.app.db.sqlite.prepare('select count(*) from participants where id = ?').pluck().get(added.id), l.name).toBe(0);
    }
  });
});
