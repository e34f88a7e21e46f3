import type { GroupDetail, ParsedInput } from '../../contract';
import { changedFields } from '../audit';
import { addDays, isoWeekday, weeklyDates } from '../domain/dates';
import { inUse, missing } from '../domain/errors';
import { checkSessionDates, daysBetween } from '../domain/session-dates';
import type { ServiceContext } from './context';
import { weeklyDatesSkipping } from './calendar';
import { checkGroupReferences } from './group-rules';
import { participationStatus } from './participation-status';

export function groupService({ repos, tx, audit }: ServiceContext) {
  function detail(id: string): GroupDetail {
    const summary = repos.groups.summary(id);
    const extras = repos.groups.detailExtras(id);
    if (!summary || !extras) throw missing('group');
    return {
      ...summary,
      note: extras.note,
      supervisor: extras.supervisorId ? { id: extras.supervisorId, name: extras.supervisorName ?? '' } : null,
      programmeSessionLengthMinutes: extras.sessionLength,
      sessions: repos.sessions.forGroup(id),
      createdAt: extras.createdAt,
      updatedAt: extras.updatedAt,
    };
  }
  const snapshot = (id: string) => {
    const row = repos.groups.row(id);
    if (!row) throw missing('group');
    return { ...row, leaderIds: repos.groups.leaderIds(id).sort() };
  };

  return {
    list: (input: ParsedInput<'groups.list'>) => repos.groupList.list(input),
    years: (): number[] => repos.groupList.years(),

    get: ({ id }: ParsedInput<'groups.get'>): GroupDetail => detail(id),

    /** Lays out the programme's sessions once a week from the start date, numbered 1..n. */
    create: ({ leaderIds, skipHolidays, ...fields }: ParsedInput<'groups.create'>): GroupDetail =>
      tx(() => {
        checkGroupReferences(repos, { ...fields, leaderIds });
        const programme = repos.programmes.get(fields.programmeId)!;
        const id = repos.groups.insert({ ...fields, weekday: isoWeekday(fields.startDate), status: 'planned' }, leaderIds);
        const dates = skipHolidays
          ? weeklyDatesSkipping(repos, fields.unitId, fields.startDate, programme.sessionCount)
          : weeklyDates(fields.startDate, programme.sessionCount);
        repos.sessions.insertMany(id, dates, 1, false);
        audit.record({ action: 'create', entity: 'group', entityId: id, fields: changedFields(undefined, { ...fields, leaderIds }) });
        return detail(id);
      }),

    /** Sessions stay as they are unless asked to follow a new start date; held ones always stay. */
    update: ({ id, leaderIds, movePlannedSessions, ...fields }: ParsedInput<'groups.update'>): GroupDetail =>
      tx(() => {
        const before = snapshot(id);
        checkGroupReferences(repos, { ...fields, leaderIds }, before);
        repos.groups.update(id, { ...fields, weekday: isoWeekday(fields.startDate) });
        if (movePlannedSessions && fields.startDate !== before.startDate) {
          const shift = daysBetween(before.startDate, fields.startDate);
          const all = repos.sessions.forGroup(id);
          const moving = all.filter((s) => s.status === 'planned');
          const after = all.map((s) => (s.status === 'planned' ? { ...s, plannedDate: addDays(s.plannedDate, shift) } : s));
          checkSessionDates(after, new Set(moving.map((s) => s.id)), fields.startDate, false);
          for (const s of moving) {
            const moved = repos.sessions.update(s.id, { plannedDate: addDays(s.plannedDate, shift) });
            audit.record({ action: 'update', entity: 'session', entityId: s.id, fields: changedFields(s, moved) });
          }
        }
        if ([...leaderIds].sort().join() !== before.leaderIds.join()) repos.groups.setLeaders(id, leaderIds);
        // Completing a group settles who completed; the start date moves the children's ages.
        if (fields.status !== before.status) participationStatus(repos).recomputeGroup(id);
        audit.record({ action: 'update', entity: 'group', entityId: id, fields: changedFields(before, snapshot(id)) });
        return detail(id);
      }),

    delete: ({ id }: ParsedInput<'groups.delete'>): { deleted: true } =>
      tx(() => {
        snapshot(id);
        const held = repos.sessions.heldCount(id);
        if (held > 0) {
          throw inUse({
            sv: `Gruppen har ${held === 1 ? '1 genomförd träff' : `${held} genomförda träffar`} och kan inte tas bort. Ställ in gruppen i stället (status Inställd).`,
            en: `The group has ${held === 1 ? '1 held session' : `${held} held sessions`} and cannot be deleted. Cancel the group instead (status Cancelled).`,
          });
        }
        repos.groups.delete(id);
        audit.record({ action: 'delete', entity: 'group', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
