import type { Bilingual } from '../errors';

/** What a leader must have done before certification in one programme. */
export interface Requirements {
  minCourseDays: number;
  requireSupervisedGroup: boolean;
  /** Share of the group's regular sessions that must have been held, in per cent. */
  supervisedGroupMinHeldPercent: number;
  minSupervisionSessions: number;
}

/** Komet's own pathway: a 4–5 day course, a first group under supervision, four supervision sessions. */
export const defaultRequirements: Requirements = {
  minCourseDays: 4,
  requireSupervisedGroup: true,
  supervisedGroupMinHeldPercent: 80,
  minSupervisionSessions: 4,
};

export const defaultInactiveAfterMonths = 24;

export interface LedGroup {
  groupId: string;
  label: string;
  supervisorId: string | null;
  status: 'planned' | 'running' | 'completed' | 'cancelled';
  /** Regular (non-extra) sessions of the group. */
  sessionCount: number;
  heldCount: number;
  /** Date of the latest held session; null before the first. */
  lastHeldDate: string | null;
}

/** Everything recorded about one leader in one programme, as the repositories aggregate it. */
export interface PathwayFacts {
  leaderId: string;
  courseDays: number;
  groups: LedGroup[];
  supervisionSessions: number;
  certificationDate: string | null;
}

export type PathwayStatus = 'not_started' | 'in_training' | 'requirements_met' | 'certified' | 'inactive';
export type ChecklistKey = 'course_days' | 'supervised_group' | 'supervision_sessions';

export interface ChecklistEntry {
  key: ChecklistKey;
  label: Bilingual;
  required: number;
  done: number;
  met: boolean;
  detail: Bilingual | null;
  groupId: string | null;
}

export interface PathwayResult {
  status: PathwayStatus;
  checklist: ChecklistEntry[];
  requirementsMet: boolean;
  lastLedDate: string | null;
  inactiveFrom: string | null;
}

/** Sessions that must be held for a group of this size to count (at least one). */
export const heldNeeded = (sessionCount: number, percent: number): number => Math.max(1, Math.ceil((sessionCount * percent) / 100));

/**
 * A group counts as "led under supervision" when someone other than the leader was its
 * supervisor and enough of its regular sessions were held. Cancelled groups never count.
 */
export function countsAsSupervised(group: LedGroup, leaderId: string, percent: number): boolean {
  return (
    group.status !== 'cancelled' && group.supervisorId !== null && group.supervisorId !== leaderId && group.heldCount >= heldNeeded(group.sessionCount, percent)
  );
}

/** The qualifying group, or else the supervised candidate with most sessions held (for the checklist text). */
function bestGroup(facts: PathwayFacts, percent: number): { group: LedGroup; qualifies: boolean } | null {
  const supervised = facts.groups.filter((g) => g.status !== 'cancelled' && g.supervisorId !== null && g.supervisorId !== facts.leaderId);
  const qualifying = supervised.find((g) => countsAsSupervised(g, facts.leaderId, percent));
  if (qualifying) return { group: qualifying, qualifies: true };
  const best = [...supervised].sort((a, b) => b.heldCount - a.heldCount)[0];
  return best ? { group: best, qualifies: false } : null;
}

/** Adds whole calendar months, clamping to the month's last day (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface PathwayStatusResult {
  status: PathwayStatus;
  requirementsMet: boolean;
  lastLedDate: string | null;
  inactiveFrom: string | null;
}

/** Latest of some ISO dates (they order byte by byte); null when there are none. */
function latest(dates: (string | null)[]): string | null {
  let out: string | null = null;
  for (const d of dates) if (d !== null && (out === null || d > out)) out = d;
  return out;
}

