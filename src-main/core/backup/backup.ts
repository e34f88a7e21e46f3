import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KometDb } from '../db/open';
import { AppError } from '../errors';
import { privateDirMode } from '../private-dir';
import { copySnapshot } from '../repos/backup-repo';
import { fsyncDir, fsyncFile } from '../vault/atomic-file';
import { isPlaintextDatabase } from '../vault/encrypt-in-place';
import { adoptLegacyBackups, keyCopyPath, writeKeyCopy } from '../vault/key-copies';
import { peekKeyId, readKeyFileAt } from '../vault/key-file';
import { forget, keyringOf, lineage } from '../vault/keyring';
import { backupFileName, localDayKey, newestFirst, parseBackupFileName, type BackupReason, type ParsedBackupName } from './names';
import { backupsToKeep, defaultRetention, type RetentionPolicy } from './retention';
import { verifyDatabaseFile, type BackupProblem } from './verify';

export const backupsDirName = 'backups';
export const backupsDirOf = (dataDir: string) => path.join(dataDir, backupsDirName);

export interface BackupInfo {
  file: string;
  name: string;
  date: Date;
  beforeRestore: boolean;
  size: number;
  ok: boolean;
  problem?: BackupProblem;
  counts: Record<string, number>;
}

export interface BackupOptions {
  dir: string;
  reason: BackupReason;
  /** The data key, to verify the copy by reopening it; omit only for unencrypted databases. */
  key?: Buffer;
  /**
   * The data folder's key file: a copy of it is written as `<backup>.keys.json`, so the backup
   * opens on its own with the passphrase or recovery key (see key-copies.ts).
   */
  keyFile?: string;
  now?: Date;
  /** An exact target (CLI `--out FILE`) instead of a dated name in `dir`; never overwritten. */
  file?: string;
}

const tempPrefix = '.komet-backup-';

const diskCodes = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR']);

// The clear messages made from them, so a caller further up still knows the disk was the cause.
const fromDisk = new WeakSet<object>();

/** A full, read-only or forbidden disk, as the system or SQLite said it, or as asDiskError put it. */
export const isDiskError = (err: unknown): boolean => {
  if (err instanceof AppError) return fromDisk.has(err);
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && [...diskCodes].some((c) => code === c || code.startsWith(`${c}_`));
};

const backupDiskMessage = {
  sv: 'Säkerhetskopian kunde inte skrivas: disken är full eller mappen är skrivskyddad. Databasen är orörd.',
  en: 'The backup could not be written: the disk is full or the folder is read-only. The database is untouched.',
};

/** Disk full, read-only or forbidden folders become a clear message; other errors pass through. */
export function asDiskError(err: unknown, message = backupDiskMessage): unknown {
  if (!isDiskError(err)) return err;
  const clear = new AppError('io', message);
  fromDisk.add(clear);
  return clear;
}

const backupFailed = () =>
  new AppError('io', {
    sv: 'Säkerhetskopian kunde inte verifieras och har tagits bort. Databasen är orörd.',
    en: 'The backup could not be verified and was removed. The database is untouched.',
  });

/**
 * The sequence number is unique within the second whatever the reason, so ordering by date and
 * sequence never ties: a quit backup taken in the same second as a before-restore copy is newer.
 */
function freeName(dir: string, date: Date, reason: BackupReason): string {
  for (let sequence = 1; ; sequence++) {
    const taken = (['daily', 'before-restore'] as const).some((r) => {
      const file = path.join(dir, backupFileName(date, r, sequence));
      return fs.existsSync(file) || fs.existsSync(keyCopyPath(file));
    });
    if (!taken) return backupFileName(date, reason, sequence);
  }
}

/**
 * Copies the open database into `dir` page for page (consistent, and still encrypted with the same
 * key, see copySnapshot), reopens the copy to verify it, and only then gives it its final name, so a file named
 * komet-*.db is always a complete, checked backup.
 */
export function backupNow(db: Pick<KometDb, 'sqlite'>, options: BackupOptions): BackupInfo {
  const exact = options.file ? path.resolve(options.file) : undefined;
  if (exact && fs.existsSync(exact)) {
    throw new AppError('conflict', { sv: 'Filen finns redan; välj ett annat namn.', en: 'The file already exists; choose another name.' });
  }
  const dir = exact ? path.dirname(exact) : options.dir;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: privateDirMode });
  } catch (err) {
    throw asDiskError(err);
  }
  removeStaleBackupTemps(dir);
  const temp = path.join(dir, `${tempPrefix}${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    copySnapshot(db.sqlite, temp, options.key);
    const verification = verifyDatabaseFile(temp, options.key, 'fresh-copy');
    if (!verification.ok) throw backupFailed();
    fsyncFile(temp);
    const date = options.now ?? new Date();
    const name = exact ? path.basename(exact) : freeName(dir, date, options.reason);
    const file = path.join(dir, name);
    // The key copy first: a backup that has its final name always opens on its own. A copy of
    // another key already lying there is refused, before the backup is named.
    if (options.keyFile) writeKeyCopy(file, readKeyFileAt(options.keyFile));
    fs.renameSync(temp, file);
    fsyncDir(dir);
    return { file, name, date, beforeRestore: options.reason === 'before-restore', size: fs.statSync(file).size, ok: true, counts: verification.counts };
  } catch (err) {
    for (const side of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${temp}${side}`, { force: true });
    throw asDiskError(err);
  }
}

