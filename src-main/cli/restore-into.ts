import fs from 'node:fs';
import path from 'node:path';
import { backupsDirOf, restoreBackup, type RestoreResult } from '../core/backup';
import { AppError } from '../core/errors';
import {
  copyOf,
  forget,
  keyCopyPath,
  keyFileOf,
  keyFilePath,
  keyFor,
  peekKeyId,
  unlockKeyring,
  vaultStatus,
  writeKeyFileAt,
  type Keyring,
} from '../core/vault';
import { needPassphrase, passphraseFromEnv, resolveDatabase } from './app';

const noKeyFile = () =>
  new AppError('key_file_damaged', {
    sv: 'Säkerhetskopian är krypterad men saknar sin nyckelfil (FIL.keys.json) bredvid sig.',
    en: 'The backup is encrypted but its key file (FILE.keys.json) is not beside it.',
  });

/**
 * The key a backup opens with: one this installation holds (its own, or retired by a rekey), else
 * the backup's own key copy opened with the same passphrase (another installation's backup, or
 * the only key there is when the folder is empty).
 */
async function keyOfBackup(from: string, ring: Keyring | undefined, passphrase: string): Promise<{ key: Buffer; copy?: Keyring }> {
  const copyFile = keyFileOf(path.dirname(from), from);
  const held = ring && (fs.existsSync(keyCopyPath(from)) ? keyFor(ring, peekKeyId(copyFile)) : ring.key);
  if (held) return { key: held };
  if (!fs.existsSync(copyFile)) throw noKeyFile();
  const { ring: copy } = await unlockKeyring(copyFile, { passphrase });
  return { key: copy.key, copy };
}

/**
 * `komet restore`: into an installation (its key file opens the database; the backup, if of a key
 * this installation never had, is written under this installation's key), or into a folder with
 * no key file, where the backup's key copy becomes the key file before the database is written,
 * so a crash leaves a folder that says "restore" again rather than a database nobody can open.
 */
export async function restoreInto(databasePath: string, from: string): Promise<RestoreResult> {
  const dataDir = path.dirname(databasePath);
  const status = vaultStatus(dataDir, databasePath);
  const encryptedBackup = fs.existsSync(keyFileOf(path.dirname(from), from));
  if (status.state === 'locked') {
    const db = await resolveDatabase(databasePath, { allowMissing: true });
    let source: { key: Buffer; copy?: Keyring } | undefined;
    try {
      source = await keyOfBackup(from, db.ring, passphraseFromEnv()!);
      return restoreBackup(from, { dataDir, databasePath, key: db.key, sourceKey: source.key, keyFile: db.keyFile!, backupsDir: backupsDirOf(dataDir) });
    } finally {
      if (source?.copy) forget(source.copy);
      if (db.ring) forget(db.ring);
    }
  }
  if (status.state === 'new' && encryptedBackup) {
    const passphrase = passphraseFromEnv();
    if (!passphrase) throw needPassphrase();
    const copyFile = keyFileOf(path.dirname(from), from);
    const { ring, file } = await unlockKeyring(copyFile, { passphrase });
    try {
      writeKeyFileAt(keyFilePath(dataDir), copyOf(file));
      return restoreBackup(from, { dataDir, databasePath, key: ring.key, keyFile: keyFilePath(dataDir), backupsDir: backupsDirOf(dataDir) });
    } finally {
      forget(ring);
    }
  }
  // Unencrypted: onto nothing (a new computer) or over an unencrypted database.
  const db = await resolveDatabase(databasePath, { createPlain: true });
  return restoreBackup(from, { dataDir: db.dataDir, databasePath, key: undefined });
}
