import type { Bilingual, ErrorCode, ErrorShape, FieldIssue } from '../contract/errors';

export type { Bilingual, ErrorCode, ErrorShape, FieldIssue, Result } from '../contract/errors';

/** A typed, bilingual failure; shells answer with its shape (see contract/errors). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: Bilingual, issues?: FieldIssue[]) {
    super(message.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = message;
    this.issues = issues;
  }

  toShape(): ErrorShape {
    return this.issues?.length ? { code: this.code, message: this.messages, issues: this.issues } : { code: this.code, message: this.messages };
  }
}

export const validationError = (issues: FieldIssue[]): AppError =>
  new AppError('validation', { sv: 'Kontrollera de markerade fälten.', en: 'Please check the highlighted fields.' }, issues);

/** A single-field validation failure, the most common rule violation in services. */
export const fieldError = (path: string, sv: string, en: string): AppError => validationError([{ path, message: { sv, en } }]);

export const notFound = (what: Bilingual): AppError =>
  new AppError('not_found', { sv: `${what.sv} finns inte (längre).`, en: `${what.en} does not exist (any more).` });
