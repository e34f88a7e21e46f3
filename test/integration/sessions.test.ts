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
      expect(err.issues).toEqual([
        { path: 'participantCount', message: expect.objectContaining({ sv: 'Antal deltagare ska vara ett heltal mellan 0 och 99.' }) },
      ]);
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

// The group starts on 2025-03-03 with sessions on 03-03, 03-10, 03-17 and 03-24.
describe('sessions.move keeps the plan sound', () => {
  const dates = async () => (await t.ok('groups.get', { id: g.id })).sessions.map((x) => x.plannedDate);

  it('refuses a date before the group starts, on the date field, writing nothing', async () => {
    const before = t.snapshot();
    const err = await t.fail('sessions.move', { id: session(4).id, plannedDate: '2025-03-02' });
    expect(err.code).toBe('validation');
    expect(err.issues?.[0]?.path).toBe('plannedDate');
    expect(err.message.sv).toBe(
      'Träff 4 kan inte flyttas till 2 mars 2025: gruppen startar 3 mars 2025. Ändra gruppens startdatum först om den ska börja tidigare.',
    );
    expect(err.message.en).toMatch(/the group starts on 3 March 2025/);
    expect(t.snapshot()).toBe(before);
  });

  it('refuses a day another session already has, held or planned, but not a cancelled one', async () => {
    const before = t.snapshot();
    const err = await t.fail('sessions.move', { id: session(4).id, plannedDate: '2025-03-10' });
    expect(err.message.sv).toBe('Träff 2 är redan 10 mars 2025. Välj en annan dag för träff 4.');
    expect(err.message.en).toBe('Session 2 is already on 10 March 2025. Choose another day for session 4.');
    await t.ok('sessions.record', { id: session(1).id, status: 'held', heldDate: '2025-03-04', participantCount: 3 });
    const onHeld = await t.fail('sessions.move', { id: session(3).id, plannedDate: '2025-03-04', allowOutOfOrder: true });
    expect(onHeld.message.sv).toMatch(/^Träff 1 är redan 4 mars 2025/);
    await t.ok('sessions.record', { id: session(2).id, status: 'cancelled', cancelReason: 'Lov' });
    expect((await t.ok('sessions.move', { id: session(3).id, plannedDate: '2025-03-10', allowOutOfOrder: true })).plannedDate).toBe('2025-03-10');
    expect(before).not.toBe(t.snapshot());
  });

  it('refuses an order inversion unless the user confirms it', async () => {
    const before = t.snapshot();
    const err = await t.fail('sessions.move', { id: session(3).id, plannedDate: '2025-03-25' });
    expect(err.message.sv).toBe(
      'Träff 4 (24 mars 2025) skulle komma före träff 3 (25 mars 2025). Bekräfta att ordningen ska ändras, eller flytta även de följande träffarna.',
    );
    expect(err.message.en).toMatch(/^Session 4 \(24 March 2025\) would come before session 3 \(25 March 2025\)/);
    expect(t.snapshot()).toBe(before);
    expect((await t.ok('sessions.move', { id: session(3).id, plannedDate: '2025-03-25', allowOutOfOrder: true })).plannedDate).toBe('2025-03-25');
    expect(await dates()).toEqual(['2025-03-03', '2025-03-10', '2025-03-25', '2025-03-24']);
  });

  it('moves this and the following sessions by the same number of days, leaving held ones', async () => {
    await t.ok('sessions.record', { id: session(4).id, status: 'held', heldDate: '2025-03-12', participantCount: 2 });
    // Session 4 was held on 03-12, so moving 2 there collides; a day earlier works.
    const collides = await t.fail('sessions.move', { id: session(2).id, plannedDate: '2025-03-12', withFollowing: true, allowOutOfOrder: true });
    expect(collides.message.sv).toBe('Träff 4 är redan 12 mars 2025. Välj en annan dag för träff 2.');
    const before = await dates();
    const moved = await t.ok('sessions.move', { id: session(2).id, plannedDate: '2025-03-11', withFollowing: true, allowOutOfOrder: true });
    expect(moved.plannedDate).toBe('2025-03-11');
    expect(await dates()).toEqual([before[0], '2025-03-11', '2025-03-18', before[3]]);
    const moves = t.audit
      .filter((a) => a.entity === 'session' && a.action === 'update')
      .slice(-2)
      .map((a) => a.entityId);
    expect(moves.sort()).toEqual([session(2).id, session(3).id].sort());
  });

  it('moving the following sessions keeps the order, so no confirmation is needed', async () => {
    await t.ok('sessions.move', { id: session(2).id, plannedDate: '2025-04-07', withFollowing: true });
    expect(await dates()).toEqual(['2025-03-03', '2025-04-07', '2025-04-14', '2025-04-21']);
  });
});
