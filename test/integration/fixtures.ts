import type { GroupDetail, Programme, StaffMember, Unit } from '../../src-main/contract';
import type { TestApp } from '../helpers/db';

let counter = 0;
const next = () => ++counter;

export const makeProgramme = (t: TestApp, over: Partial<Programme> = {}): Promise<Programme> =>
  t.ok('programmes.create', {
    name: `Testprogram ${next()}`,
    code: `T${counter}`,
    audience: 'parents',
    sessionCount: 4,
    sessionLengthMinutes: 120,
    childAgeMin: 3,
    childAgeMax: 11,
    ...over,
  } as never);

export const makeUnit = (t: TestApp, name = `Testenhet ${next()}`): Promise<Unit> => t.ok('units.create', { name, kind: 'district' });

export const makeStaff = (
  t: TestApp,
  over: Partial<{ name: string; isLeader: boolean; isSupervisor: boolean; unitId: string | null }> = {},
): Promise<StaffMember> => t.ok('staff.create', { name: `Person ${next()}`, isLeader: true, isSupervisor: false, ...over });

export interface GroupSetup {
  programme: Programme;
  unit: Unit;
  leaders: StaffMember[];
  supervisor: StaffMember;
}

export async function groupSetup(t: TestApp, sessionCount = 4): Promise<GroupSetup> {
  return {
    programme: await makeProgramme(t, { sessionCount }),
    unit: await makeUnit(t),
    leaders: [await makeStaff(t, { name: 'Anna Lind' }), await makeStaff(t, { name: 'Bo Ek' })],
    supervisor: await makeStaff(t, { name: 'Sara Öberg', isLeader: false, isSupervisor: true }),
  };
}

export const groupInput = (s: GroupSetup, over: Record<string, unknown> = {}) => ({
  programmeId: s.programme.id,
  unitId: s.unit.id,
  venue: 'Medborgarhuset',
  startDate: '2025-03-03',
  startTime: '17:30',
  note: '',
  leaderIds: s.leaders.map((l) => l.id),
  supervisorId: s.supervisor.id,
  ...over,
});

export const makeGroup = (t: TestApp, s: GroupSetup, over: Record<string, unknown> = {}): Promise<GroupDetail> =>
  t.ok('groups.create', groupInput(s, over) as never);

/** The update form for a group as it stands, with changes applied. */
export const updateInput = (g: GroupDetail, over: Record<string, unknown> = {}) =>
  ({
    id: g.id,
    programmeId: g.programmeId,
    unitId: g.unitId,
    venue: g.venue,
    startDate: g.startDate,
    startTime: g.startTime,
    note: g.note,
    leaderIds: g.leaders.map((l) => l.id),
    supervisorId: g.supervisor?.id ?? null,
    status: g.status,
    ...over,
  }) as never;
