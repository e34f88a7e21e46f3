import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startKomet } from '../../src-main/app/komet-app';
import { fixedClock } from '../../src-main/core/clock';
import { contract } from '../../src-main/contract';
import { createRepos } from '../../src-main/core/repos';
import { withDerivedTablesRebuiltAfter } from '../../src-main/core/repos/bulk-write';
import { createServices } from '../../src-main/core/services';
import type { LeadersChangesRepo } from '../../src-main/core/repos/leaders-changes';
import { createTestApp, testNow, type TestApp } from '../helpers/db';
import { bridgedLaptop, linkBridges, linkInMemory, settle } from '../helpers/sync-memory';
import { groupSetup, makeGroup, makeProgramme, makeStaff, updateInput } from './fixtures';
import { world } from './leaders-fixtures';
import { addParticipant } from './participants-fixtures';

// The overview keeps every leader's row and, after a write, reads again only the leaders the write
// reached. After each kind of write, its answer must equal what a fresh app computes from scratch
// on the same file, and the write must reach exactly the leaders it concerns.
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const everyone = { includeArchived: true, sort: 'name' } as const;

/** The overview computed from nothing: a new read-only app on the same database file. */
async function fromScratch(t: TestApp) {
  const fresh = startKomet({ databasePath: t.app.databasePath, shell: 'test', readOnly: true, clock: fixedClock(testNow) });
  try {
    const result = await fresh.call('leaders.overview', everyone);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  } finally {
    fresh.close();
  }
}

/** Runs a write and checks whom it reached, then that the kept overview equals one from scratch. */
function stepper(t: TestApp, changes: LeadersChangesRepo, names: Map<string, string>) {
  return async (label: string, reaches: string[] | 'all', write: () => Promise<unknown>) => {
    const from = changes.start();
    await write();
    const noted = changes.after(from, Number.MAX_SAFE_INTEGER);
    const reached = noted.all ? 'all' : noted.leaderIds.map((id) => names.get(id) ?? id).sort();
    expect(reached, label).toEqual(reaches === 'all' ? 'all' : [...reaches].sort());
    const kept = await t.ok('leaders.overview', everyone);
    expect(kept, label).toEqual(await fromScratch(t));
  };
}

