import { dayNumber, isoFromDay, timestampOf } from './calendar';
import type { DemoOptions, DemoProgramme, DemoRows, GroupRow } from './generate';
import { createRandom } from './random';

export interface DemoCourse {
  id: string;
  programmeId: string;
  title: string;
  trainerStaffId: string;
  note: string;
  firstDate: string;
  lastDate: string;
  createdAt: string;
}
export interface DemoSupervision {
  id: string;
  date: string;
  supervisorId: string;
  format: 'group' | 'individual';
  mode: 'in_person' | 'video';
  notes: string;
  createdAt: string;
}
export interface DemoFollowUp {
  id: string;
  supervisionId: string;
  leaderId: string | null;
  text: string;
  dueDate: string;
  done: 0 | 1;
  doneAt: string | null;
  createdAt: string;
}
export interface DemoCertification {
  id: string;
  leaderId: string;
  programmeId: string;
  date: string;
  supervisorId: string;
  requirementsMet: 0 | 1;
  overrideReason: string | null;
  createdAt: string;
}
export interface LeaderPathwayRows {
  courses: DemoCourse[];
  courseDays: { courseId: string; date: string }[];
  courseAttendance: { courseId: string; date: string; staffId: string }[];
  supervision: DemoSupervision[];
  supervisionLeaders: { supervisionId: string; leaderId: string; rating: number | null; note: string }[];
  supervisionGroups: { supervisionId: string; groupId: string }[];
  followUps: DemoFollowUp[];
  certifications: DemoCertification[];
}

const supervisionNotes = [
  'Genomgång av rollspel och hemuppgifter.',
  'Diskussion om en förälder med hög frånvaro.',
  'Videoexempel och hur de används.',
  'Planering av nästa träff.',
  'Gruppens dynamik och hur tystare deltagare kommer in.',
  '',
];
const followUpTexts = [
  'Filma ett rollspel till nästa handledning.',
  'Ring förälder som missat två träffar.',
  'Läs manualens kapitel om beröm.',
  'Förbered genomgång av hemuppgiften.',
  'Skicka närvarolistan till handledaren.',
];

/**
 * Courses, supervision, follow-ups and certifications that fit the generated groups: leaders
 * take a course (4 or 5 days over two terms' worth of weeks) before their first group of a
 * programme, are supervised every three weeks or so while a group runs, and are certified after
 * a supervised group once the usual requirements are met. Pure and deterministic like the rest.
 */
