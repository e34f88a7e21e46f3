import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { addParticipant, groupWith } from './participants-fixtures';

// Test clock: 2025-03-12. Sessions: 1 on 03-03, 2 on 03-10 (both past), 3 on 03-17, 4 on 03-24.
let t: TestApp;
let g: GroupDetail;
beforeEach(async () => {
  t = createTestApp();
  ({ group: g } = await groupWith(t, 4));
});
afterEach(() => t.close());

const s = (n: number) => g.sessions[n - 1]!;
const session = async (n: number) => (await t.ok('groups.get', { id: g.id })).sessions[n - 1]!;

describe('recording a session in one flow', () => {
  it('marks attendance without recording the session held; saving it as held takes the count from the marks', async () => {
    const mother = await addParticipant(t, g.id);
    const other = await addParticipant(t, g.id);
    const r = await t.ok('attendance.set', { participantId: mother.id, sessionId: s(1).id, state: 'present', markHeld: false });
    expect(r.session.status).toBe('planned');
    await t.ok('attendance.set', { participantId: other.id, sessionId: s(1).id, state: 'absent', markHeld: false });
    expect(await session(1)).toMatchObject({ status: 'planned', heldDate: null, participantCount: null });
    expect((await t.ok('groups.get', { id: g.id })).status).toBe('planned');

    // No head count where attendance is tracked per person: the marks give it.
    const held = await t.ok('sessions.record', { id: s(1).id, status: 'held', heldDate: s(1).plannedDate, participantCount: null });
    expect(held).toMatchObject({ status: 'held', heldDate: '2025-03-03', participantCount: 1 });
    expect((await t.ok('groups.get', { id: g.id })).status).toBe('running');
  });

  it('still refuses marks before the session’s day', async () => {
    const p = await addParticipant(t, g.id);
    const err = await t.fail('attendance.set', { participantId: p.id, sessionId: s(3).id, state: 'present', markHeld: false });
    expect((err.issues ?? []).map((i) => i.path)).toContain('sessionId');
  });

  it('asks for a head count only where nothing else gives one', async () => {
    // A tracked group without marks for the session.
    const tracked = await t.fail('sessions.record', { id: s(2).id, status: 'held', heldDate: s(2).plannedDate, participantCount: null });
    expect((tracked.issues ?? []).map((i) => i.path)).toContain('participantCount');
    await t.ok('groups.setTracksAttendance', { id: g.id, tracksAttendance: false });
    const countsOnly = await t.fail('sessions.record', { id: s(2).id, status: 'held', heldDate: s(2).plannedDate, participantCount: null });
    expect((countsOnly.issues ?? []).map((i) => i.path)).toContain('participantCount');
    expect(await t.ok('sessions.record', { id: s(2).id, status: 'held', heldDate: s(2).plannedDate, participantCount: 5 })).toMatchObject({
      participantCount: 5,
    });
  });

  it('saves the fidelity record with the session in one call, and a refused fidelity record leaves the session unrecorded', async () => {
    const mother = await addParticipant(t, g.id);
    await t.ok('attendance.set', { participantId: mother.id, sessionId: s(1).id, state: 'present', markHeld: false });
    const keys = (await t.ok('fidelity.get', { sessionId: s(1).id })).components.map((c) => c.key);
    expect(keys.length).toBeGreaterThan(1);

    // A component that is not in the plan: nothing of the call is kept.
    const refused = await t.fail('sessions.record', {
      id: s(1).id,
      status: 'held',
      heldDate: s(1).plannedDate,
      participantCount: null,
      fidelity: { covered: [keys[0]!, 'not_in_the_plan'], note: 'Bra träff' },
    });
    expect((refused.issues ?? []).map((i) => i.path)).toContain('covered');
    expect(await session(1)).toMatchObject({ status: 'planned', heldDate: null });
    expect((await t.ok('fidelity.get', { sessionId: s(1).id })).recorded).toBe(false);
    expect((await t.ok('groups.get', { id: g.id })).status).toBe('planned');

    const held = await t.ok('sessions.record', {
      id: s(1).id,
      status: 'held',
      heldDate: s(1).plannedDate,
      participantCount: null,
      fidelity: { covered: [keys[0]!], note: 'Bra träff' },
    });
    expect(held).toMatchObject({ status: 'held', heldDate: '2025-03-03', participantCount: 1 });
    const fidelity = await t.ok('fidelity.get', { sessionId: s(1).id });
    expect(fidelity).toMatchObject({ recorded: true, note: 'Bra träff' });
    expect(fidelity.components.filter((c) => c.covered).map((c) => c.key)).toEqual([keys[0]]);
  });
});
