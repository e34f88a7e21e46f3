/**
 * Completion and dropout rules, pure so every boundary can be tested without a database.
 *
 * The input is the participant's marks on the held sessions of the group since their enrolment,
 * in session order. The rules:
 * - the absence streak is the run of "absent" (without notice) marks at the end of that list;
 *   "present" and "absent with notice" end a run; a held session with no mark for the
 *   participant is skipped (nothing is known, so it neither extends nor ends a run);
 * - at risk when the streak is at least `atRiskAfter` and the participant is still active (or
 *   kept active by a leader);
 * - dropped out when the streak reaches `dropoutAfter`, unless a leader keeps them active;
 *   someone who never attended at all counts as never started instead;
 * - once the group has ended: completed when present at ≥ `completionPercent` % of the held
 *   sessions, otherwise not completed (never started if never present); someone with no marks
 *   at all stays active, since nothing is known about them;
 * - in a group that records head counts only, marks (left from before the switch) judge no one:
 *   a participant is active while the group runs and `ended_unrecorded` once it has ended, so no
 *   one is counted as completed or dropped out on attendance nobody recorded;
 * - a leader's explicit decision (dropped out, never started, moved) always wins.
 */
export type Mark = 'present' | 'absent' | 'absent_with_notice';
export type ManualStatus = 'dropped_out' | 'never_started' | 'moved';
export type DerivedStatus = 'active' | 'completed' | 'not_completed' | 'dropped_out' | 'never_started' | 'moved' | 'ended_unrecorded';

export interface Rules {
  completionPercent: number;
  dropoutAfter: number;
  atRiskAfter: number;
}

export const defaultRules: Rules = { completionPercent: 70, dropoutAfter: 3, atRiskAfter: 2 };

export interface HeldSessionMark {
  /** The session's number within the group. */
  number: number;
  mark: Mark | null;
}

export interface StatusInput {
  held: readonly HeldSessionMark[];
  groupEnded: boolean;
  manualStatus: ManualStatus | null;
  keepActive: boolean;
  /** A leader's own "last session attended" for a manual dropout, if they gave one. */
  manualLastSession?: number | null;
  /** The group records only a head count per session, no mark per participant. */
  countsOnly?: boolean;
}

export interface StatusResult {
  status: DerivedStatus;
  atRisk: boolean;
  absentStreak: number;
  presentCount: number;
  markedCount: number;
  heldCount: number;
  lastSessionAttended: number | null;
}

/** Present at least `percent` % of held sessions, in integers so 7 of 10 at 70 % is exact. */
export const meetsCompletion = (present: number, held: number, percent: number): boolean => held > 0 && present * 100 >= percent * held;

export function trailingAbsences(held: readonly HeldSessionMark[]): number {
  let streak = 0;
  for (let i = held.length - 1; i >= 0; i--) {
    const mark = held[i]!.mark;
    if (mark === null) continue;
    if (mark !== 'absent') break;
    streak++;
  }
  return streak;
}

export function deriveStatus(input: StatusInput, rules: Rules): StatusResult {
  let presentCount = 0;
  let markedCount = 0;
  let lastSessionAttended: number | null = null;
  for (const h of input.held) {
    if (h.mark === null) continue;
    markedCount++;
    if (h.mark === 'present') {
      presentCount++;
      lastSessionAttended = h.number;
    }
  }
  const heldCount = input.held.length;
  const absentStreak = trailingAbsences(input.held);
  const base = { absentStreak, presentCount, markedCount, heldCount, lastSessionAttended };

  if (input.manualStatus) {
    const last = input.manualStatus === 'dropped_out' && input.manualLastSession != null ? input.manualLastSession : lastSessionAttended;
    return { ...base, status: input.manualStatus, atRisk: false, lastSessionAttended: last };
  }
  if (input.countsOnly) return { ...base, status: input.groupEnded ? 'ended_unrecorded' : 'active', atRisk: false };
  if (!input.keepActive && absentStreak >= rules.dropoutAfter) {
    return { ...base, status: presentCount === 0 ? 'never_started' : 'dropped_out', atRisk: false };
  }
  // Without a single mark nothing can be judged (a group that records counts only, say).
  if (input.groupEnded && markedCount > 0) {
    const status = presentCount === 0 ? 'never_started' : meetsCompletion(presentCount, heldCount, rules.completionPercent) ? 'completed' : 'not_completed';
    return { ...base, status, atRisk: false };
  }
  return { ...base, status: 'active', atRisk: absentStreak >= rules.atRiskAfter };
}

/** Outcomes that count in a completion rate: the group has ended for them, one way or the other. */
export const isKnownOutcome = (s: DerivedStatus): boolean => s === 'completed' || s === 'not_completed' || s === 'dropped_out';

export interface SessionForEnding {
  status: 'planned' | 'held' | 'cancelled';
}

/** A group has ended when it is marked completed, or every session is held or cancelled and one was held. */
export function groupHasEnded(groupStatus: string, sessions: readonly SessionForEnding[]): boolean {
  if (groupStatus === 'completed') return true;
  if (groupStatus === 'cancelled') return sessions.some((s) => s.status === 'held');
  return sessions.length > 0 && sessions.every((s) => s.status !== 'planned') && sessions.some((s) => s.status === 'held');
}

/** Covered share in whole per cent. */
export const fidelityPercent = (covered: number, total: number): number => (total > 0 ? Math.round((covered * 100) / total) : 0);

/** Child's age at group start from the birth year alone (the year difference). */
export const ageAtStart = (birthYear: number | null, groupStartDate: string): number | null =>
  birthYear === null ? null : Number(groupStartDate.slice(0, 4)) - birthYear;

/**
 * Whether a birth year fits a programme's child age band. Only the year is known, so the age at
 * start can be one more than the band's upper end (born late in the year) and one less than its
 * lower end.
 */
export function birthYearFits(birthYear: number, groupStartDate: string, band: { min: number | null; max: number | null }): boolean {
  const age = ageAtStart(birthYear, groupStartDate)!;
  const min = band.min ?? 0;
  const max = band.max ?? 25;
  return age >= min - 1 && age <= max + 1;
}
