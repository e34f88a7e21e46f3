import { afterEach, describe, expect, it } from 'vitest';
import type { TestLaptop } from '../../helpers/sync-nodes';
import { groupInput } from '../fixtures';
import { leadersInTwoUnits } from './two-leaders';

/**
 * A leader's pathway (supervision, follow-ups, certifications, course days attended) is read by
 * the leader and her supervisors, in any unit, and written by supervisors and administrators.
 */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const pathwayTables = ['supervision_sessions', 'supervision_leaders', 'follow_ups', 'certifications', 'course_attendance'] as const;

/** A leader's pathway rows as a laptop holds them, local bookkeeping left out. */
function pathwayOf(l: TestLaptop, leaderId: string): Record<string, unknown[]> {
  const q = (text: string) => (l.t.app.db.sqlite.prepare(text).all(leaderId) as Record<string, unknown>[]).map(({ updated_at: _u, ...rest }) => rest);
  return {
    supervision_sessions: q('select * from supervision_sessions where id in (select supervision_id from supervision_leaders where leader_id = ?) order by id'),
    supervision_leaders: q('select * from supervision_leaders where leader_id = ? order by supervision_id'),
    follow_ups: q('select * from follow_ups where leader_id = ? order by id'),
    certifications: q('select * from certifications where leader_id = ? order by id'),
    course_attendance: q('select * from course_attendance where staff_id = ? order by course_id, date'),
  };
}

/**
 * Two units. Lea leads a group in the first unit; Sara, of the second unit, supervises it (so she
 * supervises Lea). Uno leads in the second unit and has nothing to do with Lea. The administrator
 * records Lea's course days, a supervision meeting with a follow-up, and her certification.
 */
async function world() {
  const { s, join, admin, unit, other, lea, uno } = await leadersInTwoUnits(cleanups);
  const sara = await admin.t.ok('staff.create', { name: 'Sara Handledare', unitId: other.id, isLeader: false, isSupervisor: true });
  const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
  const group = await admin.t.ok('groups.create', groupInput({ programme, unit, leaders: [lea], supervisor: sara } as never) as never);

  const course = await admin.t.ok('courses.create', {
    programmeId: programme.id,
    title: 'Gruppledarutbildning',
    trainerName: 'Extern',
    dates: ['2025-01-13', '2025-01-14'],
  });
  await admin.t.ok('courses.setAttendance', { courseId: course.id, leaderId: lea.id, dates: ['2025-01-13', '2025-01-14'] });
  const meeting = await admin.t.ok('supervision.create', {
    date: '2025-03-10',
    supervisorId: sara.id,
    format: 'individual',
    mode: 'in_person',
    leaders: [{ leaderId: lea.id, rating: 3 }],
    groupIds: [group.id],
    notes: 'Rollspel',
    followUps: [{ text: 'Ring familjen', dueDate: '2025-03-24', leaderId: lea.id }],
  } as never);
  await admin.t.ok('certifications.certify', {
    leaderId: lea.id,
    programmeId: programme.id,
    date: '2025-03-11',
    supervisorId: sara.id,
    overrideReason: 'Certifierad i en annan kommun, intyg finns',
  });
  expect(await admin.sync()).toBe(true);
  return { s, join, admin, unit, other, lea, uno, sara, group, meeting, programme };
}

describe('a leader’s pathway', () => {
  it('reaches the leader and her supervisor in another unit, and not a leader of that unit who has nothing to do with her', async () => {
    const w = await world();
    const expected = pathwayOf(w.admin, w.lea.id);
    for (const table of pathwayTables) expect(expected[table]!.length, table).toBeGreaterThan(0);

    const sara = await w.join({ personId: w.sara.id, name: 'Sara Handledare', role: 'supervisor', units: [w.other.id] });
    const lea = await w.join({ personId: w.lea.id, name: 'Lea Ledare', role: 'leader', units: [w.unit.id] });
    const uno = await w.join({ personId: w.uno.id, name: 'Uno Ledare', role: 'leader', units: [w.other.id] });
    for (const l of [sara, lea, uno]) expect(await l.sync(), l.name).toBe(true);

    expect(pathwayOf(sara, w.lea.id)).toEqual(expected);
    expect(pathwayOf(lea, w.lea.id)).toEqual(expected);
    for (const table of pathwayTables) expect(uno.t.rowCount(table), table).toBe(0);
    // Uno is in Sara's unit, yet the meeting Sara held with Lea is not his to see.
    expect(uno.t.app.db.sqlite.prepare('select count(*) from supervision_sessions where id = ?').pluck().get(w.meeting.id)).toBe(0);
  });

  it('refuses the leader’s own change to her pathway, says why and puts her copy back; her supervisor’s change reaches her', async () => {
    const w = await world();
    const lea = await w.join({ personId: w.lea.id, name: 'Lea Ledare', role: 'leader', units: [w.unit.id] });
    const sara = await w.join({ personId: w.sara.id, name: 'Sara Handledare', role: 'supervisor', units: [w.other.id] });
    expect(await lea.sync()).toBe(true);
    expect(await sara.sync()).toBe(true);
    const followUp = (l: TestLaptop) =>
      l.t.app.db.sqlite.prepare('select text, done from follow_ups where supervision_id = ?').get(w.meeting.id) as { text: string; done: number };
    expect(followUp(lea)).toEqual({ text: 'Ring familjen', done: 0 });
    const id = (lea.t.app.db.sqlite.prepare('select id from follow_ups where supervision_id = ?').pluck().get(w.meeting.id) as string)!;

    // Lea ticks off her own follow-up: the server refuses it as a whole, tells her why, and her copy is the server's again.
    await lea.t.ok('followUps.setDone', { id, done: true });
    expect(followUp(lea).done).toBe(1);
    await lea.sync();
    const refusals = lea.t.app.db.sqlite.prepare('select tables, message_sv as sv, message_en as en from sync_refusals').all() as {
      tables: string;
      sv: string;
      en: string;
    }[];
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!.tables)).toEqual(['follow_ups']);
    expect(refusals[0]!.sv).toBe('En ledares utbildning, handledning och certifiering ändras av hennes handledare eller en administratör.');
    expect(refusals[0]!.en).toMatch(/changed by her supervisors or an administrator/);
    expect(followUp(lea)).toEqual({ text: 'Ring familjen', done: 0 });
    expect(await w.admin.sync()).toBe(true);
    expect(followUp(w.admin).done).toBe(0);

    // Sara, in another unit, may: her change is taken and reaches Lea and the administrator.
    await sara.t.ok('followUps.update', { id, text: 'Ring familjen och boka ett möte', dueDate: '2025-04-07', leaderId: w.lea.id });
    await sara.t.ok('followUps.setDone', { id, done: true });
    expect(await sara.sync()).toBe(true);
    expect(sara.t.rowCount('sync_refusals')).toBe(0);
    expect(await lea.sync()).toBe(true);
    expect(await w.admin.sync()).toBe(true);
    for (const l of [lea, w.admin, sara]) expect(followUp(l), l.name).toEqual({ text: 'Ring familjen och boka ett möte', done: 1 });
    expect(pathwayOf(lea, w.lea.id)).toEqual(pathwayOf(w.admin, w.lea.id));
  });
});
