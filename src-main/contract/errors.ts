/**
 * The error shape every shell answers with. Every failure that reaches a shell is one of these
 * codes; the message is written for the user (Swedish first) and never contains personal data
 * from the database. The core's AppError produces it.
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

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** The answers every layer gives the same way, defined once for the router, the shells and the preload. */
export const commonErrors = {
  internal: {
    code: 'internal',
    message: {
      sv: 'Ett oväntat fel inträffade. Inget sparades. Försök igen.',
      en: 'An unexpected error occurred. Nothing was saved. Please try again.',
    },
  },
  unknownProcedure: { code: 'unknown_procedure', message: { sv: 'Okänd funktion.', en: 'Unknown procedure.' } },
  locked: { code: 'locked', message: { sv: 'Komet är låst. Lås upp med din lösenfras.', en: 'Komet is locked. Unlock it with your passphrase.' } },
} as const satisfies Record<string, ErrorShape>;