/** A backup killed half-way leaves only a temp file, never a komet-*.db. */
export function removeStaleBackupTemps(dir: string): void {
  for (const name of safeReaddir(dir)) if (name.startsWith(tempPrefix)) fs.rmSync(path.join(dir, name), { force: true });
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export function backupNames(dir: string): ParsedBackupName[] {
  return safeReaddir(dir)
    .map(parseBackupFileName)
    .filter((b): b is ParsedBackupName => b !== null)
    .sort(newestFirst);
}

/** One backup in `dir`, reopened with the key and checked as a listing needs it. */
export function describeBackup(dir: string, b: ParsedBackupName, key: Buffer | undefined): BackupInfo {
  const file = path.join(dir, b.name);
  const v = verifyDatabaseFile(file, key, 'listing');
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  return { file, ...b, size, ok: v.ok, ...(v.problem ? { problem: v.problem } : {}), counts: v.counts };
}

/** Every backup, newest first, each described by describeBackup. */
export function listBackups(dir: string, key: Buffer | undefined): BackupInfo[] {
  return backupNames(dir).map((b) => describeBackup(dir, b, key));
}

/**
 * Whose backups the retention ladder may thin: a vault's (key copies with one of its key ids) or
 * an unencrypted installation's (plaintext files without a key copy). Anything else in the folder
 * (another installation's backups, found by a new setup) is never counted and never removed.
 */
export type BackupOwner = { keyIds: ReadonlySet<string> } | { plain: true } | { withoutKeyFiles: true };

export function isOwnBackup(file: string, owner: BackupOwner): boolean {
  const copy = keyCopyPath(file);
  if ('plain' in owner) return !fs.existsSync(copy) && isPlaintextDatabase(file);
  if ('withoutKeyFiles' in owner) return !fs.existsSync(copy);
  const id = peekKeyId(copy);
  return id !== null && owner.keyIds.has(id);
}

/**
 * The owner a key file and its unlocked data key describe; plain without a key. A key without a
 * key file (a caller that keeps the key itself) owns the backups that have no key copy.
 */
export function backupOwner(keyFile: string | undefined, key: Buffer | undefined): BackupOwner {
  if (!key) return { plain: true };
  if (!keyFile) return { withoutKeyFiles: true };
  if (!fs.existsSync(keyFile)) return { keyIds: new Set() };
  const ring = keyringOf(readKeyFileAt(keyFile), Buffer.from(key));
  const keyIds = lineage(ring);
  forget(ring);
  return { keyIds };
}

export function pruneBackups(dir: string, now: Date, owner: BackupOwner, policy: RetentionPolicy = defaultRetention): string[] {
  const own = backupNames(dir).filter((b) => isOwnBackup(path.join(dir, b.name), owner));
  const keep = backupsToKeep(own, now, policy);
  const removed = own.filter((b) => !keep.has(b.name)).map((b) => b.name);
  for (const name of removed) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(keyCopyPath(path.join(dir, name)), { force: true });
  }
  if (removed.length) fsyncDir(dir);
  return removed;
}

/**
 * After a backup: backups of the old layout that open with the current key get their own key
 * copies, then the ladder thins this vault's backups (see pruneBackups).
 */
export function tidyBackups(dir: string, now: Date, options: { key?: Buffer | undefined; keyFile?: string | undefined }): string[] {
  if (options.key && options.keyFile && fs.existsSync(options.keyFile)) {
    const main = readKeyFileAt(options.keyFile);
    const ring = keyringOf(main, Buffer.from(options.key));
    try {
      adoptLegacyBackups(dir, main, ring, (name) => parseBackupFileName(name) !== null);
    } finally {
      forget(ring);
    }
  }
  return pruneBackups(dir, now, backupOwner(options.keyFile, options.key));
}

/** For the shells' daily timer and start-up: a backup unless one already exists from today. */
export function backupIfDue(db: Pick<KometDb, 'sqlite'>, options: Omit<BackupOptions, 'reason' | 'now'> & { now: Date }): BackupInfo | null {
  const today = localDayKey(options.now);
  const owner = backupOwner(options.keyFile, options.key);
  if (backupNames(options.dir).some((b) => localDayKey(b.date) === today && isOwnBackup(path.join(options.dir, b.name), owner))) return null;
  const info = backupNow(db, { ...options, reason: 'daily' });
  tidyBackups(options.dir, options.now, options);
  return info;
}
