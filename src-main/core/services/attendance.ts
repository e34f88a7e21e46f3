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

/** One participant's marks from an import. */
export interface ImportedRow {
  participantId: string;
  marks: readonly { sessionId: string; state: AttendanceState }[];
}
/** What an import of marks wrote: the cells, and the sessions and groups it recorded as held and running. */
export interface ImportedMarks {
  cells: [participantId: string, sessionId: string, state: AttendanceState][];
  heldSessions: string[];
  runningGroups: string[];
}

const markedSince = () =>
  conflict({
    sv: 'Närvaron för träffen har registrerats i Komet sedan provkörningen. Gör om provkörningen.',
    en: 'Attendance for the session has been recorded in Komet since the dry run. Run the dry run again.',
  });
const changedSince = () =>
  conflict({
    sv: 'En närvaromarkering från importen har ändrats sedan dess, så importen ångras inte. Inget ångrades.',
    en: 'An attendance mark from the import has been changed since, so the import is not undone. Nothing was undone.',
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

  /** Counts of the sessions whose marks changed, then every participant of their groups. */
  function afterManyMarks(touched: ReadonlyMap<string, string>, groups: ReadonlySet<string> = new Set(touched.values())): void {
    for (const [sessionId] of touched) {
      if (repos.attendance.session(sessionId).status === 'held') repos.attendance.deriveSessionCounts(sessionId);
      audit.record({ action: 'update', entity: 'attendance', entityId: sessionId, fields: ['state'] });
    }
    for (const groupId of groups) status.recomputeGroup(groupId);
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

    /**
     * Many participants' marks at once (an import), each row checked by the rules of a single
     * cell and written in its own savepoint, so a refused row is reported through onError and
     * leaves no trace. A planned session that has taken place is recorded held, as the grid
     * does when asked; counts and statuses are derived once per session and group at the end.
     * Returns what an undo needs to take it all back.
     */
    importMarks(rows: readonly ImportedRow[], onError: (index: number, err: unknown) => void): ImportedMarks {
      return tx(() => {
        const written: ImportedMarks['cells'] = [];
        const heldSessions: string[] = [];
        const runningGroups: string[] = [];
        const touched = new Map<string, string>();
        rows.forEach((r, index) => {
          try {
            const done = tx(() => {
              const cells: ImportedMarks['cells'] = [];
              const held: string[] = [];
              const running: string[] = [];
              const sessionsOf: [string, string][] = [];
              for (const m of r.marks) {
                const { session, becameHeld } = writableSession(m.sessionId, true);
                checkParticipant(repos.participants.row(r.participantId), session);
                if (becameHeld) {
                  recordHeld(session);
                  held.push(session.id);
                  if (session.groupStatus === 'planned') running.push(session.groupId);
                }
                if (repos.attendance.mark(r.participantId, m.sessionId) !== null) throw markedSince();
                repos.attendance.set(r.participantId, m.sessionId, m.state);
                cells.push([r.participantId, m.sessionId, m.state]);
                sessionsOf.push([m.sessionId, session.groupId]);
              }
              return { cells, held, running, sessionsOf };
            });
            written.push(...done.cells);
            heldSessions.push(...done.held);
            runningGroups.push(...done.running);
            for (const [sessionId, groupId] of done.sessionsOf) touched.set(sessionId, groupId);
          } catch (err) {
            onError(index, err);
          }
        });
        afterManyMarks(touched);
        return { cells: written, heldSessions, runningGroups };
      });
    },

    /**
     * Takes back the marks of an import, and the held status of the sessions and groups it gave,
     * where nothing else has been recorded on them since. A mark changed since refuses the whole undo.
     */
    undoImportedMarks(imported: ImportedMarks): number {
      return tx(() => {
        const touched = new Map<string, string>();
        let removed = 0;
        for (const [participantId, sessionId, state] of imported.cells) {
          const now = repos.attendance.mark(participantId, sessionId);
          if (now === null) continue;
          if (now !== state) throw changedSince();
          repos.attendance.set(participantId, sessionId, null);
          const session = repos.attendance.sessionContext(sessionId);
          if (session) touched.set(sessionId, session.groupId);
          removed++;
        }
        // Every group whose marks changed is evaluated again, whether or not its sessions stay held.
        const groups = new Set(touched.values());
        for (const sessionId of imported.heldSessions) {
          const session = repos.attendance.sessionContext(sessionId);
          if (!session || session.status !== 'held' || repos.attendance.session(sessionId).markedCount > 0) continue;
          repos.attendance.markPlanned(sessionId);
          touched.delete(sessionId);
          audit.record({ action: 'update', entity: 'session', entityId: sessionId, fields: ['status', 'heldDate'] });
        }
        for (const groupId of new Set(imported.runningGroups)) {
          const group = repos.groups.row(groupId);
          if (group?.status !== 'running' || repos.attendance.groupSessions(groupId).some((s) => s.status === 'held')) continue;
          repos.groups.update(groupId, { status: 'planned' });
          audit.record({ action: 'update', entity: 'group', entityId: groupId, fields: ['status'] });
        }
        afterManyMarks(touched, groups);
        return removed;
      });
    },

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
