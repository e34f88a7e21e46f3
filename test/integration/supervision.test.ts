import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeStaff } from './fixtures';
import { supervisionInput, world, type World } from './leaders-fixtures';

let t: TestApp;
let w: World;
beforeEach(async () => {
  t = createTestApp();
  w = await world(t);
});
afterEach(() => t.close());

describe('supervision log', () => {
  it('records leaders with ratings, groups discussed, notes and follow-ups; lists by leader and group', async () => {
    const s = await t.ok(
      'supervision.create',
      supervisionInput(w, {
        mode: 'video',
        followUps: [
          { text: 'Öva rollspel', dueDate: '2025-02-24', leaderId: w.anna.id },
          { text: 'Skicka material', dueDate: '2025-03-20' },
        ],
      }),
    );
    expect(s).toMatchObject({ date: '2025-02-10', supervisorName: 'Sara Öberg', format: 'group', mode: 'video', notes: 'Rollspel och hemuppgifter' });
    expect(s.leaders.map((l) => [l.name, l.rating])).toEqual([
      ['Anna Lind', 3],
      ['Bo Ek', 4],
    ]);
    expect(s.groups.map((g) => g.groupId)).toEqual([w.group.id]);
    expect(s.followUps.map((f) => [f.text, f.leaderName, f.overdue])).toEqual([
      ['Öva rollspel', 'Anna Lind', true],
      ['Skicka material', null, false],
    ]);
    expect((await t.ok('supervision.list', { leaderId: w.bo.id })).map((x) => x.id)).toEqual([s.id]);
    expect(await t.ok('supervision.list', { groupId: crypto.randomUUID() })).toEqual([]);
    expect(t.audit.at(-1)).toMatchObject({ action: 'create', entity: 'supervision', entityId: s.id });
  });

  it('shows the anchored 1–4 scale with Swedish and English descriptions', async () => {
    const scale = await t.ok('supervision.ratingScale', {});
    expect(scale.map((r) => r.value)).toEqual([1, 2, 3, 4]);
    expect(scale[3]!.label.sv).toBe('Hög');
    expect(scale.every((r) => r.description.sv.length > 20 && r.description.en.length > 20)).toBe(true);
  });

  it('edits leaders and ratings, and refuses to drop a leader who has a follow-up from it', async () => {
    const s = await t.ok('supervision.create', supervisionInput(w, { followUps: [{ text: 'Läs kapitel 3', dueDate: '2025-03-01', leaderId: w.bo.id }] }));
    const edited = await t.ok('supervision.update', {
      ...supervisionInput(w, {
        leaders: [
          { leaderId: w.anna.id, rating: 2 },
          { leaderId: w.bo.id, rating: null },
        ],
      }),
      id: s.id,
    });
    expect(edited.leaders.map((l) => l.rating)).toEqual([2, null]);
    const before = t.snapshot();
    const err = await t.fail('supervision.update', { ...supervisionInput(w, { format: 'individual', leaders: [{ leaderId: w.anna.id }] }), id: s.id });
    expect(err.issues?.[0]?.path).toBe('leaders');
    expect(t.snapshot()).toBe(before);
  });

  it('keeps follow-ups open on the dashboard list until done, overdue ones counted', async () => {
    const s = await t.ok(
      'supervision.create',
      supervisionInput(w, {
        followUps: [
          { text: 'A', dueDate: '2025-03-11' },
          { text: 'B', dueDate: '2025-03-12' },
          { text: 'C', dueDate: '2025-04-01', leaderId: w.anna.id },
        ],
      }),
    );
    let open = await t.ok('followUps.open', {});
    expect(open).toMatchObject({ total: 3, overdue: 1 });
    expect(open.items.map((f) => [f.text, f.overdue])).toEqual([
      ['A', true],
      ['B', false],
      ['C', false],
    ]);
    await t.ok('followUps.setDone', { id: s.followUps[0]!.id, done: true });
    const added = await t.ok('followUps.add', { supervisionId: s.id, text: 'D', dueDate: '2025-03-01', leaderId: w.bo.id });
    open = await t.ok('followUps.open', { leaderId: w.bo.id });
    expect(open.items.map((f) => f.id)).toEqual([added.id]);
    expect((await t.ok('followUps.open', {})).total).toBe(3);
    await t.ok('followUps.update', { id: added.id, text: 'D2', dueDate: '2025-03-20', leaderId: null });
    expect((await t.ok('followUps.open', {})).overdue).toBe(0);
    await t.ok('followUps.delete', { id: added.id });
    await t.ok('supervision.delete', { id: s.id });
    expect(t.rowCount('follow_ups')).toBe(0);
  });
});

