import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { privateDirMode, privateFileMode } from '../private-dir';
import { processLabel } from '../process-label';
import { openSqliteFile } from './sqlite-file';

/**
 * One process at a time may write a database: a restore or a second app under a running one would
 * otherwise replace the file the first one goes on writing to, and its later writes would be lost.
 *
 * The lock is SQLite's own file lock on a small side database (`komet.db.lock`): opened with
 * locking_mode = EXCLUSIVE and written once, the connection keeps its exclusive lock until it is
 * closed, and the operating system drops the lock when the process ends however it ends (kill -9,
 * a crash, a power cut), so it never goes stale the way a pid file does. Beside it,
 * `komet.db.lock-holder.json` says who holds it (program, process id, since when; nothing
 * personal), written after the lock is taken and read only to word the refusal.
 *
 * Within one process the lock is shared: the runtime and the CLI command that made it are one holder.
 */

export interface LockHolder {
  program: string;
  pid: number;
  since: string;
}

export const lockFileOf = (databasePath: string) => `${path.resolve(databasePath)}.lock`;
export const holderFileOf = (databasePath: string) => `${path.resolve(databasePath)}.lock-holder.json`;

const held = new Map<string, { sqlite: Database.Database; count: number }>();

const isBusy = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/**
 * Takes the write lock of a database, or throws `in_use` naming the holder. Returns the release,
 * which is safe to call twice; the last release in the process closes the lock.
 */
export function acquireWriteLock(databasePath: string): () => void {
  const key = path.resolve(databasePath);
  const mine = held.get(key);
  if (mine) {
    mine.count += 1;
    return once(() => releaseOne(key));
  }
  try {
    fs.mkdirSync(path.dirname(key), { recursive: true, mode: privateDirMode });
  } catch {
    throw lockUnavailable();
  }
  // A lock file can be removed by its last holder (see releaseOne) between our open and our lock:
  // then we hold a lock on a file nobody else will see. Comparing the file's identity before
  // opening and after locking catches that, and the attempt is made again.
  let sqlite: Database.Database | null = null;
  for (let attempt = 0; attempt < 5 && !sqlite; attempt++) {
    const before = identityOf(lockFileOf(key));
    const candidate = lockOnce(key);
    const after = identityOf(lockFileOf(key));
    if (after !== null && (before === null || before === after)) sqlite = candidate;
    else candidate.close();
  }
  if (!sqlite) throw lockUnavailable();
  held.set(key, { sqlite, count: 1 });
  writeHolder(key, { program: processLabel(), pid: process.pid, since: new Date().toISOString() });
  return once(() => releaseOne(key));
}

/** Opens the lock file and takes its exclusive lock, or throws `in_use` naming the holder. */
function lockOnce(key: string): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = openSqliteFile(lockFileOf(key));
  } catch {
    throw lockUnavailable();
  }
  try {
    // Refuse at once rather than wait: the holder may run for hours.
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    // No journal file beside the lock file: its content does not matter, only the lock does
    // (the cipher build refuses journal_mode = OFF; MEMORY keeps the journal off the disk).
    sqlite.pragma('journal_mode = MEMORY');
    // The first write takes the exclusive lock, and exclusive locking mode keeps it.
    sqlite.pragma(`user_version = ${process.pid}`);
    return sqlite;
  } catch (err) {
    sqlite.close();
    if (isBusy(err)) throw inUse(readHolder(key));
    throw lockUnavailable();
  }
}

function identityOf(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * The last release removes the holder file and the lock file while the lock is still held, so a
 * data folder keeps no trace of it between runs; whoever opened the old file meanwhile sees it
 * gone after locking and tries again (see acquireWriteLock). A process that dies keeps its files,
 * and the next holder simply takes them over.
 */
function releaseOne(key: string): void {
  const mine = held.get(key);
  if (!mine) return;
  mine.count -= 1;
  if (mine.count > 0) return;
  held.delete(key);
  const holder = readHolder(key);
  if (holder?.pid === process.pid) fs.rmSync(holderFileOf(key), { force: true });
  try {
    fs.rmSync(lockFileOf(key), { force: true });
  } catch {
    // Windows cannot remove an open file; it stays until the next holder's release.
  }
  mine.sqlite.close();
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

function writeHolder(key: string, holder: LockHolder): void {
  const file = holderFileOf(key);
  const temp = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, `${JSON.stringify(holder)}\n`, { mode: privateFileMode });
    fs.renameSync(temp, file);
  } catch {
    // Only the wording of a refusal depends on it; the lock itself is held.
    fs.rmSync(temp, { force: true });
  }
}

/** The holder as it wrote itself down, or null when unknown or left by a process that is gone. */
export function readHolder(databasePath: string): LockHolder | null {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(holderFileOf(databasePath), 'utf8'));
  } catch {
    return null;
  }
  const h = value as Partial<LockHolder> | null;
  if (!h || typeof h.program !== 'string' || !Number.isInteger(h.pid) || typeof h.since !== 'string') return null;
  const holder: LockHolder = { program: h.program.slice(0, 80), pid: h.pid!, since: h.since };
  return isAlive(holder.pid) ? holder : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM';
  }
}

const localTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '?';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function inUse(holder: LockHolder | null): AppError {
  if (!holder) {
    return new AppError('in_use', {
      sv: 'Databasen används redan av ett annat Komet-program. Stäng det först och försök igen.',
      en: 'The database is already in use by another Komet program. Close it first and try again.',
    });
  }
  const since = localTime(holder.since);
  return new AppError('in_use', {
    sv: `Databasen används redan av ${holder.program} (process ${holder.pid}, sedan ${since}). Stäng det först och försök igen.`,
    en: `The database is already in use by ${holder.program} (process ${holder.pid}, since ${since}). Close it first and try again.`,
  });
}

const lockUnavailable = () =>
  new AppError('io', {
    sv: 'Databasens låsfil (.lock bredvid databasen) kan inte skapas eller öppnas: mappen är skrivskyddad, eller filen är skadad (den kan tas bort när inget Komet-program körs).',
    en: 'The database’s lock file (.lock beside the database) cannot be created or opened: the folder is read-only, or the file is damaged (it may be removed while no Komet program runs).',
  });
