import type { SessionCounts } from '../../contract';
import { deriveStatus, groupHasEnded, type HeldSessionMark, type Mark, type Rules, type StatusResult } from '../domain/participation';
import type { GroupMark } from '../repos/attendance';
import type { ParticipantRow } from '../repos/participants';
import type { Repos } from '../repos';

const sessionDate = (s: SessionCounts) => s.heldDate ?? s.plannedDate;

/** The held sessions that count for one participant: those since enrolment, and any they have a mark on. */
export function heldFor(
  p: Pick<ParticipantRow, 'id' | 'enrolmentDate'>,
  sessions: readonly SessionCounts[],
  marks: ReadonlyMap<string, Mark>,
): HeldSessionMark[] {
  const held: HeldSessionMark[] = [];
  for (const s of sessions) {
    if (s.status !== 'held') continue;
    const mark = marks.get(s.id) ?? null;
    if (mark !== null || sessionDate(s) >= p.enrolmentDate) held.push({ number: s.number, mark });
  }
  return held;
}

export function marksByParticipant(marks: readonly GroupMark[]): Map<string, Map<string, Mark>> {
  const out = new Map<string, Map<string, Mark>>();
  for (const m of marks) {
    let inner = out.get(m.participantId);
    if (!inner) out.set(m.participantId, (inner = new Map()));
    inner.set(m.sessionId, m.state);
  }
  return out;
}

/**
 * Keeps the stored, derived participant figures in step with attendance, sessions and rules.
 * Called inside the transaction of every write that can change them.
 */
export function participationStatus(repos: Repos) {
  function evaluate(groupId: string, only?: ReadonlySet<string>): { id: string; result: StatusResult; changed: boolean }[] {
    const group = repos.groups.row(groupId);
    if (!group) return [];
    const sessions = repos.attendance.groupSessions(groupId);
    const ended = groupHasEnded(group.status, sessions);
    const rules: Rules = repos.plans.rules(group.programmeId);
    const marks = marksByParticipant(repos.attendance.groupMarks(groupId));
    const out: { id: string; result: StatusResult; changed: boolean }[] = [];
    for (const p of repos.participants.rowsForGroup(groupId)) {
      if (only && !only.has(p.id)) continue;
      const result = deriveStatus(
        {
          held: heldFor(p, sessions, marks.get(p.id) ?? new Map()),
          groupEnded: ended,
          manualStatus: p.manualStatus,
          keepActive: p.keepActive,
          manualLastSession: p.manualLastSession,
          countsOnly: !group.tracksAttendance,
        },
        rules,
      );
      out.push({ id: p.id, result, changed: repos.participants.setDerived(p.id, result) });
    }
    return out;
  }

  return {
    /** Re-derives every participant of the group (or only the given ones). */
    recomputeGroup: (groupId: string, only?: readonly string[]) => evaluate(groupId, only ? new Set(only) : undefined),
    /** After sessions change: derived counts of marked sessions, then every participant's status. */
    afterSessionChange(groupId: string, sessionId?: string): void {
      const group = repos.groups.row(groupId);
      if (!group) return;
      if (group.tracksAttendance && sessionId) {
        const s = repos.attendance.session(sessionId);
        if (s.status === 'held' && s.markedCount > 0) repos.attendance.deriveSessionCounts(sessionId);
      }
      evaluate(groupId);
    },
    recomputeProgramme(programmeId: string): void {
      for (const groupId of repos.participants.groupIdsForProgramme(programmeId)) evaluate(groupId);
    },
  };
}
export type ParticipationStatus = ReturnType<typeof participationStatus>;
