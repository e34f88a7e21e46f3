import type { ParsedInput, Participant, Programme } from '../../contract';
import { changedFields } from '../audit';
import { AppError } from '../errors';
import { conflict, fieldErrorWith, inUse, IssueList, missing } from '../domain/errors';
import { birthYearFits } from '../domain/participation';
import type { GroupRow } from '../repos/groups';
import type { ParticipantRow } from '../repos/participants';
import { foldCase } from '../domain/text';
import type { ServiceContext } from './context';
import { participationStatus } from './participation-status';

const parentAudiences = new Set(['parents', 'individual_family']);

export const participantMissing = () => new AppError('not_found', { sv: 'Deltagaren finns inte (längre).', en: 'The participant does not exist (any more).' });

type Fields = Omit<ParsedInput<'participants.create'>, 'groupId'>;

export function participantService({ repos, tx, audit, clock }: ServiceContext) {
  const status = participationStatus(repos);
  const get = (id: string): Participant =>
    repos.participants.get(id) ??
    (() => {
      throw participantMissing();
    })();
  const row = (id: string): ParticipantRow =>
    repos.participants.row(id) ??
    (() => {
      throw participantMissing();
    })();
  const activeGroup = (groupId: string, path: string, known: Lookups = direct) => {
    const group = known.group(groupId);
    if (!group) throw fieldErrorWith(path, { sv: 'Gruppen finns inte (längre).', en: 'The group does not exist (any more).' });
    if (group.status === 'cancelled') {
      throw fieldErrorWith(path, {
        sv: 'Gruppen är inställd, så inga deltagare kan läggas till. Ändra gruppens status först.',
        en: 'The group is cancelled, so no participants can be added. Change the group’s status first.',
      });
    }
    // Parents' names belong to their unit: a machine synced for other units would hold a parent
    // whose name the server never takes in, so it does not add one (the server refuses it too).
    const synced = known.membership();
    if (synced && synced.role !== 'admin' && !synced.units.includes(group.unitId)) {
      throw fieldErrorWith(path, {
        sv: 'Deltagare i den här gruppen läggs till av personal i gruppens egen enhet, som har deras namn.',
        en: 'Participants in this group are added by staff of the group’s own unit, who hold their names.',
      });
    }
    return group;
  };

  /** Checks every field rule at once, so a form can show all problems together. */
  function checkFields(f: Fields, groupId: string, childBirthYear: number | null, childGender: string | null, known: Lookups = direct): void {
    const group = known.group(groupId)!;
    const programme = known.programme(group.programmeId)!;
    const issues = new IssueList();
    const year = Number(clock.today().slice(0, 4));
    if (!parentAudiences.has(programme.audience) && (childBirthYear !== null || childGender !== null)) {
      issues.add(
        'childBirthYear',
        'Barnets födelseår och kön anges bara i föräldraprogram.',
        'The child’s birth year and gender are recorded in parent programmes only.',
      );
    } else if (childBirthYear !== null) {
      if (childBirthYear > year) {
        issues.add('childBirthYear', `Födelseåret ligger i framtiden (i år är ${year}).`, `The birth year is in the future (this year is ${year}).`);
      } else if (!birthYearFits(childBirthYear, group.startDate, { min: programme.childAgeMin, max: programme.childAgeMax })) {
        const band = `${programme.childAgeMin ?? 0}–${programme.childAgeMax ?? 25}`;
        const age = Number(group.startDate.slice(0, 4)) - childBirthYear;
        issues.add(
          'childBirthYear',
          `Barnet är ${age} år när gruppen startar, men programmet ${programme.name} är för barn ${band} år. Kontrollera födelseåret.`,
          `The child is ${age} when the group starts, but ${programme.name} is for children aged ${band}. Check the birth year.`,
        );
      }
    }
    if (f.consentDate !== null) {
      if (f.consentDate < f.enrolmentDate) {
        issues.add(
          'consentDate',
          `Samtycket kan inte vara daterat före inskrivningen (${f.enrolmentDate}).`,
          `Consent cannot be dated before enrolment (${f.enrolmentDate}).`,
        );
      } else if (f.consentDate > clock.today()) {
        issues.add('consentDate', 'Datumet för samtycket ligger i framtiden.', 'The consent date is in the future.');
      }
    }
    issues.throwIfAny();
  }

  function checkDuplicate(groupId: string, selfId: string, f: Fields, familyId: string | null, known: Lookups = direct): void {
    if (f.allowDuplicate) return;
    const same = known.sameName(groupId, selfId, f.displayName).filter((o) => familyId === null || o.familyId === familyId);
    if (same.length) {
      const message = {
        sv: 'Det finns redan en deltagare med samma namn i samma familj i gruppen. Kontrollera att det inte är samma person; spara ändå om det är rätt.',
        en: 'The group already has a participant with the same name in the same family. Check that it is not the same person; save anyway if it is right.',
      };
      throw new AppError('conflict', message, [{ path: 'allowDuplicate', message }]);
    }
  }

  /** Resolves the family the participant ends up in and what its child fields will be. */
  function familyPlan(f: Fields, currentFamilyId: string | null) {
    if (f.familyId !== null && f.familyId !== currentFamilyId) {
      const family = repos.participants.family(f.familyId);
      if (!family) throw fieldErrorWith('familyId', { sv: 'Familjen finns inte (längre).', en: 'The family does not exist (any more).' });
      return { familyId: f.familyId, joins: true, childBirthYear: f.childBirthYear ?? family.childBirthYear, childGender: f.childGender ?? family.childGender };
    }
    return { familyId: currentFamilyId, joins: false, childBirthYear: f.childBirthYear, childGender: f.childGender };
  }

  /** What the checks read: straight from the database for one save, loaded once per group for many. */
  interface Lookups {
    group: (id: string) => GroupRow | undefined;
    programme: (id: string) => Programme | undefined;
    sameName: (groupId: string, exceptId: string, displayName: string) => { id: string; familyId: string }[];
    /** The sync server's view of this machine (role and units), or null when not joined. */
    membership: () => { role: string; units: string[] } | null;
  }
  const direct: Lookups = {
    group: (id) => repos.groups.row(id),
    programme: (id) => repos.programmes.get(id),
    sameName: (groupId, exceptId, displayName) => repos.participants.sameName(groupId, exceptId, displayName),
    membership: () => repos.syncMembership.scope(),
  };
  /**
   * For a batch inside one transaction: groups and programmes do not change while it runs, and
   * the names of each group are read once and then kept in step with the batch's own inserts.
   */
  function batchLookups() {
    const groupsById = new Map<string, GroupRow | undefined>();
    const programmesById = new Map<string, Programme | undefined>();
    const namesByGroup = new Map<string, Map<string, { id: string; familyId: string }[]>>();
    const names = (groupId: string) => {
      let byName = namesByGroup.get(groupId);
      if (!byName) {
        byName = new Map();
        for (const r of repos.participants.takingPart(groupId)) {
          const key = foldCase(r.displayName);
          byName.set(key, [...(byName.get(key) ?? []), { id: r.id, familyId: r.familyId }]);
        }
        namesByGroup.set(groupId, byName);
      }
      return byName;
    };
    const cached = <T>(map: Map<string, T>, id: string, read: (id: string) => T): T => {
      if (!map.has(id)) map.set(id, read(id));
      return map.get(id) as T;
    };
    let membership: { value: ReturnType<Lookups['membership']> } | undefined;
    const lookups: Lookups = {
      // Joining or leaving a server does not happen inside the batch's transaction.
      membership: () => (membership ??= { value: repos.syncMembership.scope() }).value,
      group: (id) => cached(groupsById, id, (g) => repos.groups.row(g)),
      programme: (id) => cached(programmesById, id, (p) => repos.programmes.get(p)),
      sameName: (groupId, exceptId, displayName) => (names(groupId).get(foldCase(displayName)) ?? []).filter((r) => r.id !== exceptId),
    };
    const added = (groupId: string, displayName: string, id: string, familyId: string) => {
      const byName = names(groupId);
      const key = foldCase(displayName);
      byName.set(key, [...(byName.get(key) ?? []), { id, familyId }]);
    };
    return { lookups, added };
  }

  const record = (action: string, id: string, fields: string[]) => audit.record({ action, entity: 'participant', entityId: id, fields });

  /** Every rule of the form, then the insert; the caller evaluates statuses. */
  function insertChecked({ groupId, ...f }: ParsedInput<'participants.create'>, known: Lookups = direct): { id: string; familyId: string } {
    activeGroup(groupId, 'groupId', known);
    const plan = familyPlan(f, null);
    checkFields(f, groupId, plan.childBirthYear, plan.childGender, known);
    checkDuplicate(groupId, '', f, f.familyId, known);
    let familyId = plan.familyId;
    if (familyId === null) familyId = repos.participants.insertFamily(plan.childBirthYear, plan.childGender);
    else repos.participants.updateFamily(familyId, plan.childBirthYear, plan.childGender);
    const id = repos.participants.insert({ ...f, familyId, groupId });
    record('create', id, ['displayName', 'relation', 'contact', 'familyId', 'enrolmentDate', 'consent', 'consentDate']);
    return { id, familyId };
  }

  return {
    list: ({ groupId, includeMoved }: ParsedInput<'participants.list'>): Participant[] => {
      if (!repos.groups.row(groupId)) throw missing('group');
      const all = repos.participants.listForGroup(groupId);
      return includeMoved ? all : all.filter((p) => p.status !== 'moved');
    },
    get: ({ id }: ParsedInput<'participants.get'>) => get(id),

    create: (input: ParsedInput<'participants.create'>): Participant =>
      tx(() => {
        const { id } = insertChecked(input);
        status.recomputeGroup(input.groupId, [id]);
        return get(id);
      }),

    /**
     * Many new participants at once (an import), each checked as by create and each in its own
     * savepoint, so a refused row is reported through onError and leaves no trace; statuses are
     * evaluated once per group at the end instead of once per person. Rows with the same family
     * key join the family of the first of them.
     */
    createMany: (
      inputs: readonly (ParsedInput<'participants.create'> & { familyKey: string | null })[],
      onError: (index: number, err: unknown) => void,
    ): string[] =>
      tx(() => {
        const families = new Map<string, string>();
        const byGroup = new Map<string, string[]>();
        const ids: string[] = [];
        const { lookups, added } = batchLookups();
        inputs.forEach(({ familyKey, ...input }, index) => {
          try {
            const joined = familyKey ? families.get(familyKey) : undefined;
            const { id, familyId } = tx(() => insertChecked(joined ? { ...input, familyId: joined } : input, lookups));
            added(input.groupId, input.displayName, id, familyId);
            if (familyKey && !joined) families.set(familyKey, familyId);
            ids.push(id);
            const inGroup = byGroup.get(input.groupId);
            if (inGroup) inGroup.push(id);
            else byGroup.set(input.groupId, [id]);
          } catch (err) {
            onError(index, err);
          }
        });
        for (const [groupId, groupIds] of byGroup) status.recomputeGroup(groupId, groupIds);
        return ids;
      }),

    update: ({ id, ...f }: ParsedInput<'participants.update'>): Participant =>
      tx(() => {
        const before = row(id);
        if (before.manualStatus === 'moved') throw movedAway();
        const plan = familyPlan(f, before.familyId);
        checkFields(f, before.groupId, plan.childBirthYear, plan.childGender);
        checkDuplicate(before.groupId, id, f, plan.familyId);
        const familyId = plan.familyId!;
        repos.participants.updateFamily(familyId, plan.childBirthYear, plan.childGender);
        repos.participants.update(id, { ...f, familyId });
        if (familyId !== before.familyId) repos.participants.removeFamilyIfUnused(before.familyId);
        status.recomputeGroup(before.groupId, [id]);
        record('update', id, changedFields(before, row(id)));
        return get(id);
      }),

    setStatus: (input: ParsedInput<'participants.setStatus'>): Participant =>
      tx(() => {
        const before = row(input.id);
        if (before.manualStatus === 'moved') throw movedAway();
        let reasonId: string | null = null;
        if (input.status !== 'auto' && input.reasonId) {
          const reason = repos.plans.reason(input.reasonId);
          if (!reason) throw fieldErrorWith('reasonId', { sv: 'Orsaken finns inte (längre).', en: 'The reason does not exist (any more).' });
          if (!reason.active && reason.id !== before.dropoutReasonId) {
            throw fieldErrorWith('reasonId', { sv: 'Orsaken är arkiverad. Välj en annan.', en: 'The reason is archived. Choose another.' });
          }
          reasonId = reason.id;
        }
        repos.participants.setManual(input.id, {
          manualStatus: input.status === 'auto' ? null : input.status,
          reasonId,
          lastSession: input.status === 'dropped_out' ? input.lastSessionNumber : null,
          movedToGroupId: null,
        });
        status.recomputeGroup(before.groupId, [input.id]);
        record('update', input.id, ['manualStatus', 'dropoutReasonId']);
        return get(input.id);
      }),

    setKeepActive: ({ id, keepActive }: ParsedInput<'participants.setKeepActive'>): Participant =>
      tx(() => {
        const before = row(id);
        if (before.manualStatus === 'moved') throw movedAway();
        repos.participants.setKeepActive(id, keepActive);
        status.recomputeGroup(before.groupId, [id]);
        record('update', id, ['keepActive']);
        return get(id);
      }),

    /** Ends this enrolment (kept, with its marks) and starts one in the other group for the same person and family. */
    move: ({ id, toGroupId, enrolmentDate }: ParsedInput<'participants.move'>): Participant =>
      tx(() => {
        const before = row(id);
        if (before.manualStatus === 'moved') throw movedAway();
        if (toGroupId === before.groupId) {
          throw fieldErrorWith('toGroupId', {
            sv: 'Deltagaren går redan i den gruppen. Välj en annan grupp.',
            en: 'The participant is already in that group. Choose another group.',
          });
        }
        activeGroup(toGroupId, 'toGroupId');
        if (enrolmentDate < before.enrolmentDate) {
          throw fieldErrorWith('enrolmentDate', {
            sv: `Den nya inskrivningen kan inte vara före den förra (${before.enrolmentDate}).`,
            en: `The new enrolment cannot be before the previous one (${before.enrolmentDate}).`,
          });
        }
        const newId = repos.participants.insert({
          displayName: before.displayName,
          relation: before.relation,
          contact: before.contact,
          familyId: before.familyId,
          consent: before.consent,
          consentDate: before.consentDate,
          enrolmentDate,
          groupId: toGroupId,
          personId: before.personId,
          movedFromGroupId: before.groupId,
        });
        repos.participants.setManual(id, { manualStatus: 'moved', reasonId: before.dropoutReasonId, lastSession: null, movedToGroupId: toGroupId });
        status.recomputeGroup(before.groupId, [id]);
        status.recomputeGroup(toGroupId, [newId]);
        record('move', id, ['groupId']);
        record('create', newId, ['personId', 'groupId', 'familyId']);
        return get(newId);
      }),

    /**
     * The right to erasure: every enrolment of the person goes, with their marks, their family
     * if nobody else is in it, and the conflict list's copies of their values. Synced as
     * deletions that carry no values, so the other machines and the servers lose them too.
     */
    erase: ({ id }: ParsedInput<'participants.erase'>): { deleted: true } => {
      const result = tx(() => {
        row(id);
        const groups = new Set<string>();
        for (const enrolment of repos.erasure.enrolmentsOfPerson(id)) {
          const before = row(enrolment);
          groups.add(before.groupId);
          repos.erasure.deleteConflictsAbout(enrolment);
          repos.participants.delete(enrolment);
          repos.participants.removeFamilyIfUnused(before.familyId);
          record('erase', enrolment, []);
        }
        for (const groupId of groups) {
          for (const sessionId of repos.attendance.heldSessionsWithMarks(groupId)) repos.attendance.deriveSessionCounts(sessionId);
          status.recomputeGroup(groupId);
        }
        return { deleted: true as const };
      });
      repos.erasure.checkpoint();
      return result;
    },

    delete: ({ id }: ParsedInput<'participants.delete'>): { deleted: true } =>
      tx(() => {
        const before = row(id);
        const marks = repos.participants.markCount(id);
        if (marks > 0) {
          throw inUse({
            sv: `Deltagaren har ${marks === 1 ? '1 närvaromarkering' : `${marks} närvaromarkeringar`} och kan inte tas bort. Markera avhopp i stället.`,
            en: `The participant has ${marks === 1 ? '1 attendance mark' : `${marks} attendance marks`} and cannot be deleted. Mark them as dropped out instead.`,
          });
        }
        if (before.movedFromGroupId || before.manualStatus === 'moved') {
          throw conflict({
            sv: 'En flyttad deltagare är en del av historiken och kan inte tas bort.',
            en: 'A moved participant is part of the history and cannot be deleted.',
          });
        }
        repos.participants.delete(id);
        repos.participants.removeFamilyIfUnused(before.familyId);
        record('delete', id, []);
        return { deleted: true as const };
      }),
  };
}

const movedAway = () =>
  conflict({
    sv: 'Deltagaren har flyttats till en annan grupp; den här inskrivningen är historik och ändras inte. Öppna deltagaren i den nya gruppen.',
    en: 'The participant has moved to another group; this enrolment is history and is not changed. Open the participant in the new group.',
  });
