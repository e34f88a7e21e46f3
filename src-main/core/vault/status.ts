import { AppError } from '../errors';
import { databaseFileExists, isPlaintextDatabase, removeStaleEncryptionCopy } from './encrypt-in-place';
import { keyFileMissing } from './errors';
import { keyFileExists, readKeyFile } from './key-file';

/**
 * What a data folder holds, decided from files alone (no secret needed):
 * - `new`: nothing yet; setup creates the key file and an encrypted database.
 * - `legacy`: a plaintext database from before encryption; setup encrypts it in place.
 * - `ready`: a key file; unlock with the passphrase or recovery key. `plaintextDatabase` means a
 *   setup was interrupted before encrypting, which unlock finishes.
 * - `damaged`: the key file is missing beside an encrypted database, or unreadable.
 */
export type VaultStatus =
  | { kind: 'new' }
  | { kind: 'legacy' }
  | { kind: 'ready'; userName: string; plaintextDatabase: boolean }
  | { kind: 'damaged'; error: AppError };

export function vaultStatus(dataDir: string, databasePath: string): VaultStatus {
  removeStaleEncryptionCopy(databasePath);
  const hasDb = databaseFileExists(databasePath);
  if (keyFileExists(dataDir)) {
    try {
      const { userName } = readKeyFile(dataDir);
      return { kind: 'ready', userName, plaintextDatabase: hasDb && isPlaintextDatabase(databasePath) };
    } catch (err) {
      if (err instanceof AppError) return { kind: 'damaged', error: err };
      throw err;
    }
  }
  if (!hasDb) return { kind: 'new' };
  return isPlaintextDatabase(databasePath) ? { kind: 'legacy' } : { kind: 'damaged', error: keyFileMissing() };
}
