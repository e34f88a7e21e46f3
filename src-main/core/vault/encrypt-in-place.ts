import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { checkpoint, encryptPlainFile, integrityErrors, openConnection, setWalMode, tableRowCounts, vacuumInto } from '../repos/backup-repo';
import { fsyncDir, fsyncFile } from './atomic-file';

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's plaintext header, i.e. anyone can read it. */
export function isPlaintextDatabase(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    return fs.readSync(fd, head, 0, 16, 0) === 16 && head.equals(sqliteHeader);
  } finally {
    fs.closeSync(fd);
  }
}

export const databaseFileExists = (file: string) => fs.existsSync(file) && fs.statSync(file).size > 0;

const encryptingPath = (file: string) => `${file}.encrypting`;

/** A killed encryption can leave a plaintext copy behind; it is never the only copy. */
export function removeStaleEncryptionCopy(file: string): void {
  fs.rmSync(encryptingPath(file), { force: true });
}

const inUse = () =>
  new AppError('conflict', {
    sv: 'Databasen används av ett annat program. Stäng det och försök igen.',
    en: 'The database is in use by another program. Close it and try again.',
  });

const notSound = () =>
  new AppError('database_unreadable', {
    sv: 'Databasen är skadad och krypterades inte. Återställ en säkerhetskopia först.',
    en: 'The database is damaged and was not encrypted. Restore a backup first.',
  });

/**
 * Encrypts an existing plaintext database with the data key. The original stays in place until an
 * encrypted copy has been written, reopened with the key, checked and counted; then one rename
 * swaps them. A crash at any point leaves either the untouched original or the verified copy.
 */
export function encryptDatabaseInPlace(file: string, key: Buffer): { tables: Record<string, number> } {
  if (!isPlaintextDatabase(file)) throw new AppError('conflict', { sv: 'Databasen är redan krypterad.', en: 'The database is already encrypted.' });
  const temp = encryptingPath(file);
  removeStaleEncryptionCopy(file);
  const source = openConnection(file);
  let counts: Record<string, number>;
  try {
    if (integrityErrors(source).length) throw notSound();
    checkpoint(source);
    counts = tableRowCounts(source);
    vacuumInto(source, temp);
  } finally {
    source.close();
  }
  try {
    encryptPlainFile(temp, key);
    const copy = openConnection(temp, { key });
    try {
      if (integrityErrors(copy).length || JSON.stringify(tableRowCounts(copy)) !== JSON.stringify(counts)) {
        throw new AppError('io', {
          sv: 'Den krypterade kopian kunde inte verifieras. Originalet är orört.',
          en: 'The encrypted copy could not be verified. The original is untouched.',
        });
      }
      setWalMode(copy);
    } finally {
      copy.close();
    }
    if (isPlaintextDatabase(temp)) throw new AppError('internal', { sv: 'Krypteringen misslyckades.', en: 'Encryption failed.' });
    fsyncFile(temp);
    // A WAL left beside the original would be replayed into the new file; after a clean close it
    // is gone or empty, and anything else means another process still writes.
    for (const suffix of ['-wal', '-shm']) {
      const side = file + suffix;
      if (fs.existsSync(side)) {
        if (suffix === '-wal' && fs.statSync(side).size > 0) throw inUse();
        fs.rmSync(side, { force: true });
      }
    }
    fs.renameSync(temp, file);
    fsyncDir(path.dirname(file));
  } catch (err) {
    removeStaleEncryptionCopy(file);
    throw err;
  }
  return { tables: counts };
}
