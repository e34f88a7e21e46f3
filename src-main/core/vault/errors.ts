import { AppError, fieldError } from '../errors';

export const wrongPassphrase = () =>
  new AppError('wrong_passphrase', {
    sv: 'Fel lösenfras. Försök igen, eller använd återställningsnyckeln.',
    en: 'Wrong passphrase. Try again, or use the recovery key.',
  });

export const wrongRecoveryKey = () =>
  new AppError('wrong_passphrase', {
    sv: 'Återställningsnyckeln hör inte till den här databasen.',
    en: 'The recovery key does not belong to this database.',
  });

export const mistypedRecoveryKey = () =>
  fieldError(
    'recoveryKey',
    'Återställningsnyckeln är felskriven. Kontrollera varje grupp om fyra tecken.',
    'The recovery key is mistyped. Check each group of four characters.',
  );

export const keyFileDamaged = () =>
  new AppError('key_file_damaged', {
    sv: 'Nyckelfilen (komet.keys.json) är skadad eller har ändrats. Återställ den från säkerhetskopiornas mapp.',
    en: 'The key file (komet.keys.json) is damaged or has been altered. Restore it from the backups folder.',
  });

export const keyFileMissing = () =>
  new AppError('key_file_damaged', {
    sv: 'Nyckelfilen (komet.keys.json) saknas, så den krypterade databasen kan inte öppnas. Återställ den från säkerhetskopiornas mapp.',
    en: 'The key file (komet.keys.json) is missing, so the encrypted database cannot be opened. Restore it from the backups folder.',
  });

export const vaultExists = () =>
  new AppError('conflict', {
    sv: 'Komet är redan konfigurerat med en lösenfras på den här datorn.',
    en: 'Komet is already set up with a passphrase on this computer.',
  });

export const tooManyAttempts = (retryAfterMs: number) => {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new AppError('too_many_attempts', {
    sv: `För många felaktiga försök. Vänta ${seconds} sekunder och försök igen.`,
    en: `Too many wrong attempts. Wait ${seconds} seconds and try again.`,
  });
};

export const minPassphraseLength = 12;
export const maxPassphraseLength = 1024;

/** Length is counted in characters as the user sees them, not UTF-16 units. */
export function checkPassphrasePolicy(passphrase: string, path = 'passphrase'): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < minPassphraseLength) {
    throw fieldError(
      path,
      `Lösenfrasen måste vara minst ${minPassphraseLength} tecken. Flera ord i följd är lätta att minnas.`,
      `The passphrase must be at least ${minPassphraseLength} characters. Several words in a row are easy to remember.`,
    );
  }
  if (length > maxPassphraseLength) {
    throw fieldError(path, `Lösenfrasen får vara högst ${maxPassphraseLength} tecken.`, `The passphrase may be at most ${maxPassphraseLength} characters.`);
  }
}

export function checkUserName(userName: string): string {
  const trimmed = userName.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw fieldError('userName', 'Ange ditt namn (högst 100 tecken).', 'Enter your name (at most 100 characters).');
  }
  return trimmed;
}
