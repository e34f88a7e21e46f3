import type { ParsedInput, SupervisionSession } from '../../contract';
import { ratingScale } from '../../contract/rating-scale';
import { fieldErrorWith, IssueList } from '../domain/errors';
import type { ServiceContext } from './context';
import { leaderChecks } from './leader-checks';
import { supervisionReader, validateFollowUp } from './supervision-reader';

type SupervisionInput = ParsedInput<'supervision.update'>;

/** The supervision log: sessions, leaders present with their ratings, groups discussed, follow-ups agreed. */
export function supervisionService({ repos, tx, audit, clock }: ServiceContext) {
  const check = leaderChecks(repos);
  const { session, assemble } = supervisionReader(repos, clock);

  /** Every rule on a session at once, so the form can mark all offending fields together. */
  const validate = (input: SupervisionInput | ParsedInput<'supervision.create'>) => {
    const supervisor = check.supervisor(input.supervisorId, 'supervisorId');
    const issues = new IssueList();
    if (input.date > clock.today()) {
      issues.add('date', 'Handledningen kan inte dateras i framtiden.', 'Supervision cannot be dated in the future.');
    }
    const leaderIds = input.leaders.map((l) => l.leaderId);
    const self = leaderIds.indexOf(supervisor.id);
    if (self >= 0) issues.add(`leaders.${self}.leaderId`, 'En handledare kan inte handleda sig själv.', 'A supervisor cannot supervise themselves.');
    if (input.format === 'individual' && input.leaders.length !== 1) {
      issues.add('leaders', 'Individuell handledning gäller en gruppledare.', 'Individual supervision is for one group leader.');
    }
    input.leaders.forEach((l, i) => {
      if (l.leaderId !== supervisor.id) check.leader(l.leaderId, `leaders.${i}.leaderId`);
    });
    for (const k of repos.supervision.knownSince(leaderIds)) {
      if (input.date < k.since) {
        const i = leaderIds.indexOf(k.id);
        const name = repos.staff.get(k.id)?.name ?? '';
        issues.add(
          `leaders.${i}.leaderId`,
          `Handledningen är daterad före ${k.since}, då ${name} började som gruppledare.`,
          `The supervision is dated before ${k.since}, when ${name} started as a group leader.`,
        );
      }
    }
    input.groupIds.forEach((g, i) => {
      const row = repos.groups.row(g);
      if (!row) issues.add(`groupIds.${i}`, 'Gruppen finns inte (längre).', 'The group does not exist (any more).');
      else if (row.startDate > input.date) {
        issues.add(`groupIds.${i}`, `Gruppen startar ${row.startDate}, efter handledningen.`, `The group starts on ${row.startDate}, after the supervision.`);
      }
    });
    issues.throwIfAny();
  };
  const fields = (input: SupervisionInput | ParsedInput<'supervision.create'>) => ({
    date: input.date,
    supervisorId: input.supervisorId,
    format: input.format,
    mode: input.mode,
    notes: input.notes,
  });
  return {
    ratingScale: () => ratingScale.map((r) => ({ value: r.value, label: r.label, description: r.description })),
    list: (input: ParsedInput<'supervision.list'>): SupervisionSession[] =>
      assemble(
        repos.supervision
          .list({
            supervisorId: input.supervisorId ?? null,
            leaderId: input.leaderId ?? null,
            groupId: input.groupId ?? null,
            from: input.from ?? null,
            to: input.to ?? null,
            limit: input.limit,
          })
          .map((r) => r.id),
      ),
    get: ({ id }: ParsedInput<'supervision.get'>) => session(id),

    create: (input: ParsedInput<'supervision.create'>): SupervisionSession =>
      tx(() => {
        validate(input);
        const leaderIds = input.leaders.map((l) => l.leaderId);
        input.followUps.forEach((f, i) => validateFollowUp(f, { date: input.date, leaderIds }, `followUps.${i}.`));
        const id = repos.supervision.insert(fields(input));
        repos.supervision.setLeaders(id, input.leaders);
        repos.supervision.setGroups(id, input.groupIds);
        for (const f of input.followUps) repos.supervision.insertFollowUp(id, f);
        audit.record({
          action: 'create',
          entity: 'supervision',
          entityId: id,
          fields: ['date', 'supervisorId', 'format', 'mode', 'leaders', 'groups', 'notes', ...(input.followUps.length ? ['followUps'] : [])],
        });
        return session(id);
      }),

    update: (input: ParsedInput<'supervision.update'>): SupervisionSession =>
      tx(() => {
        const before = session(input.id);
        validate(input);
        const leaderIds = input.leaders.map((l) => l.leaderId);
        const orphan = before.followUps.findIndex((f) => f.leaderId !== null && !leaderIds.includes(f.leaderId));
        if (orphan >= 0) {
          throw fieldErrorWith('leaders', {
            sv: `${before.followUps[orphan]!.leaderName ?? ''} har en uppföljning från den här handledningen; ta bort eller ändra den först.`,
            en: 'A leader being removed has a follow-up from this supervision; remove or change it first.',
          });
        }
        repos.supervision.update(input.id, fields(input));
        repos.supervision.setLeaders(input.id, input.leaders);
        repos.supervision.setGroups(input.id, input.groupIds);
        const changed: string[] = (['date', 'supervisorId', 'format', 'mode', 'notes'] as const).filter((k) => before[k] !== input[k]);
        if (
          JSON.stringify(before.leaders.map((l) => [l.leaderId, l.rating, l.note]).sort()) !==
          JSON.stringify(input.leaders.map((l) => [l.leaderId, l.rating, l.note]).sort())
        )
          changed.push('leaders');
        if (
          before.groups
            .map((g) => g.groupId)
            .sort()
            .join() !== [...input.groupIds].sort().join()
        )
          changed.push('groups');
        audit.record({ action: 'update', entity: 'supervision', entityId: input.id, fields: changed });
        return session(input.id);
      }),

    delete: ({ id }: ParsedInput<'supervision.delete'>) =>
      tx(() => {
        session(id);
        repos.supervision.delete(id);
        audit.record({ action: 'delete', entity: 'supervision', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
