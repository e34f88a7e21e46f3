/**
 * Typed, bilingual errors. Every failure that reaches a shell is one of these codes; the message
 * is written for the user (Swedish first) and never contains personal data from the database.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'in_use'
  | 'unknown_procedure'
  | 'database_too_new'
  | 'database_unreadable'
  | 'locked'
  | 'wrong_passphrase'
  | 'key_file_damaged'
  | 'too_many_attempts'
  | 'unauthorized'
  | 'forbidden'
  | 'io'
  | 'internal';

export interface Bilingual {
  sv: string;
  en: string;
}

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "leaderIds.0" ("" for the whole input). */
  path: string;
  message: Bilingual;
}

export interface ErrorShape {
  code: ErrorCode;
  message: Bilingual;
  issues?: FieldIssue[];
}

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
    return this.issues?.length
      ? { code: this.code, message: this.messages, issues: this.issues }
      : { code: this.code, message: this.messages };
  }
}

export const validationError = (issues: FieldIssue[]): AppError =>
  new AppError(
    'validation',
    { sv: 'Kontrollera de markerade fälten.', en: 'Please check the highlighted fields.' },
    issues,
  );

/** A single-field validation failure, the most common rule violation in services. */
export const fieldError = (path: string, sv: string, en: string): AppError => validationError([{ path, message: { sv, en } }]);

export const notFound = (what: Bilingual): AppError =>
  new AppError('not_found', { sv: `${what.sv} finns inte (längre).`, en: `${what.en} does not exist (any more).` });

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };
