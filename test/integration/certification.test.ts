import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeStaff } from './fixtures';
import { course, hold, pathwayOf, supervise, world, type World } from './leaders-fixtures';

let t: TestApp;
let w: World;
beforeEach(async () => {
  t = createTestApp();
  w = await world(t);
});
afterEach(() => t.close());

const days4 = ['2024-09-02', '2024-09-03', '2024-10-07', '2024-10-08'];
const ready = async () => {
  await course(t, w.programme.id, days4, [{ leaderId: w.anna.id, dates: days4 }]);
  await hold(t, w.group, 5);
  await supervise(t, w, 4);
};
const certify = (over: Record<string, unknown> = {}) => ({
  leaderId: w.anna.id,
  programmeId: w.programme.id,
  date: '2025-03-01',
  supervisorId: w.sara.id,
  ...over,
});

describe('certification', () => {
  it('certifies a leader who meets the requirements; the pathway shows certified', async () => {
    await ready();
    const c = await t.ok('certifications.certify', certify({ note: 'Mycket väl genomfört' }));
    expect(c).toMatchObject({ leaderName: 'Anna Lind', supervisorName: 'Sara Öberg', requirementsMet: true, overrideReason: null, date: '2025-03-01' });
    expect(await pathwayOf(t, w.anna.id, w.programme.id)).toMatchObject({ status: 'certified', certification: { id: c.id } });
    expect(await t.ok('certifications.list', { leaderId: w.anna.id })).toHaveLength(1);
    expect(t.audit.at(-1)).toMatchObject({ entity: 'certification', action: 'create' });
  });

  it('certifies someone lacking requirements only with a written reason, which is kept', async () => {
    const before = t.snapshot();
    const err = await t.fail('certifications.certify', certify());
    expect(err.code).toBe('validation');
    expect(err.issues?.[0]).toMatchObject({ path: 'overrideReason' });
    expect(err.issues?.[0]?.message.sv).toMatch(
      /^Anna Lind uppfyller inte kraven \(saknas: gruppledarutbildning \(kursdagar\), en grupp ledd under handledning, handledningstillfällen\)\. Skriv en motivering/,
    );
    expect((await t.fail('certifications.certify', certify({ overrideReason: 'För kort' }))).issues?.[0]?.path).toBe('overrideReason');
    expect(t.snapshot()).toBe(before);
    const c = await t.ok('certifications.certify', certify({ overrideReason: 'Certifierad i Göteborg 2019, intyg finns' }));
    expect(c).toMatchObject({ requirementsMet: false, overrideReason: 'Certifierad i Göteborg 2019, intyg finns' });
  });

  it('goes inactive when a certified leader has led no group for the set time (default 24 months)', async () => {
    await ready();
    await t.ok('groups.update', {
      id: w.group.id,
      programmeId: w.programme.id,
      unitId: w.unit.id,
      venue: '',
      startDate: '2025-01-06',
      startTime: '17:30',
      note: '',
      leaderIds: [w.anna.id, w.bo.id],
      supervisorId: w.sara.id,
      status: 'completed',
    });
    await t.ok('certifications.certify', certify());
    // Last session 2025-02-03, certified 2025-03-01: inactive from 2027-03-01.
    const at = async (today: string) => (await t.ok('leaders.page', { leaderId: w.anna.id, today })).pathways[0]!;
    expect(await at('2027-02-28')).toMatchObject({ status: 'certified', inactiveFrom: '2027-03-01' });
    expect((await at('2027-03-01')).status).toBe('inactive');
    await t.ok('leaderSettings.update', { inactiveAfterMonths: 36, noSupervisionWeeks: 4, lowAttendancePercent: 60, lowFidelityPercent: 70 });
    expect(await at('2027-03-01')).toMatchObject({ status: 'certified', inactiveFrom: '2028-03-01' });
  });

  it('refuses self-certification, non-supervisors, future dates, duplicates and unknown people, writing nothing', async () => {
    await ready();
    const both = await makeStaff(t, { name: 'Eva Båda', isLeader: true, isSupervisor: true });
    await t.ok('certifications.certify', certify());
    const before = t.snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        certify({ leaderId: both.id, supervisorId: both.id, overrideReason: 'Lång nog motivering' }),
        'supervisorId',
        'En handledare kan inte certifiera sig själv.',
      ],
      [certify({ supervisorId: w.bo.id }), 'supervisorId', 'Bo Ek är inte registrerad som handledare.'],
      [certify({ leaderId: w.bo.id, date: '2025-03-13', overrideReason: 'Lång nog motivering' }), 'date', 'Certifieringsdatumet kan inte ligga i framtiden.'],
      [certify({ leaderId: crypto.randomUUID() }), 'leaderId', 'Medarbetaren finns inte (längre).'],
    ];
    for (const [input, path, sv] of cases) {
      const err = await t.fail('certifications.certify', input);
      expect(err.issues?.find((i) => i.path === path)?.message.sv).toBe(sv);
    }
    expect((await t.fail('certifications.certify', certify())).message.sv).toBe('Anna Lind är redan certifierad för programmet.');
    expect((await t.fail('certifications.certify', certify({ programmeId: crypto.randomUUID() }))).code).toBe('not_found');
    expect((await t.fail('certifications.certify', certify({ date: 'igår' }))).code).toBe('validation');
    expect((await t.fail('certifications.delete', { id: crypto.randomUUID() })).code).toBe('not_found');
    expect(
      (await t.fail('leaderSettings.update', { inactiveAfterMonths: 0, noSupervisionWeeks: 4, lowAttendancePercent: 60, lowFidelityPercent: 101 })).issues?.map(
        (i) => i.path,
      ),
    ).toEqual(['inactiveAfterMonths', 'lowFidelityPercent']);
    expect(t.snapshot()).toBe(before);
  });
});