describe('the kept overview after each kind of write', () => {
  it('equals a full recompute and re-reads only the leaders a write reached', async () => {
    const t = createTestApp();
    cleanups.push(() => t.close());
    const w = await world(t);
    const cilla = await makeStaff(t, { name: 'Cilla Ny', unitId: w.unit.id });
    const dan = await makeStaff(t, { name: 'Dan Ro' });
    const second = await makeProgramme(t, { sessionCount: 4 });
    const g2 = await makeGroup(t, { ...w, programme: second, leaders: [cilla] }, { startDate: '2025-02-03' });
    const names = new Map([
      [w.anna.id, 'anna'],
      [w.bo.id, 'bo'],
      [cilla.id, 'cilla'],
      [dan.id, 'dan'],
      [w.sara.id, 'sara'],
    ]);
    const changes = createRepos(t.app.db, fixedClock(testNow)).leadersChanges;
    const step = stepper(t, changes, names);
    // The first read computes everyone; every later one works from the kept rows.
    expect(await t.ok('leaders.overview', everyone)).toEqual(await fromScratch(t));

    const g1 = w.group;
    const s = g1.sessions;
    let pid = '';
    await step('a participant enrols', ['anna', 'bo'], async () => (pid = (await addParticipant(t, g1.id, { enrolmentDate: '2025-01-06' })).id));
    await step('attendance is marked', ['anna', 'bo'], () =>
      t.ok('attendance.set', { participantId: pid, sessionId: s[0]!.id, state: 'present', markHeld: true }),
    );
    await step('a whole column is marked', ['anna', 'bo'], () => t.ok('attendance.setColumn', { sessionId: s[1]!.id, state: 'absent', markHeld: true }));
    await step('a session is recorded as held', ['anna', 'bo'], () =>
      t.ok('sessions.record', { id: s[2]!.id, status: 'held', heldDate: s[2]!.plannedDate, participantCount: 5 }),
    );
    await step('fidelity is recorded', ['anna', 'bo'], () => t.ok('fidelity.record', { sessionId: s[0]!.id, covered: ['theme'] }));
    await step('fidelity is cleared', ['anna', 'bo'], () => t.ok('fidelity.clear', { sessionId: s[0]!.id }));
    await step('a session moves', ['anna', 'bo'], () => t.ok('sessions.move', { id: s[4]!.id, plannedDate: '2025-02-10' }));
    let extra = '';
    await step(
      'an extra session is added',
      ['anna', 'bo'],
      async () => (extra = (await t.ok('sessions.addExtra', { groupId: g1.id, plannedDate: '2025-02-17' })).id),
    );
    await step('the extra session is removed', ['anna', 'bo'], () => t.ok('sessions.delete', { id: extra }));
    const reason = (await t.ok('dropoutReasons.list', {}))[0]!.id;
    await step('a participant drops out', ['anna', 'bo'], () =>
      t.ok('participants.setStatus', { id: pid, status: 'dropped_out', reasonId: reason, lastSessionNumber: 1 }),
    );
    let moved = '';
    await step('a participant moves to another group', ['anna', 'bo', 'cilla'], async () => {
      moved = (await t.ok('participants.move', { id: pid, toGroupId: g2.id, enrolmentDate: '2025-02-03' })).id;
    });
    await step('a participant is erased', ['anna', 'bo', 'cilla'], () => t.ok('participants.erase', { id: moved }));

    let sup = '';
    const supervision = { date: '2025-02-10', supervisorId: w.sara.id, format: 'group', mode: 'in_person', notes: '' } as const;
    await step('supervision is recorded', ['anna', 'bo'], async () => {
      sup = (
        await t.ok('supervision.create', {
          ...supervision,
          leaders: [
            { leaderId: w.anna.id, rating: 3 },
            { leaderId: w.bo.id, rating: 2 },
          ],
          groupIds: [g1.id],
        })
      ).id;
    });
    let followUp = '';
    await step('a follow-up for the whole supervision group', ['anna', 'bo'], async () => {
      followUp = (await t.ok('followUps.add', { supervisionId: sup, text: 'Repetera hemuppgifterna', dueDate: '2025-02-20', leaderId: null })).id;
    });
    await step('a follow-up for one leader', ['anna', 'bo'], () =>
      t.ok('followUps.add', { supervisionId: sup, text: 'Öva rollspel', dueDate: '2025-02-20', leaderId: w.anna.id }),
    );
    await step('a follow-up is done', ['anna', 'bo'], () => t.ok('followUps.setDone', { id: followUp, done: true }));
    await step('supervision changes leaders and groups', ['anna', 'bo', 'cilla'], () =>
      t.ok('supervision.update', {
        id: sup,
        ...supervision,
        leaders: [
          { leaderId: w.anna.id, rating: 4 },
          { leaderId: cilla.id, rating: null },
        ],
        groupIds: [g2.id],
      }),
    );
    await step('supervision about no group', ['anna', 'cilla'], () =>
      t.ok('supervision.update', {
        id: sup,
        ...supervision,
        leaders: [
          { leaderId: w.anna.id, rating: 4 },
          { leaderId: cilla.id, rating: 1 },
        ],
        groupIds: [],
      }),
    );
    await step('supervision is removed', ['anna', 'cilla'], () => t.ok('supervision.delete', { id: sup }));

    await step('a leader is renamed', ['bo'], () =>
      t.ok('staff.update', { id: w.bo.id, name: 'Bo Åkesson', unitId: null, isLeader: true, isSupervisor: false }),
    );
    await step('a leader is archived', ['bo'], () => t.ok('staff.setActive', { id: w.bo.id, active: false }));
    await step("a group's leaders change", ['anna', 'bo', 'dan'], () => t.ok('groups.update', updateInput(g1, { leaderIds: [w.anna.id, dan.id] })));
    const g1now = await t.ok('groups.get', { id: g1.id });
    await step('a group is completed', ['anna', 'dan'], () => t.ok('groups.update', updateInput(g1now, { status: 'completed' })));
    await step('a group stops tracking attendance', ['anna', 'dan'], () => t.ok('groups.setTracksAttendance', { id: g1.id, tracksAttendance: false }));

    let courseId = '';
    const courseFields = { title: 'Gruppledarutbildning', trainerName: 'Extern psykolog', dates: ['2025-01-07', '2025-01-08'] };
    await step('a course is planned', [], async () => (courseId = (await t.ok('courses.create', { programmeId: w.programme.id, ...courseFields })).id));
    await step('course days are attended', ['dan'], () => t.ok('courses.setAttendance', { courseId, leaderId: dan.id, dates: ['2025-01-07', '2025-01-08'] }));
    await step("a course's programme changes", ['dan'], () => t.ok('courses.update', { id: courseId, programmeId: second.id, ...courseFields }));
    await step('a course is removed', ['dan'], () => t.ok('courses.delete', { id: courseId }));
    let cert = '';
    await step('a leader is certified', ['anna'], async () => {
      cert = (
        await t.ok('certifications.certify', {
          leaderId: w.anna.id,
          programmeId: w.programme.id,
          date: '2025-03-12',
          supervisorId: w.sara.id,
          overrideReason: 'Lång erfarenhet från liknande program',
        })
      ).id;
    });
    await step('a certification is withdrawn', ['anna'], () => t.ok('certifications.delete', { id: cert }));

    await step('the pathway requirements change', 'all', () =>
      t.ok('pathwayRequirements.update', {
        programmeId: w.programme.id,
        minCourseDays: 1,
        requireSupervisedGroup: false,
        supervisedGroupMinHeldPercent: 50,
        minSupervisionSessions: 0,
      }),
    );
    await step('the attention limits change', 'all', () =>
      t.ok('leaderSettings.update', { inactiveAfterMonths: 12, noSupervisionWeeks: 2, lowAttendancePercent: 90, lowFidelityPercent: 90 }),
    );
    const programme = (await t.ok('programmes.list', {})).find((p) => p.id === second.id)!;
    await step('a programme is renamed', 'all', () =>
      t.ok('programmes.update', {
        id: programme.id,
        name: programme.name,
        code: 'TX',
        audience: programme.audience,
        sessionCount: programme.sessionCount,
        sessionLengthMinutes: programme.sessionLengthMinutes,
        childAgeMin: programme.childAgeMin,
        childAgeMax: programme.childAgeMax,
      } as never),
    );
    // Cilla belongs to the unit; every group there is led by Anna and Dan (the first) or Cilla.
    await step('a unit is renamed', ['anna', 'cilla', 'dan'], () => t.ok('units.update', { id: w.unit.id, name: 'Rinkeby-Kista', kind: 'district' }));
    let eva = '';
    await step('a leader is added', ['eva'], async () => {
      eva = (await makeStaff(t, { name: 'Eva Sund' })).id;
      names.set(eva, 'eva');
    });
    await step('a leader is removed', ['eva'], () => t.ok('staff.delete', { id: eva }));
    await step('a group is removed', ['cilla'], () => t.ok('groups.delete', { id: g2.id }));

    // Another connection (the CLI beside the app) is not seen by the triggers: the overview notices
    // it by the database's data version and reads everyone again.
    const other = new Database(t.app.databasePath);
    try {
      other.prepare('update staff set name = ? where id = ?').run('Dan Rosén', dan.id);
    } finally {
      other.close();
    }
    const kept = await t.ok('leaders.overview', everyone);
    expect(kept.rows.find((r) => r.leaderId === dan.id)!.name).toBe('Dan Rosén');
    expect(kept).toEqual(await fromScratch(t));
  });

  it('read ahead step by step, with writes between its steps or a call before its end, equals a full recompute', async () => {
    const t = createTestApp();
    cleanups.push(() => t.close());
    const w = await world(t);
    const s = w.group.sessions;
    const input = contract['leaders.overview'].input.parse(everyone);
    // The shells' reading ahead: another set of services on the same connection, its steps taken
    // by hand, and the app's own procedures writing between them.
    const ahead = () => createServices(t.app.db, { clock: fixedClock(testNow), audit: { record: () => undefined } }).leaders;
    const writes: (() => Promise<unknown>)[] = [
      () => addParticipant(t, w.group.id, { enrolmentDate: '2025-01-06' }),
      () => t.ok('sessions.record', { id: s[2]!.id, status: 'held', heldDate: s[2]!.plannedDate, participantCount: 5 }),
      () => makeStaff(t, { name: 'Cilla Ny', unitId: w.unit.id }),
      () => t.ok('fidelity.record', { sessionId: s[0]!.id, covered: ['theme'] }),
      () => t.ok('staff.update', { id: w.bo.id, name: 'Bo Berg', unitId: null, isLeader: true, isSupervisor: false }),
    ];
    const warmed = ahead();
    let steps = 0;
    while (warmed.warmStep()) await writes[steps++]?.();
    expect(steps).toBeGreaterThan(writes.length);
    expect(warmed.warmStep()).toBe(false);
    expect(warmed.overview(input)).toEqual(await fromScratch(t));

    // A call before the last step finishes the reading, then takes the writes made meanwhile.
    const cut = ahead();
    expect(cut.warmStep()).toBe(true);
    expect(cut.warmStep()).toBe(true);
    await t.ok('sessions.record', { id: s[3]!.id, status: 'held', heldDate: s[3]!.plannedDate, participantCount: 4 });
    expect(cut.overview(input)).toEqual(await fromScratch(t));
    expect(cut.warmStep()).toBe(false);
  });

  it('notes a write made with or ignore again, past what a reader has seen', async () => {
    const t = createTestApp();
    cleanups.push(() => t.close());
    const w = await world(t);
    const cilla = await makeStaff(t, { name: 'Cilla Ny', unitId: w.unit.id });
    const g2 = await makeGroup(t, { ...w, leaders: [cilla] }, { startDate: '2025-02-03' });
    const changes = createRepos(t.app.db, fixedClock(testNow)).leadersChanges;
    const names = new Map([
      [w.anna.id, 'anna'],
      [w.bo.id, 'bo'],
      [cilla.id, 'cilla'],
    ]);
    const step = stepper(t, changes, names);
    const sqlite = t.app.db.sqlite;
    expect(await t.ok('leaders.overview', everyone)).toEqual(await fromScratch(t));
    // Anna is noted (the last note), and the overview reads past it.
    await step('a leader is renamed', ['anna'], async () => sqlite.prepare("update staff set name = 'Anna Ny' where id = ?").run(w.anna.id));
    // Written again by statements whose own conflict clause the triggers' notes would take: each
    // must note her again under a number after the one read, and the kept row must follow.
    await step('an or ignore insert makes her a leader of a second group', ['anna'], async () =>
      sqlite.prepare('insert or ignore into group_leaders (group_id, staff_id, created_at) values (?, ?, ?)').run(g2.id, w.anna.id, testNow),
    );
    await step('an or ignore update renames her again', ['anna'], async () =>
      sqlite.prepare("update or ignore staff set name = 'Anna Åter' where id = ?").run(w.anna.id),
    );
    await step('an or replace insert of the same row', ['anna'], async () =>
      sqlite.prepare('insert or replace into group_leaders (group_id, staff_id, created_at) values (?, ?, ?)').run(g2.id, w.anna.id, testNow),
    );
  });

  it('equals a full recompute after sync applied another laptop’s changes', async () => {
    const clock = fixedClock(testNow);
    const a = bridgedLaptop(cleanups, 'a', clock);
    const b = bridgedLaptop(cleanups, 'b', clock);
    const setup = await groupSetup(a.t);
    const link = await linkBridges(cleanups, a.bridge, b.bridge);
    const before = await b.t.ok('leaders.overview', everyone);
    expect(before.rows.map((r) => r.name)).toEqual(['Anna Lind', 'Bo Ek']);

    const changes = createRepos(b.t.app.db, clock).leadersChanges;
    const from = changes.start();
    const group = await makeGroup(a.t, setup, { startDate: '2025-01-06' });
    const p = await addParticipant(a.t, group.id, { enrolmentDate: '2025-01-06' });
    await a.t.ok('attendance.set', { participantId: p.id, sessionId: group.sessions[0]!.id, state: 'present', markHeld: true });
    await a.t.ok('supervision.create', {
      date: '2025-01-20',
      supervisorId: setup.supervisor.id,
      format: 'group',
      mode: 'in_person',
      notes: '',
      leaders: [{ leaderId: setup.leaders[0]!.id, rating: 3 }],
      groupIds: [group.id],
    });
    a.bridge.captureLocal();
    linkInMemory(a.bridge, b.bridge, link.linked);
    await settle(200);

    const noted = changes.after(from, Number.MAX_SAFE_INTEGER);
    expect(noted.all).toBe(false);
    expect([...noted.leaderIds].sort()).toEqual(setup.leaders.map((l) => l.id).sort());
    const kept = await b.t.ok('leaders.overview', everyone);
    expect(kept.rows.find((r) => r.name === 'Anna Lind')).toMatchObject({ runningGroups: 1, lastSupervisionDate: '2025-01-20', meanAttendance: 1 });
    expect(kept).toEqual(await fromScratch(b.t));
  });
});