export function generateLeaderPathway(rows: DemoRows, programmes: DemoProgramme[], options: DemoOptions): LeaderPathwayRows {
  const rnd = createRandom(`${String(options.seed)}:leaders`);
  const todayDay = dayNumber(options.today);
  const out: LeaderPathwayRows = {
    courses: [],
    courseDays: [],
    courseAttendance: [],
    supervision: [],
    supervisionLeaders: [],
    supervisionGroups: [],
    followUps: [],
    certifications: [],
  };
  const supervisors = rows.staff.filter((s) => s.isSupervisor === 1);
  if (!supervisors.length) return out;
  const programmeCode = new Map(programmes.map((p) => [p.id, p.code]));
  const groupById = new Map(rows.groups.map((g) => [g.id, g]));
  const leadersOf = new Map<string, string[]>();
  for (const l of rows.groupLeaders) leadersOf.set(l.groupId, [...(leadersOf.get(l.groupId) ?? []), l.staffId]);
  const held = new Map<string, { count: number; regular: number; last: number | null }>();
  for (const s of rows.sessions) {
    const h = held.get(s.groupId) ?? { count: 0, regular: 0, last: null };
    if (s.isExtra === 0) h.regular++;
    if (s.status === 'held') {
      h.count++;
      h.last = Math.max(h.last ?? 0, dayNumber(s.heldDate ?? s.plannedDate));
    }
    held.set(s.groupId, h);
  }

  // Cohorts: each leader's first group per programme decides when they took that programme's course.
  const firstStart = new Map<string, number>();
  for (const g of [...rows.groups].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    for (const l of leadersOf.get(g.id) ?? []) {
      const key = `${l}|${g.programmeId}`;
      if (!firstStart.has(key)) firstStart.set(key, dayNumber(g.startDate));
    }
  }
  const cohorts = new Map<string, { programmeId: string; leaders: string[]; before: number }>();
  for (const [key, start] of firstStart) {
    const [leaderId, programmeId] = key.split('|') as [string, string];
    const term = Math.floor((start - 40) / 182);
    const cohortKey = `${programmeId}|${term}|${Math.floor(rnd.next() * 3)}`;
    const c = cohorts.get(cohortKey) ?? { programmeId, leaders: [], before: start };
    c.leaders.push(leaderId);
    c.before = Math.min(c.before, start);
    cohorts.set(cohortKey, c);
  }
  const courseDaysOf = new Map<string, number>();
  for (const c of cohorts.values()) {
    const id = rnd.uuid();
    const dayCount = rnd.chance(0.6) ? 4 : 5;
    // Two blocks a few weeks apart, ending some weeks before the cohort's first group.
    const end = c.before - rnd.int(14, 56);
    const blockB = end - (dayCount - 3);
    const blockA = blockB - rnd.int(21, 42);
    const days = [blockA, blockA + 1, ...(dayCount === 5 ? [blockA + 2] : []), blockB, blockB + 1].slice(0, dayCount).map(isoFromDay);
    const code = programmeCode.get(c.programmeId) ?? '';
    out.courses.push({
      id,
      programmeId: c.programmeId,
      title: `Gruppledarutbildning ${code} ${days[0]!.slice(0, 4)}`,
      trainerStaffId: rnd.pick(supervisors).id,
      note: '',
      firstDate: days[0]!,
      lastDate: days.at(-1)!,
      createdAt: timestampOf(blockA - 30),
    });
    for (const d of days) out.courseDays.push({ courseId: id, date: d });
    for (const leaderId of c.leaders) {
      let n = 0;
      for (const d of days) {
        if (rnd.chance(0.96)) {
          out.courseAttendance.push({ courseId: id, date: d, staffId: leaderId });
          n++;
        }
      }
      courseDaysOf.set(`${leaderId}|${c.programmeId}`, n);
    }
  }

  const supervisedCount = new Map<string, number>();
  const lastFollowUpDue = todayDay + 21;
  for (const g of rows.groups) {
    if (!g.supervisorId || g.status === 'cancelled' || g.status === 'planned') continue;
    const leaders = leadersOf.get(g.id) ?? [];
    const h = held.get(g.id);
    const start = dayNumber(g.startDate);
    const end = Math.min(todayDay, (h?.last ?? start) + 14);
    // Some running groups fall behind on supervision, which the attention list should catch.
    const lagging = g.status === 'running' && rnd.chance(0.15);
    for (let day = start + rnd.int(7, 21); day <= end - (lagging ? 35 : 0); day += rnd.int(18, 28)) {
      addSupervision(g, leaders, day);
    }
  }

  function addSupervision(g: GroupRow, leaders: string[], day: number): void {
    const id = rnd.uuid();
    const individual = leaders.length === 1 || rnd.chance(0.1);
    const present = individual ? [leaders[0]!] : leaders;
    out.supervision.push({
      id,
      date: isoFromDay(day),
      supervisorId: g.supervisorId!,
      format: individual ? 'individual' : 'group',
      mode: rnd.chance(0.2) ? 'video' : 'in_person',
      notes: rnd.pick(supervisionNotes),
      createdAt: timestampOf(Math.min(day, todayDay), '16:00'),
    });
    for (const l of present) {
      out.supervisionLeaders.push({
        supervisionId: id,
        leaderId: l,
        rating: rnd.chance(0.1)
          ? null
          : rnd.weighted([
              [2, 15],
              [3, 55],
              [4, 28],
              [1, 2],
            ] as const),
        note: '',
      });
      const key = `${l}|${g.programmeId}`;
      supervisedCount.set(key, (supervisedCount.get(key) ?? 0) + 1);
    }
    out.supervisionGroups.push({ supervisionId: id, groupId: g.id });
    if (rnd.chance(0.3)) {
      const due = day + rnd.int(7, 21);
      if (due > lastFollowUpDue) return;
      // Some follow-ups slip past their date, but none is forgotten for more than a couple of months.
      const done = due < todayDay - 60 ? true : due < todayDay - 7 ? rnd.chance(0.9) : rnd.chance(0.3);
      out.followUps.push({
        id: rnd.uuid(),
        supervisionId: id,
        leaderId: rnd.chance(0.7) ? rnd.pick(present) : null,
        text: rnd.pick(followUpTexts),
        dueDate: isoFromDay(due),
        done: done ? 1 : 0,
        doneAt: done ? timestampOf(Math.min(due, todayDay)) : null,
        createdAt: timestampOf(Math.min(day, todayDay), '16:30'),
      });
    }
  }

  // Certification after the first completed group with a supervisor, when the usual requirements hold.
  const certified = new Set<string>();
  for (const g of [...rows.groups].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    const h = held.get(g.id);
    if (g.status !== 'completed' || !g.supervisorId || !h?.last || h.count < Math.ceil(h.regular * 0.8)) continue;
    for (const l of leadersOf.get(g.id) ?? []) {
      const key = `${l}|${g.programmeId}`;
      if (certified.has(key)) continue;
      const met = (courseDaysOf.get(key) ?? 0) >= 4 && (supervisedCount.get(key) ?? 0) >= 4;
      const override = !met && rnd.chance(0.03);
      const day = h.last + rnd.int(14, 60);
      if ((!met && !override) || day > todayDay || rnd.chance(0.1)) continue;
      certified.add(key);
      out.certifications.push({
        id: rnd.uuid(),
        leaderId: l,
        programmeId: g.programmeId,
        date: isoFromDay(day),
        supervisorId: groupById.get(g.id)!.supervisorId!,
        requirementsMet: met ? 1 : 0,
        overrideReason: met ? null : 'Certifierad i annan kommun; intyg finns i personalakten.',
        createdAt: timestampOf(day, '10:00'),
      });
    }
  }
  return out;
}
