import type { AttendanceState, Participant, ParticipantStatus } from '@contract';
import { ATTENDANCE_STATES, CHILD_GENDERS, CONSENTS, RELATIONS } from '@contract/enums';

export const relations = RELATIONS;
export const childGenders = CHILD_GENDERS;
export const consents = CONSENTS;
export const attendanceStates: readonly AttendanceState[] = ATTENDANCE_STATES;

/** Status badge class per participant status; at risk is a separate badge. */
export const statusBadge: Record<ParticipantStatus, string> = {
  active: 'badge badge--session-planned',
  completed: 'badge badge--session-held',
  not_completed: 'badge badge--archived',
  dropped_out: 'badge badge--session-cancelled',
  never_started: 'badge badge--archived',
  moved: 'badge badge--archived',
};

/** Local calendar date, as the server's clock compares session dates. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Families numbered in order of first appearance, so "Familj 2" means the same thing in the
 * participant list and in the family picker without showing any identifier.
 */
export function familyNumbers(participants: readonly Participant[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const p of participants) if (!numbers.has(p.family.id)) numbers.set(p.family.id, numbers.size + 1);
  return numbers;
}

export const percent = (share: number | null | undefined): string => (share == null ? '–' : `${Math.round(share * 100)} %`);
