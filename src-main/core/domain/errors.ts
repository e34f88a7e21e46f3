import { AppError, type Bilingual, type FieldIssue, notFound } from '../errors';

/** Bilingual names of the things a rule can talk about, in the forms the messages need. */
export const things = {
  programme: { sv: 'Programmet', en: 'The programme' },
  unit: { sv: 'Enheten', en: 'The unit' },
  staff: { sv: 'Medarbetaren', en: 'The staff member' },
  group: { sv: 'Gruppen', en: 'The group' },
  session: { sv: 'Träffen', en: 'The session' },
  school_break: { sv: 'Lovet', en: 'The school break' },
} satisfies Record<string, Bilingual>;

export const missing = (what: keyof typeof things): AppError => notFound(things[what]);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
export const groupsSv = (n: number) => plural(n, 'grupp', 'grupper');
export const groupsEn = (n: number) => plural(n, 'group', 'groups');

/** A value that must be unique already exists; the issue points at the field to change. */
export function duplicate(path: string, message: Bilingual): AppError {
  return new AppError('conflict', message, [{ path, message }]);
}

/** Deleting something still referenced: say by what, and point to archiving instead. */
export const inUse = (message: Bilingual): AppError => new AppError('in_use', message);

export const conflict = (message: Bilingual): AppError => new AppError('conflict', message);

/** Collects per-field rule violations so a form can show all of them at once. */
export class IssueList {
  readonly issues: FieldIssue[] = [];
  add(path: string, sv: string, en: string): void {
    this.issues.push({ path, message: { sv, en } });
  }
  throwIfAny(): void {
    if (this.issues.length) {
      throw new AppError('validation', { sv: 'Kontrollera de markerade fälten.', en: 'Please check the highlighted fields.' }, this.issues);
    }
  }
}

/** A rule violation on one field, with the same text as the overall message. */
export const fieldErrorWith = (path: string, message: Bilingual): AppError => new AppError('validation', message, [{ path, message }]);
