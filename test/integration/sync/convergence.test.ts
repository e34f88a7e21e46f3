import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncedTables } from '../../../src-main/core/sync/tables';
import type { GroupDetail, Participant } from '../../../src-main/contract';
import { testLaptop, testServer, type TestLaptop } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';

/**
 * Three leaders of one unit and the group's supervisor from another unit edit the same group
 * through Komet's own services, each online or offline at random, then all sync. Whatever the
 * order, the leaders' laptops end with the same rows in every synced table (derived columns
 * included) and the same conflict list, and the supervisor's with the same rows within her scope:
 * everything but the parents' names and contacts, which she holds by pseudonym.
 */
type Op =
  | { kind: 'mark'; device: number; p: number; s: number; state: number }
  | { kind: 'rename'; device: number; p: number; text: number }
  | { kind: 'note'; device: number; text: number }
  | { kind: 'status'; device: number; p: number; auto: boolean }
  | { kind: 'fidelity'; device: number; s: number; covered: number; text: number }
  | { kind: 'add'; device: number; text: number }
  | { kind: 'delete'; device: number; p: number }
  | { kind: 'sync'; device: number }
  | { kind: 'offline'; device: number };

const device = fc.integer({ min: 0, max: 3 });
const small = fc.integer({ min: 0, max: 5 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('mark' as const), device, p: small, s: fc.integer({ min: 0, max: 1 }), state: fc.integer({ min: 0, max: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), device, p: small, text: small }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), device, text: small }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), device, p: small, auto: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fidelity' as const),
      device,
      s: fc.integer({ min: 0, max: 1 }),
      covered: fc.integer({ min: 0, max: 31 }),
      text: small,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), device, text: small }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, p: small }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline' as const), device }) },
);

const states = ['present', 'absent', 'absent_with_notice', null] as const;
const words = ['Alva', 'Bo', 'Cecilia', 'Dan', 'Eira', 'Frans'];

function tableRows(l: TestLaptop) {
  const sqlite = l.t.app.db.sqlite;
  return Object.fromEntries(
    syncedTables.map((t) => [
      t.name,
      (sqlite.prepare(`select * from "${t.name}" order by ${t.key.map((k) => `"${k}"`).join(', ')}`).all() as Record<string, unknown>[]).map(
        ({ updated_at: _u, ...rest }) => rest,
      ),
    ]),
  );
}

