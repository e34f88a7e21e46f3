import type { Bilingual, ErrorCode, ErrorShape, FieldIssue } from '@contract';

/** A failed procedure call, carrying the server's typed code, bilingual message and field issues. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly issues: FieldIssue[];

  constructor(shape: ErrorShape) {
    super(shape.message.en);
    this.name = 'ApiError';
    this.code = shape.code;
    this.messages = shape.message;
    this.issues = shape.issues ?? [];
  }

  toShape(): ErrorShape {
    return { code: this.code, message: this.messages, issues: this.issues };
  }
}

export const unreachable = (): ApiError =>
  new ApiError({
    code: 'io',
    message: {
      sv: 'Kunde inte nå Komet. Kontrollera att programmet fortfarande är igång och försök igen.',
      en: 'Could not reach Komet. Check that the application is still running and try again.',
    },
  });

export const unauthorized = (): ApiError =>
  new ApiError({
    code: 'unauthorized',
    message: {
      sv: 'Sidan har ingen giltig session. Starta Komet igen, eller öppna en ny adress från terminalen där Komet körs.',
      en: 'This page has no valid session. Start Komet again, or open a new address from the terminal where Komet runs.',
    },
  });

export const asApiError = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError({ code: 'internal', message: unreachable().messages }));
