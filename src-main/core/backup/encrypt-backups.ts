import fs from 'node:fs';
import path from 'node:path';
import { encryptDatabaseInPlace, isPlaintextDatabase, removeStaleEncryptionCopy } from '../vault/encrypt-in-place';
import { keyCopyPath, writeKeyCopy } from '../vault/key-copies';
import { peekKeyId, readKeyFileAt } from '../vault/key-file';
import { finishInterruptedRekey } from '../vault/rekey';
import { shredDatabaseFiles } from '../vault/shred';

export interface EncryptedFiles {
  /** The database itself was in plaintext and is now encrypted. */
  database: boolean;
  /** Plaintext backups now encrypted with the data key, each with its key copy. */
  backupsEncrypted: number;
  /** Plaintext backups that could not be read, overwritten and removed. */
  backupsRemoved: number;
}

// Backups, before-restore copies and raw copies alike; never a key copy or a temp file.
const isBackupFile = (name: string) => /^komet-[\w-]*\.db$/.test(name);

/**
 * Encrypts a plaintext backup where it lies, the way the database itself is encrypted (straight
 * into an encrypted copy, verified, swapped in, the plaintext overwritten), its key copy written
 * first so the encrypted backup opens on its own from the moment it has the name. A backup that
 * cannot be read cannot be encrypted and must not stay readable either: it is overwritten and removed.
 */
function encryptPlainBackup(file: string, key: Buffer, keyFile: string): 'encrypted' | 'removed' {
  writeKeyCopy(file, readKeyFileAt(keyFile));
  try {
    encryptDatabaseInPlace(file, key, { journalMode: 'delete' });
    return 'encrypted';
  } catch {
    removeStaleEncryptionCopy(file);
    shredDatabaseFiles(file);
    fs.rmSync(keyCopyPath(file), { force: true });
    return 'removed';
  }
}

/**
 * After a database is encrypted, the backups made while it was not are still plaintext copies of
 * the same people: each is encrypted with the data key (or, if unreadable, overwritten and
 * removed). Runs at every unlock too, so an encryption cut short is finished.
 */
export function encryptPlainBackups(
  dir: string,
  key: Buffer,
  keyFile: string,
  which: (file: string) => boolean = () => true,
): Pick<EncryptedFiles, 'backupsEncrypted' | 'backupsRemoved'> {
  const result = { backupsEncrypted: 0, backupsRemoved: 0 };
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return result;
  }
  // A crash between the two renames leaves only the plaintext's second name: put it back first.
  for (const name of names) if (name.endsWith('.db.plaintext')) removeStaleEncryptionCopy(path.join(dir, name.slice(0, -'.plaintext'.length)));
  for (const name of fs.readdirSync(dir).filter(isBackupFile)) {
    const file = path.join(dir, name);
    if (!isPlaintextDatabase(file) || !which(file)) continue;
    if (encryptPlainBackup(file, key, keyFile) === 'encrypted') result.backupsEncrypted += 1;
    else result.backupsRemoved += 1;
  }
  return result;
}

/**
 * Before a vault's database is opened: a rekey cut short is completed, a plaintext database is
 * encrypted and then every plaintext backup beside it. Plaintext backups of a folder whose
 * database was already encrypted are left as they are (they may be another installation's,
 * found by a new setup), except those this vault had begun to encrypt (their key copy is written
 * first) when it was killed.
 */
export function settleVaultFiles(databasePath: string, backupsDir: string, key: Buffer, keyFile: string): EncryptedFiles {
  if (fs.existsSync(databasePath)) finishInterruptedRekey(databasePath, key);
  const database = isPlaintextDatabase(databasePath);
  if (database) encryptDatabaseInPlace(databasePath, key);
  const keyId = peekKeyId(keyFile);
  const which = database ? undefined : (file: string) => keyId !== null && peekKeyId(keyCopyPath(file)) === keyId;
  return { database, ...encryptPlainBackups(backupsDir, key, keyFile, which) };
}
