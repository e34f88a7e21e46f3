import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { privateDirMode } from '../private-dir';
import { copyEncryptedWith, openConnection, vacuumInto } from '../repos/backup-repo';
import { fsyncDir, fsyncFile } from '../vault/atomic-file';
import { writeKeyCopy } from '../vault/key-copies';
import { readKeyFileAt } from '../vault/key-file';
import { readJournal, defaultMigrationsFolder } from '../db/migrate';
import { asDiskError, backupNow, backupsDirOf, isDiskError, type BackupInfo } from './backup';
import { backupFileName } from './names';
import { verifyDatabaseFile, type Verification } from './verify';

export interface RestoreOptions {
  dataDir: string;
  /** Defaults to <dataDir>/komet.db. The live database must be closed by the caller. */
  databasePath?: string;
  key: Buffer | undefined;
  /** The backup's own data key when a rekey has replaced it since; the restored file gets `key`. */
  sourceKey?: Buffer | undefined;
  /** The data folder's key file: the before-restore copy gets its own copy of it. */
  keyFile?: string | undefined;
  backupsDir?: string;
  now?: Date;
  migrationsFolder?: string;
}

export interface RestoreResult {
  /** The copy of the database as it was just before the restore; null when there was none. */
  beforeRestore: BackupInfo | { file: string; name: string; raw: true } | null;
  counts: Record<string, number>;
}

function refusal(v: Verification): AppError {
  switch (v.problem) {
    case 'missing':
      return new AppError('not_found', { sv: 'Säkerhetskopian finns inte.', en: 'The backup file does not exist.' });
    case 'damaged':
      return new AppError('database_unreadable', {
        sv: 'Säkerhetskopian är skadad och kan inte återställas. Välj en annan.',
        en: 'The backup is damaged and cannot be restored. Choose another one.',
      });
    case 'not_komet':
      return new AppError('database_unreadable', {
        sv: 'Filen är en databas men inte en Komet-säkerhetskopia.',
        en: 'The file is a database but not a Komet backup.',
      });
    default:
      return new AppError('database_unreadable', {
        sv: 'Filen är ingen Komet-säkerhetskopia, eller den hör till en annan installation och kan inte öppnas med den här nyckeln.',
        en: 'The file is not a Komet backup, or it belongs to another installation and cannot be opened with this key.',
      });
  }
}

/**
 * Replaces the database with a backup. The source is checked first (readable with this key, a
 * Komet database, sound, not from a newer Komet), and nothing is touched if it fails. Then the
 * current database is saved as a before-restore backup, the source is copied and verified beside
 * the database, and one rename swaps it in.
 */
export function restoreBackup(from: string, options: RestoreOptions): RestoreResult {
  const databasePath = options.databasePath ?? path.join(options.dataDir, 'komet.db');
  const backupsDir = options.backupsDir ?? backupsDirOf(options.dataDir);
  if (path.resolve(from) === path.resolve(databasePath)) {
    throw new AppError('validation', { sv: 'Välj en säkerhetskopia, inte den öppna databasen.', en: 'Choose a backup, not the open database.' });
  }
  const sourceKey = options.sourceKey ?? options.key;
  const source = verifyDatabaseFile(from, sourceKey);
  if (!source.ok) throw refusal(source);
  const journal = readJournal(options.migrationsFolder ?? defaultMigrationsFolder());
  if ((source.migration ?? 0) > Math.max(0, ...journal.entries.map((e) => e.when))) {
    throw new AppError('database_too_new', {
      sv: 'Säkerhetskopian är gjord av en nyare version av Komet. Uppdatera Komet för att återställa den.',
      en: 'The backup was made by a newer version of Komet. Update Komet to restore it.',
    });
  }

  const now = options.now ?? new Date();
  let beforeRestore: RestoreResult['beforeRestore'];
  try {
    beforeRestore = saveCurrent(databasePath, backupsDir, options, now);
  } catch (err) {
    throw asDiskError(err, diskMessage);
  }

  const temp = `${databasePath}.restoring`;
  fs.rmSync(temp, { force: true });
  try {
    // VACUUM INTO rather than a file copy: it also carries anything still in the source's WAL.
    // A backup of a key a rekey replaced is written with the current key in the same pass.
    if (options.key && sourceKey && !sourceKey.equals(options.key)) {
      copyEncryptedWith(from, sourceKey, temp, options.key);
    } else {
      const sqlite = openConnection(from, { key: options.key, readonly: true });
      try {
        vacuumInto(sqlite, temp);
      } finally {
        sqlite.close();
      }
    }
    // The source passed the full check above; this copy of it needs only the fresh-copy check.
    const copy = verifyDatabaseFile(temp, options.key, 'fresh-copy');
    if (!copy.ok || JSON.stringify(copy.counts) !== JSON.stringify(source.counts)) {
      throw new AppError('io', {
        sv: 'Kopian av säkerhetskopian kunde inte verifieras. Databasen är orörd.',
        en: 'The copy of the backup could not be verified. The database is untouched.',
      });
    }
    fsyncFile(temp);
    // The live database was closed and checkpointed by saveCurrent (or copied raw with its WAL),
    // so its side files hold nothing that would otherwise be lost, and must not be replayed
    // into the restored file.
    fs.rmSync(`${databasePath}-wal`, { force: true });
    fs.rmSync(`${databasePath}-shm`, { force: true });
    fs.renameSync(temp, databasePath);
    fsyncDir(path.dirname(databasePath));
    return { beforeRestore, counts: copy.counts };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw asDiskError(err, diskMessage);
  }
}

const diskMessage = {
  sv: 'Säkerhetskopian kunde inte återställas: disken är full eller mappen är skrivskyddad. Databasen är orörd. Frigör utrymme och försök igen.',
  en: 'The backup could not be restored: the disk is full or the folder is read-only. The database is untouched. Free some space and try again.',
};

function saveCurrent(databasePath: string, backupsDir: string, options: RestoreOptions, now: Date): RestoreResult['beforeRestore'] {
  const { key, keyFile } = options;
  if (!fs.existsSync(databasePath) || fs.statSync(databasePath).size === 0) return null;
  let sqlite;
  try {
    sqlite = openConnection(databasePath, { key });
  } catch {
    sqlite = undefined;
  }
  if (sqlite) {
    try {
      return backupNow({ sqlite }, { dir: backupsDir, reason: 'before-restore', key, now, ...(keyFile ? { keyFile } : {}) });
    } catch (err) {
      // A full disk will not take a raw copy either; anything else may be the file's damage.
      if (isDiskError(err)) throw err;
      // Fall through to a raw copy: the current file may be too damaged to copy by SQL.
    } finally {
      sqlite.close();
    }
  }
  // Unreadable (e.g. corrupt): keep the bytes as they are, WAL included, beside the backups.
  fs.mkdirSync(backupsDir, { recursive: true, mode: privateDirMode });
  const name = backupFileName(now, 'before-restore');
  const file = path.join(backupsDir, name.replace(/\.db$/, '-raw.db'));
  if (key && keyFile && fs.existsSync(keyFile)) writeKeyCopy(file, readKeyFileAt(keyFile));
  fs.copyFileSync(databasePath, file);
  if (fs.existsSync(`${databasePath}-wal`)) fs.copyFileSync(`${databasePath}-wal`, `${file}-wal`);
  fsyncFile(file);
  fsyncDir(backupsDir);
  return { file, name: path.basename(file), raw: true };
}
