import type { ParsedInput, Unit } from '../../contract';
import { changedFields } from '../audit';
import { duplicate, groupsEn, groupsSv, inUse, missing } from '../domain/errors';
import type { ServiceContext } from './context';

const nameTaken = (name: string) =>
  duplicate('name', {
    sv: `Det finns redan en enhet som heter ”${name}”. Välj ett annat namn.`,
    en: `A unit named “${name}” already exists. Choose another name.`,
  });

function usedBy(unit: Unit) {
  const people = (n: number, sv: boolean) => (sv ? `${n} medarbetare` : `${n} ${n === 1 ? 'staff member' : 'staff members'}`);
  const sv = [unit.groupCount ? groupsSv(unit.groupCount) : '', unit.staffCount ? people(unit.staffCount, true) : ''].filter(Boolean).join(' och ');
  const en = [unit.groupCount ? groupsEn(unit.groupCount) : '', unit.staffCount ? people(unit.staffCount, false) : ''].filter(Boolean).join(' and ');
  return inUse({
    sv: `Enheten används av ${sv} och kan inte tas bort. Arkivera den i stället.`,
    en: `The unit is used by ${en} and cannot be deleted. Archive it instead.`,
  });
}

export function unitService({ repos, tx, audit }: ServiceContext) {
  const existing = (id: string) =>
    repos.units.get(id) ??
    (() => {
      throw missing('unit');
    })();
  const ensureNameFree = (name: string, ownId?: string) => {
    const holder = repos.units.findIdByName(name);
    if (holder && holder !== ownId) throw nameTaken(name);
  };

  return {
    list: (input: ParsedInput<'units.list'>): Unit[] => repos.units.list(input.includeArchived),

    create: (input: ParsedInput<'units.create'>): Unit =>
      tx(() => {
        ensureNameFree(input.name);
        const created = repos.units.insert(input);
        audit.record({ action: 'create', entity: 'unit', entityId: created.id, fields: changedFields(undefined, input) });
        return created;
      }),

    update: ({ id, ...fields }: ParsedInput<'units.update'>): Unit =>
      tx(() => {
        const before = existing(id);
        ensureNameFree(fields.name, id);
        const after = repos.units.update(id, fields);
        audit.record({ action: 'update', entity: 'unit', entityId: id, fields: changedFields(before, after) });
        return after;
      }),

    setActive: ({ id, active }: ParsedInput<'units.setActive'>): Unit =>
      tx(() => {
        const before = existing(id);
        if (before.active === active) return before;
        const after = repos.units.update(id, { active });
        audit.record({ action: active ? 'restore' : 'archive', entity: 'unit', entityId: id, fields: ['active'] });
        return after;
      }),

    delete: ({ id }: ParsedInput<'units.delete'>): { deleted: true } =>
      tx(() => {
        const before = existing(id);
        if (before.groupCount > 0 || before.staffCount > 0) throw usedBy(before);
        repos.units.delete(id);
        audit.record({ action: 'delete', entity: 'unit', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
