import type { ParsedInput, StaffMember, StaffName, StaffPage } from '../../contract';
import { changedFields } from '../audit';
import { groupsEn, groupsSv, inUse, IssueList, missing } from '../domain/errors';
import type { ServiceContext } from './context';
import { keptBetweenWrites } from './kept-between-writes';

export function staffService({ repos, tx, audit }: ServiceContext) {
  const existing = (id: string) =>
    repos.staff.get(id) ??
    (() => {
      throw missing('staff');
    })();

  /** A new or changed unit must exist and be in use; an unchanged archived unit may stay. */
  const checkUnit = (issues: IssueList, unitId: string | null, previous?: string | null) => {
    if (!unitId || unitId === previous) return;
    const unit = repos.units.get(unitId);
    if (!unit) issues.add('unitId', 'Enheten finns inte (längre). Välj en annan enhet.', 'The unit does not exist (any more). Choose another unit.');
    else if (!unit.active) issues.add('unitId', 'Enheten är arkiverad. Välj en aktiv enhet.', 'The unit is archived. Choose an active unit.');
  };

  // The register's page sorts every name of a city's thousands of staff in Swedish order and counts
  // its rows' groups: kept until the next write, as the screen asks again on every visit.
  const keptPages = keptBetweenWrites<StaffPage>(repos.writeStamp);

  return {
    list: (input: ParsedInput<'staff.list'>): StaffMember[] => repos.staff.list(input),
    page: (input: ParsedInput<'staff.page'>): StaffPage =>
      keptPages(JSON.stringify([input.includeArchived, input.search, input.offset, input.limit]), () => repos.staff.page(input)),
    names: (input: ParsedInput<'staff.names'>): StaffName[] => repos.staff.names(input),
    get: ({ id }: ParsedInput<'staff.get'>): StaffMember | null => repos.staff.get(id) ?? null,

    create: (input: ParsedInput<'staff.create'>): StaffMember =>
      tx(() => {
        const issues = new IssueList();
        checkUnit(issues, input.unitId);
        issues.throwIfAny();
        const created = repos.staff.insert(input);
        audit.record({ action: 'create', entity: 'staff', entityId: created.id, fields: changedFields(undefined, input) });
        return created;
      }),

    /** A role cannot be taken away while the person holds it in a planned or running group. */
    update: ({ id, ...fields }: ParsedInput<'staff.update'>): StaffMember =>
      tx(() => {
        const before = existing(id);
        const issues = new IssueList();
        checkUnit(issues, fields.unitId, before.unitId);
        if ((before.isLeader && !fields.isLeader) || (before.isSupervisor && !fields.isSupervisor)) {
          const open = repos.staff.openGroupRoles(id);
          if (before.isLeader && !fields.isLeader && open.leading > 0) {
            issues.add(
              'isLeader',
              `Medarbetaren är gruppledare i ${groupsSv(open.leading)} som är planerade eller pågår. Byt gruppledare där först.`,
              `The staff member leads ${groupsEn(open.leading)} that are planned or running. Replace them there first.`,
            );
          }
          if (before.isSupervisor && !fields.isSupervisor && open.supervising > 0) {
            issues.add(
              'isSupervisor',
              `Medarbetaren är handledare för ${groupsSv(open.supervising)} som är planerade eller pågår. Byt handledare där först.`,
              `The staff member supervises ${groupsEn(open.supervising)} that are planned or running. Replace them there first.`,
            );
          }
        }
        issues.throwIfAny();
        const after = repos.staff.update(id, fields);
        audit.record({ action: 'update', entity: 'staff', entityId: id, fields: changedFields(before, after) });
        return after;
      }),

    setActive: ({ id, active }: ParsedInput<'staff.setActive'>): StaffMember =>
      tx(() => {
        const before = existing(id);
        if (before.active === active) return before;
        const after = repos.staff.update(id, { active });
        audit.record({ action: active ? 'restore' : 'archive', entity: 'staff', entityId: id, fields: ['active'] });
        return after;
      }),

    delete: ({ id }: ParsedInput<'staff.delete'>): { deleted: true } =>
      tx(() => {
        const before = existing(id);
        if (before.groupCount > 0) {
          throw inUse({
            sv: `Medarbetaren är gruppledare eller handledare i ${groupsSv(before.groupCount)} och kan inte tas bort. Arkivera medarbetaren i stället.`,
            en: `The staff member leads or supervises ${groupsEn(before.groupCount)} and cannot be deleted. Archive them instead.`,
          });
        }
        repos.staff.delete(id);
        audit.record({ action: 'delete', entity: 'staff', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
