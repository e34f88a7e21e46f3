import type { ParsedInput, Programme } from '../../contract';
import { changedFields } from '../audit';
import { duplicate, groupsEn, groupsSv, inUse, missing } from '../domain/errors';
import type { ServiceContext } from './context';

const codeTaken = (code: string) =>
  duplicate('code', {
    sv: `Kortnamnet ”${code}” används redan av ett annat program. Välj ett annat kortnamn.`,
    en: `The short code “${code}” is already used by another programme. Choose another code.`,
  });

export function programmeService({ repos, tx, audit }: ServiceContext) {
  const existing = (id: string) =>
    repos.programmes.get(id) ??
    (() => {
      throw missing('programme');
    })();
  const ensureCodeFree = (code: string, ownId?: string) => {
    const holder = repos.programmes.findIdByCode(code);
    if (holder && holder !== ownId) throw codeTaken(code);
  };

  return {
    list: (input: ParsedInput<'programmes.list'>): Programme[] => repos.programmes.list(input.includeArchived),

    create: (input: ParsedInput<'programmes.create'>): Programme =>
      tx(() => {
        ensureCodeFree(input.code);
        const created = repos.programmes.insert(input);
        audit.record({ action: 'create', entity: 'programme', entityId: created.id, fields: changedFields(undefined, input) });
        return created;
      }),

    /** Changing the session count affects new groups only; existing sessions stay as they are. */
    update: ({ id, ...fields }: ParsedInput<'programmes.update'>): Programme =>
      tx(() => {
        const before = existing(id);
        ensureCodeFree(fields.code, id);
        const after = repos.programmes.update(id, fields);
        audit.record({ action: 'update', entity: 'programme', entityId: id, fields: changedFields(before, after) });
        return after;
      }),

    setActive: ({ id, active }: ParsedInput<'programmes.setActive'>): Programme =>
      tx(() => {
        const before = existing(id);
        if (before.active === active) return before;
        const after = repos.programmes.update(id, { active });
        audit.record({ action: active ? 'restore' : 'archive', entity: 'programme', entityId: id, fields: ['active'] });
        return after;
      }),

    delete: ({ id }: ParsedInput<'programmes.delete'>): { deleted: true } =>
      tx(() => {
        const before = existing(id);
        if (before.groupCount > 0) {
          throw inUse({
            sv: `Programmet används av ${groupsSv(before.groupCount)} och kan inte tas bort. Arkivera det i stället.`,
            en: `The programme is used by ${groupsEn(before.groupCount)} and cannot be deleted. Archive it instead.`,
          });
        }
        repos.programmes.delete(id);
        audit.record({ action: 'delete', entity: 'programme', entityId: id, fields: [] });
        return { deleted: true as const };
      }),
  };
}
