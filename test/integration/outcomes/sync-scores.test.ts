import { afterEach, describe, expect, it } from 'vitest';
import { testLaptop, testServer, type TestLaptop } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';

const nodes: TestLaptop[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0).reverse()) await n.close();
});

describe('a response entered on a leader’s laptop', () => {
  it('reaches the administrator, who scores it from the answers, and a declined follow-up travels with it', async () => {
    const server = testServer();
    const admin = await testLaptop(server, { personId: null, name: 'Admin', role: 'admin', units: [] });
    nodes.push(admin);
    const unit = await admin.t.ok('units.create', { name: 'Enheten', kind: 'district' });
    const leader = await admin.t.ok('staff.create', { name: 'Ada', unitId: unit.id, isLeader: true, isSupervisor: false });
    const supervisor = await admin.t.ok('staff.create', { name: 'Sara', unitId: unit.id, isLeader: false, isSupervisor: true });
    const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
    const group = await admin.t.ok(
      'groups.create',
      groupInput({ programme, unit, leaders: [leader], supervisor } as never, { startDate: '2025-02-24' }) as never,
    );
    const participant = await admin.t.ok('participants.create', {
      groupId: group.id,
      displayName: 'Förälder',
      relation: 'mother',
      contact: null,
      enrolmentDate: '2025-02-24',
      consent: 'yes',
      consentDate: '2025-02-24',
      childBirthYear: 2019,
      childGender: 'girl',
    } as never);
    expect(await admin.sync()).toBe(true);

    const laptop = await testLaptop(server, { personId: leader.id, name: 'Ada', role: 'leader', units: [unit.id] });
    nodes.push(laptop);
    expect(await laptop.sync()).toBe(true);
    const answers: Record<string, number> = {};
    for (let i = 1; i <= 21; i++) answers[`dass_${String(i).padStart(2, '0')}`] = 2;
    // Depression, anxiety and stress: seven items of 2 each, 14, doubled 28.
    const recorded = await laptop.t.ok('responses.record', {
      participantId: participant.id,
      instrument: 'DASS-21',
      timepoint: 'pre',
      date: '2025-02-20',
      enteredBy: 'Ada',
      answers,
    });
    await laptop.t.ok('outcomes.setStatus', { participantId: participant.id, timepoint: 'post', status: 'declined' });
    expect(await laptop.sync()).toBe(true);
    expect(await admin.sync()).toBe(true);

    const scores = admin.t.app.db.sqlite.prepare('select scale, score from outcome_scores where response_id = ? order by scale').all(recorded.id);
    expect(scores).toEqual([
      { scale: 'anxiety', score: 28 },
      { scale: 'depression', score: 28 },
      { scale: 'stress', score: 28 },
    ]);
    expect(admin.t.app.db.sqlite.prepare('select timepoint, status from outcome_statuses').all()).toEqual([{ timepoint: 'post', status: 'declined' }]);
    // How the answers came in travels with them.
    expect(admin.t.app.db.sqlite.prepare('select source from outcome_responses where id = ?').pluck().get(recorded.id)).toBe('form');
  });
});
