import { dayNumber, isoFromDay, isoWeekday, monthOf, dayOfMonth, timestampOf } from './calendar';
import { firstNames, notes, sessionCancelReasons, startTimes, surnames, venues } from './names';
import { createRandom, type Random } from './random';

export interface DemoProgramme {
  id: string;
  code: string;
  audience: 'parents' | 'teachers' | 'preschool_staff' | 'individual_family';
  sessionCount: number;
  active: boolean;
}

export interface DemoUnit {
  id: string;
  name: string;
  kind: string;
  active: boolean;
}

export interface DemoOptions {
  scale: number;
  seed: string | number;
  /** The day the data is laid out around: earlier sessions are recorded, later ones planned. */
  today: string;
}

export interface StaffRow {
  id: string;
  name: string;
  unitId: string | null;
  email: string | null;
  phone: string | null;
  isLeader: 0 | 1;
  isSupervisor: 0 | 1;
  createdAt: string;
  updatedAt: string;
}
export interface GroupRow {
  id: string;
  programmeId: string;
  unitId: string;
  supervisorId: string | null;
  venue: string;
  startDate: string;
  weekday: number;
  startTime: string;
  note: string;
  status: 'planned' | 'running' | 'completed' | 'cancelled';
  createdAt: string;
  updatedAt: string;
}
export interface GroupLeaderRow {
  groupId: string;
  staffId: string;
  createdAt: string;
}
export interface SessionRow {
  id: string;
  groupId: string;
  number: number;
  plannedDate: string;
  status: 'planned' | 'held' | 'cancelled';
  heldDate: string | null;
  cancelReason: string | null;
  participantCount: number | null;
  isExtra: 0 | 1;
  createdAt: string;
  updatedAt: string;
}
export interface DemoRows {
  staff: StaffRow[];
  groups: GroupRow[];
  groupLeaders: GroupLeaderRow[];
  sessions: SessionRow[];
}

/** Per scale 1: about three years of Stockholm. */
export const perScale = { groups: 170, leaders: 60, supervisors: 12 } as const;
const windowDaysBack = 1000;
const windowDaysAhead = 90;

/** How common each seeded variant is; fKomet dominates, as in the city's own reports. */
const programmeWeights: Record<string, number> = {
  fkomet: 55,
  tonårskomet: 14,
  ikomet: 8,
  förstärktkomet: 6,
  skomet: 6,
  förskolekomet: 5,
  siskomet: 4,
};
const programmeWeight = (p: DemoProgramme) => programmeWeights[p.code.toLowerCase().replace(/[^\p{L}]/gu, '')] ?? 2;

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');

function makePerson(rnd: Random, unitId: string | null, role: 'leader' | 'supervisor', createdAt: string): StaffRow {
  const first = rnd.pick(firstNames);
  const last = rnd.pick(surnames);
  return {
    id: rnd.uuid(),
    name: `${first} ${last}`,
    unitId,
    // .example is reserved for documentation; the 070-17406xx range is reserved for fiction.
    email: rnd.chance(0.8) ? `${ascii(first)}.${ascii(last)}@komet-demo.example` : null,
    phone: rnd.chance(0.4) ? `070-17406${String(rnd.int(5, 99)).padStart(2, '0')}` : null,
    isLeader: role === 'leader' ? 1 : 0,
    isSupervisor: role === 'supervisor' ? 1 : 0,
    createdAt,
    updatedAt: createdAt,
  };
}

/** Groups start in term time: late January to April, or late August to mid-November. */
function termStart(rnd: Random, todayDay: number): number {
  for (;;) {
    const day = todayDay + rnd.int(-windowDaysBack, windowDaysAhead);
    const m = monthOf(day);
    const d = dayOfMonth(day);
    const inSpring = (m === 1 && d >= 20) || (m >= 2 && m <= 3) || (m === 4 && d <= 15);
    const inAutumn = (m === 8 && d >= 20) || m === 9 || m === 10 || (m === 11 && d <= 5);
    if (!inSpring && !inAutumn) continue;
    const weekday = rnd.weighted([
      [1, 3],
      [2, 4],
      [3, 4],
      [4, 3],
      [5, 1],
    ] as const);
    return day + (weekday - isoWeekday(day));
  }
}

function attendance(rnd: Random, p: DemoProgramme): { enrolled: number; dropRate: number } {
  if (p.audience === 'individual_family') return { enrolled: rnd.int(1, 2), dropRate: 0 };
  if (p.audience === 'teachers' || p.audience === 'preschool_staff') return { enrolled: rnd.int(7, 12), dropRate: rnd.next() * 0.15 };
  return { enrolled: rnd.int(6, 9), dropRate: rnd.next() * 0.25 };
}

/**
 * Builds the demo rows in memory. Pure: the same programmes, units, seed and day give the same
 * rows, ids included, so demo databases and benchmarks are reproducible.
 */
