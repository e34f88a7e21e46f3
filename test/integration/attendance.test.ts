import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { updateInput } from './fixtures';
import { addParticipant, groupWith, markRow, participant } from './participants-fixtures';

// Test clock: 2025-03-12. Sessions: 1 on 03-03, 2 on 03-10 (both past), 3 on 03-17, 4 on 03-24.
let t: TestApp;
let g: GroupDetail;
beforeEach(async () => {
  t = createTestApp();
  ({ group: g } = await groupWith(t, 4));
});
afterEach(() => t.close());

const s = (n: number) => g.sessions[n - 1]!;
const sessionRow = async (n: number) => (await t.ok('attendance.grid', { groupId: g.id })).sessions[n - 1]!;

describe('attendance.set', () => {
  it('saves a cell without recording the session held; recorded held on its date, it derives individuals and families', async () => {
    const mother = await addParticipant(t, g.id);
    const father = await addParticipant(t, g.id, { relation: 'father', familyId: mother.family.id });
    const other = await addParticipant(t, g.id);
    const r = await t.ok('attendance.set', { participantId: mother.id, sessionId: s(1).id, state: 'present' });
    // A mark is not a record of the session: it stays planned, and so does the group.
    expect(r.session).toMatchObject({ status: 'planned', heldDate: null, participantCount: null, familyCount: null, markedCount: 1 });
    expect((await t.ok('groups.get', { id: g.id })).status).toBe('planned');
    const recorded = await t.ok('attendance.set', { participantId: mother.id, sessionId: s(1).id, state: 'present', markHeld: true });
    expect(recorded.session).toMatchObject({ status: 'held', heldDate: '2025-03-03', participantCount: 1, familyCount: 1, markedCount: 1 });
    expect((await t.ok('groups.get', { id: g.id })).status).toBe('running');
    await t.ok('attendance.set', { participantId: father.id, sessionId: s(1).id, state: 'present' });
    await t.ok('attendance.set', { participantId: other.id, sessionId: s(1).id, state: 'absent_with_notice' });
    expect(await sessionRow(1)).toMatchObject({ participantCount: 2, familyCount: 1, markedCount: 3 });
    await t.ok('attendance.set', { participantId: other.id, sessionId: s(1).id, state: 'present' });
    expect(await sessionRow(1)).toMatchObject({ participantCount: 3, familyCount: 2 });
    // The session's own record agrees, so the foundation's statistics count the same people.
    expect((await t.ok('groups.get', { id: g.id })).sessions[0]!.participantCount).toBe(3);
    expect((await t.ok('stats.get', {})).participantCount).toBe(3);
  });

  it('clears a cell with null; with every mark gone the session’s count is unknown again', async () => {
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'P');
    const r = await t.ok('attendance.set', { participantId: p.id, sessionId: s(1).id, state: null });
    expect(r.session).toMatchObject({ participantCount: null, familyCount: null, markedCount: 0 });
    expect(t.rowCount('attendance')).toBe(0);
  });

  it('refuses a participant of another group, a cancelled session and a future session, writing nothing', async () => {
    const p = await addParticipant(t, g.id);
    const { group: other } = await groupWith(t);
    const stranger = await addParticipant(t, other.id);
    await t.ok('sessions.record', { id: s(2).id, status: 'cancelled', cancelReason: 'Snöoväder' });
    const before = t.snapshot();
    const foreign = await t.fail('attendance.set', { participantId: stranger.id, sessionId: s(1).id, state: 'present' });
    expect(foreign).toMatchObject({ code: 'validation', issues: [{ path: 'participantId' }] });
    expect(foreign.message.sv).toMatch(/går inte i den grupp/);
    // The same from the other side: our participant, a session of another group.
    expect((await t.fail('attendance.set', { participantId: p.id, sessionId: other.sessions[0]!.id, state: 'present' })).issues?.[0]?.path).toBe(
      'participantId',
    );
    const cancelled = await t.fail('attendance.set', { participantId: p.id, sessionId: s(2).id, state: 'present' });
    expect(cancelled.message.sv).toMatch(/inställd/);
    const future = await t.fail('attendance.set', { participantId: p.id, sessionId: s(3).id, state: 'present' });
    expect(future).toMatchObject({ code: 'validation', issues: [{ path: 'sessionId' }] });
    expect(future.message.sv).toMatch(/inte ägt rum än \(planerad 2025-03-17\)/);
    expect((await t.fail('attendance.set', { participantId: crypto.randomUUID(), sessionId: s(1).id, state: 'present' })).code).toBe('not_found');
    expect((await t.fail('attendance.set', { participantId: p.id, sessionId: crypto.randomUUID(), state: 'present' })).code).toBe('not_found');
    expect((await t.fail('attendance.set', { participantId: p.id, sessionId: s(1).id, state: 'late' })).issues?.[0]?.path).toBe('state');
    expect(t.snapshot()).toBe(before);
  });

  it('refuses a session before the participant’s enrolment', async () => {
    const p = await addParticipant(t, g.id, { enrolmentDate: '2025-03-05', consentDate: '2025-03-05' });
    const before = t.snapshot();
    const err = await t.fail('attendance.set', { participantId: p.id, sessionId: s(1).id, state: 'present' });
    expect(err.message.sv).toMatch(/före deltagarens inskrivning/);
    expect(t.snapshot()).toBe(before);
    await t.ok('attendance.set', { participantId: p.id, sessionId: s(2).id, state: 'present' });
  });

  it('refuses marks in a group that records counts only, and accepts them once switched on', async () => {
    const p = await addParticipant(t, g.id);
    await t.ok('sessions.record', { id: s(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 6 });
    const grid = await t.ok('groups.setTracksAttendance', { id: g.id, tracksAttendance: false });
    expect(grid.tracksAttendance).toBe(false);
    const before = t.snapshot();
    const err = await t.fail('attendance.set', { participantId: p.id, sessionId: s(1).id, state: 'present' });
    expect(err).toMatchObject({ code: 'conflict' });
    expect(err.message.sv).toMatch(/bara antal deltagare.*Slå på närvaroregistrering/);
    expect((await t.fail('attendance.setColumn', { sessionId: s(1).id, state: 'present' })).code).toBe('conflict');
    expect(t.snapshot()).toBe(before);
    // Counts-only groups keep the typed count.
    expect((await sessionRow(1)).participantCount).toBe(6);
    await t.ok('groups.setTracksAttendance', { id: g.id, tracksAttendance: true });
    expect((await sessionRow(1)).participantCount).toBe(6);
    await t.ok('attendance.set', { participantId: p.id, sessionId: s(1).id, state: 'present' });
    expect(await sessionRow(1)).toMatchObject({ participantCount: 1, familyCount: 1 });
  });

  it('judges no one by marks in a counts-only group: no attendance or reach per person, and the ended group says so rather than active', async () => {
    const mother = await addParticipant(t, g.id);
    await addParticipant(t, g.id, { relation: 'father', familyId: mother.family.id });
    const left = await addParticipant(t, g.id);
    await t.ok('groups.setTracksAttendance', { id: g.id, tracksAttendance: false });
    await t.ok('sessions.record', { id: s(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 3 });
    const reasons = await t.ok('dropoutReasons.list', {});
    await t.ok('participants.setStatus', { id: left.id, status: 'dropped_out', reasonId: reasons[0]!.id, lastSessionNumber: null });
    const running = await t.ok('groups.overview', { id: g.id });
    // Nothing is known of who came, so neither a reach of 0 families nor a completion rate is claimed.
    expect(running.summary).toMatchObject({ families: 2, familiesReached: null, active: 2, droppedOut: 1 });
    await t.ok('groups.update', updateInput(await t.ok('groups.get', { id: g.id }), { status: 'completed' }));
    const ended = await t.ok('groups.overview', { id: g.id });
    expect(ended.participants.map((p) => [p.id, p.status]).sort()).toEqual(
      [
        [mother.id, 'ended_unrecorded'],
        [ended.participants.find((p) => p.relation === 'father')!.id, 'ended_unrecorded'],
        [left.id, 'dropped_out'],
      ].sort(),
    );
    // Only the dropout's outcome is known: the others are neither completed nor still active, and there is no rate.
    expect(ended.summary).toMatchObject({ active: 0, completed: 0, droppedOut: 1, completionRate: null, familiesReached: null });
    // Nor does the dropout alone make a rate for the year.
    expect((await t.ok('dashboard.participation', { today: '2025-06-01' })).completionRateThisYear).toBeNull();
  });

  it('a database from before `ended_unrecorded` gets it at the next start for the parents of ended counts-only groups', async () => {
    const mother = await addParticipant(t, g.id);
    const left = await addParticipant(t, g.id);
    const reasons = await t.ok('dropoutReasons.list', {});
    await t.ok('participants.setStatus', { id: left.id, status: 'dropped_out', reasonId: reasons[0]!.id, lastSessionNumber: null });
    await t.ok('groups.setTracksAttendance', { id: g.id, tracksAttendance: false });
    await t.ok('groups.update', updateInput(await t.ok('groups.get', { id: g.id }), { status: 'completed' }));
    // As an older Komet stored it: the parent still active, and no record of having settled it.
    const sqlite = t.app.db.sqlite;
    sqlite.prepare("update participants set status = 'active' where id = ?").run(mother.id);
    sqlite.prepare("delete from settings where key = 'settle.countsOnlyStatuses'").run();
    const dir = t.dir;
    t.app.close();
    t = createTestApp({ dir });
    expect([(await participant(t, mother.id)).status, (await participant(t, left.id)).status]).toEqual(['ended_unrecorded', 'dropped_out']);
    // Settled once: a later start leaves statuses to the writes.
    t.app.db.sqlite.prepare("update participants set status = 'active' where id = ?").run(mother.id);
    t.app.close();
    t = createTestApp({ dir });
    expect((await participant(t, mother.id)).status).toBe('active');
  });

  it('lets marks override a count typed before them, and the typed count apply while there are none', async () => {
    const p = await addParticipant(t, g.id);
    expect((await t.ok('sessions.record', { id: s(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 5 })).participantCount).toBe(5);
    await markRow(t, g, p.id, 'P');
    expect((await t.ok('sessions.record', { id: s(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 9 })).participantCount).toBe(1);
    // Cancelling clears both counts; the marks stay but count for nothing until it is held again.
    const cancelled = await t.ok('sessions.record', { id: s(1).id, status: 'cancelled', cancelReason: 'Fel' });
    expect(cancelled.participantCount).toBeNull();
    expect((await participant(t, p.id)).heldCount).toBe(0);
  });
});

describe('attendance.setColumn and grid', () => {
  it('sets everyone taking part, leaves dropouts and later enrolments out, and can keep existing marks', async () => {
    const a = await addParticipant(t, g.id);
    const b = await addParticipant(t, g.id);
    const late = await addParticipant(t, g.id, { enrolmentDate: '2025-03-05', consentDate: '2025-03-05' });
    const gone = await addParticipant(t, g.id);
    const reason = (await t.ok('dropoutReasons.list', {}))[0]!;
    await t.ok('participants.setStatus', { id: gone.id, status: 'never_started', reasonId: reason.id });
    await t.ok('attendance.set', { participantId: b.id, sessionId: s(1).id, state: 'absent_with_notice' });
    const r = await t.ok('attendance.setColumn', { sessionId: s(1).id, state: 'present', onlyUnmarked: true, markHeld: true });
    expect(new Map(r.marks.map((m) => [m.participantId, m.state]))).toEqual(
      new Map([
        [a.id, 'present'],
        [b.id, 'absent_with_notice'],
      ]),
    );
    expect(r.session).toMatchObject({ participantCount: 1, markedCount: 2 });
    const all = await t.ok('attendance.setColumn', { sessionId: s(2).id, state: 'absent', markHeld: true });
    expect(all.marks.map((m) => m.participantId).sort()).toEqual([a.id, b.id, late.id].sort());
    const grid = await t.ok('attendance.grid', { groupId: g.id });
    expect(grid.marks.length).toBe(5);
    expect(grid.sessions.map((x) => x.status)).toEqual(['held', 'held', 'planned', 'planned']);
    expect((await t.fail('attendance.grid', { groupId: crypto.randomUUID() })).code).toBe('not_found');
  });

  it('refuses a column for a future session and an unknown session', async () => {
    await addParticipant(t, g.id);
    const before = t.snapshot();
    expect((await t.fail('attendance.setColumn', { sessionId: s(3).id, state: 'present' })).issues?.[0]?.path).toBe('sessionId');
    expect((await t.fail('attendance.setColumn', { sessionId: crypto.randomUUID(), state: 'present' })).code).toBe('not_found');
    expect((await t.fail('attendance.setColumn', { sessionId: s(1).id })).issues?.[0]?.path).toBe('state');
    expect(t.snapshot()).toBe(before);
  });

  it('refuses switching tracking for an unknown group', async () => {
    expect((await t.fail('groups.setTracksAttendance', { id: crypto.randomUUID(), tracksAttendance: true })).code).toBe('not_found');
    expect((await t.fail('groups.setTracksAttendance', { id: g.id })).issues?.[0]?.path).toBe('tracksAttendance');
  });

  it('refuses marks once the group is cancelled', async () => {
    const p = await addParticipant(t, g.id);
    await t.ok('groups.update', updateInput(g, { status: 'cancelled' }));
    const before = t.snapshot();
    expect((await t.fail('attendance.set', { participantId: p.id, sessionId: s(1).id, state: 'present' })).message.sv).toMatch(/Gruppen är inställd/);
    expect(t.snapshot()).toBe(before);
  });
});
