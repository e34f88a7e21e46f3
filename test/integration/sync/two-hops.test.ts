import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/core/clock';
import { createRepos } from '../../../src-main/core/repos';
import { createLaptopSync } from '../../../src-main/core/sync/laptop';
import { runKomet } from '../../helpers/cli';
import { createTestApp, makeTempDir } from '../../helpers/db';
import { dbPath, serverCli, startServerProcess, type ServerProcess } from '../../helpers/sync-processes';
import { groupInput } from '../fixtures';
import { addParticipant } from '../participants-fixtures';

/**
 * Laptop → unit server → city: a leader whose unit has its own server records a group there;
 * the city's administrator then holds it (without the parents' names) and exports the whole city.
 */
const root = makeTempDir('komet-two-hops-');
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers.reverse()) await s.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const q = <T>(file: string, text: string, ...params: unknown[]): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(text).all(...params) as T[];
  } finally {
    db.close();
  }
};

/** A failing command's own words are the first thing to read when this test fails. */
function expectOk(r: { code: number | null; stdout: string; stderr: string }): void {
  expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
}

function enrol(dir: string, args: string[]): string {
  const r = serverCli(['enrol', '--data', dir, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

async function waitFor<T>(attempt: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('two hops', () => {
  it('a leader’s group goes laptop → unit server → city, and the city’s administrator exports the whole city', { timeout: 240_000 }, async () => {
    const cityDir = path.join(root, 'city');
    expectOk(serverCli(['init', '--data', cityDir, '--name', 'Staden']));
    const city = await startServerProcess(cityDir);
    servers.push(city);
    const adminDb = dbPath(root, 'admin');
    fs.mkdirSync(path.dirname(adminDb), { recursive: true });
    expect(runKomet(['demo', '--db', adminDb, '--unencrypted', '--scale', '0.1', '--seed', '3']).code).toBe(0);
    expect(runKomet(['sync', 'join', '--db', adminDb, '--code', enrol(cityDir, ['--name', 'Admin', '--role', 'admin'])]).code).toBe(0);

    const leader = q<{ id: string; name: string; unitId: string; unit: string }>(
      adminDb,
      `select s.id, s.name, s.unit_id as unitId, u.name as unit from staff s join units u on u.id = s.unit_id where s.is_leader = 1
       order by (select count(*) from groups g where g.unit_id = s.unit_id) desc, s.id limit 1`,
    )[0]!;

    // The unit's own server, enrolled at the city for that unit.
    const unitDir = path.join(root, 'unit');
    expectOk(serverCli(['init', '--data', unitDir, '--name', 'Enhetsservern']));
    const upstreamCode = enrol(cityDir, ['--name', 'Enhetsservern', '--role', 'unit-server', '--unit', leader.unit]);
    const twin = serverCli(['enrol', '--data', cityDir, '--name', 'Enhetsservern', '--role', 'unit-server', '--unit', leader.unit]);
    expect(twin.code).toBe(0);
    const unit = await startServerProcess(unitDir, ['--upstream-code', upstreamCode]);
    servers.push(unit);
    // Once the city's reference data has reached the unit server, its staff can be enrolled there.
    const code = await waitFor(() => {
      const r = serverCli(['enrol', '--data', unitDir, '--name', leader.id, '--role', 'leader']);
      return r.code === 0 ? r.stdout.trim() : undefined;
    });
    // A second unit server under the same name is refused while the first is enrolled: a new
    // code is not made, and a code made before cannot be spent.
    const second = serverCli(['enrol', '--data', cityDir, '--name', 'Enhetsservern', '--role', 'unit-server', '--unit', leader.unit]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/redan en enhetsserver.*already a unit server/);
    const twinDir = path.join(root, 'twin');
    expectOk(serverCli(['init', '--data', twinDir, '--name', 'Enhetsservern']));
    const twinStart = runKomet(['server', 'start', '--data', twinDir, '--upstream-code', twin.stdout.trim()], {
      KOMET_SERVER_PASSPHRASE: 'server passphrase for tests',
    });
    expect(twinStart.code).toBe(1);
    expect(twinStart.stderr).toMatch(/samma namn.*same name/);

    const t = createTestApp({ now: '2025-03-12T10:00:00.000Z' });
    const laptop = createLaptopSync({ db: t.app.db, repos: createRepos(t.app.db, systemClock), clock: systemClock });
    try {
      await laptop.join(code);
      expect((await laptop.syncNow(60_000)).converged).toBe(true);
      const groupsHere = q<{ n: number }>(adminDb, 'select count(*) as n from groups where unit_id = ?', leader.unitId)[0]!.n;
      expect(t.app.db.sqlite.prepare('select count(*) from groups').pluck().get()).toBe(groupsHere);

      const programme = (await t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
      const unitRow = (await t.ok('units.list', {})).find((u) => u.id === leader.unitId)!;
      const me = (await t.ok('staff.list', {})).find((s) => s.id === leader.id)!;
      const group = await t.ok(
        'groups.create',
        groupInput({ programme, unit: unitRow, leaders: [me], supervisor: { id: null } } as never, { startDate: '2025-03-03' }) as never,
      );
      const p = await addParticipant(t, group.id, { displayName: 'Tvåhopp Testsson', contact: null, enrolmentDate: '2025-03-03', consentDate: '2025-03-03' });
      await t.ok('attendance.set', { participantId: p.id, sessionId: group.sessions[0]!.id, state: 'present', markHeld: true });
      laptop.afterWrite();
      expect((await laptop.syncNow(60_000)).converged).toBe(true);

      // The unit server passes it on by itself; the city's administrator picks it up.
      const arrived = await waitFor(() => {
        const r = runKomet(['sync', 'now', '--db', adminDb, '--json']);
        expect(r.code, r.stderr).toBe(0);
        return q<{ n: number }>(adminDb, "select count(*) as n from attendance where participant_id = ? and state = 'present'", p.id)[0]!.n === 1
          ? true
          : undefined;
      });
      expect(arrived).toBe(true);

      // Both servers' audit trails name the leader for the mark; the city also names the unit
      // server that passed it on. Neither holds a value, so the parent's name is in neither.
      const auditOf = (dir: string) => {
        const r = serverCli(['audit', '--data', dir, '--json']);
        expectOk(r);
        expect(r.stdout).not.toContain('Tvåhopp');
        return (JSON.parse(r.stdout) as Array<{ who: string; table: string; rowId: string; cells: string[] }>).filter(
          (l) => l.table === 'attendance' && l.rowId.includes(p.id),
        );
      };
      expect(auditOf(unitDir).map((l) => l.who)).toEqual([leader.name]);
      const cityLines = await waitFor(() => {
        const lines = auditOf(cityDir);
        return lines.length ? lines : undefined;
      });
      expect(cityLines.map((l) => l.who)).toEqual([`${leader.name} via Enhetsservern`]);
      expect(cityLines[0]!.cells).toContain('state');
      expect(
        q<{ name: string; present: number }>(adminDb, 'select display_name as name, present_count as present from participants where id = ?', p.id)[0],
      ).toEqual({ name: `#${p.id.slice(0, 8)}`, present: 1 });

      const out = path.join(root, 'city.age');
      const exported = runKomet(
        ['export', '--db', adminDb, '--passphrase-env', 'EXPORT_PASS', '--out', out, '--allow-below-k', '--reason', 'test of the whole city'],
        { EXPORT_PASS: 'export passphrase 123' },
      );
      expect(exported.code, exported.stderr).toBe(0);
      const groupsExported = Number(/groups\.csv\s+(\d+)/.exec(exported.stdout)?.[1]);
      expect(groupsExported).toBe(q<{ n: number }>(adminDb, 'select count(*) as n from groups')[0]!.n);
      expect(q<{ n: number }>(adminDb, 'select count(distinct unit_id) as n from groups')[0]!.n).toBeGreaterThan(1);
    } finally {
      await laptop.close();
      t.close();
    }
  });
});
