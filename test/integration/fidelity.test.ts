import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../src-main/contract';
import { createTestApp, type TestApp } from '../helpers/db';
import { addParticipant, groupWith, markRow } from './participants-fixtures';

// Test clock: 2025-03-12; sessions 1 and 2 are past, 3 and 4 are ahead.
let t: TestApp;
let g: GroupDetail;
beforeEach(async () => {
  t = createTestApp();
  ({ group: g } = await groupWith(t, 4));
});
afterEach(() => t.close());

const s = (n: number) => g.sessions[n - 1]!;
const fkomet = async (t: TestApp) => (await t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;

describe('sessionPlans', () => {
  it('seeds a generic plan for every seeded programme: homework review from session 2, Swedish with English', async () => {
    const plan = await t.ok('sessionPlans.get', { programmeId: (await fkomet(t)).id });
    expect(plan.sessions.length).toBe(11);
    expect(plan.sessions.every((p) => !p.isDefault)).toBe(true);
    expect(plan.sessions[0]!.components.map((c) => c.key)).toEqual(['theme', 'video', 'role_play', 'homework_new']);
    expect(plan.sessions[1]!.components[0]).toEqual({ key: 'homework_review', sv: 'Genomgång av hemuppgiften', en: 'Review of homework' });
    // 11 + 10 + 6 + 10 + 9 + 6 + 14 sessions in the seven seeded programmes; none for the test's own programme.
    expect(t.rowCount('session_plans')).toBe(66);
  });

  it('falls back to the generic outline for a user’s own programme, and edits keep component keys', async () => {
    const plan = await t.ok('sessionPlans.get', { programmeId: g.programmeId });
    expect(plan.sessions.map((p) => p.isDefault)).toEqual([true, true, true, true]);
    const edited = await t.ok('sessionPlans.update', {
      programmeId: g.programmeId,
      number: 2,
      title: 'Beröm och uppmärksamhet',
      components: [{ key: 'homework_review', sv: 'Hemuppgift', en: 'Homework' }, { sv: 'Lek med barnet' }],
    });
    const item = edited.sessions[1]!;
    expect(item).toMatchObject({ title: 'Beröm och uppmärksamhet', isDefault: false });
    expect(item.components[0]!.key).toBe('homework_review');
    expect(item.components[1]!.key).toMatch(/^c[0-9a-f]{12}$/);
    expect((await t.ok('sessionPlans.reset', { programmeId: g.programmeId })).sessions[1]!.isDefault).toBe(true);
  });

  it('refuses an empty title, no components, duplicate keys and unknown programmes, writing nothing', async () => {
    const before = t.snapshot();
    const bad = await t.fail('sessionPlans.update', { programmeId: g.programmeId, number: 1, title: ' ', components: [] });
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['components', 'title']);
    expect(bad.issues?.find((i) => i.path === 'components')?.message.sv).toBe('Träffen behöver minst ett moment.');
    const dup = await t.fail('sessionPlans.update', {
      programmeId: g.programmeId,
      number: 1,
      title: 'X',
      components: [
        { key: 'a', sv: 'A' },
        { key: 'a', sv: 'B' },
      ],
    });
    expect(dup.issues?.[0]?.message.sv).toBe('Samma moment finns två gånger.');
    expect((await t.fail('sessionPlans.update', { programmeId: crypto.randomUUID(), number: 1, title: 'X', components: [{ sv: 'A' }] })).code).toBe(
      'not_found',
    );
    expect((await t.fail('sessionPlans.get', { programmeId: crypto.randomUUID() })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });
});

describe('fidelity', () => {
  it('records the components covered of a held session and keeps that copy when the plan changes', async () => {
    const empty = await t.ok('fidelity.get', { sessionId: s(2).id });
    expect(empty).toMatchObject({ recorded: false, percent: null, sessionNumber: 2 });
    const rec = await t.ok('fidelity.record', { sessionId: s(2).id, covered: ['homework_review', 'theme', 'video', 'role_play'], note: 'Kort om tid' });
    expect(rec).toMatchObject({ recorded: true, percent: 80, note: 'Kort om tid' });
    // Recording fidelity for a past planned session records it as held.
    expect((await t.ok('groups.get', { id: g.id })).sessions[1]!.status).toBe('held');
    await t.ok('sessionPlans.update', { programmeId: g.programmeId, number: 2, title: 'Ny', components: [{ sv: 'Bara en sak' }] });
    expect((await t.ok('fidelity.get', { sessionId: s(2).id })).components.length).toBe(5);
    const cleared = await t.ok('fidelity.clear', { sessionId: s(2).id });
    expect(cleared).toMatchObject({ recorded: false, title: 'Ny' });
  });

  it('records a past session held with the counts of the marks it was given while still planned', async () => {
    const a = await addParticipant(t, g.id, { displayName: 'Anna' });
    const b = await addParticipant(t, g.id, { displayName: 'Bertil' });
    await t.ok('attendance.set', { participantId: a.id, sessionId: s(2).id, state: 'present' });
    await t.ok('attendance.set', { participantId: b.id, sessionId: s(2).id, state: 'absent' });
    const planned = (await t.ok('groups.get', { id: g.id })).sessions[1]!;
    expect(planned).toMatchObject({ status: 'planned', participantCount: null });
    await t.ok('fidelity.record', { sessionId: s(2).id, covered: ['theme'] });
    // One of the two marks is present.
    expect((await t.ok('groups.get', { id: g.id })).sessions[1]).toMatchObject({ status: 'held', participantCount: 1 });
  });

  it('refuses a future or cancelled session, unknown components and unknown sessions, writing nothing', async () => {
    await t.ok('sessions.record', { id: s(1).id, status: 'cancelled', cancelReason: 'Sjuk' });
    const before = t.snapshot();
    expect((await t.fail('fidelity.record', { sessionId: s(3).id, covered: [] })).message.sv).toMatch(/inte ägt rum än/);
    expect((await t.fail('fidelity.record', { sessionId: s(1).id, covered: [] })).message.sv).toMatch(/inställd/);
    const unknown = await t.fail('fidelity.record', { sessionId: s(2).id, covered: ['theme', 'dance'] });
    expect(unknown).toMatchObject({ code: 'validation', issues: [{ path: 'covered' }] });
    expect((await t.fail('fidelity.record', { sessionId: crypto.randomUUID(), covered: [] })).code).toBe('not_found');
    expect((await t.fail('fidelity.record', { sessionId: s(2).id, covered: 'theme' })).issues?.[0]?.path).toBe('covered');
    expect((await t.fail('fidelity.get', { sessionId: crypto.randomUUID() })).code).toBe('not_found');
    expect(t.snapshot()).toBe(before);
  });
});

describe('groups.overview and the dashboard', () => {
  it('returns participants, grid, fidelity, chart series and summary in one call', async () => {
    const a = await addParticipant(t, g.id);
    const b = await addParticipant(t, g.id, { relation: 'father', familyId: a.family.id });
    const c = await addParticipant(t, g.id);
    await markRow(t, g, a.id, 'PP');
    await markRow(t, g, b.id, 'PA');
    await markRow(t, g, c.id, 'NA');
    await t.ok('fidelity.record', { sessionId: s(1).id, covered: ['theme', 'video', 'role_play', 'homework_new'] });
    await t.ok('fidelity.record', { sessionId: s(2).id, covered: ['theme'] });
    const o = await t.ok('groups.overview', { id: g.id });
    expect(o.participants.length).toBe(3);
    expect(o.marks.length).toBe(6);
    expect(o.fidelity.map((f) => f.percent)).toEqual([100, 20, null, null]);
    expect(o.series.attendance.map((p) => [p.number, p.present, p.absent, p.absentWithNotice, p.families])).toEqual([
      [1, 2, 0, 1, 1],
      [2, 1, 2, 0, 1],
      [3, 0, 0, 0, 0],
      [4, 0, 0, 0, 0],
    ]);
    expect(o.series.cumulativeDropout).toEqual([
      { number: 1, droppedOut: 0 },
      { number: 2, droppedOut: 0 },
    ]);
    expect(o.summary).toMatchObject({
      participants: 3,
      families: 2,
      familiesReached: 1,
      active: 3,
      atRisk: 0,
      completionRate: null,
      meanAttendance: 3 / 6,
      meanFidelity: 60,
    });
    expect((await t.fail('groups.overview', { id: crypto.randomUUID() })).code).toBe('not_found');
  });

  it('lists held sessions without attendance or fidelity from the last twelve weeks', async () => {
    await t.ok('sessions.record', { id: s(1).id, status: 'held', heldDate: '2025-03-03', participantCount: 4 });
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, '.P');
    const dash = await t.ok('dashboard.participation', {});
    expect(dash.heldWithoutAttendance.map((r) => r.number)).toEqual([1]);
    expect(dash.heldWithoutFidelity.map((r) => r.number)).toEqual([2, 1]);
    expect([dash.heldWithoutAttendanceTotal, dash.heldWithoutFidelityTotal]).toEqual([1, 2]);
    expect((await t.ok('dashboard.participation', { today: '2025-07-01' })).heldWithoutFidelityTotal).toBe(0);
    expect((await t.fail('dashboard.participation', { today: 'igår' })).issues?.[0]?.path).toBe('today');
  });

  it('leaves cancelled groups out of both lists, and groups counting heads only out of the attendance one', async () => {
    const { group: heads } = await groupWith(t, 4);
    await t.ok('groups.setTracksAttendance', { id: heads.id, tracksAttendance: false });
    await t.ok('sessions.record', { id: heads.sessions[0]!.id, status: 'held', heldDate: '2025-03-03', participantCount: 5 });
    const { group: other } = await groupWith(t, 4);
    await t.ok('sessions.record', { id: other.sessions[0]!.id, status: 'held', heldDate: '2025-03-03', participantCount: 4 });
    const ids = (rows: { sessionId: string }[]) => rows.map((r) => r.sessionId).sort();
    let dash = await t.ok('dashboard.participation', {});
    expect(ids(dash.heldWithoutAttendance)).toEqual([other.sessions[0]!.id]);
    expect(ids(dash.heldWithoutFidelity)).toEqual(ids([{ sessionId: heads.sessions[0]!.id }, { sessionId: other.sessions[0]!.id }]));
    expect([dash.heldWithoutAttendanceTotal, dash.heldWithoutFidelityTotal]).toEqual([1, 2]);
    t.app.db.sqlite.prepare("update groups set status = 'cancelled' where id = ?").run(other.id);
    dash = await t.ok('dashboard.participation', {});
    expect(dash.heldWithoutAttendance).toEqual([]);
    expect(ids(dash.heldWithoutFidelity)).toEqual([heads.sessions[0]!.id]);
    expect([dash.heldWithoutAttendanceTotal, dash.heldWithoutFidelityTotal]).toEqual([0, 1]);
  });

  it('sums attendance and fidelity rates by programme for the statistics', async () => {
    const p = await addParticipant(t, g.id);
    await markRow(t, g, p.id, 'PA');
    await t.ok('fidelity.record', { sessionId: s(2).id, covered: ['theme', 'video'] });
    const stats = await t.ok('stats.participation', {});
    expect(stats).toMatchObject({ attendanceRate: 0.5, fidelityRate: 0.4, participants: { total: 1, families: 1 } });
    const row = stats.byProgramme.find((r) => r.participants === 1)!;
    expect(row).toMatchObject({ attendanceRate: 0.5, fidelityRate: 0.4 });
    expect(stats.byProgramme.find((r) => r.key === 'fKomet')).toMatchObject({ participants: 0, attendanceRate: null, fidelityRate: null });
  });
});
