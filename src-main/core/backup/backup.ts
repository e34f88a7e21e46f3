import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KometDb } from '../db/open';
import { AppError } from '../errors';
import { privateDirMode } from '../private-dir';
import { copySnapshot } from '../repos/backup-repo';
import { fsyncDir, fsyncFile, writeFileAtomic } from '../vault/atomic-file';
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
  /** Copied beside the backups, so losing the data folder's key file is not losing everything. */
  keyFile?: string;
  now?: Date;
  /** An exact target (CLI `--out FILE`) instead of a dated name in `dir`; never overwritten. */
  file?: string;
}

const tempPrefix = '.komet-backup-';

const diskCodes = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR']);

/** Disk full, read-only or forbidden folders become a clear message; other errors pass through. */
export function asDiskError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || ![...diskCodes].some((c) => code === c || code.startsWith(`${c}_`))) return err;
  return new AppError('io', {
    sv: 'Säkerhetskopian kunde inte skrivas: disken är full eller mappen är skrivskyddad. Databasen är orörd.',
    en: 'The backup could not be written: the disk is full or the folder is read-only. The database is untouched.',
  });
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
    const taken = (['daily', 'before-restore'] as const).some((r) => fs.existsSync(path.join(dir, backupFileName(date, r, sequence))));
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
    fs.renameSync(temp, file);
    fsyncDir(dir);
    if (options.keyFile && fs.existsSync(options.keyFile)) {
      writeFileAtomic(path.join(dir, path.basename(options.keyFile)), fs.readFileSync(options.keyFile));
    }
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

export function pruneBackups(dir: string, now: Date, policy: RetentionPolicy = defaultRetention): string[] {
  const all = backupNames(dir);
  const keep = backupsToKeep(all, now, policy);
  const removed = all.filter((b) => !keep.has(b.name)).map((b) => b.name);
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  if (removed.length) fsyncDir(dir);
  return removed;
}

/** For the shells' daily timer and start-up: a backup unless one already exists from today. */
export function backupIfDue(db: Pick<KometDb, 'sqlite'>, options: Omit<BackupOptions, 'reason' | 'now'> & { now: Date }): BackupInfo | null {
  const today = localDayKey(options.now);
  if (backupNames(options.dir).some((b) => localDayKey(b.date) === today)) return null;
  const info = backupNow(db, { ...options, reason: 'daily' });
  pruneBackups(options.dir, options.now);
  return info;
}