describe("the overview's notes in a bulk write", () => {
  it('are set aside for one note that everything changed, and note single writes again afterwards', async () => {
    const t = createTestApp();
    cleanups.push(() => t.close());
    const w = await world(t);
    const changes = createRepos(t.app.db, fixedClock(testNow)).leadersChanges;
    const sqlite = t.app.db.sqlite;
    expect(await t.ok('leaders.overview', everyone)).toEqual(await fromScratch(t));
    const from = changes.start();
    const staff = sqlite.prepare('select id from staff order by id').pluck().all() as string[];
    expect(staff.length).toBeGreaterThan(2);
    // Each row would be noted on its own (a leader each, and the group of every session).
    withDerivedTablesRebuiltAfter(t.app.db, () => {
      for (const id of staff) sqlite.prepare("update staff set name = name || ' X' where id = ?").run(id);
      sqlite.prepare("update sessions set updated_at = '2026-01-01' where group_id = ?").run(w.group.id);
    });
    const notes = sqlite.prepare('select kind, id from temp.leaders_changes where seq > ?').all(from);
    expect(notes).toEqual([{ kind: 'a', id: '' }]);
    expect(changes.after(from, Number.MAX_SAFE_INTEGER)).toMatchObject({ all: true, leaderIds: [] });
    expect(await t.ok('leaders.overview', everyone)).toEqual(await fromScratch(t));

    const next = changes.start();
    sqlite.prepare("update staff set name = 'Anna Åter' where id = ?").run(w.anna.id);
    expect(changes.after(next, Number.MAX_SAFE_INTEGER)).toMatchObject({ all: false, leaderIds: [w.anna.id] });
    expect(await t.ok('leaders.overview', everyone)).toEqual(await fromScratch(t));
  });
});
