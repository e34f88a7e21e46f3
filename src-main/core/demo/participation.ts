import { defaultRules, deriveStatus, groupHasEnded, type HeldSessionMark, type Mark } from '../domain/participation';
import { genericPlanItem } from '../seed/participation';
import { dayNumber, isoFromDay, timestampOf } from './calendar';
import type { DemoOptions, DemoRows, SessionRow } from './generate';
import { firstNames, surnames } from './names';
import { createRandom, type Random } from './random';

export interface DemoProgrammeBand {
  id: string;
  audience: 'parents' | 'teachers' | 'preschool_staff' | 'individual_family';
  sessionCount: number;
  childAgeMin: number | null;
  childAgeMax: number | null;
}

export interface FamilyRow {
  id: string;
  childBirthYear: number | null;
  childGender: string | null;
  createdAt: string;
}
export interface ParticipantDemoRow {
  id: string;
  personId: string;
  groupId: string;
  familyId: string;
  displayName: string;
  relation: string;
  contact: string | null;
  enrolmentDate: string;
  consent: string;
  consentDate: string | null;
  manualStatus: string | null;
  dropoutReasonId: string | null;
  status: string;
  atRisk: 0 | 1;
  absentStreak: number;
  presentCount: number;
  markedCount: number;
  heldCount: number;
  lastSessionAttended: number | null;
  createdAt: string;
}
export interface AttendanceDemoRow {
  participantId: string;
  sessionId: string;
  state: Mark;
  updatedAt: string;
}
export interface FidelityDemoRow {
  sessionId: string;
  title: string;
  components: string;
  coveredCount: number;
  totalCount: number;
  note: string;
  at: string;
}
export interface ParticipationRows {
  families: FamilyRow[];
  participants: ParticipantDemoRow[];
  attendance: AttendanceDemoRow[];
  fidelity: FidelityDemoRow[];
  countOnlyGroupIds: string[];
  /** Distinct families present per marked session of a tracking group. */
  familyCounts: Map<string, number>;
}

const notes = ['', '', '', '', '', '', 'Kort om tid för rollspelet', 'Tolk med', 'Livlig diskussion om hemuppgiften', 'Filmen fungerade inte'];
const genders = [
  ['girl', 47],
  ['boy', 47],
  ['other', 2],
  ['not_stated', 4],
] as const;

function displayName(rnd: Random): string {
  const first = rnd.pick(firstNames);
  const last = rnd.pick(surnames);
  // Data minimisation: most leaders write initials or a first name with an initial.
  return rnd.chance(0.5) ? `${first[0]}. ${last[0]}.` : `${first} ${last[0]}.`;
}

/** How one participant takes part: most come, some stop coming, a few never start. */
function engagement(rnd: Random, heldTotal: number): { dropFrom: number; presentChance: number } {
  const r = rnd.next();
  if (r < 0.04) return { dropFrom: 0, presentChance: 0 };
  if (r < 0.17 && heldTotal > 3) return { dropFrom: rnd.int(1, heldTotal - 2), presentChance: 0.85 };
  return { dropFrom: Number.POSITIVE_INFINITY, presentChance: rnd.chance(0.2) ? 0.78 : 0.93 };
}

/**
 * Participants, attendance and fidelity on top of generated groups and sessions. Pure and
 * seeded like the rest of the demo; the derived fields (status, counts per session) are
 * computed with the same domain rules the services use, so demo data looks as if typed in.
 * Session counts of attendance-tracking groups are rewritten in place from the marks.
 */
