import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeProgramme, updateInput } from './fixtures';
import { addParticipant, groupWith, markRow, participantInput } from './participants-fixtures';

// Test clock: 2025-03-12. The group (parents, children 3–11) starts on 2025-03-03.
let t: TestApp;
let g: GroupDetail;
beforeEach(async () => {
  t = createTestApp();
  ({ group: g } = await groupWith(t, 4));
});
afterEach(() => t.close());

describe('participants.create', () => {
  it('creates a participant in a new family with the child’s age at group start derived', async () => {
    const p = await addParticipant(t, g.id, { displayName: 'A. L.', childBirthYear: 2019, childGender: 'boy' });
    expect(p).toMatchObject({
      groupId: g.id,
      displayName: 'A. L.',
      relation: 'mother',
      status: 'active',
      atRisk: false,
      consent: 'yes',
      consentDate: '2025-02-20',
      family: { childBirthYear: 2019, childGender: 'boy', childAgeAtStart: 6, membersInGroup: 1 },
      manualStatus: null,
      keepActive: false,
      presentCount: 0,
      heldCount: 0,
      movedFromGroupId: null,
    });
    expect(t.audit.at(-1)).toMatchObject({ action: 'create', entity: 'participant', entityId: p.id });
    expect(JSON.stringify(t.audit)).not.toContain('A. L.');
  });

  it('links a second caregiver to the same family, so the family counts once', async () => {
    const mother = await addParticipant(t, g.id, { displayName: 'Mamma' });
    const father = await addParticipant(t, g.id, {
      displayName: 'Pappa',
      relation: 'father',
      familyId: mother.family.id,
      childBirthYear: null,
      childGender: null,
    });
    expect(father.family).toEqual({ ...mother.family, membersInGroup: 2 });
    const overview = await t.ok('groups.overview', { id: g.id });
    expect(overview.summary).toMatchObject({ participants: 2, families: 1 });
  });

  it('warns about the same name in the same family and saves only with allowDuplicate', async () => {
    const first = await addParticipant(t, g.id, { displayName: 'Åsa Berg' });
    const before = t.snapshot();
    const err = await t.fail('participants.create', participantInput(g.id, { displayName: 'åsa berg', familyId: first.family.id }));
    expect(err.code).toBe('conflict');
    expect(err.issues?.[0]?.path).toBe('allowDuplicate');
    expect(err.message.sv).toMatch(/samma namn/);
    expect(t.snapshot()).toBe(before);
    // Without a family given, the same name in the group is also a likely duplicate.
    expect((await t.fail('participants.create', participantInput(g.id, { displayName: 'Åsa Berg' }))).issues?.[0]?.path).toBe('allowDuplicate');
    const second = await addParticipant(t, g.id, { displayName: 'Åsa Berg', familyId: first.family.id, allowDuplicate: true });
    expect(second.family.membersInGroup).toBe(2);
  });

  it('refuses a birth year in the future or outside the programme’s age band, nothing written', async () => {
    const before = t.snapshot();
    const future = await t.fail('participants.create', participantInput(g.id, { childBirthYear: 2026 }));
    expect(future).toMatchObject({ code: 'validation', issues: [{ path: 'childBirthYear' }] });
    expect(future.issues?.[0]?.message.sv).toMatch(/framtiden/);
    // Band 3–11 at start 2025: birth years 2013 (age 12 = max + 1) to 2023 (age 2 = min − 1) pass.
    for (const year of [2012, 2024]) {
      const err = await t.fail('participants.create', participantInput(g.id, { childBirthYear: year }));
      expect(err.issues?.[0]?.message.sv).toMatch(/programmet .* är för barn 3–11 år/);
    }
    expect(t.snapshot()).toBe(before);
    await addParticipant(t, g.id, { childBirthYear: 2013 });
    await addParticipant(t, g.id, { childBirthYear: 2023 });
  });

  it('refuses child details in a teachers’ programme', async () => {
    const teachers = await makeProgramme(t, { audience: 'teachers', childAgeMin: null, childAgeMax: null });
    const { group } = await groupWith(t, 4, { programmeId: teachers.id });
    const err = await t.fail('participants.create', participantInput(group.id, { relation: 'teacher', childBirthYear: 2018 }));
    expect(err.issues?.[0]).toMatchObject({ path: 'childBirthYear' });
    const ok = await addParticipant(t, group.id, { relation: 'teacher', childBirthYear: null, childGender: null });
    expect(ok.family.childAgeAtStart).toBeNull();
  });

  it('refuses a consent date before enrolment, in the future, or missing for yes/no', async () => {
    const before = t.snapshot();
    const early = await t.fail('participants.create', participantInput(g.id, { enrolmentDate: '2025-02-20', consentDate: '2025-02-19' }));
    expect(early.issues?.[0]).toMatchObject({ path: 'consentDate' });
    expect(early.issues?.[0]?.message.sv).toMatch(/före inskrivningen/);
    expect((await t.fail('participants.create', participantInput(g.id, { consentDate: '2025-03-13' }))).issues?.[0]?.path).toBe('consentDate');
    expect((await t.fail('participants.create', participantInput(g.id, { consent: 'no', consentDate: null }))).issues?.[0]?.path).toBe('consentDate');
    expect((await t.fail('participants.create', participantInput(g.id, { consent: 'not_asked', consentDate: '2025-02-20' }))).issues?.[0]?.path).toBe(
      'consentDate',
    );
    expect(t.snapshot()).toBe(before);
    // The boundary: consent on the enrolment day itself.
    expect((await addParticipant(t, g.id, { enrolmentDate: '2025-02-20', consentDate: '2025-02-20' })).consentDate).toBe('2025-02-20');
    expect((await addParticipant(t, g.id, { consent: 'not_asked', consentDate: null })).consent).toBe('not_asked');
  });

  it('rejects malformed input and unknown groups and families with typed errors', async () => {
    const before = t.snapshot();
    const bad = await t.fail('participants.create', { ...participantInput(g.id), displayName: '  ', relation: 'aunt', enrolmentDate: '2025-13-01' });
    expect(bad.code).toBe('validation');
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['displayName', 'enrolmentDate', 'relation']);
    expect(bad.issues?.find((i) => i.path === 'displayName')?.message.sv).toBe('Ange namn eller initialer.');
    expect((await t.fail('participants.create', participantInput(crypto.randomUUID()))).issues?.[0]?.path).toBe('groupId');
    expect((await t.fail('participants.create', participantInput(g.id, { familyId: crypto.randomUUID() }))).issues?.[0]?.path).toBe('familyId');
    expect(t.snapshot()).toBe(before);
  });

  it('refuses participants in a cancelled group', async () => {
    await t.ok('groups.update', updateInput(g, { status: 'cancelled' }));
    const err = await t.fail('participants.create', participantInput(g.id));
    expect(err.issues?.[0]?.message.sv).toMatch(/inställd/);
  });
});