function assess(facts: PathwayFacts, req: Requirements, options: { today: string; inactiveAfterMonths: number }) {
  const best = bestGroup(facts, req.supervisedGroupMinHeldPercent);
  const met = {
    courseDays: facts.courseDays >= req.minCourseDays,
    supervisedGroup: !req.requireSupervisedGroup || Boolean(best?.qualifies),
    supervisionSessions: facts.supervisionSessions >= req.minSupervisionSessions,
  };
  const requirementsMet = met.courseDays && met.supervisedGroup && met.supervisionSessions;
  const running = facts.groups.some((g) => g.status === 'running');
  const lastLedDate = running ? options.today : latest(facts.groups.map((g) => g.lastHeldDate));

  let status: PathwayStatus;
  let inactiveFrom: string | null = null;
  if (facts.certificationDate !== null) {
    inactiveFrom = addMonths(latest([facts.certificationDate, lastLedDate])!, options.inactiveAfterMonths);
    status = !running && options.today >= inactiveFrom ? 'inactive' : 'certified';
  } else if (requirementsMet) {
    status = 'requirements_met';
  } else {
    const started = facts.courseDays > 0 || facts.groups.length > 0 || facts.supervisionSessions > 0;
    status = started ? 'in_training' : 'not_started';
  }
  return { best, met, result: { status, requirementsMet, lastLedDate, inactiveFrom } };
}

/**
 * A leader's status in one programme without the checklist texts: what the supervisor overview
 * needs for every leader at once. Always the same answer as evaluatePathway.
 */
export function evaluatePathwayStatus(facts: PathwayFacts, req: Requirements, options: { today: string; inactiveAfterMonths: number }): PathwayStatusResult {
  return assess(facts, req, options).result;
}

/**
 * Computes a leader's progress in one programme from recorded data only. A certified leader
 * becomes inactive when neither the certification nor any group led is more recent than the
 * inactivity period; a running group always counts as leading now.
 */
export function evaluatePathway(facts: PathwayFacts, req: Requirements, options: { today: string; inactiveAfterMonths: number }): PathwayResult {
  const { best, met, result } = assess(facts, req, options);
  const checklist: ChecklistEntry[] = [
    {
      key: 'course_days',
      label: { sv: 'Gruppledarutbildning (kursdagar)', en: 'Group leader course (course days)' },
      required: req.minCourseDays,
      done: facts.courseDays,
      met: met.courseDays,
      detail: { sv: `${facts.courseDays} av ${req.minCourseDays} kursdagar`, en: `${facts.courseDays} of ${req.minCourseDays} course days` },
      groupId: null,
    },
    {
      key: 'supervised_group',
      label: { sv: 'En grupp ledd under handledning', en: 'One group led under supervision' },
      required: req.requireSupervisedGroup ? 1 : 0,
      done: best?.qualifies ? 1 : 0,
      met: met.supervisedGroup,
      detail: best
        ? {
            sv: `${best.group.label}: ${best.group.heldCount} av ${best.group.sessionCount} träffar hållna (krav ${heldNeeded(best.group.sessionCount, req.supervisedGroupMinHeldPercent)})`,
            en: `${best.group.label}: ${best.group.heldCount} of ${best.group.sessionCount} sessions held (needs ${heldNeeded(best.group.sessionCount, req.supervisedGroupMinHeldPercent)})`,
          }
        : { sv: 'Ingen grupp med handledare ännu', en: 'No group with a supervisor yet' },
      groupId: best?.group.groupId ?? null,
    },
    {
      key: 'supervision_sessions',
      label: { sv: 'Handledningstillfällen', en: 'Supervision sessions' },
      required: req.minSupervisionSessions,
      done: facts.supervisionSessions,
      met: met.supervisionSessions,
      detail: {
        sv: `${facts.supervisionSessions} av ${req.minSupervisionSessions} tillfällen`,
        en: `${facts.supervisionSessions} of ${req.minSupervisionSessions} sessions`,
      },
      groupId: null,
    },
  ];
  return { ...result, checklist };
}

/** The order a leader moves along the pathway; "inactive" ranks below certified but above training. */
const rank: Record<PathwayStatus, number> = { not_started: 0, in_training: 1, requirements_met: 2, inactive: 3, certified: 4 };
export const mostAdvanced = (statuses: PathwayStatus[]): PathwayStatus =>
  statuses.reduce<PathwayStatus>((best, s) => (rank[s] > rank[best] ? s : best), 'not_started');
export const statusRank = (s: PathwayStatus): number => rank[s];
