import { IssueList } from '../domain/errors';
import type { Repos } from '../repos';

export interface GroupReferences {
  programmeId: string;
  unitId: string;
  leaderIds: readonly string[];
  supervisorId: string | null;
}

/**
 * Checks the people and things a group points at. New references must exist, be active and hold
 * the right role; references a group already had may stay even if archived since, so that an old
 * group can still be edited after its leader has left.
 */
export function checkGroupReferences(repos: Repos, next: GroupReferences, previous?: GroupReferences): void {
  const issues = new IssueList();
  const isNew = (id: string, old: string | readonly string[] | null | undefined) => (Array.isArray(old) ? !old.includes(id) : id !== old);

  if (isNew(next.programmeId, previous?.programmeId)) {
    const programme = repos.programmes.get(next.programmeId);
    if (!programme)
      issues.add(
        'programmeId',
        'Programmet finns inte (längre). Välj ett annat program.',
        'The programme does not exist (any more). Choose another programme.',
      );
    else if (!programme.active)
      issues.add('programmeId', 'Programmet är arkiverat. Välj ett aktivt program.', 'The programme is archived. Choose an active programme.');
  }
  if (isNew(next.unitId, previous?.unitId)) {
    const unit = repos.units.get(next.unitId);
    if (!unit) issues.add('unitId', 'Enheten finns inte (längre). Välj en annan enhet.', 'The unit does not exist (any more). Choose another unit.');
    else if (!unit.active) issues.add('unitId', 'Enheten är arkiverad. Välj en aktiv enhet.', 'The unit is archived. Choose an active unit.');
  }

  const people = new Map(repos.staff.getMany([...next.leaderIds, ...(next.supervisorId ? [next.supervisorId] : [])]).map((p) => [p.id, p]));
  next.leaderIds.forEach((id, i) => {
    if (!isNew(id, previous?.leaderIds)) return;
    const path = `leaderIds.${i}`;
    const person = people.get(id);
    if (!person) issues.add(path, 'Gruppledaren finns inte (längre). Välj en annan.', 'The group leader does not exist (any more). Choose another.');
    else if (!person.active)
      issues.add(path, `${person.name} är arkiverad och kan inte väljas som gruppledare.`, `${person.name} is archived and cannot be chosen as group leader.`);
    else if (!person.isLeader) issues.add(path, `${person.name} har inte rollen gruppledare.`, `${person.name} does not have the group leader role.`);
  });

  const supervisorId = next.supervisorId;
  if (supervisorId) {
    const person = people.get(supervisorId);
    if (next.leaderIds.includes(supervisorId)) {
      issues.add('supervisorId', 'Handledaren kan inte samtidigt vara gruppledare i gruppen.', 'The supervisor cannot also be a leader of the group.');
    } else if (isNew(supervisorId, previous?.supervisorId)) {
      if (!person) issues.add('supervisorId', 'Handledaren finns inte (längre). Välj en annan.', 'The supervisor does not exist (any more). Choose another.');
      else if (!person.active)
        issues.add(
          'supervisorId',
          `${person.name} är arkiverad och kan inte väljas som handledare.`,
          `${person.name} is archived and cannot be chosen as supervisor.`,
        );
      else if (!person.isSupervisor)
        issues.add('supervisorId', `${person.name} har inte rollen handledare.`, `${person.name} does not have the supervisor role.`);
    }
  }
  issues.throwIfAny();
}
