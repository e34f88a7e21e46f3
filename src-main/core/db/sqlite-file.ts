import Database from 'better-sqlite3';

export interface SqliteFileOptions {
  /** Raw 32-byte data key; omitted for a plaintext file. */
  key?: Buffer;
  readonly?: boolean;
  fileMustExist?: boolean;
}

/**
 * Every SQLite connection Komet makes is opened here. The key goes first (it must be the very
 * first statement). Then temp_store = MEMORY: SQLite otherwise writes statement journals, sorts
 * and temporary tables to files of its own in the temp folder (etilqs_*), and those are not
 * encrypted by the cipher, so a large statement on an encrypted database would leave megabytes of
 * plaintext pages in /var/tmp. The cost is memory for those structures while a statement runs.
 */
export function openSqliteFile(file: string, options: SqliteFileOptions = {}): Database.Database {
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
  try {
    if (options.key) sqlite.pragma(`key = "x'${options.key.toString('hex')}'"`);
    sqlite.pragma('temp_store = MEMORY');
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
