import type { ExportCoarseningValue } from './format';

export interface ScopeDraft {
  from: string;
  to: string;
  programmeIds: string[];
  unitIds: string[];
  /** The precision the user chose; the disclosure control may coarsen further. */
  period: 'month' | 'week';
}

/** Exporting below k: chosen on the preview step, only with a written reason. */
export interface BelowKDraft {
  enabled: boolean;
  reason: string;
}

export const noBelowK: BelowKDraft = { enabled: false, reason: '' };
export const MIN_REASON = 10;

export type EncryptionDraft = { mode: 'recipients'; recipientIds: string[] } | { mode: 'passphrase'; passphrase: string };

export const emptyScope: ScopeDraft = { from: '', to: '', programmeIds: [], unitIds: [], period: 'month' };
export const emptyEncryption: EncryptionDraft = { mode: 'recipients', recipientIds: [] };

export const coarseningFor = (scope: ScopeDraft): ExportCoarseningValue => ({ period: scope.period, ageBands: false, dropUnit: false });

/** The scope as the contract takes it: empty dates are open ends, empty lists mean all. */
export const scopeInput = (scope: ScopeDraft) => ({
  from: scope.from || null,
  to: scope.to || null,
  programmeIds: scope.programmeIds,
  unitIds: scope.unitIds,
});

/** Moves focus to the first control marked invalid once React has rendered the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** Counts characters as the server does (code points), so "12 tecken" means the same on both sides. */
export const charCount = (text: string): number => [...text].length;

export const MIN_PASSPHRASE = 12;
