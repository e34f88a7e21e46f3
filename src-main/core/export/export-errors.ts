import { AppError, fieldError, type ErrorCode } from '../errors';

/**
 * Export failures, each with a reason callers (CLI exit codes, UI hints, tests) can switch on.
 * The AppError code stays within the shared union; the reason is the precise cause.
 */
export type ExportFailure =
  | 'recipient_malformed'
  | 'recipient_unsupported'
  | 'no_recipient'
  | 'passphrase_short'
  | 'empty_scope'
  | 'below_k'
  | 'below_k_reason'
  | 'output_unwritable'
  | 'output_exists'
  | 'identity_malformed'
  | 'wrong_identity'
  | 'not_age'
  | 'input_unreadable'
  | 'corrupt'
  | 'package_invalid'
  | 'no_space'
  | 'interrupted'
  | 'stopped_by_lock'
  | 'worker_missing';

export class ExportError extends AppError {
  readonly reason: ExportFailure;
  constructor(reason: ExportFailure, code: ErrorCode, sv: string, en: string) {
    super(code, { sv, en });
    this.name = 'ExportError';
    this.reason = reason;
  }
}

export const isExportError = (e: unknown, reason?: ExportFailure): e is ExportError =>
  e instanceof ExportError && (reason === undefined || e.reason === reason);