async function run(ops: Op[]): Promise<void> {
  const server = testServer();
  const nodes: TestLaptop[] = [];
  try {
    const admin = await testLaptop(server, { personId: null, name: 'Admin', role: 'admin', units: [] });
    nodes.push(admin);
    const unit = await admin.t.ok('units.create', { name: 'Enheten', kind: 'district' });
    const leaders = [];
    for (const n of ['Ada', 'Berit', 'Cilla'])
      leaders.push(await admin.t.ok('staff.create', { name: n, unitId: unit.id, isLeader: true, isSupervisor: false }));
    const other = await admin.t.ok('units.create', { name: 'Andra enheten', kind: 'district' });
    const supervisor = await admin.t.ok('staff.create', { name: 'Sara', unitId: other.id, isLeader: false, isSupervisor: true });
    const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const group: GroupDetail = await admin.t.ok(
      'groups.create',
      groupInput({ programme, unit, leaders: leaders.slice(0, 2), supervisor } as never, { startDate: '2025-02-24' }) as never,
    );
    for (const name of words.slice(0, 4)) {
      await admin.t.ok('participants.create', {
        groupId: group.id,
        displayName: name,
        relation: 'mother',
        contact: null,
        enrolmentDate: '2025-02-24',
        consent: 'not_asked',
        consentDate: null,
        childBirthYear: 2019,
        childGender: 'girl',
      } as never);
    }
    expect(await admin.sync()).toBe(true);
    await admin.offline();

    const laptops: TestLaptop[] = [];
    for (const l of leaders) laptops.push(await testLaptop(server, { personId: l.id, name: l.name, role: 'leader', units: [unit.id] }));
    laptops.push(await testLaptop(server, { personId: supervisor.id, name: supervisor.name, role: 'supervisor', units: [other.id] }));
    nodes.push(...laptops);
    for (const l of laptops) expect(await l.sync()).toBe(true);
    const reason = (await laptops[0]!.t.ok('dropoutReasons.list', {}))[0]!.id;

    for (const o of ops) {
      const l = laptops[o.device]!;
      const participants: Participant[] = await l.t.ok('participants.list', { groupId: group.id });
      const sessions = (await l.t.ok('groups.get', { id: group.id })).sessions;
      const p = participants[('p' in o ? o.p : 0) % Math.max(1, participants.length)];
      // Refusals by the services (a cancelled session, a participant with marks) are part of the game.
      const call = (name: string, input: unknown) => l.t.app.call(name, input);
      switch (o.kind) {
        case 'mark':
          if (p) await call('attendance.set', { participantId: p.id, sessionId: sessions[o.s]!.id, state: states[o.state] });
          break;
        case 'rename':
          if (p)
            await call('participants.update', {
              id: p.id,
              displayName: `${words[o.text]} ${o.device}`,
              relation: p.relation,
              contact: p.contact,
              familyId: p.family.id,
              childBirthYear: null,
              childGender: null,
              enrolmentDate: p.enrolmentDate,
              consent: p.consent,
              consentDate: p.consentDate,
              allowDuplicate: true,
            });
          break;
        case 'note': {
          const g = await l.t.ok('groups.get', { id: group.id });
          await call('groups.update', {
            id: g.id,
            programmeId: g.programmeId,
            unitId: g.unitId,
            venue: g.venue,
            startDate: g.startDate,
            startTime: g.startTime,
            note: `${words[o.text]} från ${o.device}`,
            leaderIds: g.leaders.map((x) => x.id),
            supervisorId: g.supervisor?.id ?? null,
            status: g.status,
          });
          break;
        }
        case 'status':
          if (p)
            await call(
              'participants.setStatus',
              o.auto ? { id: p.id, status: 'auto' } : { id: p.id, status: 'dropped_out', reasonId: reason, lastSessionNumber: null },
            );
          break;
        case 'fidelity': {
          const f = await l.t.ok('fidelity.get', { sessionId: sessions[o.s]!.id });
          await call('fidelity.record', {
            sessionId: sessions[o.s]!.id,
            covered: f.components.filter((_c, i) => (o.covered >> i) & 1).map((c) => c.key),
            note: words[o.text],
          });
          break;
        }
        case 'add':
          await call('participants.create', {
            groupId: group.id,
            displayName: `${words[o.text]} ny ${o.device}`,
            relation: 'father',
            contact: null,
            enrolmentDate: '2025-02-24',
            consent: 'not_asked',
            consentDate: null,
            childBirthYear: null,
            childGender: null,
            allowDuplicate: true,
          });
          break;
        case 'delete':
          if (p) await call('participants.delete', { id: p.id });
          break;
        case 'sync':
          await l.sync();
          break;
        case 'offline':
          await l.offline();
          break;
      }
      l.laptop.afterWrite();
    }

    for (let round = 0; round < 2; round++) for (const l of laptops) expect(await l.sync()).toBe(true);
    const [first, ...rest] = laptops.slice(0, 3).map(tableRows);
    for (const leader of rest) for (const t of syncedTables) expect(leader![t.name], t.name).toEqual(first![t.name]);
    const theirs = tableRows(laptops[3]!);
    const withoutNames = (rows: Record<string, unknown>[]) => rows.map(({ display_name: _n, contact: _c, ...rest }) => rest);
    for (const t of syncedTables)
      if (t.name === 'participants') expect(withoutNames(theirs[t.name]!), t.name).toEqual(withoutNames(first![t.name]!));
      else if (t.name === 'sync_conflicts') {
        // A clash over a parent's name or contact stays with those who hold names.
        const aboutNames = (r: Record<string, unknown>) => r.tbl === 'participants' && (r.cell === 'display_name' || r.cell === 'contact');
        expect(theirs[t.name], t.name).toEqual(first![t.name]!.filter((r) => !aboutNames(r)));
      } else expect(theirs[t.name], t.name).toEqual(first![t.name]);
    const names = new Set(first!.participants!.map((r) => r.display_name));
    for (const r of theirs.participants!) expect(names.has(r.display_name), 'a parent’s name on the supervisor’s laptop').toBe(false);
    // Nothing is held back except marks for a participant another laptop deleted (their parent will not come).
    for (const l of laptops) {
      const held = l.t.app.db.sqlite.prepare("select count(*) from sync_pending where tbl <> 'attendance' or waits_tbl <> 'participants'").pluck().get();
      expect(held).toBe(0);
    }
  } finally {
    for (const n of nodes) await n.close();
    await server.close();
  }
}

// Seed 7 found a held session left without its count on one machine (fidelity recorded on a
// session marked while still planned); it stays as a second seed so that case is kept.
const seeds = process.env.KOMET_SYNC_SEED ? [Number(process.env.KOMET_SYNC_SEED)] : [20261202, 7];

describe('convergence', () => {
  for (const seed of seeds)
    it(
      `three leaders and a supervisor from another unit, editing one group offline and online, end with identical tables and conflict lists within their scopes (seed ${seed})`,
      { timeout: 600_000 },
      async () => {
        await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), run), {
          numRuns: Number(process.env.KOMET_SYNC_RUNS ?? 15),
          seed,
          endOnFailure: true,
        });
      },
    );
});