describe('participants.update, move and delete', () => {
  it('updates fields and the family’s child, and moves between families dropping the empty one', async () => {
    const a = await addParticipant(t, g.id, { displayName: 'A' });
    const b = await addParticipant(t, g.id, { displayName: 'B' });
    const updated = await t.ok('participants.update', {
      id: b.id,
      displayName: 'B2',
      relation: 'father',
      contact: '070-1234567',
      familyId: a.family.id,
      childBirthYear: 2018,
      childGender: 'girl',
      enrolmentDate: '2025-02-21',
      consent: 'no',
      consentDate: '2025-02-22',
    });
    expect(updated).toMatchObject({ displayName: 'B2', contact: '070-1234567', family: { id: a.family.id, childBirthYear: 2018, membersInGroup: 2 } });
    expect(t.rowCount('families')).toBe(1);
  });

  it('moves a participant: the old enrolment keeps its marks as history, the new one starts in the other group', async () => {
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'P');
    const { group: other } = await groupWith(t, 4, { startDate: '2025-03-05' });
    const moved = await t.ok('participants.move', { id: p.id, toGroupId: other.id, enrolmentDate: '2025-03-04' });
    expect(moved).toMatchObject({ personId: p.personId, groupId: other.id, movedFromGroupId: g.id, status: 'active', family: { id: p.family.id } });
    const old = await t.ok('participants.get', { id: p.id });
    expect(old).toMatchObject({ status: 'moved', manualStatus: 'moved', movedToGroupId: other.id, presentCount: 1 });
    expect((await t.ok('groups.overview', { id: g.id })).sessions[0]!.participantCount).toBe(1);
    // History is read-only: no marks, edits or a second move on the old enrolment.
    const before = t.snapshot();
    expect((await t.fail('attendance.set', { participantId: p.id, sessionId: g.sessions[1]!.id, state: 'present' })).message.sv).toMatch(/flyttats/);
    expect((await t.fail('participants.move', { id: p.id, toGroupId: other.id, enrolmentDate: '2025-03-04' })).code).toBe('conflict');
    expect((await t.fail('participants.setKeepActive', { id: p.id, keepActive: true })).code).toBe('conflict');
    expect(t.snapshot()).toBe(before);
  });

  it('refuses a move to the same group, to an unknown group or dated before the first enrolment', async () => {
    const p = await addParticipant(t, g.id);
    const { group: other } = await groupWith(t);
    const before = t.snapshot();
    expect((await t.fail('participants.move', { id: p.id, toGroupId: g.id, enrolmentDate: '2025-03-04' })).issues?.[0]?.path).toBe('toGroupId');
    expect((await t.fail('participants.move', { id: p.id, toGroupId: crypto.randomUUID(), enrolmentDate: '2025-03-04' })).issues?.[0]?.path).toBe('toGroupId');
    expect((await t.fail('participants.move', { id: p.id, toGroupId: other.id, enrolmentDate: '2025-02-01' })).issues?.[0]?.path).toBe('enrolmentDate');
    expect((await t.fail('participants.move', { id: crypto.randomUUID(), toGroupId: other.id, enrolmentDate: '2025-03-04' })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });

  it('deletes a participant without marks (and the empty family) but not one with marks', async () => {
    const a = await addParticipant(t, g.id);
    await t.ok('participants.delete', { id: a.id });
    expect(t.rowCount('participants')).toBe(0);
    expect(t.rowCount('families')).toBe(0);
    const b = await addParticipant(t, g.id);
    await markRow(t, g, b.id, 'A');
    const before = t.snapshot();
    const err = await t.fail('participants.delete', { id: b.id });
    expect(err).toMatchObject({ code: 'in_use' });
    expect(err.message.sv).toMatch(/1 närvaromarkering .* Markera avhopp/);
    expect(t.snapshot()).toBe(before);
  });

  it('lists a group’s participants, optionally without moved enrolments', async () => {
    const p = await addParticipant(t, g.id);
    await addParticipant(t, g.id);
    const { group: other } = await groupWith(t);
    await t.ok('participants.move', { id: p.id, toGroupId: other.id, enrolmentDate: '2025-03-04' });
    expect((await t.ok('participants.list', { groupId: g.id })).length).toBe(2);
    expect((await t.ok('participants.list', { groupId: g.id, includeMoved: false })).length).toBe(1);
    expect((await t.fail('participants.list', { groupId: crypto.randomUUID() })).code).toBe('not_found');
  });
});

describe('participants.setStatus and setKeepActive', () => {
  it('records a leader’s dropout with a reason and last session, and hands back to the rules with auto', async () => {
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'P');
    const reasons = await t.ok('dropoutReasons.list', {});
    const dropped = await t.ok('participants.setStatus', { id: p.id, status: 'dropped_out', reasonId: reasons[0]!.id, lastSessionNumber: 1 });
    expect(dropped).toMatchObject({ status: 'dropped_out', manualStatus: 'dropped_out', dropoutReasonId: reasons[0]!.id, lastSessionAttended: 1 });
    expect((await t.ok('dropoutReasons.list', {}))[0]!.usedCount).toBe(1);
    const back = await t.ok('participants.setStatus', { id: p.id, status: 'auto' });
    expect(back).toMatchObject({ status: 'active', manualStatus: null, dropoutReasonId: null });
  });

  it('requires an existing, active reason for a dropout', async () => {
    const p = await addParticipant(t, g.id);
    const before = t.snapshot();
    expect((await t.fail('participants.setStatus', { id: p.id, status: 'dropped_out' })).issues?.[0]?.path).toBe('reasonId');
    expect((await t.fail('participants.setStatus', { id: p.id, status: 'dropped_out', reasonId: crypto.randomUUID() })).issues?.[0]?.path).toBe('reasonId');
    const reason = (await t.ok('dropoutReasons.list', {}))[1]!;
    await t.ok('dropoutReasons.setActive', { id: reason.id, active: false });
    const mid = t.snapshot();
    expect((await t.fail('participants.setStatus', { id: p.id, status: 'dropped_out', reasonId: reason.id })).message.sv).toMatch(/arkiverad/);
    expect(t.snapshot()).toBe(mid);
    expect(before).not.toBe(mid);
  });
});
