import fs from 'node:fs';
import path from 'node:path';
import { NeedsMigration, startKomet, type KometApp } from '../app/komet-app';
import { signedInUser } from '../app/signed-in-user';
import { acquireWriteLock } from '../core/db/write-lock';
import { AppError, type Result } from '../core/errors';
import { backupNames, backupsDirOf, settleVaultFiles } from '../core/backup';
import { forget, keyFileOf, keyFilePath, unlockKeyring, vaultStatus, type Keyring } from '../core/vault';
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

/**
 * A database file that does not exist: to be created with init, unless its key file is there,
 * which means a database existed and is lost: never created anew, only restored.
 */
export function missingDatabase(databasePath: string): CliFailure {
  if (fs.existsSync(keyFileOf(path.dirname(databasePath), databasePath))) return missingBesideKeyFile(databasePath);
  return new CliFailure({
    sv: `Databasen finns inte: ${databasePath}. Skapa den med komet init (eller --unencrypted för demodata).`,
    en: `The database does not exist: ${databasePath}. Create it with komet init (or --unencrypted for demo data).`,
  });
}

function missingBesideKeyFile(databasePath: string): CliFailure {
  const newest = backupNames(backupsDirOf(path.dirname(databasePath)))[0];
  const from = newest ? path.join(backupsDirOf(path.dirname(databasePath)), newest.name) : 'SÄKERHETSKOPIA/BACKUP';
  return new CliFailure({
    sv: `Databasen saknas eller är tom men dess nyckelfil finns: ${databasePath}. Komet skapar ingen ny databas här. Återställ en säkerhetskopia: komet restore --db ${databasePath} --from ${from}`,
    en: `The database is missing or empty but its key file is there: ${databasePath}. Komet does not create a new database here. Restore a backup: komet restore --db ${databasePath} --from ${from}`,
  });
}

export interface CliDatabase {
  dataDir: string;
  databasePath: string;
  /** The data key; undefined for an unencrypted database. Overwritten by close(). */
  key: Buffer | undefined;
  userName: string | undefined;
  /** The key file that opened it: the data folder's, or a backup's own copy. */
  keyFile?: string;
  /** The data key and the ones a rekey retired (for backups made before it). */
  ring?: Keyring;
}

/**
 * Works out how to open the database at a path: with the data key unwrapped by KOMET_PASSPHRASE
 * from its key file (a backup's own `<file>.keys.json`, else the folder's komet.keys.json), or as
 * a plain file (demos, benchmarks). A missing database is created (unencrypted) only when
 * `createPlain` says so, and never beside a key file (`allowMissing` is for restore, which is
 * how such a folder gets its database back).
 */
export async function resolveDatabase(databasePath: string, options: { createPlain?: boolean; allowMissing?: boolean } = {}): Promise<CliDatabase> {
  const dataDir = path.dirname(databasePath);
  const status = vaultStatus(dataDir, databasePath);
  if (status.state === 'locked') {
    if (status.databaseMissing && !options.allowMissing) throw missingBesideKeyFile(databasePath);
    const passphrase = passphraseFromEnv();
    if (!passphrase) throw needPassphrase();
    const keyFile = keyFileOf(dataDir, databasePath);
    const { ring } = await unlockKeyring(keyFile, { passphrase });
    // A setup or rekey killed half-way is finished, a plaintext database encrypted.
    if (!status.databaseMissing) settleAsWriter(databasePath, () => settleVaultFiles(databasePath, backupsDirOf(dataDir), ring.key, keyFile));
    return { dataDir, databasePath, key: ring.key, userName: status.userName, keyFile, ring };
  }
  if (status.state === 'damaged') {
    if (!fs.existsSync(keyFilePath(dataDir))) throw notKomet();
    throw status.error;
  }
  if (status.state === 'new' && !options.createPlain) throw missingDatabase(databasePath);
  return { dataDir, databasePath, key: undefined, userName: undefined };
}

/** The vault's user, or on an unencrypted database the person signed in to this computer. */
export const cliActor = (db: CliDatabase): string => db.userName ?? signedInUser();

export function openResolved(db: CliDatabase, options: { readOnly?: boolean } = {}): KometApp {
  try {
    return startKomet({
      databasePath: db.databasePath,
      shell: 'cli',
      actor: cliActor(db),
      ...(db.key ? { key: db.key } : {}),
      ...(options.readOnly ? { readOnly: true } : {}),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'database_unreadable') throw notKomet();
    throw err;
  }
}

/**
 * Finishing an interrupted setup or rekey writes, so it is done by the one writer. While another
 * Komet program holds the write lock, that program settled the files when it opened them.
 */
function settleAsWriter(databasePath: string, settle: () => unknown): void {
  let release: () => void;
  try {
    release = acquireWriteLock(databasePath);
  } catch (err) {
    if (err instanceof AppError && err.code === 'in_use') return;
    throw err;
  }
  try {
    settle();
  } finally {
    release();
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
    if (db.ring) forget(db.ring);
    db.key?.fill(0);
  }
}

/** A procedure's value, or its typed error thrown so reportFailure prints it. */
export function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  throw new AppError(result.error.code, result.error.message, result.error.issues);
}