export function generateParticipation(rows: DemoRows, programmes: DemoProgrammeBand[], reasonIds: string[], options: DemoOptions): ParticipationRows {
  const rnd = createRandom(`${String(options.seed)}:participation`);
  const byProgramme = new Map(programmes.map((p) => [p.id, p]));
  const sessionsByGroup = new Map<string, SessionRow[]>();
  for (const s of rows.sessions) {
    const list = sessionsByGroup.get(s.groupId);
    if (list) list.push(s);
    else sessionsByGroup.set(s.groupId, [s]);
  }
  const out: ParticipationRows = { families: [], participants: [], attendance: [], fidelity: [], countOnlyGroupIds: [], familyCounts: new Map() };
  const familyCounts = out.familyCounts;

  for (const group of rows.groups) {
    const programme = byProgramme.get(group.programmeId)!;
    const sessions = sessionsByGroup.get(group.id) ?? [];
    const held = sessions.filter((s) => s.status === 'held');
    const tracks = rnd.chance(0.9);
    if (!tracks) out.countOnlyGroupIds.push(group.id);
    const startDay = dayNumber(group.startDate);
    const startYear = Number(group.startDate.slice(0, 4));
    const parentLike = programme.audience === 'parents' || programme.audience === 'individual_family';
    const relation = programme.audience === 'teachers' ? 'teacher' : programme.audience === 'preschool_staff' ? 'preschool_staff' : null;

    // Families first: one caregiver, or (about one in four) two caregivers of the same child.
    const familyCount = programme.audience === 'individual_family' ? 1 : rnd.int(4, 6);
    const members: { familyId: string; relation: string }[] = [];
    for (let f = 0; f < familyCount; f++) {
      const age = parentLike ? rnd.int(programme.childAgeMin ?? 3, programme.childAgeMax ?? 11) : null;
      const family: FamilyRow = {
        id: rnd.uuid(),
        childBirthYear: age === null ? null : startYear - age,
        childGender: parentLike ? rnd.weighted(genders) : null,
        createdAt: timestampOf(startDay - 21, '10:00'),
      };
      out.families.push(family);
      if (relation) members.push({ familyId: family.id, relation });
      else if (rnd.chance(programme.audience === 'individual_family' ? 0.5 : 0.25)) {
        members.push({ familyId: family.id, relation: 'mother' }, { familyId: family.id, relation: rnd.chance(0.9) ? 'father' : 'other_caregiver' });
      } else {
        members.push({
          familyId: family.id,
          relation: rnd.weighted([
            ['mother', 60],
            ['father', 30],
            ['foster_parent', 6],
            ['other_caregiver', 4],
          ] as const),
        });
      }
    }

    const presentFamilies = new Map<string, Set<string>>(held.map((s) => [s.id, new Set<string>()]));
    const presentPeople = new Map<string, number>();
    const marked = new Set<string>();
    for (const m of members) {
      const enrolDay = startDay - rnd.int(3, 21);
      const enrolmentDate = isoFromDay(enrolDay);
      const todayDay = dayNumber(options.today);
      // Consent is asked at or soon after enrolment, never before it and never after today.
      const consent =
        enrolDay > todayDay
          ? 'not_asked'
          : rnd.weighted([
              ['yes', 85],
              ['no', 7],
              ['not_asked', 8],
            ] as const);
      const consentDay = Math.min(enrolDay + rnd.int(0, 7), todayDay);
      const id = rnd.uuid();
      const { dropFrom, presentChance } = engagement(rnd, held.length);
      const marks: HeldSessionMark[] = [];
      held.forEach((s, i) => {
        // A few sessions are held but not yet marked: the dashboard asks for them.
        if (!tracks || rnd.chance(0.02)) {
          marks.push({ number: s.number, mark: null });
          return;
        }
        const state: Mark = i >= dropFrom ? 'absent' : rnd.chance(presentChance) ? 'present' : rnd.chance(0.6) ? 'absent_with_notice' : 'absent';
        marks.push({ number: s.number, mark: state });
        marked.add(s.id);
        out.attendance.push({ participantId: id, sessionId: s.id, state, updatedAt: s.updatedAt });
        if (state === 'present') {
          presentFamilies.get(s.id)!.add(m.familyId);
          presentPeople.set(s.id, (presentPeople.get(s.id) ?? 0) + 1);
        }
      });
      const derived = deriveStatus(
        { held: marks, groupEnded: groupHasEnded(group.status, sessions), manualStatus: null, keepActive: false, countsOnly: !tracks },
        defaultRules,
      );
      // Leaders confirm about half of the dropouts with a reason.
      const confirmed = derived.status === 'dropped_out' && reasonIds.length > 0 && rnd.chance(0.5);
      out.participants.push({
        id,
        personId: rnd.uuid(),
        groupId: group.id,
        familyId: m.familyId,
        displayName: displayName(rnd),
        relation: m.relation,
        contact: rnd.chance(0.3) ? `070-17406${String(rnd.int(0, 99)).padStart(2, '0')}` : null,
        enrolmentDate,
        consent,
        consentDate: consent === 'not_asked' ? null : isoFromDay(consentDay),
        manualStatus: confirmed ? 'dropped_out' : null,
        dropoutReasonId: confirmed ? rnd.pick(reasonIds) : null,
        status: derived.status,
        atRisk: derived.atRisk ? 1 : 0,
        absentStreak: derived.absentStreak,
        presentCount: derived.presentCount,
        markedCount: derived.markedCount,
        heldCount: derived.heldCount,
        lastSessionAttended: derived.lastSessionAttended,
        createdAt: timestampOf(enrolDay, '11:00'),
      });
    }

    for (const s of held) {
      if (tracks && marked.has(s.id)) {
        // The count of a tracking group's session is the number of individuals present.
        s.participantCount = presentPeople.get(s.id) ?? 0;
        familyCounts.set(s.id, presentFamilies.get(s.id)!.size);
      }
      if (rnd.chance(0.85)) {
        const item = genericPlanItem(s.number, programme.sessionCount);
        const components = item.components.map((c) => ({ ...c, covered: rnd.chance(0.9) }));
        const covered = components.filter((c) => c.covered).length;
        out.fidelity.push({
          sessionId: s.id,
          title: item.title,
          components: JSON.stringify(components),
          coveredCount: covered,
          totalCount: components.length,
          note: rnd.pick(notes),
          at: s.updatedAt,
        });
      }
    }
  }
  return out;
}
