import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { fsyncDir } from './atomic-file';
import { databaseFileExists, isPlaintextDatabase, removeStaleEncryptionCopy } from './encrypt-in-place';
import { keyFileMissing } from './errors';
import { keyCopyPath } from './key-copies';
import { keyFilePath, readKeyFileAt } from './key-file';

/**
 * What a data folder holds, decided from files alone (no secret needed), in the lock-state words
 * every layer uses (contract/enums VAULT_STATES; only a session can be `unlocked`):
 * - `new`: nothing yet; setup creates the key file and an encrypted database.
 * - `legacy`: a plaintext database from before encryption; setup encrypts it in place.
 * - `locked`: a key file; unlock with the passphrase or recovery key. `plaintextDatabase` means a
 *   setup was interrupted before encrypting, which unlock finishes. `databaseMissing` means the
 *   database file is gone or empty beside its key file: it is never created anew there (that
 *   would hide the loss and let new backups push the good ones out), only restored.
 * - `damaged`: the key file is missing beside an encrypted database, or unreadable.
 */
export type VaultStatus =
  | { state: 'new' }
  | { state: 'legacy' }
  | { state: 'locked'; userName: string; plaintextDatabase: boolean; databaseMissing: boolean }
  | { state: 'damaged'; error: AppError };

/** Where setup creates the encrypted database before the key file exists (see finishSetup). */
export const setupDatabasePath = (databasePath: string) => `${databasePath}.setup`;

/**
 * Setup creates the empty encrypted database under a temporary name, then writes the key file,
 * then renames the database into place. Killed before the key file, the file is nobody's; killed
 * after it, the rename is all that is left to do.
 */
function finishSetup(databasePath: string, hasKeyFile: boolean): void {
  const setup = setupDatabasePath(databasePath);
  if (!fs.existsSync(setup)) return;
  if (hasKeyFile && !databaseFileExists(databasePath)) {
    fs.renameSync(setup, databasePath);
    fsyncDir(path.dirname(databasePath));
  } else {
    fs.rmSync(setup, { force: true });
  }
}

/** The key file of a database: its own copy beside it (a backup), else the data folder's. */
export function keyFileOf(dataDir: string, databasePath: string): string {
  const own = keyCopyPath(databasePath);
  return fs.existsSync(own) ? own : keyFilePath(dataDir);
}

export function vaultStatus(dataDir: string, databasePath: string): VaultStatus {
  removeStaleEncryptionCopy(databasePath);
  const keyFile = keyFileOf(dataDir, databasePath);
  const hasKeyFile = fs.existsSync(keyFile);
  finishSetup(databasePath, hasKeyFile);
  const hasDb = databaseFileExists(databasePath);
  if (hasKeyFile) {
    try {
      const { userName } = readKeyFileAt(keyFile);
      return { state: 'locked', userName, plaintextDatabase: hasDb && isPlaintextDatabase(databasePath), databaseMissing: !hasDb };
    } catch (err) {
      if (err instanceof AppError) return { state: 'damaged', error: err };
      throw err;
    }
  }
  if (!hasDb) return { state: 'new' };
  return isPlaintextDatabase(databasePath) ? { state: 'legacy' } : { state: 'damaged', error: keyFileMissing() };
}

export const databaseMissing = () =>
  new AppError('database_unreadable', {
    sv: 'Databasfilen (komet.db) saknas eller är tom, fast nyckelfilen finns. Komet skapar ingen ny databas här: återställ den senaste säkerhetskopian.',
    en: 'The database file (komet.db) is missing or empty although its key file is there. Komet does not create a new database here: restore the newest backup.',
  });
