import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../core/backup';
import { acquireWriteLock } from '../core/db/write-lock';
import { AppError, type Result } from '../core/errors';
import { writeFileAtomic } from '../core/vault';
import type { BackupEntry, ProcedureName } from '../contract';
import type { CallContext } from '../app/router';
import type { KometApp } from './komet-app';

/**
 * What every shell talks to: one object per process that answers every procedure of the
 * contract, whether the database is open, locked, or (for demos) unencrypted.
 */
export interface KometGate {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly encrypted: boolean;
  call(name: string, input: unknown, ctx?: Partial<CallContext>): Promise<Result<unknown>>;
  /** Told when the lock state changes without a call (idle lock, screen lock) and after unlock. */
  onChange(listener: (procedure: ProcedureName) => void): () => void;
  /** The open app, or null while locked. */
  app(): KometApp | null;
  /** Locks now (screen locked, laptop suspended). */
  lock(): void;
  /** Makes a 'quit' backup when open, then closes everything. Safe to call twice. */
  close(options?: { backup?: boolean }): void;
}

export const toBackupEntry = (b: BackupInfo): BackupEntry => ({
  name: b.name,
  date: b.date.toISOString(),
  size: b.size,
  counts: b.counts,
  ok: b.ok,
  ...(b.problem ? { problem: b.problem } : {}),
  beforeRestore: b.beforeRestore,
});

export const lockedShape = () =>
  new AppError('locked', { sv: 'Komet är låst. Lås upp med din lösenfras.', en: 'Komet is locked. Unlock it with your passphrase.' }).toShape();

export const backupMissing = () =>
  new AppError('not_found', { sv: 'Säkerhetskopian finns inte (längre).', en: 'The backup does not exist (any more).' });

/** The backups folder's file for a listed name; the name was checked against the pattern. */
export function backupFileFor(backupsDir: string, name: string): string {
  const file = path.join(backupsDir, path.basename(name));
  if (!fs.existsSync(file)) throw backupMissing();
  return file;
}

// Preferences that must be readable while the database is locked; nothing secret.
const prefsFileName = 'komet.prefs.json';
export const defaultAutoLockMinutes = 10;

export function readAutoLockMinutes(dataDir: string): number {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, prefsFileName), 'utf8'));
    const minutes = (value as { autoLockMinutes?: unknown } | null)?.autoLockMinutes;
    return typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 240 ? minutes : defaultAutoLockMinutes;
  } catch {
    return defaultAutoLockMinutes;
  }
}

export function writeAutoLockMinutes(dataDir: string, minutes: number): void {
  writeFileAtomic(path.join(dataDir, prefsFileName), `${JSON.stringify({ autoLockMinutes: minutes }, null, 2)}\n`);
}

/** Automatic work (daily backup) must never take the app down; only the error's class is logged. */
export function logBackgroundFailure(what: string, err: unknown): void {
  const code = err instanceof AppError ? err.code : err instanceof Error ? err.name : typeof err;
  console.error(`komet: ${what} failed: ${code}`);
  if (process.env.KOMET_DEBUG) console.error(err);
}

/**
 * One vault session per data folder and process (two would each think they own the key), and one
 * writing process per database: the gate holds the database's write lock for its whole life, so a
 * restore or a second app cannot replace the file under it, locked or unlocked.
 */
const claimed = new Set<string>();
export function claimDatabase(databasePath: string): () => void {
  const key = path.resolve(databasePath);
  if (claimed.has(key)) {
    throw new AppError('conflict', {
      sv: 'Databasen är redan öppen i den här processen.',
      en: 'The database is already open in this process.',
    });
  }
  const releaseLock = acquireWriteLock(key);
  claimed.add(key);
  return () => {
    claimed.delete(key);
    releaseLock();
  };
}