describe('supervision bad input: typed errors, Swedish messages, nothing written', () => {
  const refused = async (input: unknown, path: string, sv: string | RegExp) => {
    const before = t.snapshot();
    const err = await t.fail('supervision.create', input);
    expect(err.code).toBe('validation');
    const issue = err.issues?.find((i) => i.path === path);
    expect(issue?.message.sv).toMatch(sv);
    expect(t.snapshot()).toBe(before);
  };

  it('a date in the future, or before the leader existed', async () => {
    await refused(supervisionInput(w, { date: '2025-03-13' }), 'date', 'Handledningen kan inte dateras i framtiden.');
    // Anna's first group started 2025-01-06 and her record is newer, so that day is her first.
    await t.ok('supervision.create', supervisionInput(w, { date: '2025-01-06', groupIds: [] }));
    await refused(supervisionInput(w, { date: '2025-01-05', groupIds: [] }), 'leaders.0.leaderId', /daterad före 2025-01-06, då Anna Lind började/);
  });

  it('a rating outside the scale, a leader listed twice, no leaders', async () => {
    await refused(supervisionInput(w, { leaders: [{ leaderId: w.anna.id, rating: 5 }] }), 'leaders.0.rating', 'Skattningen ska vara ett heltal från 1 till 4.');
    await refused(supervisionInput(w, { leaders: [{ leaderId: w.anna.id, rating: 0 }] }), 'leaders.0.rating', 'Skattningen ska vara ett heltal från 1 till 4.');
    await refused(
      supervisionInput(w, { leaders: [{ leaderId: w.anna.id, rating: 2.5 }] }),
      'leaders.0.rating',
      'Skattningen ska vara ett heltal från 1 till 4.',
    );
    await refused(supervisionInput(w, { leaders: [{ leaderId: w.anna.id }, { leaderId: w.anna.id }] }), 'leaders', 'Samma gruppledare är vald två gånger.');
    await refused(supervisionInput(w, { leaders: [] }), 'leaders', 'Välj minst en gruppledare.');
  });

  it('a supervisor supervising themselves, a non-supervisor, individual supervision of two', async () => {
    const both = await makeStaff(t, { name: 'Eva Båda', isLeader: true, isSupervisor: true });
    await refused(
      supervisionInput(w, { supervisorId: both.id, leaders: [{ leaderId: w.anna.id }, { leaderId: both.id }] }),
      'leaders.1.leaderId',
      'En handledare kan inte handleda sig själv.',
    );
    await refused(
      supervisionInput(w, { supervisorId: w.bo.id, leaders: [{ leaderId: w.anna.id }] }),
      'supervisorId',
      'Bo Ek är inte registrerad som handledare.',
    );
    await refused(supervisionInput(w, { format: 'individual' }), 'leaders', 'Individuell handledning gäller en gruppledare.');
    const karin = await makeStaff(t, { name: 'Karin Holm', isLeader: false, isSupervisor: true });
    await refused(supervisionInput(w, { leaders: [{ leaderId: karin.id }] }), 'leaders.0.leaderId', 'Karin Holm är inte registrerad som gruppledare.');
  });

  it('unknown or not yet started groups, a follow-up due before the meeting or for someone absent', async () => {
    await refused(supervisionInput(w, { groupIds: [crypto.randomUUID()] }), 'groupIds.0', 'Gruppen finns inte (längre).');
    await refused(supervisionInput(w, { groupIds: [w.group.id, w.group.id] }), 'groupIds', 'Samma grupp är vald två gånger.');
    await t.ok('supervision.create', supervisionInput(w, { date: '2025-01-06', groupIds: [] }));
    const later = await t.ok('groups.create', {
      programmeId: w.programme.id,
      unitId: w.unit.id,
      startDate: '2025-03-03',
      startTime: '17:30',
      leaderIds: [w.anna.id],
    });
    await refused(supervisionInput(w, { groupIds: [later.id] }), 'groupIds.0', 'Gruppen startar 2025-03-03, efter handledningen.');
    await refused(
      supervisionInput(w, { followUps: [{ text: 'X', dueDate: '2025-02-09' }] }),
      'followUps.0.dueDate',
      'Uppföljningen kan inte förfalla före handledningen.',
    );
    const other = await makeStaff(t, { name: 'Ida Ny' });
    await refused(
      supervisionInput(w, { followUps: [{ text: 'X', dueDate: '2025-02-20', leaderId: other.id }] }),
      'followUps.0.leaderId',
      /som var med på handledningen/,
    );
    await refused(supervisionInput(w, { followUps: [{ text: ' ', dueDate: '2025-02-20' }] }), 'followUps.0.text', 'Beskriv uppföljningen.');
  });

  it('unknown ids for get, update, delete and follow-ups', async () => {
    const id = crypto.randomUUID();
    const before = t.snapshot();
    for (const [name, input] of [
      ['supervision.get', { id }],
      ['supervision.delete', { id }],
      ['supervision.update', { ...supervisionInput(w), id }],
      ['followUps.setDone', { id, done: true }],
      ['followUps.delete', { id }],
      ['followUps.add', { supervisionId: id, text: 'X', dueDate: '2025-03-01' }],
    ] as const) {
      expect((await t.fail(name, input)).code).toBe('not_found');
    }
    expect((await t.fail('followUps.open', { limit: 0 })).code).toBe('validation');
    expect(t.snapshot()).toBe(before);
  });
});
