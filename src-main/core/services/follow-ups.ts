import type { FollowUp, FollowUpsOpen, ParsedInput } from '../../contract';
import type { ServiceContext } from './context';
import { supervisionReader, validateFollowUp } from './supervision-reader';

/** Follow-up actions agreed at supervision: the dashboard's open list and each action's life. */
export function followUpService({ repos, tx, audit, clock }: ServiceContext) {
  const { toFollowUp, session, followUp } = supervisionReader(repos, clock);
  return {
    /** The dashboard's list: open follow-ups, earliest due first, with how many are overdue. */
    open: (input: ParsedInput<'followUps.open'>): FollowUpsOpen => {
      const today = input.today ?? clock.today();
      const filter = { supervisorId: input.supervisorId ?? null, leaderId: input.leaderId ?? null };
      const counts = repos.supervision.openCounts({ ...filter, today });
      return { items: repos.supervision.open({ ...filter, limit: input.limit }).map(toFollowUp(today)), ...counts };
    },
    add: ({ supervisionId, ...f }: ParsedInput<'followUps.add'>): FollowUp =>
      tx(() => {
        const s = session(supervisionId);
        validateFollowUp(f, { date: s.date, leaderIds: s.leaders.map((l) => l.leaderId) }, '');
        const id = repos.supervision.insertFollowUp(supervisionId, f);
        audit.record({ action: 'create', entity: 'followUp', entityId: id, fields: ['text', 'dueDate', 'leaderId'] });
        return followUp(id);
      }),
    update: ({ id, ...f }: ParsedInput<'followUps.update'>): FollowUp =>
      tx(() => {
        const before = followUp(id);
        const s = session(before.supervisionId);
        validateFollowUp(f, { date: s.date, leaderIds: s.leaders.map((l) => l.leaderId) }, '');
        repos.supervision.updateFollowUp(id, f);
        audit.record({
          action: 'update',
          entity: 'followUp',
          entityId: id,
          fields: (['text', 'dueDate', 'leaderId'] as const).filter((k) => before[k] !== f[k]),
        });
        return followUp(id);
      }),
    setDone: ({ id, done }: ParsedInput<'followUps.setDone'>): FollowUp =>
      tx(() => {
        const before = followUp(id);
        if (before.done !== done) {
          repos.supervision.setFollowUpDone(id, done);
          audit.record({ action: 'update', entity: 'followUp', entityId: id, fields: ['done'] });
        }
        return followUp(id);
      }),
    delete: ({ id }: ParsedInput<'followUps.delete'>) =>
      tx(() => {
        followUp(id);
        repos.supervision.deleteFollowUp(id);
        audit.record({ action: 'delete', entity: 'followUp', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
