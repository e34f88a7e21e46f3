import { afterEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../../src-main/contract';
import { syncedTables } from '../../../src-main/core/sync/tables';
import { testLaptop, testServer, type TestLaptop } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';

/**
 * A leader's laptop away from any network for a whole term: a group's participants, every
 * session and every attendance mark entered offline, while colleagues kept editing the same
 * group on the server. On reconnecting everything arrives, nothing waits, and the fields edited
 * on both sides are listed as conflicts. Expected contents come from what the test typed, not
 * from the code under test.
 */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const states = ['present', 'absent', 'absent_with_notice'] as const;
/** The mark the offline laptop gives participant `p` at session `s`. */
const offlineMark = (p: number, s: number) => states[(p * 7 + s * 3) % 5 === 0 ? 1 : (p + s) % 7 === 0 ? 2 : 0]!;

const all = (l: TestLaptop, text: string, ...params: unknown[]) => l.t.app.db.sqlite.prepare(text).all(...params) as Record<string, unknown>[];
const one = (l: TestLaptop, text: string, ...params: unknown[]) =>
  l.t.app.db.sqlite
    .prepare(text)
    .pluck()
    .get(...params);

function tableRows(l: TestLaptop) {
  return Object.fromEntries(
    syncedTables.map((t) => [
      t.name,
      all(l, `select * from "${t.name}" order by ${t.key.map((k) => `"${k}"`).join(', ')}`).map(({ updated_at: _u, ...rest }) => rest),
    ]),
  );
}

describe('a laptop offline for a whole term', () => {
  it(
    'sends thousands of cells on reconnecting, receives what changed meanwhile, and lists the same-field edits as conflicts',
    { timeout: 600_000 },
    async () => {
      const server = testServer();
      cleanups.push(() => server.close());
      const join = async (identity: Parameters<typeof testLaptop>[1]) => {
        // The term is over on every machine's calendar, so all its sessions can be recorded.
        const l = await testLaptop(server, identity, { now: '2026-01-20T12:00:00.000Z' });
        cleanups.push(() => l.close());
        return l;
      };
      const admin = await join({ personId: null, name: 'Admin', role: 'admin', units: [] });
      const unit = await admin.t.ok('units.create', { name: 'Enheten', kind: 'district' });
      const ada = await admin.t.ok('staff.create', { name: 'Ada Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
      const berit = await admin.t.ok('staff.create', { name: 'Berit Ledare', unitId: unit.id, isLeader: true, isSupervisor: false });
      const supervisor = await admin.t.ok('staff.create', { name: 'Sara Handledare', unitId: unit.id, isLeader: false, isSupervisor: true });
      const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
      const group: GroupDetail = await admin.t.ok(
        'groups.create',
        groupInput({ programme, unit, leaders: [ada, berit], supervisor } as never, { startDate: '2025-08-18', note: 'Höstterminen' }) as never,
      );
      const newParticipant = (l: TestLaptop, name: string) =>
        l.t.ok('participants.create', {
          groupId: group.id,
          displayName: name,
          relation: 'mother',
          contact: null,
          enrolmentDate: '2025-08-18',
          consent: 'not_asked',
          consentDate: null,
          childBirthYear: 2019,
          childGender: 'girl',
          allowDuplicate: true,
        } as never);
      const first = [];
      for (const name of ['Alva Först', 'Bo Först', 'Cecilia Först']) first.push(await newParticipant(admin, name));
      expect(await admin.sync()).toBe(true);

      const away = await join({ personId: ada.id, name: ada.name, role: 'leader', units: [unit.id] });
      const office = await join({ personId: berit.id, name: berit.name, role: 'leader', units: [unit.id] });
      expect(await away.sync()).toBe(true);
      expect(await office.sync()).toBe(true);
      await away.offline();
      const sessions = (await away.t.ok('groups.get', { id: group.id })).sessions;
      expect(sessions.length).toBeGreaterThan(5);

      // At the office: the venue changes, and the first session's marks for the first three are entered.
      const g0 = await office.t.ok('groups.get', { id: group.id });
      const update = (l: TestLaptop, g: GroupDetail, over: { venue?: string; note?: string }) =>
        l.t.ok('groups.update', {
          id: g.id,
          programmeId: g.programmeId,
          unitId: g.unitId,
          venue: over.venue ?? g.venue,
          startDate: g.startDate,
          startTime: g.startTime,
          note: over.note ?? g.note,
          leaderIds: g.leaders.map((x) => x.id),
          supervisorId: g.supervisor?.id ?? null,
          status: g.status,
        } as never);
      await update(office, g0, { venue: 'Kulturhuset', note: 'Anteckning från kontoret' });
      for (const p of first)
        await office.t.ok('attendance.set', { participantId: p.id, sessionId: sessions[0]!.id, state: 'absent_with_notice', markHeld: true });
      expect(await office.sync()).toBe(true);

      // Away, later: the whole term.
      const everyone = [...first];
      for (let i = 0; i < 120; i++) everyone.push(await newParticipant(away, `Förälder ${String(i).padStart(3, '0')}`));
      for (const [s, session] of sessions.entries())
        for (const [p, participant] of everyone.entries())
          await away.t.ok('attendance.set', { participantId: participant.id, sessionId: session.id, state: offlineMark(p, s), markHeld: true });
      await update(away, await away.t.ok('groups.get', { id: group.id }), { note: 'Anteckning från terminen ute' });
      away.laptop.afterWrite();
      const waiting = away.laptop.status().unsent;
      expect(waiting).toBeGreaterThan(0);

      const back = await away.laptop.syncNow(120_000);
      expect(back.converged).toBe(true);
      expect(back.sent).toBeGreaterThan(2000);
      expect(await office.sync()).toBe(true);
      const fresh = await join({ personId: berit.id, name: berit.name, role: 'leader', units: [unit.id] });
      expect(await fresh.sync()).toBe(true);

      expect(away.laptop.status().unsent).toBe(0);
      expect(one(away, 'select count(*) from sync_outbox')).toBe(0);
      for (const l of [away, office, fresh]) expect(one(l, 'select count(*) from sync_pending')).toBe(0);

      // What each machine should hold, from what was typed: the later edit stands on each field.
      const expectedMarks = everyone.flatMap((participant, p) =>
        sessions.map((session, s) => ({ participant_id: participant.id, session_id: session.id, state: offlineMark(p, s) })),
      );
      expectedMarks.sort((a, b) => (a.participant_id + a.session_id < b.participant_id + b.session_id ? -1 : 1));
      expect(expectedMarks.length).toBeGreaterThan(1000);
      for (const l of [away, office, fresh]) {
        expect(
          all(
            l,
            'select participant_id, session_id, state from attendance where session_id in (select id from sessions where group_id = ?) order by participant_id || session_id',
            group.id,
          ),
        ).toEqual(expectedMarks);
        expect(all(l, 'select venue, note from groups where id = ?', group.id)).toEqual([{ venue: 'Kulturhuset', note: 'Anteckning från terminen ute' }]);
        expect(all(l, "select count(*) as n from sessions where group_id = ? and status = 'held'", group.id)).toEqual([{ n: sessions.length }]);
        const present = all(l, 'select id, present_count as n from participants where group_id = ? order by id', group.id);
        expect(present).toEqual(
          everyone
            .map((participant, p) => ({ id: participant.id, n: sessions.filter((_s, s) => offlineMark(p, s) === 'present').length }))
            .sort((a, b) => (a.id < b.id ? -1 : 1)),
        );
        const names = all(l, 'select display_name as n from participants where group_id = ? order by display_name', group.id).map((r) => r.n);
        expect(names).toEqual(everyone.map((p) => p.displayName).sort());
      }

      // Edited on both sides without either seeing the other: the note and the first session's three marks.
      const expectedConflicts = [
        ['groups', [JSON.stringify('Anteckning från kontoret'), JSON.stringify('Anteckning från terminen ute')].sort()],
        ...first.map((_p, i) => ['attendance', [JSON.stringify('absent_with_notice'), JSON.stringify(offlineMark(i, 0))].sort()]),
      ].map((c) => JSON.stringify(c));
      for (const l of [away, office, fresh]) {
        const listed = l.laptop.conflicts(false).map((c) => JSON.stringify([c.tbl, [c.valueA, c.valueB].sort()]));
        expect(listed.sort()).toEqual(expectedConflicts.sort());
      }

      const [a, ...rest] = [away, office, fresh].map(tableRows);
      for (const other of rest) for (const t of syncedTables) expect(other![t.name], t.name).toEqual(a![t.name]);
    },
  );
});
