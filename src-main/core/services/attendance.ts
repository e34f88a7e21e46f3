import type { AttendanceGrid, AttendanceResult, AttendanceState, ParsedInput } from '../../contract';
import { conflict, fieldErrorWith, missing } from '../domain/errors';
import type { SessionContext } from '../repos/attendance';
import type { ParticipantRow } from '../repos/participants';
import type { ServiceContext } from './context';
import { participantMissing } from './participants';
import { participationStatus } from './participation-status';

const countsOnly = () =>
  conflict({
    sv: 'Gruppen registrerar bara antal deltagare per träff, inte närvaro per deltagare. Slå på närvaroregistrering för gruppen först.',
    en: 'The group records only the number of participants per session, not attendance per participant. Turn on attendance tracking for the group first.',
  });

export function attendanceService({ repos, tx, audit, clock }: ServiceContext) {
  const status = participationStatus(repos);

  /**
   * Checks that marks may be written for the session. A past planned session stays planned unless
   * the caller asks to record it held as well: a mark is not a record of the session.
   */
  function writableSession(sessionId: string, markHeld = false): { session: SessionContext; becameHeld: boolean } {
    const session = repos.attendance.sessionContext(sessionId);
    if (!session) throw missing('session');
    if (!session.tracksAttendance) throw countsOnly();
    if (session.groupStatus === 'cancelled') {
      throw conflict({ sv: 'Gruppen är inställd, så närvaro kan inte registreras.', en: 'The group is cancelled, so attendance cannot be recorded.' });
    }
    if (session.status === 'cancelled') {
      throw fieldErrorWith('sessionId', {
        sv: 'Träffen är inställd, så ingen närvaro kan registreras för den. Ändra träffens status först om den ändå hölls.',
        en: 'The session is cancelled, so no attendance can be recorded for it. Change its status first if it did take place.',
      });
    }
    if (session.status === 'planned') {
      const today = clock.today();
      if (session.plannedDate > today) {
        throw fieldErrorWith('sessionId', {
          sv: `Träffen har inte ägt rum än (planerad ${session.plannedDate}). Närvaro registreras tidigast samma dag.`,
          en: `The session has not taken place yet (planned for ${session.plannedDate}). Attendance can be recorded on the day at the earliest.`,
        });
      }
      return { session, becameHeld: markHeld };
    }
    return { session, becameHeld: false };
  }

  function checkParticipant(p: ParticipantRow | undefined, session: SessionContext): ParticipantRow {
    if (!p) throw participantMissing();
    if (p.groupId !== session.groupId) {
      throw fieldErrorWith('participantId', {
        sv: 'Deltagaren går inte i den grupp som träffen hör till. Välj en träff i deltagarens egen grupp.',
        en: 'The participant is not in the group the session belongs to. Choose a session of the participant’s own group.',
      });
    }
    if (p.manualStatus === 'moved') {
      throw conflict({
        sv: 'Deltagaren har flyttats till en annan grupp; registrera närvaron där.',
        en: 'The participant has moved to another group; record the attendance there.',
      });
    }
    const date = session.heldDate ?? session.plannedDate;
    if (date < p.enrolmentDate) {
      throw fieldErrorWith('sessionId', {
        sv: `Träffen (${date}) var före deltagarens inskrivning (${p.enrolmentDate}). Ändra inskrivningsdatumet först om deltagaren var med.`,
        en: `The session (${date}) was before the participant’s enrolment (${p.enrolmentDate}). Change the enrolment date first if they took part.`,
      });
    }
    return p;
  }

  function recordHeld(session: SessionContext): void {
    repos.attendance.markHeld(session.id);
    audit.record({ action: 'update', entity: 'session', entityId: session.id, fields: ['status', 'heldDate'] });
    if (session.groupStatus === 'planned') {
      repos.groups.update(session.groupId, { status: 'running' });
      audit.record({ action: 'update', entity: 'group', entityId: session.groupId, fields: ['status'] });
    }
  }

  function result(
    sessionId: string,
    evaluated: ReturnType<typeof status.recomputeGroup>,
    cells: { participantId: string; state: AttendanceState | null }[],
  ): AttendanceResult {
    return {
      session: repos.attendance.session(sessionId),
      participants: evaluated.map(({ id, result: r }) => ({
        id,
        status: r.status,
        atRisk: r.atRisk,
        absentStreak: r.absentStreak,
        presentCount: r.presentCount,
      })),
      marks: cells.map((c) => ({ ...c, sessionId })),
    };
  }

  function grid(groupId: string): AttendanceGrid {
    const group = repos.groups.row(groupId);
    if (!group) throw missing('group');
    return {
      groupId,
      tracksAttendance: group.tracksAttendance,
      participants: repos.participants.listForGroup(groupId),
      sessions: repos.attendance.groupSessions(groupId),
      marks: repos.attendance.groupMarks(groupId),
    };
  }

  return {
    grid: ({ groupId }: ParsedInput<'attendance.grid'>) => grid(groupId),

    /** One cell; saved at once in its own transaction, so a crash loses at most the cell being typed. */
    set: ({ participantId, sessionId, state, markHeld }: ParsedInput<'attendance.set'>): AttendanceResult =>
      tx(() => {
        const { session, becameHeld } = writableSession(sessionId, markHeld);
        checkParticipant(repos.participants.row(participantId), session);
        if (becameHeld && state === null) return result(sessionId, [], [{ participantId, state: null }]);
        if (becameHeld) recordHeld(session);
        const changed = repos.attendance.set(participantId, sessionId, state);
        // A session still planned has no count yet: recording it held derives one from the marks it
        // already has, even when this mark was one of them.
        if (becameHeld || (changed && session.status === 'held')) repos.attendance.deriveSessionCounts(sessionId);
        if (changed) audit.record({ action: 'update', entity: 'attendance', entityId: sessionId, fields: ['state'] });
        // A newly held session counts for everyone in the group; otherwise only this participant changes.
        const evaluated = becameHeld ? status.recomputeGroup(session.groupId) : status.recomputeGroup(session.groupId, [participantId]);
        return result(sessionId, evaluated, [{ participantId, state }]);
      }),

    /**
     * Sets a whole column: everyone enrolled by the session's date who is still taking part
     * (leaders' dropouts, never-started and moved enrolments are left out).
     */
    setColumn: ({ sessionId, state, onlyUnmarked, markHeld }: ParsedInput<'attendance.setColumn'>): AttendanceResult =>
      tx(() => {
        const { session, becameHeld } = writableSession(sessionId, markHeld);
        if (becameHeld) recordHeld(session);
        const date = session.heldDate ?? session.plannedDate;
        const targets = repos.participants
          .rowsForGroup(session.groupId)
          .filter((p) => p.manualStatus === null && p.status !== 'dropped_out' && p.status !== 'never_started' && p.enrolmentDate <= date);
        let changed = false;
        for (const p of targets) changed = repos.attendance.set(p.id, sessionId, state, onlyUnmarked) || changed;
        if (becameHeld || (changed && session.status === 'held')) repos.attendance.deriveSessionCounts(sessionId);
        if (changed) audit.record({ action: 'update', entity: 'attendance', entityId: sessionId, fields: ['state'] });
        const evaluated = status.recomputeGroup(session.groupId);
        const cells = targets.map((p) => ({ participantId: p.id, state: repos.attendance.mark(p.id, sessionId) }));
        return result(sessionId, evaluated, cells);
      }),

    /** Switching on derives the counts of sessions that have marks; switching off keeps the counts as typed numbers. */
    setTracksAttendance: ({ id, tracksAttendance }: ParsedInput<'groups.setTracksAttendance'>): AttendanceGrid =>
      tx(() => {
        const group = repos.groups.row(id);
        if (!group) throw missing('group');
        if (group.tracksAttendance !== tracksAttendance) {
          repos.attendance.setTracking(id, tracksAttendance);
          if (tracksAttendance) for (const sessionId of repos.attendance.heldSessionsWithMarks(id)) repos.attendance.deriveSessionCounts(sessionId);
          else repos.attendance.clearFamilyCounts(id);
          // Whether marks judge anyone changes with the switch.
          status.recomputeGroup(id);
          audit.record({ action: 'update', entity: 'group', entityId: id, fields: ['tracksAttendance'] });
        }
        return grid(id);
      }),
  };
}
