import type { GroupDetail, ProcedureInput, StaffMember } from '../../src-main/contract';
import type { TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeStaff, type GroupSetup } from './fixtures';

/**
 * A programme of 5 sessions, two leaders (Anna, Bo) and a supervisor (Sara), and a group that
 * started 2025-01-06 (sessions weekly to 2025-02-03, all before the test clock's 2025-03-12).
 */
export interface World extends GroupSetup {
  group: GroupDetail;
  anna: StaffMember;
  bo: StaffMember;
  sara: StaffMember;
}

export async function world(t: TestApp, over: Record<string, unknown> = {}): Promise<World> {
  const setup = await groupSetup(t, 5);
  const group = await makeGroup(t, setup, { startDate: '2025-01-06', ...over });
  return { ...setup, group, anna: setup.leaders[0]!, bo: setup.leaders[1]!, sara: setup.supervisor };
}

/** Marks the first n sessions of the group as held on their planned dates. */
export async function hold(t: TestApp, group: GroupDetail, n: number): Promise<void> {
  for (const s of group.sessions.slice(0, n)) {
    await t.ok('sessions.record', { id: s.id, status: 'held', heldDate: s.plannedDate, participantCount: 6 });
  }
}

export async function course(t: TestApp, programmeId: string, dates: string[], attendees: { leaderId: string; dates: string[] }[] = []) {
  const c = await t.ok('courses.create', { programmeId, title: 'Gruppledarutbildning', trainerName: 'Extern psykolog', dates });
  for (const a of attendees) await t.ok('courses.setAttendance', { courseId: c.id, ...a });
  return t.ok('courses.get', { id: c.id });
}

export const supervisionInput = (w: World, over: Partial<ProcedureInput<'supervision.create'>> = {}): ProcedureInput<'supervision.create'> => ({
  date: '2025-02-10',
  supervisorId: w.sara.id,
  format: 'group',
  mode: 'in_person',
  leaders: [
    { leaderId: w.anna.id, rating: 3 },
    { leaderId: w.bo.id, rating: 4 },
  ],
  groupIds: [w.group.id],
  notes: 'Rollspel och hemuppgifter',
  ...over,
});

/** Records n supervision sessions a week apart, starting at the given date. */
export async function supervise(t: TestApp, w: World, n: number, from = '2025-01-13', over: Partial<ProcedureInput<'supervision.create'>> = {}) {
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0; i < n; i++) {
    const date = new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10);
    await t.ok('supervision.create', supervisionInput(w, { date, ...over }));
  }
}

export const anotherSupervisor = (t: TestApp) => makeStaff(t, { name: 'Karin Holm', isLeader: false, isSupervisor: true });

export const pathwayOf = async (t: TestApp, leaderId: string, programmeId: string) =>
  (await t.ok('leaders.page', { leaderId })).pathways.find((p) => p.programmeId === programmeId);
