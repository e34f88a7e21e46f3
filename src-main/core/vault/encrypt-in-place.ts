import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { checkpointKeepingWal, copyEncryptedWith, integrityErrors, openConnection, setWalMode, tableRowCounts } from '../repos/backup-repo';
import { fsyncDir, fsyncFile } from './atomic-file';
import { shredFile } from './shred';

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
/** A second name for the plaintext original while the encrypted file takes its place. */
const plaintextPath = (file: string) => `${file}.plaintext`;

const sameFile = (a: string, b: string) => {
  const x = fs.statSync(a, { throwIfNoEntry: false });
  const y = fs.statSync(b, { throwIfNoEntry: false });
  return !!x && !!y && x.ino === y.ino && x.dev === y.dev;
};

/**
 * What a killed encryption leaves: the encrypted copy being written (never the only copy), or the
 * second name of the plaintext original. If the database is still that original, the second name
 * is only unlinked; once the encrypted file has taken its place, the original's bytes are
 * overwritten; if the database itself is gone, the original is put back.
 */
export function removeStaleEncryptionCopy(file: string): void {
  fs.rmSync(encryptingPath(file), { force: true });
  fs.rmSync(`${encryptingPath(file)}.host`, { force: true });
  const original = plaintextPath(file);
  if (!fs.existsSync(original)) return;
  if (!fs.existsSync(file)) fs.renameSync(original, file);
  else if (sameFile(original, file) || isPlaintextDatabase(file)) fs.rmSync(original, { force: true });
  else shredFile(original);
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
 * Encrypts an existing plaintext database with the data key. The encrypted copy is written
 * straight from the plaintext (no plaintext intermediate, no journal), reopened with the key,
 * checked and counted; then one rename swaps it in, and the plaintext original, WAL included, is
 * overwritten before it is unlinked, so its pages (free ones too) do not stay on the disk. A crash
 * at any point leaves either the untouched original or the verified copy (removeStaleEncryptionCopy).
 */
export function encryptDatabaseInPlace(file: string, key: Buffer, options: { journalMode?: 'wal' | 'delete' } = {}): { tables: Record<string, number> } {
  if (!isPlaintextDatabase(file)) throw new AppError('conflict', { sv: 'Databasen är redan krypterad.', en: 'The database is already encrypted.' });
  const temp = encryptingPath(file);
  removeStaleEncryptionCopy(file);
  const source = openConnection(file);
  let counts: Record<string, number>;
  try {
    if (integrityErrors(source).length) throw notSound();
    // Another connection's snapshot would keep frames in the WAL that the copy must not miss.
    if (!checkpointKeepingWal(source)) throw inUse();
    counts = tableRowCounts(source);
    try {
      copyEncryptedWith(file, undefined, temp, key);
      const copy = openConnection(temp, { key });
      try {
        if (integrityErrors(copy).length || JSON.stringify(tableRowCounts(copy)) !== JSON.stringify(counts)) {
          throw new AppError('io', {
            sv: 'Den krypterade kopian kunde inte verifieras. Originalet är orört.',
            en: 'The encrypted copy could not be verified. The original is untouched.',
          });
        }
        // Backups stay single files; the live database runs in WAL mode.
        if (options.journalMode !== 'delete') setWalMode(copy);
      } finally {
        copy.close();
      }
      if (isPlaintextDatabase(temp)) throw new AppError('internal', { sv: 'Krypteringen misslyckades.', en: 'Encryption failed.' });
      fsyncFile(temp);
    } catch (err) {
      removeStaleEncryptionCopy(file);
      throw err;
    }
    // Every frame is in the main file now: the WAL's own bytes go before SQLite unlinks it.
    overwriteInPlace(`${file}-wal`);
  } finally {
    source.close();
  }
  // After a clean close the WAL is gone or empty; anything else means another process writes.
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0 && !isZeros(wal)) {
    removeStaleEncryptionCopy(file);
    throw inUse();
  }
  fs.linkSync(file, plaintextPath(file));
  fs.renameSync(temp, file);
  fsyncDir(path.dirname(file));
  shredFile(plaintextPath(file));
  for (const side of ['-wal', '-shm', '-journal']) shredFile(file + side);
  return { tables: counts };
}

function overwriteInPlace(file: string): void {
  if (!fs.existsSync(file)) return;
  const fd = fs.openSync(file, 'r+');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > 0) {
      fs.writeSync(fd, Buffer.alloc(size), 0, size, 0);
      fs.fsyncSync(fd);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function isZeros(file: string): boolean {
  const bytes = fs.readFileSync(file);
  return bytes.every((b) => b === 0);
}
