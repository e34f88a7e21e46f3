import type { Participant } from '@contract';
import { CHILD_GENDERS, CONSENTS, RELATIONS } from '@contract/enums';

export const relations = RELATIONS;
export const childGenders = CHILD_GENDERS;
export const consents = CONSENTS;

/**
 * Families numbered in order of first appearance, so "Familj 2" means the same thing in the
 * participant list and in the family picker without showing any identifier.
 */
export function familyNumbers(participants: readonly Participant[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const p of participants) if (!numbers.has(p.family.id)) numbers.set(p.family.id, numbers.size + 1);
  return numbers;
}