export function generateDemo(programmes: DemoProgramme[], units: DemoUnit[], options: DemoOptions): DemoRows {
  const rnd = createRandom(options.seed);
  const todayDay = dayNumber(options.today);
  const activeProgrammes = programmes.filter((p) => p.active);
  const districts = units.filter((u) => u.active && u.kind === 'district');
  const groupUnits = districts.length > 0 ? districts : units.filter((u) => u.active);
  if (activeProgrammes.length === 0 || groupUnits.length === 0) {
    throw new Error('demo data needs at least one active programme and one active unit');
  }
  const staffCreated = timestampOf(todayDay - windowDaysBack - 60);

  const leaderCount = Math.max(groupUnits.length * 2, Math.round(perScale.leaders * options.scale));
  const supervisorCount = Math.max(1, Math.round(perScale.supervisors * options.scale));
  const leadersByUnit = new Map<string, StaffRow[]>(groupUnits.map((u) => [u.id, []]));
  const staff: StaffRow[] = [];
  for (let i = 0; i < leaderCount; i++) {
    // Round-robin first so every district has leaders, then the order is shuffled by the names.
    const unit = groupUnits[i % groupUnits.length]!;
    const person = makePerson(rnd, unit.id, 'leader', staffCreated);
    staff.push(person);
    leadersByUnit.get(unit.id)!.push(person);
  }
  const supervisors: StaffRow[] = [];
  for (let i = 0; i < supervisorCount; i++) {
    // Supervisors are psychologists at the city's central unit, not tied to a district.
    supervisors.push(makePerson(rnd, null, 'supervisor', staffCreated));
  }
  staff.push(...supervisors);

  const weightedProgrammes = activeProgrammes.map((p) => [p, programmeWeight(p)] as const);
  const groupCount = Math.max(1, Math.round(perScale.groups * options.scale));
  const groups: GroupRow[] = [];
  const groupLeaders: GroupLeaderRow[] = [];
  const sessions: SessionRow[] = [];

  for (let g = 0; g < groupCount; g++) {
    const programme = rnd.weighted(weightedProgrammes);
    const unit = rnd.pick(groupUnits);
    const startDay = termStart(rnd, todayDay);
    const createdDay = Math.min(startDay - rnd.int(14, 42), todayDay);
    const createdAt = timestampOf(createdDay, '09:15');
    const groupId = rnd.uuid();

    const local = leadersByUnit.get(unit.id)!;
    const leaderTotal = programme.audience === 'individual_family' ? 1 : 2;
    const chosen = new Set<StaffRow>();
    while (chosen.size < leaderTotal) chosen.add(rnd.pick(local.length >= leaderTotal ? local : staff.slice(0, leaderCount)));
    for (const leader of chosen) groupLeaders.push({ groupId, staffId: leader.id, createdAt });

    // A few groups that already began were called off: too few parents stayed.
    const cancelledGroup = startDay + 21 < todayDay && rnd.chance(0.02);
    const cancelFrom = cancelledGroup ? rnd.int(1, 3) : Number.POSITIVE_INFINITY;
    const { enrolled, dropRate } = attendance(rnd, programme);
    const leaveOverdue = rnd.chance(0.25);

    let number = 0;
    let lastDay = startDay - 7;
    let total = programme.sessionCount;
    let lastUpdated = createdAt;
    const groupSessions: SessionRow[] = [];
    while (number < total) {
      number++;
      const isExtra = number > programme.sessionCount;
      const day = lastDay + 7;
      lastDay = day;
      const row: SessionRow = {
        id: rnd.uuid(),
        groupId,
        number,
        plannedDate: isoFromDay(day),
        status: 'planned',
        heldDate: null,
        cancelReason: null,
        participantCount: null,
        isExtra: isExtra ? 1 : 0,
        createdAt,
        updatedAt: createdAt,
      };
      if (number > cancelFrom) {
        row.status = 'cancelled';
        row.cancelReason = 'Gruppen avbröts';
        row.updatedAt = timestampOf(Math.min(startDay + 7 * cancelFrom, todayDay), '20:00');
      } else if (day < todayDay) {
        row.updatedAt = timestampOf(day, '20:30');
        if (rnd.chance(0.08)) {
          row.status = 'cancelled';
          row.cancelReason = rnd.pick(sessionCancelReasons);
          // Half of the cancelled sessions are made up with an extra session at the end.
          if (!cancelledGroup && rnd.chance(0.5) && total < programme.sessionCount + 3) total++;
        } else {
          row.status = 'held';
          row.heldDate = row.plannedDate;
          const dropped = Math.floor((number - 1) * dropRate);
          row.participantCount = Math.max(1, enrolled - dropped - (enrolled > 2 ? rnd.int(0, 2) : rnd.int(0, 1)));
        }
      }
      if (row.updatedAt > lastUpdated) lastUpdated = row.updatedAt;
      groupSessions.push(row);
    }
    // Some running groups have not yet recorded their latest session: the dashboard's overdue list.
    const last = groupSessions[groupSessions.length - 1]!;
    const running = startDay <= todayDay && last.plannedDate >= options.today;
    if (running && !cancelledGroup && leaveOverdue) {
      const latestPast = groupSessions.filter((s) => s.plannedDate < options.today).at(-1);
      if (latestPast && latestPast.status === 'held') {
        Object.assign(latestPast, { status: 'planned', heldDate: null, participantCount: null, updatedAt: createdAt });
      }
    }
    sessions.push(...groupSessions);

    const status: GroupRow['status'] = cancelledGroup ? 'cancelled' : startDay > todayDay ? 'planned' : running ? 'running' : 'completed';
    groups.push({
      id: groupId,
      programmeId: programme.id,
      unitId: unit.id,
      supervisorId: rnd.pick(supervisors).id,
      venue: `${rnd.pick(venues)}, ${unit.name}`,
      startDate: isoFromDay(startDay),
      weekday: isoWeekday(startDay),
      startTime: rnd.weighted(startTimes),
      note: rnd.weighted(notes),
      status,
      createdAt,
      updatedAt: lastUpdated,
    });
  }
  return { staff, groups, groupLeaders, sessions };
}
