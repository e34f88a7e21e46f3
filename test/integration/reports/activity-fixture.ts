import type { GroupDetail, Programme, StaffMember, Unit } from '../../../src-main/contract';
import type { TestApp } from '../../helpers/db';
import { makeProgramme, makeStaff, makeUnit, updateInput } from '../fixtures';
import { addParticipant, markRow } from '../participants-fixtures';

/** After every session of the fixture's groups, so each group that held all its sessions has ended. */
export const reportNow = '2026-01-15T10:00:00.000Z';

export interface GroupSpec {
  unit: Unit;
  programme: Programme;
  startDate: string;
  leaders: StaffMember[];
  supervisor: StaffMember | null;
  /** One attendance pattern per parent ("PPAA": present at 1 and 2, absent at 3 and 4). */
  parents: string[];
  /** Parents (by index) who join the family of the parent before them. */
  sameFamilyAsPrevious?: number[];
  status?: 'completed' | 'cancelled';
}

export async function makeReportGroup(t: TestApp, spec: GroupSpec): Promise<GroupDetail> {
  const group = await t.ok('groups.create', {
    programmeId: spec.programme.id,
    unitId: spec.unit.id,
    venue: 'Medborgarhuset',
    startDate: spec.startDate,
    startTime: '17:30',
    note: '',
    leaderIds: spec.leaders.map((l) => l.id),
    supervisorId: spec.supervisor?.id ?? null,
  } as never);
  let previousFamily: string | null = null;
  for (let i = 0; i < spec.parents.length; i++) {
    const joins = spec.sameFamilyAsPrevious?.includes(i) ?? false;
    const p = await addParticipant(t, group.id, { enrolmentDate: spec.startDate, consentDate: spec.startDate, familyId: joins ? previousFamily : null });
    previousFamily = p.family.id;
    await markRow(t, group, p.id, spec.parents[i]!);
  }
  if (spec.status) await t.ok('groups.update', updateInput(await t.ok('groups.get', { id: group.id }), { status: spec.status }));
  return t.ok('groups.get', { id: group.id });
}

const times = (n: number, pattern: string) => Array.from({ length: n }, () => pattern);

/**
 * Two units, two programmes of four sessions, groups in 2024 and 2025, every count of parents
 * 0 or at least 5 so nothing is suppressed. The figures the tests expect are worked out by hand
 * in activity-report.test.ts from these lines.
 */
export async function buildLargeCells(t: TestApp) {
  const ostermalm = await makeUnit(t, 'Östermalm');
  const kista = await makeUnit(t, 'Kista');
  const p1 = await makeProgramme(t, { name: 'Komet för föräldrar', code: 'RAPPA', sessionCount: 4 });
  const p2 = await makeProgramme(t, { name: 'Tonårskomet', code: 'RAPPB', sessionCount: 4 });
  const l1 = await makeStaff(t, { name: 'Åsa Lind' });
  const l2 = await makeStaff(t, { name: 'Bo Ek' });
  const l3 = await makeStaff(t, { name: 'Cai Öst' });
  const s = await makeStaff(t, { name: 'Sara Öberg', isLeader: false, isSupervisor: true });

  // 2025: G1 Östermalm P1 completed: 5 complete (two of them one family), 5 drop out after session 1.
  const g1 = await makeReportGroup(t, {
    unit: ostermalm,
    programme: p1,
    startDate: '2025-03-03',
    leaders: [l1, l2],
    supervisor: s,
    parents: [...times(5, 'PPPP'), ...times(5, 'PAAA')],
    sameFamilyAsPrevious: [1],
    status: 'completed',
  });
  // G2 Kista P1 running: two sessions held; 5 present at both, 5 absent at both (not started yet).
  const g2 = await makeReportGroup(t, {
    unit: kista,
    programme: p1,
    startDate: '2025-09-01',
    leaders: [l3],
    supervisor: s,
    parents: [...times(5, 'PP'), ...times(5, 'AA')],
  });
  // G3 Östermalm P2 completed: 6 complete.
  const g3 = await makeReportGroup(t, {
    unit: ostermalm,
    programme: p2,
    startDate: '2025-04-07',
    leaders: [l1, l2],
    supervisor: s,
    parents: times(6, 'PPPP'),
    status: 'completed',
  });
  // G4 Kista P2 cancelled before it began.
  const g4 = await makeReportGroup(t, { unit: kista, programme: p2, startDate: '2025-05-05', leaders: [l3], supervisor: s, parents: [], status: 'cancelled' });
  // 2024: G5 Östermalm P1 completed: 5 complete.
  const g5 = await makeReportGroup(t, {
    unit: ostermalm,
    programme: p1,
    startDate: '2024-03-04',
    leaders: [l1, l2],
    supervisor: s,
    parents: times(5, 'PPPP'),
    status: 'completed',
  });

  // L1 was certified in both programmes before 2025: no longer a first group under supervision.
  for (const p of [p1, p2])
    await t.ok('certifications.certify', {
      leaderId: l1.id,
      programmeId: p.id,
      date: '2024-06-01',
      supervisorId: s.id,
      overrideReason: 'Certifierad före Komet.',
    });
  await t.ok('certifications.certify', {
    leaderId: l3.id,
    programmeId: p1.id,
    date: '2025-10-01',
    supervisorId: s.id,
    overrideReason: 'Beslut av handledaren.',
  });
  const course = await t.ok('courses.create', { programmeId: p1.id, title: 'Ledarutbildning', trainerStaffId: s.id, dates: ['2025-02-03', '2025-02-04'] });
  await t.ok('courses.setAttendance', { courseId: course.id, leaderId: l3.id, dates: ['2025-02-03'] });
  for (const date of ['2025-09-10', '2025-10-08']) {
    await t.ok('supervision.create', {
      date,
      supervisorId: s.id,
      format: 'group',
      mode: 'in_person',
      leaders: [
        { leaderId: l2.id, rating: null },
        { leaderId: l3.id, rating: null },
      ],
      groupIds: [g2.id],
    });
  }
  return { ostermalm, kista, p1, p2, l1, l2, l3, s, g1, g2, g3, g4, g5 };
}
