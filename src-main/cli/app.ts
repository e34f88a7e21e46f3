import fs from 'node:fs';
import path from 'node:path';
import { NeedsMigration, startKomet, type KometApp } from '../app/komet-app';
import { acquireWriteLock } from '../core/db/write-lock';
import { AppError, type Result } from '../core/errors';
import { encryptDatabaseInPlace, keyFilePath, unlockWithPassphrase, vaultStatus } from '../core/vault';
import { CliFailure } from './common';

/**
 * The passphrase comes from the environment only: an argument would sit in the shell history
 * and in every process listing on the machine.
 */
export const passphraseFromEnv = (): string | undefined => process.env.KOMET_PASSPHRASE || undefined;

export const needPassphrase = () =>
  new CliFailure(
    {
      sv: 'Databasen är krypterad. Ange lösenfrasen i miljövariabeln KOMET_PASSPHRASE (aldrig som argument).',
      en: 'The database is encrypted. Give the passphrase in the environment variable KOMET_PASSPHRASE (never as an argument).',
    },
    2,
  );

const notKomet = () =>
  new CliFailure({
    sv: 'Filen är ingen Komet-databas, är skadad, eller är krypterad och saknar sin nyckelfil (komet.keys.json) bredvid sig.',
    en: 'The file is not a Komet database, is damaged, or is encrypted and lacks its key file (komet.keys.json) beside it.',
  });

export const missingDatabase = (databasePath: string) =>
  new CliFailure({
    sv: `Databasen finns inte: ${databasePath}. Skapa den med komet init (eller --unencrypted för demodata).`,
    en: `The database does not exist: ${databasePath}. Create it with komet init (or --unencrypted for demo data).`,
  });

export interface CliDatabase {
  dataDir: string;
  databasePath: string;
  /** The data key; undefined for an unencrypted database. Overwritten by close(). */
  key: Buffer | undefined;
  userName: string | undefined;
}

/**
 * Works out how to open the database at a path: with the data key unwrapped by KOMET_PASSPHRASE
 * when a key file lies beside it, or as a plain file (demos, benchmarks). A missing database
 * is created (unencrypted) only when `createPlain` says so.
 */
export async function resolveDatabase(databasePath: string, options: { createPlain?: boolean } = {}): Promise<CliDatabase> {
  const dataDir = path.dirname(databasePath);
  const status = vaultStatus(dataDir, databasePath);
  if (status.kind === 'ready') {
    const passphrase = passphraseFromEnv();
    if (!passphrase) throw needPassphrase();
    const key = await unlockWithPassphrase(dataDir, passphrase);
    // A setup killed before encrypting left the database in plaintext: finish the job, as the
    // one writer (a reader too may get here first).
    if (status.plaintextDatabase) {
      const release = acquireWriteLock(databasePath);
      try {
        encryptDatabaseInPlace(databasePath, key);
      } finally {
        release();
      }
    }
    return { dataDir, databasePath, key, userName: status.userName };
  }
  if (status.kind === 'damaged') {
    if (!fs.existsSync(keyFilePath(dataDir))) throw notKomet();
    throw status.error;
  }
  if (status.kind === 'new' && !options.createPlain) throw missingDatabase(databasePath);
  return { dataDir, databasePath, key: undefined, userName: undefined };
}

export function openResolved(db: CliDatabase, options: { readOnly?: boolean } = {}): KometApp {
  try {
    return startKomet({
      databasePath: db.databasePath,
      shell: 'cli',
      actor: db.userName ?? 'cli',
      ...(db.key ? { key: db.key } : {}),
      ...(options.readOnly ? { readOnly: true } : {}),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'database_unreadable') throw notKomet();
    throw err;
  }
}

/**
 * Opens for reading only, beside whatever process holds the write lock (WAL lets readers and one
 * writer share the file). A database an older Komet wrote is migrated first, which needs the lock
 * for a moment; while another program holds it, the refusal names that program.
 */
function openForReading(db: CliDatabase): KometApp {
  try {
    return openResolved(db, { readOnly: true });
  } catch (err) {
    if (!(err instanceof NeedsMigration)) throw err;
  }
  const release = acquireWriteLock(db.databasePath);
  try {
    openResolved(db).close();
  } finally {
    release();
  }
  return openResolved(db, { readOnly: true });
}

export interface AppAccess {
  /** Create a missing database, unencrypted (demos, benchmarks). */
  createPlain?: boolean;
  /**
   * Only read: no write lock, no migration, no seeding. Everything else is a writer and holds the
   * database's write lock while it runs, so it is refused while another program writes.
   */
  readOnly?: boolean;
}

/** Runs work on an app and always closes it (and forgets the key), even on failure. */
export async function withApp<T>(databasePath: string, work: (app: KometApp, db: CliDatabase) => Promise<T> | T, options: AppAccess = {}): Promise<T> {
  const db = await resolveDatabase(databasePath, options);
  try {
    const release = options.readOnly ? null : acquireWriteLock(databasePath);
    try {
      const app = options.readOnly ? openForReading(db) : openResolved(db);
      try {
        return await work(app, db);
      } finally {
        app.close();
      }
    } finally {
      release?.();
    }
  } finally {
    db.key?.fill(0);
  }
}

/** A procedure's value, or its typed error thrown so reportFailure prints it. */
export function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  throw new AppError(result.error.code, result.error.message, result.error.issues);
}