export const exportErrors = {
  recipientMalformed: (index: number) =>
    Object.assign(
      new ExportError(
        'recipient_malformed',
        'validation',
        `Mottagarnyckel ${index + 1} är inte en giltig age-nyckel (age1… med 62 tecken).`,
        `Recipient key ${index + 1} is not a valid age key (age1…, 62 characters).`,
      ),
      { issues: fieldError(`recipients.${index}`, 'Ogiltig mottagarnyckel.', 'Invalid recipient key.').issues },
    ),
  recipientUnsupported: () =>
    new ExportError(
      'recipient_unsupported',
      'validation',
      'Endast X25519-nycklar (age1…) stöds; kvantsäkra nycklar (age1pq…) kan inte öppnas med alla age-versioner.',
      'Only X25519 keys (age1…) are supported; post-quantum keys (age1pq…) cannot be opened by every age version.',
    ),
  noRecipient: () =>
    new ExportError('no_recipient', 'validation', 'Välj minst en mottagare eller ange en lösenfras.', 'Choose at least one recipient or set a passphrase.'),
  passphraseShort: (min: number) =>
    new ExportError('passphrase_short', 'validation', `Lösenfrasen måste ha minst ${min} tecken.`, `The passphrase must be at least ${min} characters long.`),
  emptyScope: () =>
    new ExportError('empty_scope', 'validation', 'Urvalet innehåller inga grupper att exportera.', 'The selection contains no groups to export.'),
  belowK: (k: number, rows: number) =>
    new ExportError(
      'below_k',
      'validation',
      `Urvalet har för få deltagare för att någon ska kunna exporteras som rad med k = ${k} (${rows} deltagarrader, alla i för små grupper). Välj ett större urval, eller exportera under k med en skriven motivering.`,
      `The selection has too few participants for any to be exported as a row with k = ${k} (${rows} participant rows, all in too small groups). Choose a wider selection, or export below k with a written reason.`,
    ),
  belowKReasonMissing: () =>
    Object.assign(
      new ExportError('below_k_reason', 'validation', 'En export under k kräver en skriven motivering.', 'An export below k needs a written reason.'),
      { issues: fieldError('belowKReason', 'Skriv varför exporten behöver göras under k.', 'Write why the export must be made below k.').issues },
    ),
  outputUnwritable: () =>
    new ExportError('output_unwritable', 'io', 'Det går inte att skriva till den valda platsen.', 'The chosen location cannot be written to.'),
  outputExists: () =>
    new ExportError('output_exists', 'conflict', 'Det finns redan en fil eller mapp med det namnet.', 'A file or folder with that name already exists.'),
  identityMalformed: () =>
    new ExportError(
      'identity_malformed',
      'validation',
      'Nyckelfilen innehåller ingen giltig age-nyckel (AGE-SECRET-KEY-1…).',
      'The key file holds no valid age key (AGE-SECRET-KEY-1…).',
    ),
  // Every variant starts with the same sentence, so the first thing read is what happened.
  wrongIdentity: () =>
    new ExportError(
      'wrong_identity',
      'wrong_passphrase',
      'Filen kan inte öppnas med den här nyckeln eller lösenfrasen. Den är krypterad till en annan nyckel, eller (mer sällan) skadad just där nyckeln står; är nyckeln rätt, be om en ny export.',
      'The file cannot be opened with this key or passphrase. It is encrypted to another key, or (more rarely) damaged exactly where the key is; if the key is right, ask for a new export.',
    ),
  madeForKeys: () =>
    new ExportError(
      'wrong_identity',
      'wrong_passphrase',
      'Filen kan inte öppnas med den här nyckeln eller lösenfrasen. Den är krypterad till en eller flera nycklar (age1…), inte med en lösenfras: öppna den med nyckelfilen.',
      'The file cannot be opened with this key or passphrase. It is encrypted to one or more keys (age1…), not with a passphrase: open it with the key file.',
    ),
  madeForPassphrase: () =>
    new ExportError(
      'wrong_identity',
      'wrong_passphrase',
      'Filen kan inte öppnas med den här nyckeln eller lösenfrasen. Den är krypterad med en lösenfras, inte till en nyckel: öppna den med lösenfrasen.',
      'The file cannot be opened with this key or passphrase. It is encrypted with a passphrase, not to a key: open it with the passphrase.',
    ),
  noSpace: (megabytes: number) =>
    new ExportError(
      'no_space',
      'io',
      `Det finns inte plats för exportens filer (${megabytes} MB) på disken. Frigör utrymme eller välj en annan plats.`,
      `There is no room for the export's files (${megabytes} MB) on the disk. Free some space or choose another place.`,
    ),
  inputUnreadable: () => new ExportError('input_unreadable', 'io', 'Filen finns inte eller kan inte läsas.', 'The file does not exist or cannot be read.'),
  notAge: () =>
    new ExportError('not_age', 'validation', 'Filen är ingen krypterad Komet-export (age-format).', 'The file is not an encrypted Komet export (age format).'),
  corrupt: () =>
    new ExportError(
      'corrupt',
      'validation',
      'Filen är skadad, ändrad eller ofullständig och kan inte öppnas. Be om en ny export.',
      'The file is damaged, altered or incomplete and cannot be opened. Ask for a new export.',
    ),
  packageInvalid: (detailSv: string, detailEn: string) =>
    new ExportError(
      'package_invalid',
      'validation',
      `Exportpaketet stämmer inte med sitt innehållsregister: ${detailSv}`,
      `The export package does not match its manifest: ${detailEn}`,
    ),
  // The app's export thread (src-main/app/export-thread.ts):
  interrupted: () =>
    new ExportError(
      'interrupted',
      'internal',
      'Exporten avbröts innan den blev klar. Ingen fil skrevs, och exportloggen visar försöket som misslyckat. Försök igen; avbryts den igen, välj ett mindre urval.',
      'The export stopped before it was finished. No file was written, and the export log shows the attempt as failed. Try again; if it stops again, choose a smaller scope.',
    ),
  stoppedByLock: () =>
    new ExportError(
      'stopped_by_lock',
      'locked',
      'Exporten avbröts eftersom Komet låstes. Ingen fil skrevs. Lås upp och exportera igen.',
      'The export was stopped because Komet was locked. No file was written. Unlock and export again.',
    ),
  workerMissing: () =>
    new ExportError(
      'worker_missing',
      'internal',
      'Komet är ofullständigt installerat: exportens program saknas, så ingen export kan göras. Installera om Komet (eller kör npm run build) och försök igen. Ingen fil skrevs.',
      'Komet is incompletely installed: the export program is missing, so no export can be made. Reinstall Komet (or run npm run build) and try again. No file was written.',
    ),
};
