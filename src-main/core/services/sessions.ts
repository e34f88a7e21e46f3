import type { ParsedInput, Session } from '../../contract';
import { changedFields } from '../audit';
import { addDays } from '../domain/dates';
import { conflict, fieldErrorWith, inUse, missing } from '../domain/errors';
import { checkSessionDates, daysBetween } from '../domain/session-dates';
import type { SessionChange } from '../repos/sessions';
import type { ServiceContext } from './context';
import { fidelityService } from './fidelity';
import { participationStatus } from './participation-status';

const groupCancelled = () =>
  conflict({
    sv: 'Gruppen är inställd, så dess träffar kan inte registreras eller läggas till. Ändra gruppens status först.',
    en: 'The group is cancelled, so its sessions cannot be recorded or added. Change the group’s status first.',
  });

export function sessionService(context: ServiceContext) {
  const { repos, tx, audit, clock } = context;
  const participation = participationStatus(repos);
  const fidelity = fidelityService(context);
  /** Attendance-derived counts and participant statuses follow every change to a group's sessions. */
  const followUp = (session: Session): Session => {
    participation.afterSessionChange(session.groupId, session.id);
    return repos.sessions.get(session.id)!;
  };
  const withGroup = (id: string) =>
    repos.sessions.getWithGroupStatus(id) ??
    (() => {
      throw missing('session');
    })();
  const write = (before: Session, change: SessionChange): Session => {
    const after = repos.sessions.update(before.id, change);
    audit.record({ action: 'update', entity: 'session', entityId: before.id, fields: changedFields(before, after) });
    return after;
  };

  return {
    /**
     * Records the outcome. Each outcome clears the fields of the others, so a session never
     * carries a participant count and a cancel reason at once.
     */
    record: (input: ParsedInput<'sessions.record'>): Session =>
      tx(() => {
        const { session, groupStatus } = withGroup(input.id);
        if (groupStatus === 'cancelled') throw groupCancelled();
        if (input.status === 'held') {
          const today = clock.today();
          if (input.heldDate > today) {
            throw fieldErrorWith('heldDate', {
              sv: `Datumet ligger i framtiden. En träff kan registreras som genomförd tidigast samma dag (i dag är ${today}).`,
              en: `The date is in the future. A session can be recorded as held on the day at the earliest (today is ${today}).`,
            });
          }
          // In a group that tracks attendance, a session with marks takes its count from them (followUp);
          // only without marks must the leader give a number.
          const group = repos.groups.row(session.groupId);
          const marked = group?.tracksAttendance === true && repos.attendance.session(session.id).markedCount > 0;
          if (input.participantCount === null && !marked) {
            throw fieldErrorWith('participantCount', {
              sv: 'Ange antal deltagare, eller markera närvaron för träffen först.',
              en: 'Enter the number of participants, or mark attendance for the session first.',
            });
          }
          const after = write(session, { status: 'held', heldDate: input.heldDate, participantCount: input.participantCount, cancelReason: null });
          // The first held session shows that the group has started.
          if (groupStatus === 'planned') {
            repos.groups.update(session.groupId, { status: 'running' });
            audit.record({ action: 'update', entity: 'group', entityId: session.groupId, fields: ['status'] });
          }
          const held = followUp(after);
          if (!input.fidelity) return held;
          // Inside the same transaction: a refused fidelity record leaves the session as it was.
          fidelity.record({ sessionId: session.id, covered: input.fidelity.covered, note: input.fidelity.note });
          return repos.sessions.get(session.id)!;
        }
        if (input.status === 'cancelled') {
          return followUp(write(session, { status: 'cancelled', cancelReason: input.cancelReason, heldDate: null, participantCount: null, familyCount: null }));
        }
        return followUp(write(session, { status: 'planned', heldDate: null, participantCount: null, familyCount: null, cancelReason: null }));
      }),

    move: ({ id, plannedDate, withFollowing, allowOutOfOrder }: ParsedInput<'sessions.move'>): Session =>
      tx(() => {
        const { session } = withGroup(id);
        if (session.status === 'held') {
          throw conflict({
            sv: 'En genomförd träff kan inte flyttas. Ändra det registrerade datumet i stället, eller markera träffen som planerad först.',
            en: 'A held session cannot be moved. Change its recorded date instead, or mark it as planned first.',
          });
        }
        const shift = daysBetween(session.plannedDate, plannedDate);
        const all = repos.sessions.forGroup(session.groupId);
        const moving = all.filter((s) => s.id === id || (withFollowing && s.number > session.number && s.status !== 'held'));
        const after = all.map((s) => (moving.includes(s) ? { ...s, plannedDate: addDays(s.plannedDate, shift) } : s));
        checkSessionDates(after, new Set(moving.map((s) => s.id)), repos.groups.row(session.groupId)!.startDate, allowOutOfOrder);
        let moved = session;
        for (const s of moving) {
          const written = write(s, { plannedDate: addDays(s.plannedDate, shift) });
          if (s.id === id) moved = written;
        }
        return followUp(moved);
      }),

    addExtra: ({ groupId, plannedDate }: ParsedInput<'sessions.addExtra'>): Session =>
      tx(() => {
        const group = repos.groups.row(groupId);
        if (!group) throw missing('group');
        if (group.status === 'cancelled') throw groupCancelled();
        const [id] = repos.sessions.insertMany(groupId, [plannedDate], repos.sessions.maxNumber(groupId) + 1, true);
        const created = repos.sessions.get(id!)!;
        audit.record({ action: 'create', entity: 'session', entityId: created.id, fields: changedFields(undefined, created) });
        return followUp(created);
      }),

    /** Only extra sessions can go; the programme's own sessions are cancelled instead. */
    delete: ({ id }: ParsedInput<'sessions.delete'>): { deleted: true } =>
      tx(() => {
        const { session } = withGroup(id);
        if (!session.isExtra) {
          throw conflict({
            sv: 'Bara extra träffar kan tas bort. Markera träffen som inställd i stället.',
            en: 'Only extra sessions can be deleted. Mark the session as cancelled instead.',
          });
        }
        if (session.status === 'held') {
          throw inUse({
            sv: 'Träffen är registrerad som genomförd och kan inte tas bort. Markera den som planerad först om registreringen var fel.',
            en: 'The session is recorded as held and cannot be deleted. Mark it as planned first if the record was wrong.',
          });
        }
        repos.sessions.delete(id);
        participation.recomputeGroup(session.groupId);
        audit.record({ action: 'delete', entity: 'session', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
