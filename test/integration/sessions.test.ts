import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, updateInput } from './fixtures';

// The test clock says 2025-03-12; the group starts on Monday 2025-03-03 with four sessions.
let t: TestApp;
let g: GroupDetail;
beforeEach(async () => {
  t = createTestApp();
  g = await makeGroup(t, await groupSetup(t, 4));
});
afterEach(() => t.close());

const session = (n: number) => g.sessions[n - 1]!;
const groupStatus = async () => (await t.ok('groups.get', { id: g.id })).status;

describe('sessions.record', () => {
  it('records a held session with participants and starts a planned group', async () => {
    const held = await t.ok('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 7 });
    expect(held).toMatchObject({ status: 'held', heldDate: '2025-03-03', participantCount: 7, cancelReason: null });
    expect(await groupStatus()).toBe('running');
    expect(t.audit.map((a) => `${a.entity}:${a.action}`).slice(-2)).toEqual(['session:update', 'group:update']);
  });

  it('accepts the boundaries: held today, 0 and 99 participants', async () => {
    expect((await t.ok('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-12', participantCount: 0 })).participantCount).toBe(0);
    expect((await t.ok('sessions.record', { id: session(2).id, status: 'held', heldDate: '2025-03-11', participantCount: 99 })).participantCount).toBe(99);
  });

  it('refuses a held date after today on the heldDate field, writing nothing', async () => {
    const before = t.snapshot();
    const err = await t.fail('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-13', participantCount: 5 });
    expect(err.code).toBe('validation');
    expect(err.issues?.[0]?.path).toBe('heldDate');
    expect(err.message.sv).toMatch(/framtiden/);
    expect(t.snapshot()).toBe(before);
  });

  it('refuses counts outside 0–99 and non-integers on participantCount', async () => {
    const before = t.snapshot();
    for (const participantCount of [-1, 100, 2.5]) {
      const err = await t.fail('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-03', participantCount });
      expect(err.issues).toEqual([{ path: 'participantCount', message: expect.objectContaining({ sv: 'Antal deltagare ska vara ett heltal mellan 0 och 99.' }) }]);
    }
    expect(t.snapshot()).toBe(before);
  });

  it('cancels with a reason and clears what a held session carried', async () => {
    await t.ok('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 4 });
    const cancelled = await t.ok('sessions.record', { id: session(1).id, status: 'cancelled', cancelReason: 'Lokalen stängd' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Lokalen stängd', heldDate: null, participantCount: null });
    expect(t.audit.at(-1)?.fields).toEqual(expect.arrayContaining(['status', 'heldDate', 'cancelReason', 'participantCount']));
  });

  it('goes back to planned, clearing date, count and reason', async () => {
    await t.ok('sessions.record', { id: session(2).id, status: 'cancelled', cancelReason: 'Sjukdom' });
    const planned = await t.ok('sessions.record', { id: session(2).id, status: 'planned' });
    expect(planned).toMatchObject({ status: 'planned', heldDate: null, participantCount: null, cancelReason: null });
  });

  it('refuses any recording for a session of a cancelled group', async () => {
    await t.ok('groups.update', updateInput(g, { status: 'cancelled' }));
    const before = t.snapshot();
    for (const input of [
      { id: session(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 3 },
      { id: session(1).id, status: 'cancelled', cancelReason: 'x' },
      { id: session(1).id, status: 'planned' },
    ]) {
      const err = await t.fail('sessions.record', input);
      expect(err.code).toBe('conflict');
      expect(err.message.sv).toMatch(/Gruppen är inställd/);
    }
    expect(t.snapshot()).toBe(before);
  });

  it('does not move a completed group back to running', async () => {
    await t.ok('groups.update', updateInput(g, { status: 'completed' }));
    await t.ok('sessions.record', { id: session(4).id, status: 'held', heldDate: '2025-03-12', participantCount: 2 });
    expect(await groupStatus()).toBe('completed');
  });
});

describe('sessions.move', () => {
  it('moves planned and cancelled sessions', async () => {
    expect((await t.ok('sessions.move', { id: session(3).id, plannedDate: '2025-03-19' })).plannedDate).toBe('2025-03-19');
    await t.ok('sessions.record', { id: session(4).id, status: 'cancelled', cancelReason: 'Lov' });
    expect((await t.ok('sessions.move', { id: session(4).id, plannedDate: '2025-04-02' })).plannedDate).toBe('2025-04-02');
  });

  it('refuses to move a held session', async () => {
    await t.ok('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 4 });
    const before = t.snapshot();
    const err = await t.fail('sessions.move', { id: session(1).id, plannedDate: '2025-03-05' });
    expect(err.code).toBe('conflict');
    expect(err.message.sv).toMatch(/genomförd träff kan inte flyttas/);
    expect(t.snapshot()).toBe(before);
  });
});

describe('sessions.addExtra and sessions.delete', () => {
  it('appends an extra session after the last number and deletes it again', async () => {
    const extra = await t.ok('sessions.addExtra', { groupId: g.id, plannedDate: '2025-04-07' });
    expect(extra).toMatchObject({ number: 5, isExtra: true, status: 'planned', plannedDate: '2025-04-07' });
    expect((await t.ok('sessions.addExtra', { groupId: g.id, plannedDate: '2025-04-14' })).number).toBe(6);
    expect(await t.ok('sessions.delete', { id: extra.id })).toEqual({ deleted: true });
    expect((await t.ok('groups.get', { id: g.id })).sessions.map((x) => x.number)).toEqual([1, 2, 3, 4, 6]);
  });

  it('refuses an extra session for a cancelled or unknown group', async () => {
    await t.ok('groups.update', updateInput(g, { status: 'cancelled' }));
    const before = t.snapshot();
    expect((await t.fail('sessions.addExtra', { groupId: g.id, plannedDate: '2025-04-07' })).code).toBe('conflict');
    expect((await t.fail('sessions.addExtra', { groupId: crypto.randomUUID(), plannedDate: '2025-04-07' })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });

  it('deletes only extra sessions that are not held', async () => {
    const before = t.snapshot();
    const regular = await t.fail('sessions.delete', { id: session(1).id });
    expect(regular.code).toBe('conflict');
    expect(regular.message.sv).toMatch(/Bara extra träffar/);
    expect(t.snapshot()).toBe(before);

    const extra = await t.ok('sessions.addExtra', { groupId: g.id, plannedDate: '2025-03-10' });
    await t.ok('sessions.record', { id: extra.id, status: 'held', heldDate: '2025-03-10', participantCount: 3 });
    const held = await t.fail('sessions.delete', { id: extra.id });
    expect(held.code).toBe('in_use');
    expect((await t.fail('sessions.delete', { id: crypto.randomUUID() })).code).toBe('not_found');
  });
});
