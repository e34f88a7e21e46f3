import type { Participant } from '../../../src-main/ipc/contract';

export const relations = ['mother', 'father', 'other_caregiver', 'foster_parent', 'teacher', 'preschool_staff'] as const;
export const childGenders = ['girl', 'boy', 'other', 'not_stated'] as const;
export const consents = ['yes', 'no', 'not_asked'] as const;

/**
 * Families numbered in order of first appearance, so "Familj 2" means the same thing in the
 * participant list and in the family picker without showing any identifier.
 */
export function familyNumbers(participants: readonly Participant[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const p of participants) if (!numbers.has(p.family.id)) numbers.set(p.family.id, numbers.size + 1);
  return numbers;
}
